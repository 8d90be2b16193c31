import { afterEach, describe, expect, it } from "vitest";
import { CAPABILITIES } from "../../src/bot/index.js";
import { MENU_ITEMS } from "../../src/bot/menu.js";
import { clock, setUpClass } from "../helpers/coursework.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe("menus are not data", () => {
  it("the 📅 button in the middle of /report pauses the report and loses nothing", async () => {
    const c = clock(new Date("2026-12-07T08:00:00Z"));
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    await h.say(users.an, "/report");
    await h.say(users.an, "Phần 1: những điều tâm đắc");
    const paused = (await h.say(users.an, "📅 Lịch học")).join("\n");
    expect(paused).toContain("«📅 Lịch học» là nút menu");
    expect(paused).not.toContain("Đã nhận phần 2");
    expect(h.texts(await h.tap(users.an, "Tiếp tục"))).toEqual([]);
    // The English label of the same button is a menu tap too.
    expect((await h.say(users.an, "📅 Schedule")).join("\n")).toContain("là nút menu");
    expect(await h.say(users.an, "Phần 2: vận dụng")).toEqual([expect.stringContaining("Đã nhận phần 2")]);
    const preview = h.texts(await h.tap(users.an, "Xong")).join("\n");
    expect(preview).toContain("Chữ: 2 tin nhắn");
    await h.tap(users.an, "Nộp");
    const [v] = await h.store.reports.versions(record.id, users.an.id);
    expect(v?.parts).toEqual([
      { kind: "text", text: "Phần 1: những điều tâm đắc" },
      { kind: "text", text: "Phần 2: vận dụng" },
    ]);
  });

  it("a menu button typed as the name of a new class pauses /newclass; «Dừng» ends it and creates nothing", async () => {
    h = await createHarness();
    h.emu.openChat(users.coordinator);
    await h.say(users.coordinator, "/newclass");
    const paused = (await h.say(users.coordinator, "📅 Lịch học")).join("\n");
    expect(paused).toContain("là nút menu");
    const stopped = h.texts(await h.tap(users.coordinator, "Dừng")).join("\n");
    expect(stopped).toContain("Đã dừng");
    expect(h.replyKeyboard(users.coordinator)).toContain("🏫 Lớp học");
    expect(await h.store.classes.list()).toEqual([]);
    // The scene is over: the button now does what it says.
    expect((await h.say(users.coordinator, "🏫 Lớp học")).join("\n")).not.toContain("là nút menu");
  });

  it("a menu button in the middle of /newclass, then «Tiếp tục»: the name typed next is the class's name", async () => {
    h = await createHarness();
    h.emu.openChat(users.coordinator);
    await h.say(users.coordinator, "/newclass");
    await h.say(users.coordinator, "📈 Đánh giá lớp");
    await h.tap(users.coordinator, "Tiếp tục");
    const next = (await h.say(users.coordinator, "Lớp bồi dưỡng khoá II")).join("\n");
    expect(next).not.toContain("là nút menu");
    expect(next).not.toBe("");
  });
});

describe("each role's reply keyboard carries its main actions", () => {
  it("every button on a keyboard is answered by exactly one capability", () => {
    for (const item of MENU_ITEMS) {
      expect(
        CAPABILITIES.filter((c) => c.labels.includes(item.key)).map((c) => c.name),
        item.key,
      ).toHaveLength(1);
    }
  });

  it("a learner sees Lịch học, Điểm danh, Nộp thu hoạch, Hỏi giảng viên, Kết quả học tập, Trợ giúp", async () => {
    h = await createHarness({ now: clock().now });
    await setUpClass(h);
    await h.say(users.an, "/start");
    expect(h.replyKeyboard(users.an)).toEqual([
      "📅 Lịch học",
      "✅ Điểm danh",
      "📝 Nộp thu hoạch",
      "❓ Hỏi giảng viên",
      "📊 Kết quả học tập",
      "ℹ️ Trợ giúp",
    ]);
    expect((await h.say(users.an, "📝 Nộp thu hoạch")).join("\n")).toContain("Nộp bản thu hoạch");
    await h.say(users.an, "/cancel");
    expect((await h.say(users.an, "✅ Điểm danh")).join("\n")).toContain("điểm danh");
    // An instructor's button typed by a learner is refused like its command.
    expect((await h.say(users.an, "📣 Thông báo")).join("\n")).toContain("chỉ dành cho");
  });

  it("an instructor adds Thông báo, Bài thu hoạch, Điểm danh lớp; a coordinator adds Lớp học, Đánh giá lớp", async () => {
    h = await createHarness({ now: clock().now });
    await setUpClass(h);
    await h.say(users.lan, "/start");
    const lan = h.replyKeyboard(users.lan);
    expect(lan).toEqual(
      expect.arrayContaining(["📣 Thông báo", "📚 Bài thu hoạch", "📋 Điểm danh lớp", "📅 Lịch học"]),
    );
    expect(lan).not.toContain("🏫 Lớp học");
    expect((await h.say(users.lan, "📚 Bài thu hoạch")).join("\n")).toContain("Bản thu hoạch — Lớp bồi dưỡng khoá I");
    h.emu.openChat(users.coordinator);
    await h.say(users.coordinator, "/start");
    expect(h.replyKeyboard(users.coordinator)).toEqual(expect.arrayContaining(["🏫 Lớp học", "📈 Đánh giá lớp"]));
    expect((await h.say(users.coordinator, "🏫 Lớp học")).join("\n")).toContain("Lớp bồi dưỡng khoá I");
  });

  it("in English the same keyboard speaks English", async () => {
    h = await createHarness({ now: clock().now });
    await setUpClass(h);
    await h.store.users.update(users.an.id, { locale: "en" });
    await h.say(users.an, "/start");
    expect(h.replyKeyboard(users.an)).toEqual([
      "📅 Schedule",
      "✅ Check in",
      "📝 Submit report",
      "❓ Ask instructor",
      "📊 My progress",
      "ℹ️ Help",
    ]);
    expect((await h.say(users.an, "📊 My progress")).join("\n")).toContain("My progress — Lớp bồi dưỡng khoá I");
  });
});
