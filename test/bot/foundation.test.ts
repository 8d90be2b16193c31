import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe("a new user opens the bot", () => {
  it("is welcomed in Vietnamese, told in two lines what the bot does, and offered registration in the menu", async () => {
    h = await createHarness();
    const [reply] = await h.say(users.an, "/start");
    expect(reply).toContain("Xin chào An!");
    expect(reply).toContain("Trợ giảng");
    expect(reply).toContain("lịch học");
    expect(reply).toContain("đăng ký");
    expect(h.replyKeyboard(users.an)).toEqual(["✍️ Đăng ký", "🌐 Ngôn ngữ", "ℹ️ Trợ giúp"]);
  });

  it("/help lists the commands of a learner", async () => {
    h = await createHarness();
    const [reply] = await h.say(users.an, "/help");
    expect(reply).toContain("vai trò: học viên");
    expect(reply).toContain("/register — Đăng ký thông tin học viên");
    expect(reply).toContain("/cancel");
  });

  it("/help tells a coordinator from COORDINATOR_IDS that they are a coordinator", async () => {
    h = await createHarness();
    const [reply] = await h.say(users.coordinator, "/help");
    expect(reply).toContain("vai trò: cán bộ quản lý lớp");
  });

  it("an unknown command gets a pointer to /help, not silence", async () => {
    h = await createHarness();
    expect(await h.say(users.an, "/foo")).toEqual([
      "Tôi không biết lệnh /foo. Gõ /help để xem các lệnh bạn dùng được.",
    ]);
  });

  it("a garbage button press gets an explanation instead of a spinner", async () => {
    h = await createHarness();
    await h.say(users.an, "/start");
    const calls = await h.run(h.emu.click(users.an, h.last(users.an).message_id, "zz:\u0000garbage"));
    const answer = calls.find((c) => c.method === "answerCallbackQuery");
    expect(answer?.payload.text).toContain("Nút này đã cũ");
  });

  it("a group chat is pointed to a private chat", async () => {
    h = await createHarness();
    const group = h.emu.group(-100123);
    const calls = await h.run(h.emu.text(users.an, "/start", { chatId: group.id }));
    expect(h.texts(calls)).toEqual([expect.stringContaining("nhắn riêng")]);
  });
});

describe("a member of a group the bot is in", () => {
  it("gets no stored profile from writing in the group, and one as soon as they write in private", async () => {
    h = await createHarness();
    const group = { id: -100777, type: "supergroup" as const, title: "Lớp bồi dưỡng" };
    for (const text of ["chào cả lớp", "/help"]) {
      const u = h.emu.text(users.stranger, text);
      await h.run({ ...u, message: { ...u.message, chat: group } } as typeof u);
    }
    expect(await h.store.users.get(users.stranger.id)).toBeUndefined();
    expect(await h.redis.exists(`user:${users.stranger.id}`)).toBe(0);
    await h.say(users.stranger, "/start");
    expect(await h.store.users.get(users.stranger.id)).toMatchObject({ id: users.stranger.id });
  });
});

describe("language", () => {
  it("switches to English, is remembered, and is honoured inside a scene", async () => {
    h = await createHarness();
    await h.say(users.an, "/language");
    const calls = await h.tap(users.an, "English");
    expect(h.texts(calls)).toContain("Switched to English.");
    const [help] = await h.say(users.an, "/help");
    expect(help).toContain("Commands you can use");
    const scene = await h.say(users.an, "/register");
    expect(scene.join("\n")).toContain("Step 1/3");
    expect((await h.store.users.get(users.an.id))?.locale).toBe("en");
  });

  it("refuses a language it does not have, politely", async () => {
    h = await createHarness();
    await h.say(users.an, "/language");
    const calls = await h.run(h.emu.click(users.an, h.last(users.an).message_id, "lang:fr"));
    expect(calls.find((c) => c.method === "answerCallbackQuery")?.payload.text).toContain("chưa được hỗ trợ");
  });
});

