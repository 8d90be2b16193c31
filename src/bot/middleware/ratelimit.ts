/**
 * Per-user rate limiting on Redis (@grammyjs/ratelimiter, which decides for every update), shared by every process
 * on the same Redis, so a user cannot get more by hitting several instances. A user over the limit gets ONE polite notice per window in their
 * language (never silence, never a notice per message), and the extra updates are not processed.
 *
 * The limit is generous for a person (a learner typing answers, tapping buttons) and tight for a script or a stuck
 * client: 20 updates in 10 seconds by default.
 */
import { limit } from "@grammyjs/ratelimiter";
import type { Context, MiddlewareFn } from "grammy";
import type { CounterClient } from "../../store/index.js";
import { tail } from "../composer.js";
import type { AppFlavor, BotDeps } from "../context.js";

export interface RateLimitOptions {
  /** Updates allowed per user in one window. */
  limit: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 20, windowMs: 10_000 };

export function rateLimit(
  deps: BotDeps,
  options: RateLimitOptions = DEFAULT_RATE_LIMIT,
): MiddlewareFn<Context & AppFlavor> {
  const counter = new FirstRoundTripCounter(deps.store.rateLimitCounters());
  const limited = limit<Context & AppFlavor, CounterClient>({
    timeFrame: options.windowMs,
    limit: options.limit,
    storageClient: counter,
    keyPrefix: "",
    // Bots (and updates without a sender, such as channel posts) are not limited per user.
    keyGenerator: (c) => {
      if (!c.from || c.from.is_bot) return undefined;
      counter.countedAlready(c.updateStart?.hits);
      return String(c.from.id);
    },
    // Returned (not fired and forgotten), so the notice is sent before the update counts as handled.
    onLimitExceeded: (c) => notify(c, options),
  });
  // The plugin's middleware calls `next` last: marked so, no frame of it is held while the rest of the update runs.
  return tail(limited);
}

/**
 * The counter the plugin increments, answered from the update's first round trip when it already counted this
 * update (UpdateRepo.begin: INCR, and PEXPIRE on the window's first hit — the plugin's own Redis algorithm), so the
 * plugin decides without another round trip; otherwise (no first round trip) it goes to Redis. The plugin asks for
 * the key and then increments it synchronously, one update at a time, so the count handed over is this update's.
 */
class FirstRoundTripCounter implements CounterClient {
  private pending: number | undefined;
  /** Keys whose window the first round trip just opened (and gave its expiry): the plugin's PEXPIRE is not needed. */
  private readonly expiring = new Set<string>();

  constructor(private readonly redis: CounterClient) {}

  countedAlready(hits: number | undefined): void {
    this.pending = hits;
  }

  async incr(key: string): Promise<number> {
    const hits = this.pending;
    this.pending = undefined;
    if (hits === undefined) return this.redis.incr(key);
    if (hits === 1) this.expiring.add(key);
    return hits;
  }

  async pexpire(key: string, milliseconds: number): Promise<number> {
    return this.expiring.delete(key) ? 1 : this.redis.pexpire(key, milliseconds);
  }
}

async function notify(ctx: Context & AppFlavor, options: RateLimitOptions): Promise<void> {
  ctx.log.warn({ limit: options.limit, windowMs: options.windowMs }, "user over the rate limit; told once per window");
  const locale = ctx.profile?.locale ?? "vi";
  const text = ctx.deps.i18n.t(locale, "reliability-rate-limited", { seconds: Math.ceil(options.windowMs / 1000) });
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
    else if (ctx.chat?.type === "private") await ctx.reply(text);
  } catch (err) {
    ctx.log.warn({ err: String(err) }, "could not send the rate-limit notice");
  }
}
