/**
 * A coordinator imports a class's learner list in the bot: sends the file, sees the preview with the counts and the
 * problems by row, confirms; a Windows-1258 file is refused with the fix, and nothing is stored.
 */
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import { createClass, loadProgramTemplate } from "../../src/classes/service.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function aClass(h: Harness) {
  return createClass(
    h.store,
    loadProgramTemplate("content"),
    { name: "Lớp bồi dưỡng khoá II", startDate: "2026-12-07", variant: 4, timeZone: "Asia/Ho_Chi_Minh" },
    new Date("2026-12-01T00:00:00Z"),
  );
}

const send = (h: Harness, fileName: string, data: Uint8Array) =>
  h.run(h.emu.document(users.coordinator, { file_name: fileName, data, file_size: data.length }));

describe("a coordinator imports the learner list in the bot", () => {
  it("sends an .xlsx, sees the counts and the problems by row, confirms, and the list is the class's", async () => {
    h = await createHarness();
    const record = await aClass(h);
    const [asked] = await h.say(users.coordinator, "/import");
    expect(asked).toContain("Lớp bồi dưỡng khoá II");

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("DS");
    ws.addRow(["STT", "Họ và tên", "Đơn vị", "Điện thoại"]);
    ws.addRow([1, "Phạm Văn Đức", "Chi bộ 3", "0912 345 678"]);
    ws.addRow([2, "Hồ Thị Lan", "", ""]);
    ws.addRow([3, "Lê Văn Cường", "Chi bộ 5", ""]);
    const preview = h.texts(await send(h, "danh-sach.xlsx", Buffer.from(await wb.xlsx.writeBuffer()))).join("\n");
    expect(preview).toContain("2 học viên sẽ được nhập vào lớp");
    expect(preview).toContain("• Phạm Văn Đức");
    expect(preview).toContain("Có 1 dòng chưa nhập được");
    expect(preview).toContain("Dòng 3: cần có họ tên và đơn vị");
    expect(await h.store.classes.preRegistered(record.id)).toEqual([]);

    const done = h.texts(await h.tap(users.coordinator, "Nhập")).join("\n");
    expect(done).toContain("Đã nhập 2 học viên");
    const stored = await h.store.classes.preRegistered(record.id);
    expect(stored.map((p) => p.fullName).sort()).toEqual(["Lê Văn Cường", "Phạm Văn Đức"]);
    expect(stored.find((p) => p.fullName === "Phạm Văn Đức")).toMatchObject({
      phone: "0912345678",
      importedBy: users.coordinator.id,
    });
  });

  it("refuses a Windows-1258 CSV with the fix, then takes the UTF-8 one", async () => {
    h = await createHarness();
    const record = await aClass(h);
    await h.say(users.coordinator, "/import");
    const legacy = Buffer.from([
      0x50, 0x68, 0x61, 0xf2, 0x6d, 0x2c, 0x43, 0x68, 0x69, 0x20, 0x62, 0xf4, 0xf2, 0x0d, 0x0a,
    ]);
    const refused = h.texts(await send(h, "ds.csv", legacy)).join("\n");
    expect(refused).toContain("Windows-1258");
    expect(refused).toContain("CSV UTF-8");
    const preview = h.texts(
      await send(h, "ds.csv", Buffer.from("\uFEFFHọ và tên,Đơn vị\r\nPhạm Văn Đức,Chi bộ 3\r\n")),
    );
    expect(preview.join("\n")).toContain("1 học viên sẽ được nhập");
    await h.tap(users.coordinator, "Nhập");
    expect((await h.store.classes.preRegistered(record.id)).map((p) => p.fullName)).toEqual(["Phạm Văn Đức"]);
  });

  it("is refused to a learner", async () => {
    h = await createHarness();
    await aClass(h);
    const [reply] = await h.say(users.an, "/import");
    expect(reply).toContain("Xin lỗi");
  });
});
