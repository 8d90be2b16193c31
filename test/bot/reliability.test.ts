/**
 * Reliability seen from a user: an update delivered twice is answered once, a user who floods the bot is told once
 * to slow down (not ignored in silence), and Telegram refusing for a moment (429, 5xx) does not lose the reply.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe("Telegram delivers the same update twice", () => {
  it("answers it once, whichever delivery comes second", async () => {
    h = await createHarness();
    const update = h.emu.text(users.an, "/help");
    const first = h.texts(await h.run(update));
    const again = await h.run(structuredClone(update));
    expect(first).toEqual([expect.stringContaining("/register")]);
    expect(again).toEqual([]);
    expect(await h.store.updates.isClaimed(update.update_id)).toBe(true);
  });

  it("handles a redelivery when storage failed right after the claim (profile write of a new user)", async () => {
    h = await createHarness();
    const update = h.emu.text(users.an, "/help");
    const restore = dropRedisAfterClaim(h);
    expect(h.texts(await h.run(update))).toEqual([expect.stringContaining("Hệ thống đang bận")]);
    restore();
    expect(await h.store.updates.isClaimed(update.update_id)).toBe(false);
    expect(h.texts(await h.run(structuredClone(update)))).toEqual([expect.stringContaining("/register")]);
  });

  it("handles a redelivery when storage failed further down (a known user's /schedule)", async () => {
    h = await createHarness();
    await h.say(users.an, "/start");
    const update = h.emu.text(users.an, "/schedule");
    const restore = dropRedisAfterClaim(h);
    expect(h.texts(await h.run(update))).toEqual([expect.stringContaining("Hệ thống đang bận")]);
    restore();
    expect(await h.store.updates.isClaimed(update.update_id)).toBe(false);
    expect(h.texts(await h.run(structuredClone(update)))).toEqual([expect.stringContaining("chưa tham gia lớp nào")]);
  });
});

/**
 * Makes Redis fail as a dropped connection would, from the moment the update's first round trip (claim, profile,
 * session, scene state) has answered; only giving the claim back (its compare-and-delete script) still goes through.
 */
function dropRedisAfterClaim(harness: Harness): () => void {
  type Command = { name: string; reject(err: Error): void; promise: Promise<unknown> };
  const redis = harness.redis as unknown as { sendCommand(cmd: Command): unknown };
  const updates = harness.store.updates;
  const send = redis.sendCommand.bind(redis);
  const begin = updates.begin.bind(updates);
  let down = false;
  redis.sendCommand = (cmd) => {
    if (!down || cmd.name === "evalsha" || cmd.name === "eval") return send(cmd);
    cmd.reject(new Error("Reached the max retries per request limit (which is 1)."));
    return cmd.promise;
  };
  updates.begin = async (...args) => {
    const start = await begin(...args);
    down = true;
    return start;
  };
  return () => {
    redis.sendCommand = send;
    updates.begin = begin;
  };
}

describe("a user floods the bot", () => {
  it("is told once per window to slow down, in their language; other users are not affected", async () => {
    h = await createHarness();
    const replies: string[][] = [];
    const english = { id: 5556, first_name: "Anna", language_code: "en" };
    for (let i = 0; i < 25; i++) replies.push(await h.say(english, "/help"));
    // Anna's Telegram app is English and they have not chosen a language: English, from the app.
    expect(replies[0]).toEqual([expect.stringContaining("Commands you can use")]);
    expect(replies.slice(0, 20).every((r) => r.length === 1 && r[0]?.includes("/register"))).toBe(true);
    expect(replies[20]).toEqual([expect.stringContaining("You are sending faster than I can keep up")]);
    expect(replies.slice(21)).toEqual([[], [], [], []]);
    expect(await h.say(users.an, "/help")).toEqual([expect.stringContaining("/register")]);
  });

  it("gets the notice in English once they chose English", async () => {
    h = await createHarness();
    await h.store.users.update(users.binh.id, { locale: "en" });
    const replies: string[][] = [];
    for (let i = 0; i < 21; i++) replies.push(await h.say(users.binh, `message ${i}`));
    expect(replies[20]).toEqual([expect.stringContaining("You are sending faster than I can keep up")]);
  });

  it("a flood of button presses gets an alert, not a silent spinner", async () => {
    h = await createHarness();
    await h.say(users.an, "/language");
    const messageId = h.last(users.an).message_id;
    for (let i = 0; i < 19; i++) await h.run(h.emu.click(users.an, messageId, "zz:stale"));
    const calls = await h.run(h.emu.click(users.an, messageId, "zz:stale"));
    const answer = calls.find((c) => c.method === "answerCallbackQuery");
    expect(answer?.payload).toMatchObject({ show_alert: true, text: expect.stringContaining("Bạn gửi hơi nhanh") });
  });
});

describe("Telegram refuses for a moment", () => {
  it("429 Too Many Requests: the reply is sent again after retry_after and arrives", async () => {
    h = await createHarness();
    h.emu.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
    });
    const calls = await h.run(h.emu.text(users.an, "/help"));
    expect(calls.filter((c) => c.method === "sendMessage").map((c) => c.ok)).toEqual([false, true]);
    expect(h.texts(calls)).toEqual([expect.stringContaining("/register")]);
  });

  it("502 Bad Gateway: retried, and the reply arrives", async () => {
    h = await createHarness();
    h.emu.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" });
    const calls = await h.run(h.emu.text(users.an, "/help"));
    expect(calls.filter((c) => c.method === "sendMessage").map((c) => c.ok)).toEqual([false, true]);
    expect(h.last(users.an).text).toContain("/register");
  });
});
