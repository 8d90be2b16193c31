/**
 * Queued work that runs late — after a restart, an outage, a busy queue — through the full bot with a pinned clock:
 * each reminder and prompt is judged by the moment it is about when it runs, and what piled up arrives as one
 * message. The class: Tuesday 01/12/2026 to Friday 04/12/2026 in Hà Nội (4 days, 8 sessions).
 */
import { afterEach, describe, expect, it } from "vitest";
import { createClass, loadProgramTemplate, planClassReminders } from "../../src/classes/service.js";
import type { EmuUser } from "../../src/sandbox/emulator/index.js";
import type { ClassRecord } from "../../src/store/index.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const roomy = { limit: 10_000, windowMs: 1_000 };

/** A class with An (and Bình) enrolled, planned on Monday 30/11/2026 09:00 in Hà Nội. */
async function classWithLearners(): Promise<{ record: ClassRecord; set: (iso: string) => void }> {
  let t = Date.parse("2026-11-30T02:00:00Z");
  const now = () => new Date(t);
  h = await createHarness({ now, rateLimit: roomy });
  const record = await createClass(
    h.store,
    loadProgramTemplate(h.deps.config.contentDir),
    { name: "Lớp khoá I", startDate: "2026-12-01", variant: 4, timeZone: "Asia/Ho_Chi_Minh" },
    now(),
  );
  for (const [u, name] of [
    [users.an, "Nguyễn Văn An"],
    [users.binh, "Trần Thị Bình"],
  ] as const) {
    await h.store.users.update(u.id, { fullName: name, unit: "Chi bộ 1", position: "bi_thu" });
    await h.store.classes.addLearner(record.id, u.id);
    h.emu.openChat(u);
  }
  await planClassReminders(h.store, h.deps.jobs!, record, now());
  return {
    record,
    set: (iso) => {
      t = Date.parse(iso);
    },
  };
}

/** The bot up and on time until `iso`: the clock moves in 10-minute steps and due jobs run at each. */
async function liveUntil(clock: { set: (iso: string) => void }, from: string, until: string): Promise<void> {
  for (let t = Date.parse(from); t <= Date.parse(until); t += 10 * 60_000) {
    clock.set(new Date(t).toISOString());
    await h.runJobs(new Date(t));
  }
}

/** The bot was down and comes back at `iso`: everything due since runs now. */
async function backAt(clock: { set: (iso: string) => void }, iso: string): Promise<void> {
  clock.set(iso);
  await h.runJobs(new Date(iso));
}

const sentTo = (u: EmuUser, from = 0) =>
  h.emu.calls
    .slice(from)
    .filter((c) => c.ok && c.method === "sendMessage" && Number(c.payload.chat_id) === u.id)
    .map((c) => String(c.payload.text));

describe("reminders that run late", () => {
  it("a 30-minute reminder that runs after the start is not sent", async () => {
    const clock = await classWithLearners();
    await liveUntil(clock, "2026-11-30T02:00:00Z", "2026-11-30T23:50:00Z");
    const mark = h.emu.calls.length;
    // Down from 06:50 to 07:45 local: the 07:00 reminder of the 07:30 session is past its moment.
    await backAt(clock, "2026-12-01T00:45:00Z");
    expect(sentTo(users.an, mark).join("\n")).not.toContain("phút nữa");
  });

  it("a 30-minute reminder that runs 20 minutes late says 10 minutes", async () => {
    const clock = await classWithLearners();
    await liveUntil(clock, "2026-11-30T02:00:00Z", "2026-11-30T23:50:00Z");
    const mark = h.emu.calls.length;
    await backAt(clock, "2026-12-01T00:20:00Z");
    expect(sentTo(users.an, mark)).toEqual([expect.stringContaining("Còn 10 phút nữa (07:30) lớp «Lớp khoá I»")]);
  });

  it("the evening reminder that runs the next morning says today and lists only what is still to come", async () => {
    const clock = await classWithLearners();
    const mark = h.emu.calls.length;
    // Down from Monday morning to Tuesday 07:45: the Monday 19:00 reminder of Tuesday runs on Tuesday.
    await backAt(clock, "2026-12-01T00:45:00Z");
    const got = sentTo(users.an, mark);
    expect(got).toHaveLength(1);
    expect(got[0]).toContain("Nhắc lịch</b> — hôm nay, Thứ Ba, 01/12/2026, lớp «Lớp khoá I» học:");
    expect(got[0]).not.toContain("ngày mai");
    expect(got[0]).toContain("Chiều 13:30–17:00 · Bài 2.");
    expect(got[0]).not.toContain("Bài 1.");
  });

  it("on Friday morning, the reminder, the rating prompt and the 30-minute reminder that piled up arrive as one message", async () => {
    const clock = await classWithLearners();
    await liveUntil(clock, "2026-11-30T02:00:00Z", "2026-12-03T09:00:00Z");
    const mark = h.emu.calls.length;
    // Down from Thursday 16:00 to Friday 07:05 local.
    await backAt(clock, "2026-12-04T00:05:00Z");
    const got = sentTo(users.an, mark);
    expect(got).toHaveLength(1);
    expect(got[0]).toContain("hôm nay, Thứ Sáu, 04/12/2026");
    expect(got[0]).not.toContain("ngày mai");
    expect(got[0]).toContain("Còn 25 phút nữa (07:30)");
    expect(got[0]).toContain("Bạn chấm buổi học này mấy sao?");
    expect(h.inlineButtons(h.last(users.an)).map((b) => b.text)).toEqual(["1⭐", "2⭐", "3⭐", "4⭐", "5⭐"]);
  });
});

