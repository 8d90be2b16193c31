/**
 * Text between people always arrives: an instructor's long answer to a long question reaches the learner whole and
 * in order (the quote shortened first), and a delivery Telegram refuses is not recorded — the question stays open
 * and the instructor is told the true reason.
 */
import type { Message } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { clock, setUpClass, submitTextReport } from "../helpers/coursework.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** `n` characters of Vietnamese prose, numbered words so that order is visible. */
function prose(n: number, word = "ý"): string {
  const words: string[] = [];
  for (let i = 1; words.join(" ").length < n; i++) words.push(`${word}${i}`);
  return words.join(" ").slice(0, n).trimEnd();
}

/** Asks `question` as Bình and returns the question message Lan got. */
async function ask(question: string): Promise<Message> {
  await h.say(users.binh, "/question");
  await h.say(users.binh, question);
  await h.tap(users.binh, "Gửi");
  return h.last(users.lan);
}

const messagesTo = (userId: number, after: number) => h.emu.botMessages(userId).filter((m) => m.message_id > after);

describe("a long answer to a long question", () => {
  it("reaches the learner complete and in order; the question quote is shortened, never the answer", async () => {
    h = await createHarness({ now: clock().now });
    const record = await setUpClass(h);
    const question = `Xin hỏi ${prose(1_480, "hỏi")}?`;
    const answer = prose(3_000, "đáp");
    expect(question.length).toBeGreaterThan(1_450);
    await ask(question);
    const before = h.last(users.binh).message_id;
    await h.tap(users.lan, "Trả lời");
    const told = await h.say(users.lan, answer);
    expect(told.join("\n")).toContain("Đã gửi câu trả lời tới học viên");

    const got = messagesTo(users.binh.id, before).map((m) => m.text ?? "");
    for (const text of got) expect(text.length).toBeLessThanOrEqual(4096);
    expect(got[0]).toContain("Giảng viên đã trả lời câu hỏi của bạn");
    // The quote is cut with «…»; what follows it, and the messages after, are the answer itself.
    const [head = "", ...rest] = got;
    expect(head).toContain("…");
    expect(head).not.toContain(question);
    const firstPart = head.slice(head.indexOf("đáp1"));
    expect([firstPart, ...rest].join(" ").replace(/\s+/g, " ")).toBe(answer);
    const [q] = await h.store.questions.ofClass(record.id);
    expect(q).toMatchObject({ status: "answered", answer });
  });

  it("an answer by reply as long as Telegram allows continues in a second message, in order", async () => {
    h = await createHarness({ now: clock().now });
    await setUpClass(h);
    const shown = await ask(`Xin hỏi ${prose(1_480, "hỏi")}?`);
    const before = h.last(users.binh).message_id;
    const answer = prose(4_000, "đáp");
    const calls = await h.run(h.emu.text(users.lan, answer, { replyTo: shown.message_id }));
    expect(h.texts(calls).join("\n")).toContain("Đã gửi câu trả lời tới học viên");
    const got = messagesTo(users.binh.id, before).map((m) => m.text ?? "");
    expect(got.length).toBe(2);
    const [head = "", ...rest] = got;
    expect([head.slice(head.indexOf("đáp1")), ...rest].join(" ").replace(/\s+/g, " ")).toBe(answer);
  });
});

