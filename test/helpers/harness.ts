/**
 * Builds the real bot (same createBot, same middleware as production) against the in-process Bot API emulator and
 * the test Redis, and lets a test talk to it as Telegram users would.
 */
import { randomUUID } from "node:crypto";
import type { Message } from "grammy/types";
import { inject } from "vitest";
import type { BotDeps } from "../../src/bot/context.js";
import { createBot, startCapabilities } from "../../src/bot/index.js";
import { parseConfig } from "../../src/config.js";
import { type Knowledge, loadKnowledge } from "../../src/content/knowledge.js";
import { createI18n } from "../../src/i18n.js";
import { BullJobs, InProcessJobs, type Jobs } from "../../src/jobs/index.js";
import { createLogger } from "../../src/logger.js";
import { type ApiCall, BotApiEmulator, type EmuUser } from "../../src/sandbox/emulator/index.js";
import { createRedis, faqExtraDocs, materialExtraDocs, Store } from "../../src/store/index.js";

export interface HarnessOptions {
  /** Reuse the key prefix of another harness: a "restarted" bot on the same Redis data. */
  prefix?: string;
  env?: Record<string, string>;
  now?: () => Date;
  emulator?: BotApiEmulator;
  /** Another Redis than the shared test server (fault tests start, kill and restart their own). */
  redisUrl?: string;
  /** Defaults to the repo's content/, loaded once per test worker. */
  knowledge?: Knowledge;
  /**
   * Index the FAQ entries and uploaded material stored through this harness too (its own Knowledge, rebuilt when
   * either changes).
   */
  faq?: boolean;
  /**
   * Queued jobs: `in-process` (default; manual — nothing fires until the test calls `h.runJobs(until)`), or
   * `bullmq` on the test Redis under this harness's own BullMQ prefix (`<prefix>bull`), workers started.
   */
  jobs?: "in-process" | "bullmq";
  /** Per-user rate limit override (default: the production one). */
  rateLimit?: { limit: number; windowMs: number };
}

