/**
 * The per-user rate limit is @grammyjs/ratelimiter's decision for every update. Updates from a user were already
 * counted in the update's first round trip (UpdateRepo.begin), and the plugin is handed that count instead of
 * counting again; without a first round trip (the middleware alone) the plugin counts in Redis itself.
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { FastBot } from "../../src/bot/composer.js";
import type { BotContext, BotDeps } from "../../src/bot/context.js";
import { createI18n } from "../../src/bot/i18n.js";
import { rateLimit } from "../../src/bot/middleware/ratelimit.js";
import { parseConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { BotApiEmulator } from "../../src/sandbox/emulator/index.js";
import { createRedis, keys, Store } from "../../src/store/index.js";
import { users } from "../helpers/harness.js";

const redis = createRedis({ url: inject("redisUrl"), keyPrefix: `t-${randomUUID()}:` });
const store = new Store(redis);
afterAll(() => store.close());

function bot(withFirstRoundTrip: boolean) {
  const emu = new BotApiEmulator();
  const deps = {
    config: parseConfig({}),
    store,
    logger: createLogger("silent"),
    i18n: createI18n(),
    now: () => new Date(),
  } as BotDeps;
  const b = new FastBot<BotContext>("1:test", { botInfo: emu.botInfo, client: { fetch: emu.fetch } });
  b.use(async (ctx, next) => {
    ctx.deps = deps;
    ctx.log = deps.logger;
    ctx.profile = undefined;
    if (withFirstRoundTrip && ctx.from) {
      ctx.updateStart = await store.updates.begin(ctx.update.update_id, ctx.from.id, 10_000);
    }
    await next();
  });
  b.use(rateLimit(deps, { limit: 3, windowMs: 10_000 }));
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

async function flood(
  withFirstRoundTrip: boolean,
  user: typeof users.an,
): Promise<{ replies: string[][]; redis: string[] }> {
  const { b, emu } = bot(withFirstRoundTrip);
  await b.init();
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
  for (const withFirstRoundTrip of [true, false]) {
    it(`allows the limit, tells once, then drops — ${withFirstRoundTrip ? "counted by the first round trip" : "counted by the plugin"}`, async () => {
      const user = { ...users.an, id: withFirstRoundTrip ? 71 : 72 };
      const { replies, redis: sent } = await flood(withFirstRoundTrip, user);
      expect(replies.slice(0, 3)).toEqual([["ok"], ["ok"], ["ok"]]);
      expect(replies[3]).toEqual([expect.stringContaining("Bạn gửi hơi nhanh")]);
      expect(replies.slice(4)).toEqual([[], []]);
      // The window expires: its counter has a TTL either way.
      expect(await redis.pttl(`${keys.rateLimitPrefix}${user.id}`)).toBeGreaterThan(9_000);
      // Counted once per update: by the first round trip (one script each), or by the plugin (INCR, PEXPIRE once).
      const counting = sent.filter((n) => n === "incr" || n === "pexpire");
      if (withFirstRoundTrip) expect(counting).toEqual([]);
      else expect(counting).toEqual(["incr", "pexpire", "incr", "incr", "incr", "incr", "incr"]);
    });
  }
});
