/**
 * The understanding step through the real bot: a learner of a seeded class asks about their own course, how to use
 * the bot, and makes small talk — each gets its own kind of reply, never a passage of the material; and the buttons
 * under an older answer act on that older question.
 */
import { afterEach, describe, expect, it } from "vitest";
import { clock, setUpClass } from "../helpers/coursework.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe("a learner of a seeded class talks to the bot as they would to a person", () => {
  it("asks about tomorrow's session, the deadline, how to check in, and thanks the bot", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    const first = record.sessions.slice().sort((a, b) => a.start.localeCompare(b.start))[0]!;

    const [tomorrow] = await h.say(users.an, "sáng mai mấy giờ bắt đầu học vậy");
    expect(tomorrow).toContain("Ngày mai");
    expect(tomorrow).toContain("01/12/2026");
    expect(tomorrow).toContain(first.title);
    expect(tomorrow).not.toMatch(/^📖/);

    const [thursday] = await h.say(users.an, "thứ năm này học gì");
    expect(thursday).toContain("Thứ Năm, 03/12/2026");
    expect(thursday).toMatch(/Bài \d/);

    const [deadline] = await h.say(users.an, "bao giờ hết hạn nộp bài thu hoạch");
    expect(deadline).toContain("Hạn nộp bản thu hoạch");
    expect(deadline).toMatch(/\d{2}\/12\/2026/);

    const [checkin] = await h.say(users.an, "muốn điểm danh thì bấm đâu");
    expect(checkin).toContain("/checkin");
    expect(checkin).not.toMatch(/^📖/);

    const [thanks] = await h.say(users.an, "ok cảm ơn bạn nhiều nhé");
    expect(thanks).toContain("Không có gì");
    expect(h.replyKeyboard(users.an).length).toBeGreaterThan(0);
  });

  it("answers the certificate and a missed session with the class's own rule, and a stranger how to join", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    await setUpClass(h);
    const [cert] = await h.say(users.an, "mình đã đủ điều kiện nhận giấy chứng nhận chưa");
    expect(cert).toContain("chưa đủ điều kiện");
    expect(cert).toContain("khoá học chưa kết thúc");
    const [absent] = await h.say(users.an, "vắng một buổi thì sao ạ");
    expect(absent).toMatch(/cần ít nhất \d+\/\d+ buổi/);
    expect(absent).toContain("vắng tối đa");
    h.emu.openChat(users.stranger);
    const [noClass] = await h.say(users.stranger, "hôm nay học gì");
    expect(noClass).toMatch(/not in a class|chưa ở lớp nào/);
  });

  it("declines a question near the course that the material does not cover, offering the instructor", async () => {
    h = await createHarness();
    const [reply] = await h.say(users.an, "học phí lớp này bao nhiêu");
    expect(reply).toContain("tài liệu của lớp không có");
    expect(h.inlineButtons(h.last(users.an)).map((b) => b.text)).toContain("🙋 Hỏi giảng viên");
  });

  it("a long message with a preamble is answered on its question", async () => {
    h = await createHarness();
    const [answer] = await h.say(
      users.an,
      "Em chào thầy ạ. Em là bí thư chi bộ thôn mới được bầu, còn nhiều bỡ ngỡ. Cho em hỏi chi bộ sinh hoạt mấy lần một tháng ạ?",
    );
    expect(answer).toMatch(/^📖 .*Chi bộ sinh hoạt mấy lần một tháng/);
  });
});

describe("buttons under an older answer", () => {
  it("«Kết quả khác» under the first answer pages through the first question, not the latest", async () => {
    h = await createHarness();
    await h.say(users.an, "bản thu hoạch là gì");
    const older = h.last(users.an);
    await h.say(users.an, "chi bộ sinh hoạt mấy lần một tháng");
    const more = h.inlineButtons(older).find((b) => b.text.startsWith("➡️ Kết quả khác"));
    expect(more?.data).toBeDefined();
    const [second] = h.texts(await h.run(h.emu.click(users.an, older.message_id, more!.data!)));
    expect(second).toMatch(/thu hoạch/i);
    expect(second).not.toMatch(/sinh hoạt mấy lần/);
    // Its «Hỏi giảng viên» carries the older question too.
    const ask = h.inlineButtons(older).find((b) => b.text === "🙋 Hỏi giảng viên");
    expect(ask?.data).toMatch(/^qa:ask:\d+$/);
  });
});
