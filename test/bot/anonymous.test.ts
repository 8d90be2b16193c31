import { afterEach, describe, expect, it } from "vitest";
import type { EmuUser } from "../../src/sandbox/emulator/index.js";
import { clock, setUpClass } from "../helpers/coursework.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function note(user: EmuUser, text: string, anonymous: boolean): Promise<string> {
  await h.say(user, "/feedback");
  await h.tap(user, "Lớp học nói chung");
  const prompt = h.texts(await h.tap(user, anonymous ? "Ẩn danh" : "Kèm tên tôi")).join("\n");
  const saved = (await h.say(user, text)).join("\n");
  return `${prompt}\n${saved}`;
}

/** Every value stored under a key of this harness whose name contains `fragment`, as text. */
async function valuesOfKeysWith(fragment: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const full of await h.redis.keys("*")) {
    const key = full.startsWith(h.prefix) ? full.slice(h.prefix.length) : full;
    if (!key.includes(fragment)) continue;
    const type = await h.redis.type(key);
    if (type === "string") out[key] = (await h.redis.getBuffer(key))?.toString("latin1") ?? "";
    else if (type === "hash") out[key] = JSON.stringify(await h.redis.hgetall(key));
    else if (type === "list") out[key] = JSON.stringify(await h.redis.lrange(key, 0, -1));
    else if (type === "set") out[key] = JSON.stringify(await h.redis.smembers(key));
    else if (type === "zset") out[key] = JSON.stringify(await h.redis.zrange(key, 0, -1));
    else out[key] = type;
  }
  return out;
}

describe("anonymous means anonymous", () => {
  it("after an anonymous note, no Redis key containing the author's id holds the text", async () => {
    h = await createHarness({ now: clock(new Date("2026-12-03T03:00:00Z")).now });
    const record = await setUpClass(h);
    const TEXT = "Phòng học hơi nóng, nên có quạt";
    const shown = await note(users.binh, TEXT, true);
    // The promise says exactly what is kept.
    expect(shown).toContain("chỉ lưu nội dung, chủ đề và ngày gửi — không lưu giờ, tên hay mã Telegram của bạn");
    expect(shown).toContain("ẩn danh");
    const [stored] = await h.store.feedback.notes(record.id);
    expect(stored).toEqual({ topic: "class", text: TEXT, at: "2026-12-03", anonymous: true });
    const byAuthor = await valuesOfKeysWith(String(users.binh.id));
    expect(Object.keys(byAuthor).length).toBeGreaterThan(0);
    for (const [key, value] of Object.entries(byAuthor)) {
      expect(value, key).not.toContain(TEXT);
      // Not even in a serialised form (the text as JSON or as UTF-8 bytes read as Latin-1).
      expect(value, key).not.toContain(Buffer.from(TEXT).toString("latin1"));
      expect(value, key).not.toContain("hơi nóng");
    }
    // And no scene of Bình's is left over.
    expect(Object.keys(byAuthor).filter((k) => k.startsWith("conv:"))).toEqual([]);
  });

  it("/feedbacks shows anonymous notes with the date only, apart from named notes and in the order of their text", async () => {
    h = await createHarness({ now: clock(new Date("2026-12-03T03:00:00Z")).now });
    await setUpClass(h);
    await note(users.binh, "Tài liệu nên in sớm hơn", true);
    await note(users.an, "Tổ chức lớp chu đáo", false);
    await note(users.an, "Âm thanh phòng học chưa tốt", true);
    const view = (await h.say(users.lan, "/feedbacks")).join("\n");
    const named = view.indexOf("Tổ chức lớp chu đáo");
    const first = view.indexOf("Âm thanh phòng học chưa tốt");
    const second = view.indexOf("Tài liệu nên in sớm hơn");
    expect(named).toBeGreaterThan(-1);
    expect(first).toBeGreaterThan(named);
    expect(second).toBeGreaterThan(first);
    expect(view).toContain("Nguyễn Văn An · 03/12/2026 10:00");
    expect(view).toContain("(ẩn danh) · 03/12/2026\n");
    expect(view).not.toMatch(/ẩn danh\) · 03\/12\/2026 \d\d:\d\d/);
  });

  it("a menu button while the note is awaited does what it says and is not stored as the note", async () => {
    h = await createHarness({ now: clock(new Date("2026-12-03T03:00:00Z")).now });
    const record = await setUpClass(h);
    await h.say(users.binh, "/feedback");
    await h.tap(users.binh, "Lớp học nói chung");
    await h.tap(users.binh, "Ẩn danh");
    expect((await h.say(users.binh, "📅 Lịch học")).join("\n")).toContain("Lớp bồi dưỡng khoá I");
    expect(await h.store.feedback.notes(record.id)).toEqual([]);
    await h.say(users.binh, "Góp ý sau khi xem lịch");
    expect((await h.store.feedback.notes(record.id)).map((n) => n.text)).toEqual(["Góp ý sau khi xem lịch"]);
  });

  it("/cancel while the note is awaited ends it: the next message is not taken as a note", async () => {
    h = await createHarness({ now: clock(new Date("2026-12-03T03:00:00Z")).now });
    const record = await setUpClass(h);
    await h.say(users.binh, "/feedback");
    await h.tap(users.binh, "Lớp học nói chung");
    await h.tap(users.binh, "Ẩn danh");
    expect((await h.say(users.binh, "/cancel")).join("\n")).toContain("Đã dừng");
    await h.say(users.binh, "Chi bộ sinh hoạt mấy lần một tháng?");
    expect(await h.store.feedback.notes(record.id)).toEqual([]);
  });
});
