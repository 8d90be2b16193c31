import { afterEach, describe, expect, it } from "vitest";
import { clock, setUpClass } from "../helpers/coursework.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
let h2: Harness | undefined;
afterEach(async () => {
  await h?.close();
  await h2?.close();
  h2 = undefined;
});

const PARKING_Q = "Học viên gửi xe máy ở bãi nào của trung tâm?";
const PARKING_A = "Bãi gửi xe máy của học viên ở cổng sau trung tâm, có bảo vệ trông giữ, không mất phí.";

describe("a learner asks the instructors", () => {
  it("from «Hỏi giảng viên» under a Q&A answer: the instructor answers with the button, adds it to the FAQ, and it is found at once", async () => {
    const c = clock();
    h = await createHarness({ now: c.now, faq: true });
    const record = await setUpClass(h);
    await h.say(users.an, PARKING_Q);
    const confirm = h.texts(await h.tap(users.an, "Hỏi giảng viên")).join("\n");
    expect(confirm).toContain("Gửi câu hỏi này tới giảng viên lớp Lớp bồi dưỡng khoá I?");
    expect(confirm).toContain(PARKING_Q);
    // Typing instead of tapping says what the buttons do and keeps the question waiting.
    const [typed] = await h.say(users.an, "lớp mình có bao nhiêu người");
    expect(typed).toContain("Câu hỏi ở trên chưa được gửi");
    expect(h.inlineButtons(h.last(users.an)).map((b) => b.text)).toEqual(["📨 Gửi", "✖️ Huỷ"]);
    expect(h.texts(await h.tap(users.an, "Gửi")).join("\n")).toContain("Đã gửi câu hỏi tới giảng viên");

    const toLan = h.last(users.lan);
    expect(toLan.text).toContain("Câu hỏi của Nguyễn Văn An (lớp Lớp bồi dưỡng khoá I)");
    expect(toLan.text).toContain(PARKING_Q);
    await h.tap(users.lan, "Trả lời");
    await h.say(users.lan, PARKING_A);
    const answer = h.last(users.an).text ?? "";
    expect(answer).toContain("Giảng viên đã trả lời câu hỏi của bạn");
    expect(answer).toContain(PARKING_A);

    expect(h.texts(await h.tap(users.lan, "Thêm vào Hỏi đáp")).join("\n")).toContain("Đã thêm vào Hỏi đáp");
    const [q] = await h.store.questions.ofClass(record.id);
    expect(q).toMatchObject({
      status: "answered",
      answer: PARKING_A,
      answeredBy: users.lan.id,
      faqId: expect.stringMatching(/^f[0-9a-z]{14}$/),
    });

    // Another learner of the class finds it by plain search right away, without diacritics; nobody else does.
    const found = (await h.say(users.binh, "gui xe may o dau")).join("\n");
    expect(found).toContain("Hỏi đáp từ giảng viên");
    expect(found).toContain("cổng sau trung tâm");
    expect((await h.say(users.stranger, "gui xe may o dau")).join("\n")).not.toContain("cổng sau trung tâm");
  });

  it("/question text, answered by replying to the message; user text is escaped both ways", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    await h.say(users.binh, "/question Chi bộ <5 đảng viên> có cần chi uỷ không?");
    await h.tap(users.binh, "Gửi");
    const toLan = h.last(users.lan);
    expect(toLan.text).toContain("Chi bộ <5 đảng viên> có cần chi uỷ không?");
    const calls = await h.run(
      h.emu.text(users.lan, "Không cần <bầu chi uỷ>, chỉ bầu bí thư", { replyTo: toLan.message_id }),
    );
    expect(h.texts(calls).join("\n")).toContain("Đã gửi câu trả lời tới học viên");
    expect(h.last(users.binh).text).toContain("Không cần <bầu chi uỷ>, chỉ bầu bí thư");
    const [q] = await h.store.questions.ofClass(record.id);
    expect(q?.status).toBe("answered");
    // A second answer to the same question is refused (the first one stands).
    await h.run(h.emu.text(users.lan, "Trả lời lần hai", { replyTo: toLan.message_id }));
    expect(h.last(users.lan).text).toContain("đã được trả lời rồi");
  });

  it("a learner in two classes is asked which class, and the question goes to that class", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    await setUpClass(h);
    const second = await setUpClass(h, "Lớp bồi dưỡng khoá II");
    const asked = (await h.say(users.an, "/question Chi bộ họp mấy lần một tháng?")).join("\n");
    expect(asked).toContain("Gửi câu hỏi tới giảng viên của lớp nào?");
    const buttons = h.inlineButtons(h.last(users.an)).map((b) => b.text);
    expect(buttons).toEqual(["Lớp bồi dưỡng khoá I", "Lớp bồi dưỡng khoá II"]);
    const confirm = h.texts(await h.tap(users.an, "khoá II")).join("\n");
    expect(confirm).toContain("Gửi câu hỏi này tới giảng viên lớp Lớp bồi dưỡng khoá II?");
    await h.tap(users.an, "Gửi");
    const inSecond = await h.store.questions.ofClass(second.id);
    expect(inSecond.map((q) => q.text)).toEqual(["Chi bộ họp mấy lần một tháng?"]);
  });

  it("a bare /question asks for the text; a learner in no class is told", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    await setUpClass(h);
    expect(await h.say(users.an, "/question")).toEqual([expect.stringContaining("Mời bạn gõ câu hỏi")]);
    expect((await h.say(users.an, "Đảng phí đóng theo tháng hay quý?")).join("\n")).toContain("Gửi câu hỏi này");
    await h.tap(users.an, "Gửi");
    expect(h.last(users.lan).text).toContain("Đảng phí đóng theo tháng hay quý?");
    expect(await h.say(users.stranger, "/question test?")).toEqual([expect.stringContaining("chưa ở trong lớp nào")]);
  });

  it("another bot process on the same Redis finds a new FAQ entry within seconds", async () => {
    const c = clock();
    h = await createHarness({ now: c.now, faq: true });
    h2 = await createHarness({ now: c.now, faq: true, prefix: h.prefix, emulator: h.emu });
    await setUpClass(h);
    expect((await h2.say(users.binh, "gui xe may o dau")).join("\n")).not.toContain("cổng sau trung tâm");
    await h.say(users.an, `/question ${PARKING_Q}`);
    await h.tap(users.an, "Gửi");
    await h.tap(users.lan, "Trả lời");
    await h.say(users.lan, PARKING_A);
    await h.tap(users.lan, "Thêm vào Hỏi đáp");
    c.set(new Date(c.now().getTime() + 5000));
    expect((await h2.say(users.binh, "gui xe may o dau")).join("\n")).toContain("cổng sau trung tâm");
  });
});

