/**
 * The session (`sess:<chat>` in Redis) runs only for the updates whose handlers use it (src/bot/session.ts): a
 * command or a button that has nothing to remember leaves it alone; a question and its buttons keep working.
 */
import { Context } from "grammy";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { usesSession } from "../../src/bot/session.js";
import { BotApiEmulator } from "../../src/sandbox/emulator/index.js";
import { keys } from "../../src/store/index.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe("which updates get the session", () => {
  const emu = new BotApiEmulator();
  const ctxOf = (update: Update) => new Context(update, {} as never, emu.botInfo);
  const group = { id: -100, type: "group" as const, title: "Lớp" };

  it("plain text, /ask and /checkin (also as /cmd@bot), and the Q&A buttons; nothing else", () => {
    const said = (text: string) => usesSession(ctxOf(emu.text(users.an, text)));
    expect(said("nhiem vu chi bo la gi")).toBe(true);
    expect(said("/ask chi bo")).toBe(true);
    expect(said(`/checkin@${emu.botInfo.username} 1234`)).toBe(true);
    expect(said("/checkin")).toBe(true);
    expect(said("/help")).toBe(false);
    expect(said("/start abc")).toBe(false);
    const tapped = (data: string) => usesSession(ctxOf(emu.click(users.an, 1, data)));
    expect(tapped("qa:n:1")).toBe(true);
    expect(tapped("qa:ask")).toBe(true);
    expect(tapped("lang:vi")).toBe(false);
    const inGroup = emu.text(users.an, "xin chào");
    expect(usesSession(ctxOf({ ...inGroup, message: { ...inGroup.message, chat: group } } as Update))).toBe(false);
  });

  it("text that only starts with a slash (no command entity) is plain text, as grammY reads it", () => {
    const update = emu.text(users.an, "/ not a command");
    const message = { ...update.message, entities: undefined } as NonNullable<Update["message"]>;
    expect(usesSession(ctxOf({ ...update, message }))).toBe(true);
  });
});

describe("through the bot", () => {
  it("/help, /start and the language buttons store no session; a question does, and its buttons work", async () => {
    h = await createHarness();
    await h.say(users.an, "/start");
    await h.say(users.an, "/help");
    await h.say(users.an, "/language");
    await h.tap(users.an, "Tiếng Việt");
    expect(await h.redis.get(`${keys.sessionPrefix}${users.an.id}`)).toBeNull();

    const answer = (await h.say(users.an, "nhiem vu cua chi bo la gi")).join("\n");
    expect(answer).toContain("Kết quả 1/");
    expect(JSON.parse((await h.redis.get(`${keys.sessionPrefix}${users.an.id}`)) ?? "{}")).toMatchObject({
      qa: { q: "nhiem vu cua chi bo la gi" },
    });
    const more = h.texts(await h.tap(users.an, "Kết quả khác"));
    expect(more.join("\n")).toContain("Kết quả 2/");
  });
});
