/**
 * Per-user rate limiting on Redis (@grammyjs/ratelimiter), shared by every process on the same Redis, so a user
 * cannot get more by hitting several instances. A user over the limit gets ONE polite notice per window in their
 * language (never silence, never a notice per message), and the extra updates are not processed.
 *
 * The limit is generous for a person (a learner typing answers, tapping buttons) and tight for a script or a stuck
 * client: 20 updates in 10 seconds by default.
 */
import { limit } from "@grammyjs/ratelimiter";
import type { Context, MiddlewareFn } from "grammy";
import type { CounterClient } from "../../store/index.js";
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
  const limited = limit<Context & AppFlavor, CounterClient>({
    timeFrame: options.windowMs,
    limit: options.limit,
    storageClient: deps.store.rateLimitCounters(),
    keyPrefix: "",
    // Bots (and updates without a sender, such as channel posts) are not limited per user.
    keyGenerator: (c) => (c.from && !c.from.is_bot ? String(c.from.id) : undefined),
    // Returned (not fired and forgotten), so the notice is sent before the update counts as handled.
    onLimitExceeded: (c) => notify(c, options),
  });
  // Updates from a user were already counted in the app middleware's first round trip (UpdateRepo.begin, same
  // window); the decision is the plugin's: the first update over the limit gets the notice, later ones are dropped.
  // Not async, so no frame of it is held while the rest of the update runs.
  return (ctx, next) => {
    const hits = ctx.updateStart?.hits;
    if (hits === undefined || !ctx.from || ctx.from.is_bot) return limited(ctx, next);
    if (hits <= options.limit) return next();
    if (hits === options.limit + 1) return notify(ctx, options);
    return Promise.resolve();
  };
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
