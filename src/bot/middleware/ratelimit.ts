/**
 * Per-user rate limiting with @grammyjs/ratelimiter on Redis (its own INCR and PEXPIRE under `rl:`), shared by every
 * process on the same Redis, so a user cannot get more by hitting several instances. A user over the limit gets ONE
 * polite notice per window in their language (never silence, never a notice per message), and the extra updates are
 * not processed.
 *
 * The limit is generous for a person (a learner typing answers, tapping buttons) and tight for a script or a stuck
 * client: 20 updates in 10 seconds by default.
 */
import { limit } from "@grammyjs/ratelimiter";
import type { Context, MiddlewareFn } from "grammy";
import { keys } from "../../store/index.js";
import type { AppFlavor, BotDeps } from "../context.js";

interface RateLimitOptions {
  /** Updates allowed per user in one window. */
  limit: number;
  windowMs: number;
}

const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 20, windowMs: 10_000 };

export function rateLimit(
  deps: BotDeps,
  options: RateLimitOptions = DEFAULT_RATE_LIMIT,
): MiddlewareFn<Context & AppFlavor> {
  return limit<Context & AppFlavor, BotDeps["store"]["redis"]>({
    timeFrame: options.windowMs,
    limit: options.limit,
    // The store's client: it adds the deployment's key prefix, so the counters live beside the bot's other keys.
    storageClient: deps.store.redis,
    keyPrefix: keys.rateLimitPrefix,
    // Bots (and updates without a sender, such as channel posts) are not limited per user.
    keyGenerator: (c) => (!c.from || c.from.is_bot ? undefined : String(c.from.id)),
    // Returned (not fired and forgotten), so the notice is sent before the update counts as handled.
    onLimitExceeded: (c) => notify(c, options),
  });
}

async function notify(ctx: Context & AppFlavor, options: RateLimitOptions): Promise<void> {
  ctx.log.warn({ limit: options.limit, windowMs: options.windowMs }, "user over the rate limit; told once per window");
  const locale = ctx.profile?.locale ?? "vi";
  const text = ctx.deps.i18n.t(locale, "reliability-rate-limited", { seconds: Math.ceil(options.windowMs / 1000) });
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
    else if (ctx.chat?.type === "private") await ctx.reply(text);
  } catch (err) {
    ctx.log.warn({ err: String(err), user: ctx.from?.id }, "could not send the rate-limit notice");
  }
}
