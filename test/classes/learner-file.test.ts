/**
 * A centre's learner list, as the files really come: UTF-8 from "CSV UTF-8", the same with a BOM, an old
 * Windows-1258 or TCVN3 export (refused with what to do, never stored garbled), and the .xlsx itself with its
 * header and STT column.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readLearnerFile } from "../../src/classes/learner-file.js";
import { createI18n } from "../../src/i18n.js";

const i18n = createI18n();

/** "Phạm Văn Đức,Chi bộ 3" in Windows-1258: tones as combining marks after the letter. */
const WINDOWS_1258 = Buffer.from([
  ...Buffer.from("Ph"),
  0x61,
  0xf2, // a + combining dot below
  ...Buffer.from("m V"),
  0xe3, // ă
  ...Buffer.from("n "),
  0xd0, // Đ
  0xfd, // ư
  0xec, // combining acute
  ...Buffer.from("c,Chi b"),
  0xf4, // ô
  0xf2, // combining dot below
  ...Buffer.from(" 3\r\n"),
]);

/** "Đỗ Thị Hà,Chi bộ 1" in TCVN3 (ABC): precomposed lower-case letters in 0xA1–0xBF. */
const TCVN3 = Buffer.from([
  0xa7, 0xae, 0xe9, 0x20, 0x54, 0x68, 0xb8, 0x20, 0x48, 0xb5, 0x2c, 0x43, 0x68, 0x69, 0x20, 0x62, 0xe9, 0x20, 0x31,
]);

describe("reading a learner list", () => {
  it("reads UTF-8, recognising the header row", async () => {
    const file = await readLearnerFile(Buffer.from("Họ và tên,Đơn vị\nPhạm Văn Đức,Chi bộ 3\n"), "ds.csv");
    expect(file).toMatchObject({ ok: true, header: true, learners: [{ fullName: "Phạm Văn Đức", unit: "Chi bộ 3" }] });
  });

  it("reads UTF-8 with a BOM (Excel's CSV UTF-8), header starting with STT", async () => {
    const bytes = Buffer.from("\uFEFFSTT;Họ và tên;Đơn vị;Điện thoại\r\n1;Phạm Văn Đức;Chi bộ 3;0912 345 678\r\n");
    const file = await readLearnerFile(bytes, "ds.csv");
    expect(file).toMatchObject({
      ok: true,
      learners: [{ fullName: "Phạm Văn Đức", unit: "Chi bộ 3", phone: "0912345678" }],
      problems: [],
    });
  });

  it("refuses Windows-1258 with a Vietnamese message naming the fix", async () => {
    const file = await readLearnerFile(WINDOWS_1258, "ds.csv");
    expect(file).toEqual({ ok: false, refusal: "windows_1258" });
    const text = i18n.t("vi", "import-refused-windows_1258");
    expect(text).toContain("Windows-1258");
    expect(text).toContain("CSV UTF-8");
    expect(i18n.t("en", "import-refused-windows_1258")).toContain("Save As");
  });

  it("refuses TCVN3 (ABC) and names Unikey's converter", async () => {
    expect(await readLearnerFile(TCVN3, "ds.csv")).toEqual({ ok: false, refusal: "tcvn3" });
    expect(i18n.t("vi", "import-refused-tcvn3")).toContain("Unikey");
  });

  it("reads the .xlsx itself: header, STT column, problems by row", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Danh sách");
    ws.addRow(["STT", "Họ và tên", "Đơn vị", "Telegram"]);
    ws.addRow([1, "Phạm Văn Đức", "Chi bộ 3", "@duc_pham"]);
    ws.addRow([2, "Trần Thị Bình", "", ""]);
    ws.addRow([3, "Lê Văn Cường", "Chi bộ 5", "???"]);
    const file = await readLearnerFile(Buffer.from(await wb.xlsx.writeBuffer()), "ds.xlsx");
    expect(file).toEqual({
      ok: true,
      format: "xlsx",
      header: true,
      learners: [
        { fullName: "Phạm Văn Đức", unit: "Chi bộ 3", username: "duc_pham" },
        { fullName: "Lê Văn Cường", unit: "Chi bộ 5" },
      ],
      problems: [
        { row: 3, code: "needs_name_and_unit" },
        { row: 4, code: "bad_extra", value: "???" },
      ],
    });
    expect(i18n.t("vi", "import-problem-needs_name_and_unit", { row: 3 })).toBe("Dòng 3: cần có họ tên và đơn vị");
  });

  it("refuses a broken .xlsx and an empty file", async () => {
    expect(await readLearnerFile(Buffer.from("PK\u0003\u0004broken"), "ds.xlsx")).toEqual({
      ok: false,
      refusal: "xlsx_unreadable",
    });
    expect(await readLearnerFile(Buffer.from("\n\n"), "ds.csv")).toEqual({ ok: false, refusal: "empty" });
  });
});
