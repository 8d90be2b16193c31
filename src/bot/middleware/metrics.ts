/**
 * Reports each update's type, outcome and handling time to the metrics (src/server/metrics.ts). It sits inside the
 * error boundary, so a failure passes through it on its way out and is counted as one.
 */
import type { MiddlewareFn, RawApi, Transformer } from "grammy";
import type { BotContext } from "../context.js";

export interface UpdateObserver {
  observeUpdate(type: string, outcome: "ok" | "error", seconds: number): void;
}

/** What the bot reports to: updates, and Telegram's answers through an API transformer. */
export interface BotMetrics extends UpdateObserver {
  /** Installed first (innermost), so auto-retry's retries are each seen. */
  readonly telegram429: Transformer<RawApi>;
}

/** The update's kind: `message`, `callback_query`, `my_chat_member` … */
const typeOf = (update: object): string => Object.keys(update).find((k) => k !== "update_id") ?? "unknown";

export function observeUpdates(observer: UpdateObserver): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const started = performance.now();
    const type = typeOf(ctx.update);
    try {
      await next();
      observer.observeUpdate(type, "ok", (performance.now() - started) / 1000);
    } catch (err) {
      observer.observeUpdate(type, "error", (performance.now() - started) / 1000);
      throw err;
    }
  };
}
