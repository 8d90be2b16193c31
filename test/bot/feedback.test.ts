import { afterEach, describe, expect, it } from "vitest";
import type { EmuUser } from "../../src/sandbox/emulator/index.js";
import { clock, setUpClass } from "../helpers/coursework.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe("after each session, learners rate it", () => {
  it("the session-end job sends a 1–5 rating prompt; the rating is kept once; a comment can follow", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    const planned = h.pendingJobs("feedback").map((j) => j.jobId);
    expect(planned).toContain(`${record.id}.end.s01`);
    expect(planned).toContain(`${record.id}.followup`);
    // The report-writing half-day is not rated.
    expect(planned).not.toContain(`${record.id}.end.s10`);

    c.set("2026-12-01T04:00:00Z"); // s01 ends
    expect(await h.runJobs()).toContain(`${record.id}.end.s01`);
    const prompt = h.last(users.an);
    expect(prompt.text).toContain("Buổi học vừa kết thúc");
    expect(h.inlineButtons(prompt).map((b) => b.text)).toEqual(["1⭐", "2⭐", "3⭐", "4⭐", "5⭐"]);
    expect(h.last(users.binh).text).toContain("Buổi học vừa kết thúc");

    const rated = await h.tap(users.an, "4⭐");
    expect(h.texts(rated).join("\n")).toContain("Bạn chấm ⭐⭐⭐⭐ (4/5)");
    // Tapping again (even another star) does not change the rating.
    const again = await h.run(h.emu.click(users.an, prompt.message_id, `fbr:${record.id}:s01:1`));
    expect(again.find((x) => x.method === "answerCallbackQuery")?.payload.text).toContain("đã chấm buổi này rồi (4/5)");
    await h.tap(users.an, "Thêm nhận xét");
    expect(await h.say(users.an, "Giảng viên nói rõ, dễ hiểu")).toEqual([expect.stringContaining("Đã ghi nhận")]);
    expect(await h.store.feedback.rating(record.id, "s01", users.an.id)).toMatchObject({
      stars: 4,
      comment: "Giảng viên nói rõ, dễ hiểu",
    });
  });

  it("a job run twice (retry after a crash) prompts each learner once; only checked-in learners when there was a check-in", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    await h.store.classes.markPresent(record.id, "s02", users.an.id, c.now());
    const { runFeedbackJob } = await import("../../src/bot/features/feedback/index.js");
    const job = { data: { kind: "session_end" as const, classId: record.id, sessionId: "s02" } };
    expect(await runFeedbackJob(h.bot.api, h.deps, job)).toBe(1);
    expect(await runFeedbackJob(h.bot.api, h.deps, job)).toBe(0);
    const prompts = h.emu.calls.filter(
      (x) => x.method === "sendMessage" && String(x.payload.text).includes("Buổi học vừa kết thúc"),
    );
    expect(prompts.map((x) => Number(x.payload.chat_id))).toEqual([users.an.id]);
  });

  it("after a field visit, learners are asked for a reflection", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    c.set("2026-12-04T04:00:00Z"); // s07 (field visit) ends
    await h.runJobs();
    // The rating prompt and the reflection prompt come as one message, both sets of buttons under it.
    const visit = h.emu.calls.filter(
      (c) =>
        c.method === "sendMessage" &&
        Number(c.payload.chat_id) === users.an.id &&
        String(c.payload.text).includes("Bạn vừa tham quan"),
    );
    expect(visit).toHaveLength(1);
    expect(h.last(users.an).text).toContain("Bạn vừa tham quan");
    // The whole class piled up here (the clock jumped to Friday): every session's stars, then the reflection.
    expect(h.last(users.an).text).toContain("Mời bạn chấm sao các buổi học vừa qua");
    const buttons = h.inlineButtons(h.last(users.an)).map((b) => b.text);
    expect(buttons).toContain("1: 5⭐");
    expect(buttons.at(-1)).toBe("✍️ Viết thu hoạch");
    await h.tap(users.an, "Viết thu hoạch");
    await h.say(users.an, "Thấy cách chi bộ bạn sinh hoạt chuyên đề; sẽ áp dụng cho chi bộ thôn Đông");
    const reflections = await h.store.feedback.reflections(record.id, "s07");
    expect(reflections.get(users.an.id)?.text).toContain("sinh hoạt chuyên đề");
  });

  it("90 days after the class, the follow-up survey asks how the learning is applied", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    const followup = h.pendingJobs("feedback").find((j) => j.jobId === `${record.id}.followup`);
    expect(followup?.runAt.toISOString()).toBe("2027-03-07T10:00:00.000Z");
    c.set("2027-03-07T10:00:00Z");
    await h.runJobs();
    expect(h.last(users.binh).text).toContain("vận dụng những điều học được");
    await h.tap(users.binh, "Vận dụng một phần");
    await h.say(users.binh, "Đã đổi cách sinh hoạt chi bộ hằng tháng");
    expect((await h.store.feedback.followups(record.id)).get(users.binh.id)).toMatchObject({
      applied: "some",
      text: "Đã đổi cách sinh hoạt chi bộ hằng tháng",
    });
    await h.tap(users.an, "Chưa vận dụng");
    await h.tap(users.an, "Bỏ qua");
    expect((await h.store.feedback.followups(record.id)).get(users.an.id)).toMatchObject({ applied: "not_yet" });
  });
});

