/**
 * What `bench/updates.ts` and `bench/updates-breakdown.ts` share: a private redis-server, the bot's deps on it (own
 * key prefix, silent logs, the real content), the in-process Bot API emulator behind one stable `fetch`, and a
 * population of returning users whose updates are taken in turn.
 */
import type { Update } from "grammy/types";
import type { BotDeps } from "../src/bot/context.js";
import { parseConfig } from "../src/config.js";
import { loadKnowledge } from "../src/content/knowledge.js";
import { createI18n } from "../src/i18n.js";
import { createLogger } from "../src/logger.js";
import { BotApiEmulator, type EmuUser } from "../src/sandbox/emulator/index.js";
import { createRedis, Store } from "../src/store/index.js";
import { startRedisServer } from "../test/helpers/redis-server.js";

/** `--name N` from the command line, else `fallback`. */
export function numberArg(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  return args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;
}

export const BENCH_TOKEN = "123456:BENCH-token";

export async function benchSetup(populationSize = 4_000) {
  const redisServer = await startRedisServer();
  /**
   * The emulator keeps every chat's history and every call (tests read them). A bench must not measure that ever
   * growing heap, so `freshEmulator()` replaces it (between rounds) behind the same `fetch`.
   */
  let emu = new BotApiEmulator();
  const fetchViaCurrentEmulator = ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    emu.fetch(input, init)) as typeof fetch;
  const config = parseConfig({ BOT_TOKEN: BENCH_TOKEN, REDIS_URL: redisServer.url, LOG_LEVEL: "silent" });
  const store = new Store(createRedis({ url: redisServer.url, keyPrefix: "bench:" }));
  const deps: BotDeps = {
    config,
    store,
    logger: createLogger("silent"),
    i18n: createI18n(),
    now: () => new Date(),
    knowledge: await loadKnowledge({ dir: process.env.CONTENT_DIR ?? "content" }),
  };
  /** Returning users (they have talked to the bot before), taken in turn: updates in flight come from distinct chats. */
  const population: EmuUser[] = Array.from({ length: populationSize }, (_, i) => ({
    id: 1_000_000 + i,
    first_name: "Học viên",
    last_name: String(i),
    language_code: "vi",
  }));
  let nextUser = 0;
  let nextUpdateId = 1;
  return {
    redisServer,
    deps,
    store,
    /** Bot options: the emulator's bot info and the stable `fetch`. */
    botOptions: { botInfo: emu.botInfo, client: { fetch: fetchViaCurrentEmulator } },
    emulator: () => emu,
    freshEmulator: () => {
      emu = new BotApiEmulator();
    },
    /** `n` private text updates from the next users of the population; `textAt(i)` gives the i-th text. */
    updates(n: number, textAt: (i: number) => string): Update[] {
      const out: Update[] = [];
      for (let i = 0; i < n; i++) {
        const user = population[nextUser++ % populationSize] as EmuUser;
        // update_id unique across the fresh emulators (each starts at 1), or dedupe would rightly drop them.
        out.push({ ...emu.text(user, textAt(i)), update_id: nextUpdateId++ });
      }
      return out;
    },
    async close(): Promise<void> {
      await store.close();
      await redisServer.stop();
    },
  };
}
