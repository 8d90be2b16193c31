/**
 * Per-user rate limiting on Redis, shared by every process on the same Redis, so a user cannot get more by hitting
 * several instances. A user over the limit gets ONE polite notice per window in their language (never silence, never
 * a notice per message), and the extra updates are not processed.
 *
 * Our own small middleware rather than @grammyjs/ratelimiter: the count is taken in the update's first round trip
 * (UpdateRepo.begin: INCR, and PEXPIRE on a window's first hit — the plugin's own algorithm), and the plugin would
 * add a second Redis command to every update. Updates without a sender (channel posts) and from bots are not limited
 * per user, as the plugin's key generator would skip them too.
 *
 * The limit is generous for a person (a learner typing answers, tapping buttons) and tight for a script or a stuck
 * client: 20 updates in 10 seconds by default.
 */
import type { Context, MiddlewareFn } from "grammy";
import { localeOf } from "../../i18n.js";
import type { AppFlavor, RoleFlavor } from "../context.js";

export interface RateLimitOptions {
  /** Updates allowed per user in one window. */
  limit: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 20, windowMs: 10_000 };

export function rateLimit(
  options: RateLimitOptions = DEFAULT_RATE_LIMIT,
): MiddlewareFn<Context & AppFlavor & RoleFlavor> {
  return async (ctx, next) => {
    const hits = ctx.updateStart?.hits ?? 0;
    if (hits <= options.limit) return next();
    // The first update over the limit is told; the rest of the window is dropped quietly.
    if (hits === options.limit + 1) await notify(ctx, options);
  };
}

async function notify(ctx: Context & AppFlavor, options: RateLimitOptions): Promise<void> {
  ctx.log.warn({ limit: options.limit, windowMs: options.windowMs }, "user over the rate limit; told once per window");
  const text = ctx.deps.i18n.t(localeOf(ctx), "reliability-rate-limited", {
    seconds: Math.ceil(options.windowMs / 1000),
  });
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
    else if (ctx.chat?.type === "private") await ctx.reply(text);
  } catch (err) {
    ctx.log.warn({ err: String(err), user: ctx.from?.id }, "could not send the rate-limit notice");
  }
}