describe("the discussion half-day: /questions", () => {
  it("ranks open questions by upvotes; learners upvote; the instructor marks one answered and the asker is told", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    await setUpClass(h);
    for (const [user, text] of [
      [users.an, "Sinh hoạt chi bộ chuyên đề mấy lần một năm?"],
      [users.binh, "Kết nạp đảng viên cần những thủ tục gì?"],
    ] as const) {
      await h.say(user, `/question ${text}`);
      await h.tap(user, "Gửi");
    }
    let list = (await h.say(users.an, "/questions")).join("\n");
    expect(list).toContain("Câu hỏi chưa giải đáp — Lớp bồi dưỡng khoá I (2)");
    expect(list).toMatch(/1\. 👍 0 · Sinh hoạt chi bộ[\s\S]*2\. 👍 0 · Kết nạp/);
    // Learners do not see who asked.
    expect(list).not.toContain("Trần Thị Bình");
    const voted = await h.tap(users.an, "👍 2");
    expect(voted.find((x) => x.method === "answerCallbackQuery")?.payload.text).toContain("Đã ủng hộ");
    list = h.last(users.an).text ?? "";
    expect(list).toMatch(/1\. 👍 1 · Kết nạp[\s\S]*2\. 👍 0 · Sinh hoạt/);

    const teacher = (await h.say(users.lan, "/questions")).join("\n");
    expect(teacher).toMatch(/1\. 👍 1 · Kết nạp đảng viên cần những thủ tục gì\? — Trần Thị Bình/);
    await h.tap(users.lan, "✅ 1");
    // Asked first, naming what the tap does; nothing happens until the yes.
    expect(h.last(users.lan).text).toContain("Đánh dấu câu hỏi này là đã trả lời trên lớp?");
    expect(h.last(users.binh).text).not.toContain("đã được giải đáp");
    await h.tap(users.lan, "Đã trả lời trên lớp");
    expect(h.last(users.binh).text).toContain("đã được giải đáp tại buổi thảo luận");
    expect(h.last(users.lan).text).toContain("Câu hỏi chưa giải đáp — Lớp bồi dưỡng khoá I (1)");
    expect(h.last(users.lan).text).not.toContain("Kết nạp");
  });
});
