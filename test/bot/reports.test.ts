import { afterEach, describe, expect, it } from "vitest";
import { clock, setUpClass, submitTextReport } from "../helpers/coursework.js";
import { smallDocx, smallPdf } from "../helpers/file-bytes.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
let h2: Harness | undefined;
afterEach(async () => {
  await h?.close();
  await h2?.close();
  h2 = undefined;
});

const PDF = "application/pdf";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

describe("a learner submits the bản thu hoạch", () => {
  it("is told what a report contains, sends text in two messages, previews, confirms and gets a receipt", async () => {
    const c = clock(new Date("2026-12-07T08:00:00Z"));
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    const [intro] = await h.say(users.an, "/report");
    expect(intro).toContain("Nộp bản thu hoạch");
    expect(intro).toContain("PDF, DOC, DOCX hoặc ODT");
    expect(intro).toContain("Hạn nộp: 08/12/2026 23:59");
    expect(await h.say(users.an, "Phần 1: những điều tâm đắc <về chi bộ>")).toEqual([
      expect.stringContaining("Đã nhận phần 1"),
    ]);
    await h.say(users.an, "Phần 2: vận dụng vào chi bộ thôn Đông");
    const preview = h.texts(await h.tap(users.an, "Xong"));
    expect(preview.join("\n")).toContain("Chữ: 2 tin nhắn");
    expect(preview.join("\n")).toContain("<về chi bộ>");
    const receipt = h.texts(await h.tap(users.an, "Nộp")).join("\n");
    expect(receipt).toContain("Đã nhận bản thu hoạch");
    expect(receipt).toContain("Lớp: Lớp bồi dưỡng khoá I");
    expect(receipt).toContain("Thời gian: 07/12/2026 15:00");
    expect(receipt).toContain("Phiên bản: 1");
    expect(receipt).not.toContain("muộn");
    // The instructor hears of it quietly, and opens it from there.
    const notice = h.last(users.lan);
    expect(notice.text).toBe("📝 Nguyễn Văn An vừa nộp bản thu hoạch (lần 1) — lớp Lớp bồi dưỡng khoá I.");
    const sent = h.emu.calls.filter((call) => call.method === "sendMessage" && call.payload.chat_id === users.lan.id);
    expect(sent.at(-1)?.payload.disable_notification).toBe(true);
    const opened = h.texts(await h.tap(users.lan, "Mở bài")).join("\n");
    expect(opened).toContain("Phần 2: vận dụng vào chi bộ thôn Đông");
    const versions = await h.store.reports.versions(record.id, users.an.id);
    expect(versions).toHaveLength(1);
    expect(versions[0]?.parts).toEqual([
      { kind: "text", text: "Phần 1: những điều tâm đắc <về chi bộ>" },
      { kind: "text", text: "Phần 2: vận dụng vào chi bộ thôn Đông" },
    ]);
  });

  it("sends a DOCX and photos of handwritten pages; they are kept as file_ids", async () => {
    const c = clock(new Date("2026-12-07T08:00:00Z"));
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    await h.say(users.an, "/report");
    const doc = await h.run(
      h.emu.document(
        users.an,
        { file_name: "thu-hoach.docx", mime_type: DOCX, file_size: 300_000, data: await smallDocx() },
        "Bản chính",
      ),
    );
    expect(h.texts(doc)).toEqual([expect.stringContaining("Đã nhận phần 2")]);
    await h.run(h.emu.photo(users.an, { file_size: 900_000 }));
    await h.run(h.emu.photo(users.an, { file_size: 800_000 }));
    const preview = h.texts(await h.tap(users.an, "Xong")).join("\n");
    expect(preview).toContain("Tệp: thu-hoach.docx");
    expect(preview).toContain("Ảnh: 2");
    await h.tap(users.an, "Nộp");
    const [v] = await h.store.reports.versions(record.id, users.an.id);
    // The caption of the file is kept as text.
    expect(v?.parts.map((p) => p.kind)).toEqual(["document", "text", "photo", "photo"]);
    expect(v?.parts[1]).toEqual({ kind: "text", text: "Bản chính" });
    const docPart = v?.parts[0];
    expect(docPart?.kind === "document" && h.emu.files.get(docPart.fileId)?.file_name).toBe("thu-hoach.docx");
    // The largest size of each photo is kept.
    const photoPart = v?.parts[2];
    expect(photoPart?.kind === "photo" && h.emu.files.get(photoPart.fileId)?.file_size).toBe(900_000);
  });

  it("refuses a wrong file type and an oversize file clearly, and keeps what was already sent", async () => {
    const c = clock(new Date("2026-12-07T08:00:00Z"));
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    await h.say(users.an, "/report");
    await h.say(users.an, "Mở đầu bản thu hoạch");
    const exe = h.texts(
      await h.run(h.emu.document(users.an, { file_name: "virus.exe", mime_type: "application/x-msdownload" })),
    );
    expect(exe.join("\n")).toContain("chỉ nhận PDF, DOC, DOCX hoặc ODT");
    expect(exe.join("\n")).toContain("vẫn được giữ: 1 phần");
    // A PDF name with a non-PDF type is refused too: both the extension and the type must agree.
    const fake = h.texts(await h.run(h.emu.document(users.an, { file_name: "bao-cao.pdf", mime_type: "image/png" })));
    expect(fake.join("\n")).toContain("chỉ nhận PDF");
    const big = h.texts(
      await h.run(h.emu.document(users.an, { file_name: "scan.pdf", mime_type: PDF, file_size: 25 * 1024 * 1024 })),
    );
    expect(big.join("\n")).toContain("lớn hơn 20 MB");
    const bigPhoto = h.texts(await h.run(h.emu.photo(users.an, { file_size: 21 * 1024 * 1024 })));
    expect(bigPhoto.join("\n")).toContain("lớn hơn 20 MB");
    const sticker = h.texts(
      await h.run(
        h.emu.raw({
          message: {
            ...h.last(users.an),
            message_id: 999,
            from: { id: users.an.id, is_bot: false, first_name: "An" },
            sticker: { file_id: "x" },
            text: undefined,
          },
        }),
      ),
    );
    expect(sticker.join("\n")).toContain("không dùng được");
    await h.tap(users.an, "Xong");
    await h.tap(users.an, "Nộp");
    const [v] = await h.store.reports.versions(record.id, users.an.id);
    expect(v?.parts).toEqual([{ kind: "text", text: "Mở đầu bản thu hoạch" }]);
  });

  it("keeps a half-written report across a bot restart", async () => {
    const c = clock(new Date("2026-12-07T08:00:00Z"));
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    await h.say(users.an, "/report");
    await h.say(users.an, "Trang 1 viết trước khi bot khởi động lại");
    await h.run(
      h.emu.document(users.an, { file_name: "phu-luc.pdf", mime_type: PDF, file_size: 50_000, data: await smallPdf() }),
    );
    // A new bot process on the same Redis data and the same Telegram chat.
    h2 = await createHarness({ now: c.now, prefix: h.prefix, emulator: h.emu });
    expect(await h2.say(users.an, "Trang 2 sau khi khởi động lại")).toEqual([
      expect.stringContaining("Đã nhận phần 3"),
    ]);
    const preview = h2.texts(await h2.tap(users.an, "Xong")).join("\n");
    expect(preview).toContain("Chữ: 2 tin nhắn");
    expect(preview).toContain("Tệp: phu-luc.pdf");
    await h2.tap(users.an, "Nộp");
    const [v] = await h2.store.reports.versions(record.id, users.an.id);
    expect(v?.parts.map((p) => p.kind)).toEqual(["text", "document", "text"]);
  });

  it("allows resubmission as a new version; after the deadline it is accepted but marked late", async () => {
    const c = clock(new Date("2026-12-07T08:00:00Z"));
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    await h.say(users.an, "/report");
    await h.say(users.an, "Bản đầu");
    await h.tap(users.an, "Xong");
    await h.tap(users.an, "Nộp");
    c.set("2026-12-09T01:00:00Z"); // 08:00 on 09/12, after 23:59 on 08/12
    const [intro] = await h.say(users.an, "/report");
    expect(intro).toContain("Bạn đã nộp 1 lần");
    await h.say(users.an, "Bản sửa");
    await h.tap(users.an, "Xong");
    const receipt = h.texts(await h.tap(users.an, "Nộp")).join("\n");
    expect(receipt).toContain("Phiên bản: 2");
    expect(receipt).toContain("nộp muộn");
    expect(h.last(users.lan).text).toBe(
      "📝 Nguyễn Văn An vừa nộp bản thu hoạch (lần 2) — lớp Lớp bồi dưỡng khoá I. ⚠️ Nộp muộn.",
    );
    const versions = await h.store.reports.versions(record.id, users.an.id);
    expect(versions.map((v) => [v.version, v.late])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it("uses the deadline set by the coordinator instead of the default", async () => {
    const c = clock(new Date("2026-12-07T08:00:00Z"));
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    expect((await h.say(users.an, `/deadline ${record.id} 07/12/2026 14:00`)).join("\n")).toContain(
      "cán bộ quản lý lớp",
    );
    expect((await h.say(users.coordinator, `/deadline ${record.id} 31/02/2026`)).join("\n")).toContain("chưa đúng");
    const set = (await h.say(users.coordinator, `/deadline ${record.id} 07/12/2026 14:00`)).join("\n");
    expect(set).toContain("Đã đặt hạn nộp thu hoạch");
    expect(set).toContain("07/12/2026 14:00 (do cán bộ quản lý lớp đặt)");
    expect((await h.store.classes.get(record.id))?.reportDeadline).toBe("2026-12-07T07:00:00.000Z");
    const [intro] = await h.say(users.an, "/report");
    expect(intro).toContain("Hạn nộp: 07/12/2026 14:00");
    await h.say(users.an, "Nộp sau hạn");
    await h.tap(users.an, "Xong");
    expect(h.texts(await h.tap(users.an, "Nộp")).join("\n")).toContain("nộp muộn");
  });

  it("while writing, a stale button and a command get a hint, and nothing already sent is lost", async () => {
    const c = clock(new Date("2026-12-07T08:00:00Z"));
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    await h.say(users.an, "/report");
    await h.say(users.an, "Phần 1 của bài");
    const stale = await h.run(h.emu.click(users.an, h.last(users.an).message_id, "qa:n:1"));
    expect(stale.find((x) => x.method === "answerCallbackQuery")?.payload.text).toBe(
      "Mời bạn dùng các nút của bước hiện tại.",
    );
    expect(await h.say(users.an, "/schedule")).toEqual([expect.stringContaining("Bạn đang ở giữa một bước nhập liệu")]);
    await h.tap(users.an, "Xong");
    await h.tap(users.an, "Nộp");
    const [v] = await h.store.reports.versions(record.id, users.an.id);
    expect(v?.parts).toEqual([{ kind: "text", text: "Phần 1 của bài" }]);
  });

  it("a question typed while writing is asked about, not added to the report unseen", async () => {
    const c = clock(new Date("2026-12-07T08:00:00Z"));
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    await h.say(users.an, "/report");
    await h.say(users.an, "Phần 1: những điều tâm đắc về công tác dân vận ở chi bộ thôn Đông, xã Tân Lập.");
    const [check] = await h.say(users.an, "bài này có cần ghi họ tên ở đầu không?");
    expect(check).toBe(
      "Tin nhắn «bài này có cần ghi họ tên ở đầu không?» có vẻ là câu hỏi hoặc lời nhắn cho tôi. Có thêm tin này vào bản thu hoạch không?",
    );
    expect(h.inlineButtons(h.last(users.an)).map((b) => b.text)).toEqual([
      "📝 Là một phần của bài",
      "❓ Không, đó là lời nhắn cho bot",
    ]);
    const [skipped] = h.texts(await h.tap(users.an, "lời nhắn cho bot"));
    expect(skipped).toContain("Tôi không thêm tin đó vào bài (bài đang có 1 phần)");
    expect(skipped).toContain("/question");
    // A request the bot knows, without a question mark, is asked about too; this one does belong to the report.
    await h.say(users.an, "xem lịch học ở đâu");
    expect(h.texts(await h.tap(users.an, "Là một phần của bài"))).toEqual([expect.stringContaining("Đã nhận phần 2")]);
    // Left unanswered, a text in doubt stays in the report when the learner goes on.
    expect(await h.say(users.an, "cảm ơn thầy cô")).toEqual([expect.stringContaining("lời nhắn cho tôi")]);
    expect(await h.say(users.an, "Phần 3: kiến nghị với chi bộ.")).toEqual([expect.stringContaining("Đã nhận phần 4")]);
    // The older prompt's buttons have nothing left to settle.
    const stale = await h.tap(users.an, "Là một phần của bài");
    expect(stale.find((x) => x.method === "answerCallbackQuery")?.payload.text).toBe(
      "Mời bạn dùng các nút của bước hiện tại.",
    );
    await h.tap(users.an, "Xong");
    await h.tap(users.an, "Nộp");
    const [v] = await h.store.reports.versions(record.id, users.an.id);
    expect(v?.parts).toEqual([
      { kind: "text", text: "Phần 1: những điều tâm đắc về công tác dân vận ở chi bộ thôn Đông, xã Tân Lập." },
      { kind: "text", text: "xem lịch học ở đâu" },
      { kind: "text", text: "cảm ơn thầy cô" },
      { kind: "text", text: "Phần 3: kiến nghị với chi bộ." },
    ]);
  });

  it("can start over or cancel from the preview, and 'Xong' with nothing sent asks for content", async () => {
    const c = clock(new Date("2026-12-07T08:00:00Z"));
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    await h.say(users.an, "/report");
    const empty = await h.tap(users.an, "Xong");
    expect(empty.find((x) => x.method === "answerCallbackQuery")?.payload.text).toContain("chưa gửi nội dung");
    await h.say(users.an, "Bản nháp bỏ đi");
    await h.tap(users.an, "Xong");
    await h.tap(users.an, "Làm lại");
    await h.say(users.an, "Bản mới");
    await h.tap(users.an, "Xong");
    await h.tap(users.an, "Nộp");
    const [v] = await h.store.reports.versions(record.id, users.an.id);
    expect(v?.parts).toEqual([{ kind: "text", text: "Bản mới" }]);
    await h.say(users.an, "/report");
    await h.say(users.an, "thôi");
    await h.tap(users.an, "Xong");
    expect(h.texts(await h.tap(users.an, "Huỷ"))).toEqual([expect.stringContaining("Đã huỷ")]);
    expect(await h.store.reports.versions(record.id, users.an.id)).toHaveLength(1);
  });

  it("a user in no class is told how to join", async () => {
    h = await createHarness();
    expect(await h.say(users.stranger, "/report")).toEqual([expect.stringContaining("Bạn chưa ở trong lớp nào")]);
  });
});

describe("an instructor reads and grades the reports", () => {
  it("/reports lists who submitted, who is missing and who is graded", async () => {
    const c = clock(new Date("2026-12-07T08:00:00Z"));
    h = await createHarness({ now: c.now });
    await setUpClass(h);
    await submitTextReport(h, users.an, "Bản thu hoạch của An");
    const list = (await h.say(users.lan, "/reports")).join("\n");
    expect(list).toContain("Bản thu hoạch — Lớp bồi dưỡng khoá I");
    expect(list).toContain("Đã nộp 1/2 · đã chấm 0 · chưa nộp 1");
    expect(list).toMatch(/Đã nộp\n• Nguyễn Văn An — lần 1 · chưa chấm/);
    expect(list).toMatch(/Chưa nộp\n• Trần Thị Bình/);
    expect(h.inlineButtons(h.last(users.lan)).map((b) => b.text)).toEqual(["📝 Nguyễn Văn An"]);
  });

  it("opens a report: the text is shown, files are sent again by file_id; grades with a comment and the learner is told", async () => {
    const c = clock(new Date("2026-12-07T08:00:00Z"));
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    await h.say(users.an, "/report");
    await h.say(users.an, "Tâm đắc nhất: <b>bài 2</b> & công tác của bí thư");
    const upload = await h.run(
      h.emu.document(users.an, {
        file_name: "thu-hoach.pdf",
        mime_type: PDF,
        file_size: 120_000,
        data: await smallPdf(),
      }),
    );
    expect(upload.length).toBeGreaterThan(0);
    await h.run(h.emu.photo(users.an, { file_size: 400_000 }));
    await h.tap(users.an, "Xong");
    await h.tap(users.an, "Nộp");
    const [v] = await h.store.reports.versions(record.id, users.an.id);

    await h.say(users.lan, "/reports");
    const opened = await h.tap(users.lan, "Nguyễn Văn An");
    const shown = h.texts(opened).join("\n");
    expect(shown).toContain("Bản thu hoạch của Nguyễn Văn An");
    expect(shown).toContain("Phiên bản 1/1");
    // User text is escaped, shown as the learner typed it.
    expect(shown).toContain("Tâm đắc nhất: <b>bài 2</b> & công tác của bí thư");
    const resent = opened.filter((x) => x.method === "sendDocument" || x.method === "sendPhoto");
    expect(resent.map((x) => [x.method, x.payload.document ?? x.payload.photo])).toEqual([
      ["sendDocument", v?.parts[1]?.kind === "document" ? v.parts[1].fileId : "?"],
      ["sendPhoto", v?.parts[2]?.kind === "photo" ? v.parts[2].fileId : "?"],
    ]);

    expect(h.texts(await h.tap(users.lan, "Khá")).join("\n")).toContain("Xếp loại Khá cho Nguyễn Văn An");
    const done = await h.say(users.lan, "Liên hệ thực tế tốt; cần <cụ thể> hơn");
    expect(done.join("\n")).toContain("Đã lưu: Nguyễn Văn An — Khá");
    const told = h.last(users.an).text ?? "";
    expect(told).toContain("được xếp loại: Khá");
    expect(told).toContain("Nhận xét của giảng viên: Liên hệ thực tế tốt; cần <cụ thể> hơn");
  });

  it("regrading keeps the history, and the learner is told of the new grade", async () => {
    const c = clock(new Date("2026-12-07T08:00:00Z"));
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    await submitTextReport(h, users.an, "Bản thu hoạch");
    await h.say(users.lan, "/reports");
    await h.tap(users.lan, "Nguyễn Văn An");
    await h.tap(users.lan, "Trung bình");
    await h.tap(users.lan, "Không nhận xét");
    c.set("2026-12-08T02:00:00Z");
    await h.say(users.lan, "/reports");
    expect(h.inlineButtons(h.last(users.lan)).map((b) => b.text)).toEqual(["✅ Nguyễn Văn An"]);
    const reopened = h.texts(await h.tap(users.lan, "Nguyễn Văn An")).join("\n");
    expect(reopened).toContain("Lịch sử chấm");
    expect(reopened).toContain("v1 · Trung bình");
    expect(reopened).toContain("Chấm lại");
    await h.tap(users.lan, "Giỏi");
    await h.say(users.lan, "Đã sửa tốt");
    expect(h.last(users.an).text).toContain("được chấm lại: Giỏi");
    // The learner sees the current grade when opening /report again.
    expect((await h.say(users.an, "/report")).join("\n")).toContain("Xếp loại hiện tại: Giỏi");
    const grades = await h.store.reports.grades(record.id, users.an.id);
    expect(grades.map((g) => [g.grade, g.comment ?? null, g.by])).toEqual([
      ["trung_binh", null, users.lan.id],
      ["gioi", "Đã sửa tốt", users.lan.id],
    ]);
  });

  it("a learner cannot use /reports, and an instructor of another class cannot open or grade this class's reports", async () => {
    const c = clock(new Date("2026-12-07T08:00:00Z"));
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    await submitTextReport(h, users.an, "Bản thu hoạch");
    expect((await h.say(users.an, "/reports")).join("\n")).toContain("giảng viên");
    const other = await setUpClass(h, "Lớp khác");
    await h.store.classes.removeInstructor(record.id, users.lan.id);
    expect(other.id).not.toBe(record.id);
    await h.say(users.lan, "/help");
    for (const data of [`rps:o:${record.id}:${users.an.id}`, `rps:g:${record.id}:${users.an.id}:gioi`]) {
      const calls = await h.run(h.emu.click(users.lan, h.last(users.lan).message_id, data));
      expect(String(calls.find((x) => x.method === "answerCallbackQuery")?.payload.text)).toContain("giảng viên");
    }
    expect(await h.store.reports.grades(record.id, users.an.id)).toEqual([]);
  });
});

describe("languages and help", () => {
  it("an English-speaking learner submits in English and is told the grade in English by a Vietnamese instructor", async () => {
    const c = clock(new Date("2026-12-07T08:00:00Z"));
    h = await createHarness({ now: c.now });
    await setUpClass(h);
    await h.store.users.update(users.an.id, { locale: "en" });
    expect((await h.say(users.an, "/report")).join("\n")).toContain("Submit your written report");
    await h.say(users.an, "My report");
    await h.tap(users.an, "Done");
    expect(h.texts(await h.tap(users.an, "Submit")).join("\n")).toContain("Report received");
    await h.say(users.lan, "/reports");
    await h.tap(users.lan, "Nguyễn Văn An");
    await h.tap(users.lan, "Giỏi");
    await h.tap(users.lan, "Không nhận xét");
    expect(h.last(users.an).text).toContain("was graded: Excellent (Giỏi)");
  });

  it("/help lists the coursework commands for each role", async () => {
    h = await createHarness();
    await setUpClass(h);
    const learner = (await h.say(users.an, "/help")).join("\n");
    for (const cmd of ["/report", "/feedback", "/question", "/questions"]) expect(learner).toContain(cmd);
    expect(learner).not.toContain("/reports");
    const instructor = (await h.say(users.lan, "/help")).join("\n");
    expect(instructor).toContain("/reports");
    expect(instructor).toContain("/feedbacks");
    expect(instructor).not.toContain("/evaluation");
    const coordinator = (await h.say(users.coordinator, "/help")).join("\n");
    expect(coordinator).toContain("/evaluation");
    expect(coordinator).toContain("/deadline");
  });
});
