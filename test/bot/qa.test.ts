import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe("a learner asks about the program", () => {
  it("typed without diacritics, gets the right passage with its source, bold matches and buttons", async () => {
    h = await createHarness();
    const [answer] = await h.say(users.an, "chi bo sinh hoat may lan mot thang");
    expect(answer).toMatch(/^📖 .*Chi bộ sinh hoạt mấy lần một tháng/);
    expect(answer).toMatch(/hằng tháng|mỗi tháng|một lần/);
    expect(answer).toContain("Kết quả 1/");
    const message = h.last(users.an);
    expect(message.entities?.some((e) => e.type === "bold")).toBe(true);
    const buttons = h.inlineButtons(message).map((b) => b.text);
    expect(buttons).toContain("🙋 Hỏi giảng viên");
    expect(buttons.some((b) => b.startsWith("➡️ Kết quả khác"))).toBe(true);
  });

  it("a question whose topic sits in the clause before it is answered on that topic", async () => {
    h = await createHarness();
    const [answer] = await h.say(users.an, "Em chưa phân biệt được tự diễn biến với tự chuyển hoá, cái nào nặng hơn?");
    expect(answer).toMatch(/^📖 .*(tự diễn biến|Tự chuyển hoá)/i);
    expect(answer).toMatch(/nấc/);
  });

  it("reads the course's own name as the course, and a kind counted under another word", async () => {
    h = await createHarness();
    const [days] = await h.say(users.an, "Cho em hỏi học lớp bồi dưỡng bí thư chi bộ này mất tổng cộng mấy ngày ạ?");
    expect(days).toMatch(/4 đến 5 ngày/);
    const [grades] = await h.say(users.an, "Chi bộ chấm chất lượng đảng viên hằng năm thì chia ra bao nhiêu loại?");
    expect(grades).toMatch(/bốn mức/);
  });

  it("answers a question about the material as it stands now («bây giờ») from the material", async () => {
    h = await createHarness();
    const [answer] = await h.say(users.an, "Giảng viên bây giờ có cập nhật văn kiện Đại hội XIII khi giảng bài không?");
    expect(answer).toMatch(/^📖 .*Đại hội XIII/);
  });

  it("declines another course's question that shares the material's words, with the offer to ask", async () => {
    h = await createHarness();
    const [reply] = await h.say(users.an, "Lớp bồi dưỡng nhận thức về Đảng cho quần chúng ưu tú thì học mấy ngày?");
    expect(reply).not.toMatch(/^📖/);
    expect(h.inlineButtons(h.last(users.an)).map((b) => b.text)).toContain("🙋 Hỏi giảng viên");
  });

  it("pages through the other results with the button", async () => {
    h = await createHarness();
    await h.say(users.an, "bản thu hoạch là gì");
    const first = h.last(users.an).text;
    const calls = await h.tap(users.an, "Kết quả khác");
    const [second] = h.texts(calls);
    // The counter is shown once a session; later answers carry it on their button only.
    expect(first).toContain("Kết quả 1/");
    expect(second).not.toContain("Kết quả 2/");
    expect(second).not.toEqual(first);
    expect(h.inlineButtons(h.last(users.an)).map((b) => b.text)).toContain("➡️ Kết quả khác (3/5)");
  });

  it("/ask works the same as a plain message, and /ask alone explains how to ask", async () => {
    h = await createHarness();
    const [answer] = await h.say(users.an, "/ask Quy dinh 29 duoc thay the boi van ban nao");
    expect(answer).toContain("24-QĐ/TW");
    expect(await h.say(users.an, "/ask")).toEqual([expect.stringContaining("Mời bạn gõ câu hỏi")]);
  });

  it("refuses an out-of-scope question plainly, without a junk passage", async () => {
    h = await createHarness();
    const [reply] = await h.say(users.an, "ai vô địch world cup năm 2022");
    expect(reply).toContain("Tài liệu của lớp chưa có câu trả lời");
    expect(reply).not.toContain("📖");
    expect(h.inlineButtons(h.last(users.an)).map((b) => b.text)).toContain("🙋 Hỏi giảng viên");
  });

  it("says how to reach an instructor from the button", async () => {
    h = await createHarness();
    await h.say(users.an, "ai vô địch world cup năm 2022");
    const calls = await h.tap(users.an, "Hỏi giảng viên");
    const answer = calls.find((c) => c.method === "answerCallbackQuery");
    expect(String(answer?.payload.text)).toMatch(/giảng viên|cán bộ quản lý lớp/);
  });

  it("answers a 4,000-character question sensibly, within Telegram's limits", async () => {
    h = await createHarness();
    // A learner pastes the same question over and over (it happens with copy-paste on phones).
    const long = "Cho em hỏi bản thu hoạch là gì ạ? ".repeat(130).slice(0, 4000);
    expect(long).toHaveLength(4000);
    const [reply] = await h.say(users.an, long);
    expect(reply).toContain("tìm theo 600 ký tự đầu");
    expect(reply?.length).toBeLessThan(4096);
    expect(reply).toContain("📖");
  });

  it("asks for words when the message is emoji only", async () => {
    h = await createHarness();
    expect(await h.say(users.an, "🙂🙏🌸")).toEqual([expect.stringContaining("Mời bạn gõ câu hỏi bằng chữ")]);
  });

  it("a stale 'other results' button asks to retype instead of failing", async () => {
    h = await createHarness();
    await h.say(users.an, "/start");
    const calls = await h.run(h.emu.click(users.an, h.last(users.an).message_id, "qa:n:3"));
    expect(calls.find((c) => c.method === "answerCallbackQuery")?.payload.text).toContain("đã cũ");
  });

  it("replies in English to a user who chose English", async () => {
    h = await createHarness();
    await h.store.users.update(users.an.id, { locale: "en" });
    const [reply] = await h.say(users.an, "ban thu hoach la gi");
    expect(reply).toContain("Result 1/");
  });
});

describe("a coordinator reloads the material", () => {
  it("/reload rebuilds the index and says how much was loaded; a learner is refused", async () => {
    h = await createHarness();
    const [done] = await h.say(users.coordinator, "/reload");
    expect(done).toMatch(/Đã nạp lại tài liệu: \d+ tệp, \d+ đoạn/);
    expect(await h.say(users.an, "/reload")).toEqual([expect.stringContaining("chỉ dành cho cán bộ quản lý lớp")]);
  });
});

describe("a question the material does not answer, with words close to some topics", () => {
  it("offers 'did you mean' topics as buttons, and a tap shows that passage", async () => {
    h = await createHarness();
    const [reply] = await h.say(users.an, "giảm cân");
    expect(reply).toContain("Tài liệu của lớp chưa có câu trả lời");
    expect(reply).toContain("Có phải bạn muốn hỏi về:");
    const buttons = h.inlineButtons(h.last(users.an)).filter((b) => b.data?.startsWith("qa:s:"));
    expect(buttons.length).toBeGreaterThan(0);
    const [shown] = h.texts(await h.tap(users.an, buttons[0]!.text));
    expect(shown).toMatch(/^📖 Bài 5/);
  });
});