let sharedKnowledge: Promise<Knowledge> | undefined;
/** The real material, indexed once per worker (every harness searches the same content). */
export function repoKnowledge(): Promise<Knowledge> {
  sharedKnowledge ??= loadKnowledge({ dir: "content" });
  return sharedKnowledge;
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;

export const users = {
  an: { id: 1001, first_name: "An", last_name: "Nguyễn", username: "an_nguyen", language_code: "vi" },
  binh: { id: 1002, first_name: "Bình", last_name: "Trần", language_code: "vi" },
  lan: { id: 2001, first_name: "Lan", last_name: "Phạm", language_code: "vi" },
  coordinator: { id: 9001, first_name: "Hải", last_name: "Lê", language_code: "vi" },
  stranger: { id: 5555, first_name: "Khách", language_code: "vi" },
} satisfies Record<string, EmuUser>;

export async function createHarness(opts: HarnessOptions = {}) {
  const prefix = opts.prefix ?? `t:${randomUUID().slice(0, 8)}:`;
  const url = opts.redisUrl ?? inject("redisUrl");
  const now = opts.now ?? (() => new Date());
  const emu = opts.emulator ?? new BotApiEmulator({ now });
  const redis = createRedis({ url, keyPrefix: prefix });
  const store = new Store(redis);
  const config = parseConfig({
    BOT_TOKEN: "123456:TEST-token",
    REDIS_URL: url,
    COORDINATOR_IDS: String(users.coordinator.id),
    LOG_LEVEL: "silent",
    ...opts.env,
  });
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
  const i18n = createI18n();
  const knowledge =
    opts.knowledge ??
    (opts.faq
      ? await loadKnowledge({
          dir: "content",
          extraDocs: async () => [
            ...(await faqExtraDocs(store, i18n.t("vi", "faq-doc-title"))),
            ...(await materialExtraDocs(store)),
          ],
        })
      : await repoKnowledge());
  const inProcess = opts.jobs === "bullmq" ? undefined : new InProcessJobs({ now, manual: true, logger });
  const jobs: Jobs = inProcess ?? new BullJobs({ url, prefix: `${prefix}bull`, logger, now });
  const deps: BotDeps = { config, store, logger, i18n, now, knowledge, jobs };
  if (opts.rateLimit) deps.rateLimit = opts.rateLimit;
  const bot = createBot(deps, { botInfo: emu.botInfo, client: { fetch: emu.fetch } });
  await bot.init();
  await startCapabilities({ api: bot.api, deps, token: bot.token, client: { fetch: emu.fetch } });

  /** Runs one update through the bot and returns the API calls it made. */
  async function run(update: ReturnType<BotApiEmulator["text"]>): Promise<ApiCall[]> {
    const before = emu.calls.length;
    await bot.handleUpdate(update);
    return emu.calls.slice(before);
  }

  /** Texts of the messages the bot sent (or edited to) while handling one update. */
  const texts = (calls: ApiCall[]) =>
    calls
      .filter((c) => c.ok && (c.method === "sendMessage" || c.method === "editMessageText"))
      .map((c) => (c.result as Message).text ?? "");

  return {
    bot,
    emu,
    store,
    deps,
    prefix,
    redis,
    run,
    texts,
    /** The user sends text; resolves to the bot's visible reply texts. */
    async say(user: EmuUser, text: string): Promise<string[]> {
      return texts(await run(emu.text(user, text)));
    },
    /** The user taps the button whose label contains `label` on the bot's latest message that has it. */
    async tap(user: EmuUser, label: string | RegExp): Promise<ApiCall[]> {
      const msgs = emu.botMessages(user.id).slice().reverse();
      for (const m of msgs) {
        const rows = (m.reply_markup?.inline_keyboard ?? []) as { text: string; callback_data?: string }[][];
        for (const b of rows.flat()) {
          const hit = typeof label === "string" ? b.text.includes(label) : label.test(b.text);
          if (hit && b.callback_data) return run(emu.click(user, m.message_id, b.callback_data));
        }
      }
      throw new Error(`no button matching ${label} in ${user.first_name}'s chat`);
    },
    /** The last message the bot sent to this user, as shown now. */
    last(user: EmuUser): Message {
      const m = emu.botMessages(user.id).at(-1);
      if (!m) throw new Error("the bot has sent nothing");
      return m;
    },
    /** Labels of the reply keyboard most recently sent to this user. */
    replyKeyboard(user: EmuUser): string[] {
      const calls = emu.calls.filter(
        (c) => c.method === "sendMessage" && Number(c.payload.chat_id) === user.id && c.payload.reply_markup,
      );
      for (const c of calls.reverse()) {
        const kb = (c.payload.reply_markup as { keyboard?: ({ text: string } | string)[][] }).keyboard;
        if (kb) return kb.flat().map((b) => (typeof b === "string" ? b : b.text));
      }
      return [];
    },
    inlineButtons(message: Message): { text: string; data?: string }[] {
      const rows = (message.reply_markup?.inline_keyboard ?? []) as { text: string; callback_data?: string }[][];
      return rows.flat().map((b) => ({ text: b.text, data: b.callback_data }));
    },
    jobs,
    /** In-process jobs only: runs every job due at `until` (default: now); returns the job ids that ran. */
    async runJobs(until?: Date): Promise<string[]> {
      if (!inProcess) throw new Error("runJobs needs the in-process jobs");
      return inProcess.runDue(until ?? now());
    },
    /** In-process jobs only: the pending jobs of a queue. */
    pendingJobs(queue: string) {
      if (!inProcess) throw new Error("pendingJobs needs the in-process jobs");
      return inProcess.list(queue);
    },
    async close(): Promise<void> {
      await jobs.close();
      await store.close();
    },
  };
}
