/**
 * An FAQ entry an instructor adds answers the learners of its class only; the instructor may open it to the whole
 * centre, a coordinator to everyone, and either may remove it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { clock, setUpClass } from "../helpers/coursework.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const LUNCH_Q = "Trưa học viên ăn cơm ở nhà ăn tầng mấy?";
const LUNCH_A = "Nhà ăn của lớp ở tầng 2 nhà B, cơm trưa lúc 11 giờ 15.";

async function answeredToFaq(question = LUNCH_Q, answer = LUNCH_A): Promise<void> {
  await h.say(users.an, `/question ${question}`);
  await h.tap(users.an, "Gửi");
  await h.tap(users.lan, "Trả lời");
  await h.say(users.lan, answer);
  await h.tap(users.lan, "Thêm vào Hỏi đáp");
}

describe("FAQ entries added in the bot are scoped", () => {
  it("one class's lunch arrangements reach its learners, not a learner of another centre, until opened to all", async () => {
    const c = clock();
    h = await createHarness({ now: c.now, faq: true });
    const record = await setUpClass(h);
    await h.store.classes.save({ ...record, centre: "Trung tâm Chính trị huyện Đông Anh" });
    await answeredToFaq();
    const buttons = h.inlineButtons(h.last(users.lan)).map((b) => b.text);
    expect(buttons).toContain("🏫 Cho cả trung tâm");
    expect(buttons).not.toContain("🌐 Cho mọi lớp");
    expect((await h.say(users.binh, "an trua o tang may")).join("\n")).toContain("tầng 2 nhà B");
    expect((await h.say(users.stranger, "an trua o tang may")).join("\n")).not.toContain("tầng 2 nhà B");

    const entry = (await h.store.faq.list())[0]!;
    expect(entry.scope).toBe(`class:${record.id}`);
    // A learner cannot widen it, whatever data they forge; a coordinator can open it to everyone.
    await h.say(users.an, "chào bạn");
    await h.run(h.emu.click(users.an, h.last(users.an).message_id, `faq:w:${entry.id}:centre`));
    expect((await h.store.faq.get(entry.id))?.scope).toBe(`class:${record.id}`);
    h.emu.openChat(users.coordinator);
    await h.say(users.coordinator, "chào bạn");
    const click = h.emu.click(users.coordinator, h.last(users.coordinator).message_id, `faq:w:${entry.id}:all`);
    const [opened] = h.texts(await h.run(click));
    expect(opened).toContain("dành cho học viên mọi lớp");
    expect((await h.store.faq.get(entry.id))?.scope).toBeUndefined();
    expect((await h.say(users.stranger, "an trua o tang may")).join("\n")).toContain("tầng 2 nhà B");

    await h.tap(users.coordinator, "Gỡ khỏi Hỏi đáp");
    expect(await h.store.faq.list()).toEqual([]);
    expect((await h.say(users.binh, "an trua o tang may")).join("\n")).not.toContain("tầng 2 nhà B");
  });

  it("a question the program leaves to each centre (lodging) is answered from the class's own FAQ, declined elsewhere", async () => {
    const c = clock();
    h = await createHarness({ now: c.now, faq: true });
    await setUpClass(h);
    const asked = "co cho ngu lai cho hoc vien o xa khong a";
    // Before the class has an answer, the question is declined with the offer to ask, not met with a passage.
    const before = (await h.say(users.binh, asked)).join("\n");
    expect(before).toContain("tài liệu của lớp không có");
    expect(h.inlineButtons(h.last(users.binh)).map((b) => b.text)).toContain("🙋 Hỏi giảng viên");

    await answeredToFaq(
      "Học viên ở xa có chỗ ngủ lại không ạ?",
      "Học viên ở xa được nghỉ lại ở nhà khách của trung tâm, phòng 2 người, đăng ký với cô Hoa.",
    );
    const after = (await h.say(users.binh, asked)).join("\n");
    expect(after).toContain("nhà khách của trung tâm");
    expect(h.inlineButtons(h.last(users.binh)).map((b) => b.text)).toContain("🙋 Hỏi giảng viên");
    // A learner of no class still gets the decline: the entry is the class's.
    const stranger = (await h.say(users.stranger, asked)).join("\n");
    expect(stranger).toContain("tài liệu của lớp không có");
    expect(stranger).not.toContain("nhà khách");
  });
});
