/**
 * Polling mode: @grammyjs/runner, assembled from its public parts (fetcher, source, concurrent sink, runner) as its
 * own `run` assembles them, with one difference in the sink's consumer.
 *
 * The runner confirms Telegram's offset as it fetches — past every update of a batch before any is handled — so an
 * update that failed because the store was down or refused (`wasNotHandled`) would never come again from Telegram.
 * The consumer therefore handles such an update again itself, in this process, with a growing pause (the claim was
 * given back, so the retry is not taken for a duplicate); after the last attempt it is logged at error level as lost.
 * A retry waiting holds one of the sink's slots, so the runner's own pace and `size()` count it.
 */
import {
  createConcurrentSink,
  createRunner,
  createSource,
  createUpdateFetcher,
  type RunnerHandle,
} from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext } from "../bot/context.js";
import { wasNotHandled } from "../bot/middleware/app.js";
import type { Logger } from "../logger.js";

export interface RequeueOptions {
  /** Handling attempts of one update in all, the first included. */
  attempts: number;
  /** Pause before the second attempt; each further pause doubles, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
}

/** About two and a half minutes of retries: a Redis restart or a failover is over by then, a full Redis may not be. */
const DEFAULT_REQUEUE: RequeueOptions = { attempts: 10, firstDelayMs: 1_000, maxDelayMs: 30_000 };

export interface PollingOptions {
  logger: Logger;
  allowedUpdates: readonly Exclude<keyof Update, "update_id">[];
  requeue?: RequeueOptions;
}

export interface Polling {
  runner: RunnerHandle;
  /** Stops fetching, cuts the pauses of waiting retries short (one last attempt each), waits for every update. */
  stop(): Promise<void>;
}

export function startPolling(
  bot: Bot<BotContext>,
  { logger, allowedUpdates, requeue = DEFAULT_REQUEUE }: PollingOptions,
) {
  const fetchUpdates = createUpdateFetcher(bot, { fetch: { allowed_updates: allowedUpdates } });
  const supplier = {
    // As `run` does: the bot is initialised before the first fetch.
    supply: async (batchSize: number, signal: Parameters<typeof fetchUpdates>[1]) => {
      await bot.init();
      supplier.supply = fetchUpdates;
      return fetchUpdates(batchSize, signal);
    },
  };
  const source = createSource<Update>(supplier);
  let stopping = false;
  const wakers = new Set<() => void>();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.add(wake);
    });

  const consume = async (update: Update): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      await bot.handleUpdate(update);
      if (!wasNotHandled(update)) {
        if (attempt > 1) logger.info({ update_id: update.update_id, attempt }, "update handled on a later attempt");
        return;
      }
      if (attempt >= requeue.attempts || stopping) {
        logger.error(
          { update_id: update.update_id, attempts: attempt },
          "update lost: the store refused it on every attempt (Telegram will not send it again)",
        );
        return;
      }
      const delay = Math.min(requeue.firstDelayMs * 2 ** (attempt - 1), requeue.maxDelayMs);
      logger.warn({ update_id: update.update_id, attempt, delay_ms: delay }, "store refused an update; trying again");
      await pause(delay);
    }
  };
  const sink = createConcurrentSink<Update>({ consume }, async (error) => {
    try {
      await bot.errorHandler(error as Parameters<typeof bot.errorHandler>[0]);
    } catch (err) {
      logger.error({ err }, "polling: the error handler failed");
    }
  });
  const runner = createRunner(source, sink);
  runner.start();

  return {
    runner,
    async stop() {
      if (runner.isRunning()) await runner.stop();
      stopping = true;
      for (const wake of [...wakers]) wake();
      // The runner's own stop does not wait for updates in flight; one dropped here would be skipped as a duplicate
      // when Telegram delivers it again.
      while (runner.size() > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    },
  } satisfies Polling;
}
