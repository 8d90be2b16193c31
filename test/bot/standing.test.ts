import { afterEach, describe, expect, it } from "vitest";
import { clock, setUpClass } from "../helpers/coursework.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe("a learner checks where they stand", () => {
  it("sees attendance so far, no report yet, what the certificate still needs, and the next session", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    const [first, second] = record.sessions;
    if (!first || !second) throw new Error("no sessions");
    await h.store.classes.markPresent(record.id, first.id, users.an.id, new Date(first.start));
    c.set(new Date(Date.parse(second.end) + 60_000));
    const shown = (await h.say(users.an, "/status")).join("\n");
    expect(shown).toContain("Kết quả học tập — Lớp bồi dưỡng khoá I");
    expect(shown).toContain("Điểm danh: có mặt 1/2 buổi đã học");
    expect(shown).toContain("Bản thu hoạch: chưa nộp.");
    expect(shown).toContain("Giấy chứng nhận: ⏳ chưa xét xong.");
    expect(shown).toContain("chưa nộp thu hoạch");
    expect(shown).toContain("Buổi tới:");
    // The same view from the keyboard.
    expect((await h.say(users.an, "📊 Kết quả học tập")).join("\n")).toContain("có mặt 1/2");
  });

  it("sees each report version with its grade: the new version is not graded yet", async () => {
    const c = clock(new Date("2026-12-07T08:00:00Z"));
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    await h.store.reports.addVersion(record.id, users.an.id, {
      parts: [{ kind: "text", text: "v1" }],
      submittedAt: c.now().toISOString(),
      late: false,
    });
    await h.store.reports.addGrade(record.id, users.an.id, {
      grade: "kha",
      by: users.lan.id,
      at: c.now().toISOString(),
      version: 1,
    });
    await h.store.reports.addVersion(record.id, users.an.id, {
      parts: [{ kind: "text", text: "v2" }],
      submittedAt: c.now().toISOString(),
      late: true,
    });
    const shown = (await h.say(users.an, "/status")).join("\n");
    expect(shown).toContain("• Lần 1, 07/12/2026 15:00 — Khá");
    expect(shown).toMatch(/• Lần 2, 07\/12\/2026 15:00 — chưa chấm · ⚠️ nộp muộn/);
  });

  it("someone in no class is told how to join", async () => {
    h = await createHarness();
    expect((await h.say(users.stranger, "/status")).join("\n")).toContain("Bạn chưa là học viên của lớp nào");
  });
});
