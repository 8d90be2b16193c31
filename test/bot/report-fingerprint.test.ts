import { afterEach, describe, expect, it } from "vitest";
import { clock, setUpClass } from "../helpers/coursework.js";
import { buildDocx } from "../helpers/documents.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";
import { longReport } from "../helpers/similarity-corpus.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const QUEUE = "report-prints";

describe("a submitted report is read for the similarity check right after its receipt", () => {
  it("a typed report gets its receipt first and is fingerprinted in the background", async () => {
    h = await createHarness({ now: clock(new Date("2026-12-07T08:00:00Z")).now });
    const record = await setUpClass(h);
    await h.say(users.an, "/report");
    await h.say(users.an, longReport(3, 1));
    await h.tap(users.an, "Xong");
    const receipt = h.texts(await h.tap(users.an, "Nộp")).join("\n");
    expect(receipt).toContain("Đã nhận bản thu hoạch");
    // The receipt did not wait for the fingerprint: it is queued, not done.
    expect(await h.store.prints.has(record.id, users.an.id, 1)).toBe(false);
    expect(h.pendingJobs(QUEUE).map((j) => j.jobId)).toEqual([`${record.id}.${users.an.id}.1`]);
    await h.runJobs();
    expect(await h.store.prints.has(record.id, users.an.id, 1)).toBe(true);
    expect(await h.store.prints.text(record.id, users.an.id, 1)).toContain(longReport(3, 1).slice(0, 80));
  });

  it("a Word file is downloaded and read after the receipt, so the instructor's /reports downloads nothing", async () => {
    h = await createHarness({ now: clock(new Date("2026-12-07T08:00:00Z")).now });
    const record = await setUpClass(h);
    const paragraphs = longReport(5, 1).split("\n\n");
    const docx = await buildDocx("Bản thu hoạch", [{ heading: "Nội dung", paragraphs }]);
    await h.say(users.binh, "/report");
    await h.run(h.emu.document(users.binh, { file_name: "thu-hoach.docx", mime_type: DOCX, data: docx }));
    await h.tap(users.binh, "Xong");
    await h.tap(users.binh, "Nộp");
    expect(await h.store.prints.has(record.id, users.binh.id, 1)).toBe(false);
    await h.runJobs();
    expect(await h.store.prints.text(record.id, users.binh.id, 1)).toContain(paragraphs[0]!.slice(0, 60));

    const before = h.emu.calls.length;
    await h.say(users.lan, "/reports");
    const calls = await h.tap(users.lan, "Trần Thị Bình");
    expect(h.emu.calls.slice(before).filter((c) => c.method === "getFile")).toEqual([]);
    expect(h.texts(calls).join("\n")).toContain("Không thấy bản nào trong trung tâm giống quá 60%");
  });

  it("a version the background missed is still read when an instructor first opens it", async () => {
    h = await createHarness({ now: clock(new Date("2026-12-07T08:00:00Z")).now });
    const record = await setUpClass(h);
    await h.say(users.an, "/report");
    await h.say(users.an, longReport(3, 1));
    await h.tap(users.an, "Xong");
    await h.tap(users.an, "Nộp");
    await h.say(users.lan, "/reports");
    const opened = h.texts(await h.tap(users.lan, "Nguyễn Văn An")).join("\n");
    expect(opened).toContain("Không thấy bản nào trong trung tâm giống quá 60%");
    expect(await h.store.prints.has(record.id, users.an.id, 1)).toBe(true);
    // The queued job finds it done and leaves it as it is.
    await h.runJobs();
    expect(await h.store.prints.has(record.id, users.an.id, 1)).toBe(true);
  });
});