describe("long texts an instructor or coordinator opens", () => {
  it("a report regraded twice with 2,000-character comments still opens, every comment shown, split", async () => {
    h = await createHarness({ now: clock(new Date("2026-12-07T08:00:00Z")).now });
    const record = await setUpClass(h);
    await submitTextReport(h, users.an, "Bản thu hoạch của tôi về công tác chi bộ.");
    const comments = ["nhất", "hai", "ba"].map((n) => prose(2_000, `nhận-xét-${n}-`));
    for (const [i, comment] of comments.entries()) {
      await h.tap(users.lan, i === 0 ? "Mở bài" : "Nguyễn Văn An");
      await h.tap(users.lan, ["Khá", "Giỏi", "Trung bình"][i] ?? "Khá");
      expect((await h.say(users.lan, comment)).join("\n")).toContain("Đã lưu: Nguyễn Văn An");
      // The learner got the comment whole.
      expect(h.last(users.an).text).toContain(comment);
      await h.say(users.lan, "/reports");
    }
    expect(await h.store.reports.grades(record.id, users.an.id)).toHaveLength(3);
    const opened = await h.tap(users.lan, "Nguyễn Văn An");
    const texts = h.texts(opened);
    expect(opened.every((c) => c.ok)).toBe(true);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(4096);
    const all = texts.join(" ").replace(/\s+/g, " ");
    for (const comment of comments) expect(all).toContain(comment);
    expect(all).toContain("Bản thu hoạch của tôi về công tác chi bộ.");
  });

  it("/unreachable with 60 names arrives, every name in it", async () => {
    h = await createHarness({ now: clock().now });
    const record = await setUpClass(h);
    const names: string[] = [];
    for (let i = 1; i <= 60; i++) {
      const id = 30_000 + i;
      const name = `Nguyễn Thị Phương Thảo Số ${String(i).padStart(2, "0")} — Chi bộ thôn Đông Hoà Bình xã Tân Phú`;
      names.push(name);
      await h.store.users.update(id, { fullName: name, unit: "Chi bộ thôn Đông", position: "bi_thu" });
      await h.store.classes.addLearner(record.id, id);
      await h.store.announcements.markUnreachable(id, { at: "2026-12-01T02:00:00.000Z", reason: "blocked" });
    }
    const calls = await h.run(h.emu.text(users.coordinator, "/unreachable"));
    const texts = h.texts(calls);
    expect(calls.every((c) => c.ok)).toBe(true);
    expect(texts.length).toBeGreaterThan(1);
    for (const name of names) expect(texts.join("\n")).toContain(name);
  });

  it("a long report opened by the instructor is never cut inside an emoji, a flag or a family", async () => {
    h = await createHarness({ now: clock(new Date("2026-12-07T08:00:00Z")).now });
    await setUpClass(h);
    await h.say(users.an, "/report");
    // One message whose escaped text (each «&» becomes «&amp;») is over the limit, the cut falling among emoji.
    const emoji = ["👨‍👩‍👧", "🇻🇳", "👍🏽", "é"];
    let text = "x&".repeat(650);
    for (let i = 0; text.length < 4_000; i++) text += emoji[i % emoji.length];
    await h.say(users.an, text);
    await h.tap(users.an, "Xong");
    await h.tap(users.an, "Nộp");
    const opened = await h.tap(users.lan, "Mở bài");
    expect(opened.every((c) => c.ok)).toBe(true);
    const pieces = h.texts(opened).filter((t) => t.includes("x&x") || emoji.some((e) => t.includes(e)));
    expect(pieces.length).toBe(2);
    const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
    const clusters = (s: string) => [...segmenter.segment(s)].map((g) => g.segment);
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    for (const piece of pieces) {
      expect(loneSurrogate.test(piece)).toBe(false);
      expect(
        /^[\u200d\u{1f3fb}-\u{1f3ff}\u0301\u{1f1e6}-\u{1f1ff}]/u.test(piece.slice(0, 2)) && !piece.startsWith("🇻🇳"),
      ).toBe(false);
      expect(/\u200d$/.test(piece)).toBe(false);
    }
    expect(pieces.join("")).toBe(text);
    // Every cluster of the report is in one piece: counting them across the pieces gives the report's own count.
    const count = (s: string, e: string) => clusters(s).filter((g) => g === e).length;
    for (const e of emoji) expect(pieces.reduce((n, p) => n + count(p, e), 0)).toBe(count(text, e));
  });
});