describe("rating prompts that pile up", () => {
  it("after an outage the rating prompts of two sessions arrive as one message, each rated from its own row", async () => {
    const clock = await classWithLearners();
    await liveUntil(clock, "2026-11-30T02:00:00Z", "2026-12-01T03:00:00Z");
    const mark = h.emu.calls.length;
    // Down from Tuesday 10:00 to 18:00 local: both Tuesday sessions ended meanwhile.
    await backAt(clock, "2026-12-01T11:00:00Z");
    const got = sentTo(users.an, mark);
    expect(got).toHaveLength(1);
    expect(got[0]).toContain("Mời bạn chấm sao các buổi học vừa qua của lớp «Lớp khoá I»");
    expect(got[0]).toContain("1. Bài 1");
    expect(got[0]).toContain("2. Bài 2");
    await h.tap(users.an, "1: 4⭐");
    const after = h.inlineButtons(h.last(users.an)).map((b) => b.text);
    expect(after[0]).toContain("1: ⭐⭐⭐⭐ · 💬 Thêm nhận xét");
    expect(after).toContain("2: 5⭐");
    await h.tap(users.an, "2: 5⭐");
    expect((await h.store.feedback.rating(clock.record.id, "s01", users.an.id))?.stars).toBe(4);
    expect((await h.store.feedback.rating(clock.record.id, "s02", users.an.id))?.stars).toBe(5);
    // The next session's evening reminder still comes on its own.
    await liveUntil(clock, "2026-12-01T11:00:00Z", "2026-12-01T12:00:00Z");
    expect(sentTo(users.an, mark).at(-1)).toContain("ngày mai, Thứ Tư, 02/12/2026");
  });
});

describe("deadline reminders", () => {
  it("skip a learner who already handed in the bản thu hoạch", async () => {
    const clock = await classWithLearners();
    await liveUntil(clock, "2026-11-30T02:00:00Z", "2026-12-04T11:00:00Z");
    await h.store.reports.addVersion(clock.record.id, users.an.id, {
      parts: [],
      submittedAt: "2026-12-04T11:00:00Z",
      late: false,
    });
    const mark = h.emu.calls.length;
    await liveUntil(clock, "2026-12-04T11:10:00Z", "2026-12-05T14:00:00Z");
    expect(sentTo(users.an, mark).join("\n")).not.toContain("hạn nộp");
    const binh = sentTo(users.binh, mark).join("\n");
    expect(binh).toContain("hạn nộp bản thu hoạch của lớp «Lớp khoá I» là 23:59 ngày mai, Thứ Bảy, 05/12/2026");
    expect(binh).toContain("Còn ít giờ nữa là hết hạn nộp bản thu hoạch của lớp «Lớp khoá I» (23:59 hôm nay, Thứ Bảy");
  });

  it("a deadline reminder that runs after the deadline is not sent", async () => {
    const clock = await classWithLearners();
    await liveUntil(clock, "2026-11-30T02:00:00Z", "2026-12-05T12:00:00Z");
    const mark = h.emu.calls.length;
    // Down from Saturday 19:00 to Sunday 08:00 local; the deadline was Saturday 23:59.
    await backAt(clock, "2026-12-06T01:00:00Z");
    expect(sentTo(users.an, mark).join("\n")).not.toContain("hết hạn");
  });

  it("a changed deadline is announced to the class's learners, and its reminders follow", async () => {
    const clock = await classWithLearners();
    await liveUntil(clock, "2026-11-30T02:00:00Z", "2026-12-03T02:00:00Z");
    const mark = h.emu.calls.length;
    const reply = (await h.say(users.coordinator, `/deadline ${clock.record.id} 10/12/2026 17:00`)).join("\n");
    expect(reply).toContain("Đã báo 2 học viên");
    expect(sentTo(users.an, mark)).toEqual([
      "📅 Hạn nộp bản thu hoạch của lớp «Lớp khoá I» đã đổi: nay là <b>10/12/2026 17:00</b> (trước đây: 05/12/2026 23:59).",
    ]);
    await liveUntil(clock, "2026-12-03T02:10:00Z", "2026-12-09T12:00:00Z");
    const reminders = sentTo(users.an, mark).filter((t) => t.includes("Nhắc: hạn nộp"));
    expect(reminders).toEqual([expect.stringContaining("là 17:00 ngày mai, Thứ Năm, 10/12/2026")]);
  });
});
