/**
 * What a learner hands in is what it says it is, and within bounds: a file is checked by its first bytes (a Windows
 * program named `evil.exe.pdf` with the PDF type is refused, nothing of it stored), text parts and the whole report
 * have a size cap named in the reply, and the parts already sent stay.
 */
import { afterEach, describe, expect, it } from "vitest";
import { clock, setUpClass } from "../helpers/coursework.js";
import { plainZip, smallDocx, smallOdt, smallPdf, windowsProgram, wordDocHeader } from "../helpers/file-bytes.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const PDF = "application/pdf";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const send = async (file_name: string, mime_type: string, data: Uint8Array) =>
  h.texts(await h.run(h.emu.document(users.an, { file_name, mime_type, data }))).join("\n");

describe("report files checked by what they are", () => {
  it("refuses a disguised program and a zip that is no DOCX, keeps the draft, accepts real PDF, DOCX, ODT, DOC", async () => {
    h = await createHarness({ now: clock(new Date("2026-12-07T08:00:00Z")).now });
    const record = await setUpClass(h);
    await h.say(users.an, "/report");
    await h.say(users.an, "Mở đầu bản thu hoạch");

    const exe = await send("evil.exe.pdf", PDF, windowsProgram());
    expect(exe).toContain("Tệp «evil.exe.pdf» không nhận được");
    expect(exe).toContain("vẫn được giữ: 1 phần");
    const zip = await send("thu-hoach.docx", DOCX, plainZip());
    expect(zip).toContain("Tệp «thu-hoach.docx» không nhận được");
    // A real file under another type's name is refused as well.
    expect(await send("bai.docx", DOCX, await smallPdf())).toContain("không nhận được");

    expect(await send("thu-hoach.pdf", PDF, await smallPdf())).toContain("Đã nhận phần 2");
    expect(await send("ban-chinh.docx", DOCX, await smallDocx())).toContain("Đã nhận phần 3");
    expect(await send("ban-odt.odt", "application/vnd.oasis.opendocument.text", smallOdt())).toContain(
      "Đã nhận phần 4",
    );
    expect(await send("ban-cu.doc", "application/msword", wordDocHeader())).toContain("Đã nhận phần 5");
    await h.tap(users.an, "Xong");
    await h.tap(users.an, "Nộp");
    const [v] = await h.store.reports.versions(record.id, users.an.id);
    const names = v?.parts.map((p) => (p.kind === "document" ? p.fileName : p.kind));
    expect(names).toEqual(["text", "thu-hoach.pdf", "ban-chinh.docx", "ban-odt.odt", "ban-cu.doc"]);
  });

  it("a file Telegram will not hand over is not taken, and the learner is asked to send it again", async () => {
    h = await createHarness({ now: clock(new Date("2026-12-07T08:00:00Z")).now });
    await setUpClass(h);
    await h.say(users.an, "/report");
    h.emu.failNext("getFile", { error_code: 502, description: "Bad Gateway" });
    const reply = await send("thu-hoach.pdf", PDF, await smallPdf());
    expect(reply).toContain("chưa tải được tệp «thu-hoach.pdf»");
    expect(await send("thu-hoach.pdf", PDF, await smallPdf())).toContain("Đã nhận phần 1");
  });
});

describe("report size caps", () => {
  it("a part over the part limit and text over the report limit are refused by name, earlier parts kept", async () => {
    h = await createHarness({
      now: clock(new Date("2026-12-07T08:00:00Z")).now,
      rateLimit: { limit: 1000, windowMs: 1000 },
    });
    const record = await setUpClass(h);
    await h.say(users.an, "/report");
    const long = (await h.say(users.an, "ý ".repeat(2_600))).join("\n");
    expect(long).toContain("dài quá 4.096 ký tự nên chưa được nhận");
    for (let i = 1; i <= 15; i++) {
      expect((await h.say(users.an, `${String(i).padStart(2, "0")}${"đ".repeat(3_998)}`)).join()).toContain(
        `Đã nhận phần ${i}`,
      );
    }
    const over = (await h.say(users.an, "Kết luận của bản thu hoạch")).join("\n");
    expect(over).toContain("tối đa 60.000 ký tự");
    expect(over).toContain("vẫn được giữ: 15 phần");
    await h.tap(users.an, "Xong");
    await h.tap(users.an, "Nộp");
    const [v] = await h.store.reports.versions(record.id, users.an.id);
    expect(v?.parts).toHaveLength(15);
  });

  it("the same part sent twice is there once", async () => {
    h = await createHarness({ now: clock(new Date("2026-12-07T08:00:00Z")).now });
    const record = await setUpClass(h);
    await h.say(users.an, "/report");
    await h.say(users.an, "Phần một của bản thu hoạch");
    expect((await h.say(users.an, "Phần một của bản thu hoạch")).join()).toContain("bạn đã gửi rồi");
    const pdf = await smallPdf();
    const first = h.emu.document(users.an, { file_name: "a.pdf", mime_type: PDF, data: pdf });
    await h.run(first);
    // Telegram's unique id of the same file, sent again.
    const again = structuredClone(first);
    again.update_id += 1000;
    if (again.message) again.message.message_id += 1000;
    expect(h.texts(await h.run(again)).join()).toContain("bạn đã gửi rồi");
    await h.tap(users.an, "Xong");
    await h.tap(users.an, "Nộp");
    const [v] = await h.store.reports.versions(record.id, users.an.id);
    expect(v?.parts.map((p) => p.kind)).toEqual(["text", "document"]);
  });
});