describe("/feedback any time, optionally anonymous", () => {
  async function giveFeedback(h: Harness, user: EmuUser, text: string, anonymous: boolean) {
    await h.say(user, "/feedback");
    await h.tap(user, "Buổi thảo luận");
    await h.tap(user, anonymous ? "Ẩn danh" : "Kèm tên tôi");
    return (await h.say(user, text)).join("\n");
  }

  it("stores a named note with its author and an anonymous one without any trace of the author", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    expect(await giveFeedback(h, users.an, "Nên có thêm thời gian thảo luận nhóm", false)).toContain("Cảm ơn bạn");
    expect(await giveFeedback(h, users.binh, "Phòng học hơi nóng <khó tập trung>", true)).toContain("ẩn danh");
    const notes = await h.store.feedback.notes(record.id);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatchObject({ topic: "discussion", anonymous: false, userId: users.an.id });
    expect(notes[1]).toMatchObject({ topic: "discussion", anonymous: true });
    expect(notes[1]).not.toHaveProperty("userId");
    // Nothing stored for the class names Bình next to the anonymous note.
    expect(JSON.stringify(await h.redis.lrange(`fb:${record.id}:notes`, 0, -1))).not.toContain(String(users.binh.id));
  });

  it("a learner who types a choice instead of tapping it (without its emoji) gets that choice", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    await h.say(users.an, "/feedback");
    await h.say(users.an, "lớp học nói chung");
    await h.tap(users.an, "Kèm tên tôi");
    await h.say(users.an, "Nên có thêm giờ thảo luận");
    expect((await h.store.feedback.notes(record.id))[0]).toMatchObject({
      topic: "class",
      text: "Nên có thêm giờ thảo luận",
    });
  });

  it("instructors see the anonymous note without the name in /feedbacks", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    await setUpClass(h);
    await giveFeedback(h, users.an, "Nên có thêm thời gian thảo luận nhóm", false);
    await giveFeedback(h, users.binh, "Phòng học hơi nóng <khó tập trung>", true);
    for (const viewer of [users.lan, users.coordinator]) {
      const view = (await h.say(viewer, "/feedbacks")).join("\n");
      expect(view).toContain("Nguyễn Văn An");
      expect(view).toContain("Phòng học hơi nóng <khó tập trung>");
      expect(view).toContain("(ẩn danh)");
      expect(view).not.toContain("Bình");
    }
    expect((await h.say(users.an, "/feedbacks")).join("\n")).toContain("giảng viên");
  });
});
