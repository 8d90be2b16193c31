/**
 * The per-user rate limit: counted in the update's first round trip (UpdateRepo.begin: INCR, PEXPIRE on a window's
 * first hit, under `rl:`), decided by the rate-limit middleware, with one polite notice per window and no Redis
 * command of its own.
 */
import { randomUUID } from "node:crypto";
import { Bot } from "grammy";
import { afterAll, describe, expect, inject, it } from "vitest";
import type { BotContext, BotDeps } from "../../src/bot/context.js";
import { rateLimit } from "../../src/bot/middleware/ratelimit.js";
import { parseConfig } from "../../src/config.js";
import { createI18n } from "../../src/i18n.js";
import { createLogger } from "../../src/logger.js";
import { BotApiEmulator } from "../../src/sandbox/emulator/index.js";
import { createRedis, keys, Store } from "../../src/store/index.js";
import { users } from "../helpers/harness.js";

const redis = createRedis({ url: inject("redisUrl"), keyPrefix: `t-${randomUUID()}:` });
const store = new Store(redis);
afterAll(() => store.close());

function bot() {
  const emu = new BotApiEmulator();
  const deps = {
    config: parseConfig({}),
    store,
    logger: createLogger("silent"),
    i18n: createI18n(),
    now: () => new Date(),
  } as BotDeps;
  const b = new Bot<BotContext>("1:test", { botInfo: emu.botInfo, client: { fetch: emu.fetch } });
  b.use(async (ctx, next) => {
    ctx.deps = deps;
    ctx.log = deps.logger;
    ctx.profile = undefined;
    if (ctx.from) ctx.updateStart = await store.updates.begin(ctx.update.update_id, ctx.from.id, 10_000);
    await next();
  });
  b.use(rateLimit({ limit: 3, windowMs: 10_000 }));
  b.on("message", (ctx) => ctx.reply("ok"));
  return { b, emu };
}

async function commandsDuring(run: () => Promise<void>): Promise<string[]> {
  const client = redis as unknown as { sendCommand(cmd: { name: string }): unknown };
  const send = client.sendCommand.bind(client);
  const names: string[] = [];
  client.sendCommand = (cmd) => {
    names.push(cmd.name);
    return send(cmd);
  };
  try {
    await run();
  } finally {
    client.sendCommand = send;
  }
  return names;
}

async function flood(user: typeof users.an): Promise<{ replies: string[][]; redis: string[] }> {
  const { b, emu } = bot();
  await b.init();
  // Connected first: a command sent while connecting is queued and passes `sendCommand` twice.
  await redis.ping();
  const replies: string[][] = [];
  const sent = await commandsDuring(async () => {
    for (let i = 0; i < 6; i++) {
      const before = emu.calls.length;
      await b.handleUpdate(emu.text(user, `tin ${i}`));
      replies.push(emu.calls.slice(before).map((c) => String(c.payload.text)));
    }
  });
  return { replies, redis: sent };
}

describe("the rate limit", () => {
  it("allows the limit, tells once, then drops; the window's counter expires", async () => {
    const user = { ...users.an, id: 71 };
    const { replies, redis: sent } = await flood(user);
    expect(replies.slice(0, 3)).toEqual([["ok"], ["ok"], ["ok"]]);
    expect(replies[3]).toEqual([expect.stringContaining("Bạn gửi hơi nhanh")]);
    expect(replies.slice(4)).toEqual([[], []]);
    expect(await redis.pttl(`${keys.rateLimitPrefix}${user.id}`)).toBeGreaterThan(9_000);
    // Counted within the first round trip (one script per update); the decision sends nothing to Redis.
    expect(sent.filter((n) => n === "incr" || n === "pexpire")).toEqual([]);
    expect(sent.filter((n) => n === "evalsha" || n === "eval").length).toBe(6);
  });

  it("limits each user on their own", async () => {
    const { replies } = await flood({ ...users.an, id: 73 });
    const other = await flood({ ...users.an, id: 74 });
    expect(replies.slice(0, 3)).toEqual([["ok"], ["ok"], ["ok"]]);
    expect(other.replies.slice(0, 3)).toEqual([["ok"], ["ok"], ["ok"]]);
  });
});
