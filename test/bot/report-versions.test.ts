import { afterEach, describe, expect, it } from "vitest";
import type { EmuUser } from "../../src/sandbox/emulator/index.js";
import { clock, setUpClass, submitTextReport } from "../helpers/coursework.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function submit(user: EmuUser, text: string): Promise<void> {
  await submitTextReport(h, user, text);
}

describe("reports by version", () => {
  it("a resubmission after grading shows the instructor a new version, not graded, and every version opens", async () => {
    const c = clock(new Date("2026-12-07T08:00:00Z"));
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    await submit(users.an, "Bản đầu tiên");
    await h.say(users.lan, "/reports");
    await h.tap(users.lan, "Nguyễn Văn An");
    await h.tap(users.lan, "Khá");
    await h.tap(users.lan, "Không nhận xét");
    // Resubmitted after the deadline (08/12 23:59).
    c.set("2026-12-09T02:00:00Z");
    await submit(users.an, "Bản sửa lại");

    // The learner sees which version the grade is for.
    const intro = (await h.say(users.an, "/report")).join("\n");
    expect(intro).toContain("Xếp loại hiện tại: Khá (phiên bản 1)");
    expect(intro).toContain("Phiên bản 2 của bạn chưa được chấm.");
    await h.say(users.an, "/cancel");

    const list = (await h.say(users.lan, "/reports")).join("\n");
    expect(list).toContain("lần 2 · ⚠️ nộp muộn · 🆕 bản mới, chưa chấm (Khá là của lần 1)");
    expect(h.inlineButtons(h.last(users.lan)).map((b) => b.text)).toEqual(["📝 Nguyễn Văn An"]);
    const opened = h.texts(await h.tap(users.lan, "Nguyễn Văn An")).join("\n");
    expect(opened).toContain("Phiên bản 2/2");
    expect(opened).toContain("Phiên bản này chưa chấm.");
    expect(opened).toContain("Có phiên bản mới (2) chưa chấm; điểm hiện có là của phiên bản 1");
    expect(opened).toContain("Bản sửa lại");
    const first = h.texts(await h.tap(users.lan, "Lần 1")).join("\n");
    expect(first).toContain("Phiên bản 1/2");
    expect(first).toContain("Bản đầu tiên");
    expect(first).toContain("Phiên bản này đã chấm: Khá");
    expect(first).not.toContain("nộp muộn");

    // The report is judged by its graded version: on time, though version 2 was late.
    const st = (await h.store.reports.statuses(record.id)).get(users.an.id);
    expect(st).toMatchObject({ versions: 2, latestLate: true, late: false, grade: { version: 1, grade: "kha" } });

    // Grading from version 2's buttons grades version 2.
    await h.tap(users.lan, "Lần 2");
    await h.tap(users.lan, "Giỏi");
    await h.tap(users.lan, "Không nhận xét");
    expect((await h.store.reports.currentGrade(record.id, users.an.id))?.version).toBe(2);
    expect((await h.store.reports.statuses(record.id)).get(users.an.id)?.late).toBe(true);
  });
});
