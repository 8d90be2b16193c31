import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createClass, loadProgramTemplate } from "../../src/classes/service.js";
import { clock, setUpClass, submitTextReport } from "../helpers/coursework.js";
import { buildDocx } from "../helpers/documents.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";
import { longReport, materialParagraphs } from "../helpers/similarity-corpus.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

describe("an instructor sees which reports are alike", () => {
  it("marks a DOCX copied from a classmate's typed report, with the shared sentences side by side", async () => {
    h = await createHarness({ now: clock(new Date("2026-12-07T08:00:00Z")).now });
    await setUpClass(h);
    const original = longReport(3, 1);
    await submitTextReport(h, users.an, original);
    // Bình hands in the same text, lightly edited, as a Word file.
    const edited = original.replace(/Qua học tập/g, "Sau khi học").replace(/tôi/g, "em");
    const paragraphs = edited.split("\n\n");
    const docx = await buildDocx("Bản thu hoạch", [{ heading: "Nội dung", paragraphs }]);
    await h.say(users.binh, "/report");
    await h.run(h.emu.document(users.binh, { file_name: "thu-hoach.docx", mime_type: DOCX, data: docx }));
    await h.tap(users.binh, "Xong");
    await h.tap(users.binh, "Nộp");

    const list = (await h.say(users.lan, "/reports")).join("\n");
    expect(list).toMatch(/Trần Thị Bình — .*⚠️ giống \d+% một bản khác/);
    expect(list).toMatch(/Nguyễn Văn An — .*⚠️ giống \d+% một bản khác/);
    const opened = h.texts(await h.tap(users.lan, "Trần Thị Bình")).join("\n");
    const percent = Number(/Giống (\d+)% bản của Nguyễn Văn An \(lớp Lớp bồi dưỡng khoá I\)/.exec(opened)?.[1]);
    expect(percent).toBeGreaterThanOrEqual(60);
    expect(opened).toContain("— Bản này: «");
    expect(opened).toContain("Bản kia: «");
    expect(opened).toContain("việc đánh giá do giảng viên quyết định");
  });

  it("does not mark two reports that quote the same lesson passages, and shows the quoting apart", async () => {
    h = await createHarness({ now: clock(new Date("2026-12-07T08:00:00Z")).now });
    await setUpClass(h);
    const quote = materialParagraphs(path.resolve(import.meta.dirname, "../../content"))[5]!;
    await submitTextReport(h, users.an, `${quote}\n\n${longReport(11, 1).slice(0, 1500)}`);
    await submitTextReport(h, users.binh, `${quote}\n\n${longReport(12, 1).slice(0, 1500)}`);
    const list = (await h.say(users.lan, "/reports")).join("\n");
    expect(list).not.toContain("giống");
    const opened = h.texts(await h.tap(users.lan, "Trần Thị Bình")).join("\n");
    expect(opened).toContain("Không thấy bản nào trong trung tâm giống quá 60%");
    expect(opened).toMatch(/\d+% nội dung là trích tài liệu học tập/);
  });

  it("finds a report copied from a learner of an earlier class of the same centre", async () => {
    h = await createHarness({ now: clock(new Date("2026-12-07T08:00:00Z")).now });
    const now = await setUpClass(h, "Lớp khoá II");
    const earlier = await createClass(
      h.store,
      loadProgramTemplate("content"),
      { name: "Lớp khoá I", startDate: "2026-06-01", variant: 5, timeZone: "Asia/Ho_Chi_Minh" },
      h.deps.now(),
    );
    for (const r of [now, earlier]) await h.store.classes.save({ ...r, centre: "TTCT Đông Anh" });
    const old = longReport(21, 1);
    await h.store.users.update(7007, { fullName: "Lê Văn Cũ", unit: "Chi bộ thôn Nam", position: "bi_thu" });
    await h.store.classes.addLearner(earlier.id, 7007);
    await h.store.reports.addVersion(earlier.id, 7007, {
      parts: [{ kind: "text", text: old }],
      submittedAt: "2026-06-05T10:00:00Z",
      late: false,
    });
    await submitTextReport(h, users.an, old);
    await h.say(users.lan, "/reports");
    const opened = h.texts(await h.tap(users.lan, "Nguyễn Văn An")).join("\n");
    expect(opened).toMatch(/Giống (9\d|100)% bản của Lê Văn Cũ \(lớp Lớp khoá I\)/);
  });
});