describe("a learner registers", () => {
  it("gives name, unit and position, confirms, and finds them on /profile", async () => {
    h = await createHarness();
    expect((await h.say(users.an, "/register")).join("\n")).toContain("Bước 1/3");
    expect(await h.say(users.an, "  Nguyễn   Văn An ")).toEqual([expect.stringContaining("Bước 2/3")]);
    expect(await h.say(users.an, "Chi bộ thôn Đông <Hoà Bình>")).toEqual([expect.stringContaining("Bước 3/3")]);
    await h.tap(users.an, "Bí thư chi bộ");
    const confirm = h.last(users.an);
    expect(confirm.text).toContain("Họ tên: Nguyễn Văn An");
    expect(confirm.text).toContain("Đơn vị: Chi bộ thôn Đông <Hoà Bình>");
    const saved = h.texts(await h.tap(users.an, "Đúng, lưu lại"));
    expect(saved).toEqual(["Đã lưu hồ sơ của bạn. Cảm ơn Nguyễn Văn An!"]);
    const profile = await h.store.users.get(users.an.id);
    expect(profile).toMatchObject({
      fullName: "Nguyễn Văn An",
      unit: "Chi bộ thôn Đông <Hoà Bình>",
      position: "bi_thu",
    });
    const [shown] = await h.say(users.an, "/profile");
    expect(shown).toContain("Chức vụ: Bí thư chi bộ");
    expect(h.replyKeyboard(users.an)).toContain("📊 Kết quả học tập");
  });

  it("re-asks a name that is too short or not a name, keeping the scene going", async () => {
    h = await createHarness();
    await h.say(users.an, "/register");
    expect(await h.say(users.an, "A")).toEqual([expect.stringContaining("từ 2 đến 100 ký tự")]);
    expect(await h.say(users.an, "12345")).toEqual([expect.stringContaining("từ 2 đến 100 ký tự")]);
    expect(await h.say(users.an, "x".repeat(101))).toEqual([expect.stringContaining("từ 2 đến 100 ký tự")]);
    expect(await h.say(users.an, "Trần Thị Bình")).toEqual([expect.stringContaining("Bước 2/3")]);
  });

  it("takes a typed position as well as a tapped one, and re-asks nonsense", async () => {
    h = await createHarness();
    await h.say(users.an, "/register");
    await h.say(users.an, "Lê Văn Cường");
    await h.say(users.an, "Đảng bộ xã Hoà Bình");
    expect(await h.say(users.an, "trưởng thôn")).toEqual([expect.stringContaining("chọn chức vụ")]);
    expect((await h.say(users.an, "phó bí thư")).join()).toContain("Mời bạn kiểm tra lại");
  });

  it("answers other commands mid-scene with a hint and keeps the answers", async () => {
    h = await createHarness();
    await h.say(users.an, "/register");
    await h.say(users.an, "Lê Văn Cường");
    expect(await h.say(users.an, "/help")).toEqual([expect.stringContaining("/cancel")]);
    expect(await h.say(users.an, "Chi bộ 3")).toEqual([expect.stringContaining("Bước 3/3")]);
  });

  it("/cancel leaves the scene; nothing half-typed is saved as a profile", async () => {
    h = await createHarness();
    await h.say(users.an, "/register");
    await h.say(users.an, "Lê Văn Cường");
    expect(await h.say(users.an, "/cancel")).toEqual([expect.stringContaining("Đã dừng")]);
    expect((await h.store.users.get(users.an.id))?.fullName).toBeUndefined();
    expect(await h.say(users.an, "Chi bộ 3")).not.toEqual([expect.stringContaining("Bước 3/3")]);
    expect(await h.say(users.an, "/cancel")).toEqual([expect.stringContaining("không có bước nào")]);
  });

  it("continues after the bot restarts half-way through (same Redis)", async () => {
    h = await createHarness();
    await h.say(users.binh, "/register");
    await h.say(users.binh, "Trần Văn Bình");
    await h.close();
    // A new process: new bot, new Redis connection, same data; the emulator plays Telegram, which does not restart.
    h = await createHarness({ prefix: h.prefix, emulator: h.emu });
    expect(await h.say(users.binh, "Chi bộ khu phố 2")).toEqual([expect.stringContaining("Bước 3/3")]);
    await h.tap(users.binh, "Chi uỷ viên");
    expect(h.last(users.binh).text).toContain("Họ tên: Trần Văn Bình");
    await h.tap(users.binh, "Đúng, lưu lại");
    expect(await h.store.users.get(users.binh.id)).toMatchObject({
      fullName: "Trần Văn Bình",
      position: "chi_uy_vien",
    });
  });

  it("can edit the profile later from /profile", async () => {
    h = await createHarness();
    await h.store.users.update(users.an.id, { fullName: "Nguyễn An", unit: "Chi bộ 1", position: "khac" });
    await h.say(users.an, "/profile");
    await h.tap(users.an, "Sửa hồ sơ");
    await h.say(users.an, "Nguyễn Văn An");
    await h.say(users.an, "Chi bộ 2");
    await h.tap(users.an, "Phó bí thư");
    await h.tap(users.an, "Đúng");
    expect(await h.store.users.get(users.an.id)).toMatchObject({ fullName: "Nguyễn Văn An", position: "pho_bi_thu" });
  });
});

describe("when something breaks", () => {
  it("a storage failure gets a polite 'busy, retry' in the user's language", async () => {
    h = await createHarness();
    const original = h.store.users.touch.bind(h.store.users);
    h.store.users.touch = async () => {
      throw new Error("connect ECONNREFUSED 127.0.0.1:6379");
    };
    expect(await h.say(users.an, "/start")).toEqual([expect.stringContaining("Hệ thống đang bận")]);
    h.store.users.touch = original;
    expect((await h.say(users.an, "/start"))[0]).toContain("Xin chào");
  });
});