describe("a delivery Telegram refuses", () => {
  it("leaves the question open, says «could not deliver», and «Gửi lại» delivers it then", async () => {
    h = await createHarness({ now: clock().now });
    const record = await setUpClass(h);
    await ask("Chi bộ có bao nhiêu đảng viên thì được lập chi uỷ?");
    await h.tap(users.lan, "Trả lời");
    h.emu.failNext("sendMessage", { error_code: 400, description: "Bad Request: message is too long" });
    const told = (await h.say(users.lan, "Từ chín đảng viên chính thức trở lên.")).join("\n");
    expect(told).toContain("Chưa gửi được câu trả lời tới học viên");
    expect(told).not.toContain("chặn bot");
    expect((await h.store.questions.ofClass(record.id))[0]).toMatchObject({ status: "open" });
    expect(h.last(users.binh).text).not.toContain("Từ chín đảng viên");

    const again = h.texts(await h.tap(users.lan, "Gửi lại")).join("\n");
    expect(again).toContain("Đã gửi câu trả lời tới học viên");
    expect(h.last(users.binh).text).toContain("Từ chín đảng viên chính thức trở lên.");
    expect((await h.store.questions.ofClass(record.id))[0]).toMatchObject({
      status: "answered",
      answer: "Từ chín đảng viên chính thức trở lên.",
    });
  });

  it("a question no instructor could get is said so, not as «no instructor on the bot»", async () => {
    h = await createHarness({ now: clock().now });
    const record = await setUpClass(h);
    await h.say(users.binh, "/question Đảng viên đi làm ăn xa sinh hoạt ở đâu?");
    h.emu.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" });
    const told = h.texts(await h.tap(users.binh, "Gửi")).join("\n");
    expect(told).toContain("chưa gửi được tới giảng viên của lớp");
    expect(told).not.toContain("chưa có giảng viên dùng bot");
    expect((await h.store.questions.ofClass(record.id))[0]).toMatchObject({ status: "open" });
  });

  it("a learner who blocked the bot: the instructor is told so, the question stays open for the discussion", async () => {
    h = await createHarness({ now: clock().now });
    const record = await setUpClass(h);
    const shown = await ask("Đảng viên dự bị có được biểu quyết không?");
    h.emu.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" });
    const calls = await h.run(h.emu.text(users.lan, "Không biểu quyết.", { replyTo: shown.message_id }));
    expect(h.texts(calls).join("\n")).toContain("học viên đã chặn bot");
    expect((await h.store.questions.ofClass(record.id))[0]).toMatchObject({ status: "open" });
  });

  it("a grade note that cannot be delivered: the grade stands, the instructor is told it did not get through", async () => {
    h = await createHarness({ now: clock(new Date("2026-12-07T08:00:00Z")).now });
    const record = await setUpClass(h);
    await submitTextReport(h, users.an, "Bản thu hoạch ngắn.");
    await h.tap(users.lan, "Mở bài");
    await h.tap(users.lan, "Khá");
    h.emu.failNext("sendMessage", { error_code: 400, description: "Bad Request: can't parse entities" });
    const told = (await h.say(users.lan, "Cần nêu rõ hơn phần vận dụng.")).join("\n");
    expect(told).toContain("Chưa gửi được thông báo cho học viên (Telegram chưa nhận");
    expect(await h.store.reports.grades(record.id, users.an.id)).toHaveLength(1);
  });

  it("an instructor's own earlier claim (an attempt cut off before it was recorded) is theirs to take over", async () => {
    h = await createHarness({ now: clock().now });
    const record = await setUpClass(h);
    const shown = await ask("Chi bộ sinh hoạt chuyên đề mấy lần một năm?");
    const [q] = await h.store.questions.ofClass(record.id);
    expect((await h.store.questions.claimAnswer(q?.id ?? "", users.lan.id)).ok).toBe(true);
    const calls = await h.run(h.emu.text(users.lan, "Ít nhất mỗi quý một lần.", { replyTo: shown.message_id }));
    expect(h.texts(calls).join("\n")).toContain("Đã gửi câu trả lời tới học viên");
    expect((await h.store.questions.ofClass(record.id))[0]).toMatchObject({ status: "answered" });
  });

  it("two instructors at once: the second is told one is on its way; after a failed delivery either may answer", async () => {
    h = await createHarness({ now: clock().now });
    const record = await setUpClass(h);
    const shown = await ask("Biên bản họp chi bộ lưu ở đâu?");
    const [q] = await h.store.questions.ofClass(record.id);
    // Another instructor's answer is on its way (its claim is taken, not yet recorded).
    const other = await h.store.questions.claimAnswer(q?.id ?? "", 4242);
    if (!other.ok) throw new Error("the first claim must win");
    const busy = await h.run(h.emu.text(users.lan, "Lưu ở văn phòng chi bộ.", { replyTo: shown.message_id }));
    expect(h.texts(busy).join("\n")).toContain("Một giảng viên khác đang gửi câu trả lời");
    // Their delivery failed: the claim is given back, and Lan's answer goes through.
    await h.store.questions.releaseAnswer(q?.id ?? "", other.token);
    const done = await h.run(h.emu.text(users.lan, "Lưu ở văn phòng chi bộ.", { replyTo: shown.message_id }));
    expect(h.texts(done).join("\n")).toContain("Đã gửi câu trả lời tới học viên");
    expect(h.last(users.binh).text).toContain("Lưu ở văn phòng chi bộ.");
    // Once answered, a third try is refused as answered, not as busy.
    const third = await h.run(h.emu.text(users.lan, "Lần nữa", { replyTo: shown.message_id }));
    expect(h.texts(third).join("\n")).toContain("đã được trả lời rồi");
  });
});
