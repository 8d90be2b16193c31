/**
 * The first middleware of every update: a pino child logger, an error boundary that answers politely in the
 * user's language, the sender's profile and role, and the first round trip to Redis that reads them.
 */
import type { Context, MiddlewareFn } from "grammy";
import { isStorageDown } from "../../store/errors.js";
import type { UpdateStart, UserProfile } from "../../store/index.js";
import type { AppFlavor, BotDeps, Role, RoleFlavor } from "../context.js";
import { releaseClaim } from "./dedupe.js";
import { DEFAULT_RATE_LIMIT } from "./ratelimit.js";

/**
 * The language each user last used, remembered by this bot instance, so that a "busy" reply goes out in the user's
 * language even when Redis (where the profile lives) cannot be read. Bounded; the oldest entries go first.
 */
class KnownLocales {
  private readonly map = new Map<number, string>();
  constructor(private readonly max = 50_000) {}

  remember(userId: number, locale: string | undefined): void {
    if (!locale || this.map.get(userId) === locale) return;
    this.map.delete(userId);
    this.map.set(userId, locale);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as number);
  }

  get(userId: number | undefined): string | undefined {
    return userId === undefined ? undefined : this.map.get(userId);
  }
}

type AppContext = Context & AppFlavor & RoleFlavor;

export function appMiddleware(deps: BotDeps): MiddlewareFn<AppContext> {
  const knownLocales = new KnownLocales();
  const windowMs = (deps.rateLimit ?? DEFAULT_RATE_LIMIT).windowMs;
  return async (ctx, next) => {
    ctx.deps = deps;
    ctx.updateStart = undefined;
    ctx.log = deps.logger.child({ update_id: ctx.update.update_id, user: ctx.from?.id, chat: ctx.chat?.id });
    ctx.profile = undefined;
    ctx.role = "learner";
    let chatId: number | undefined;
    try {
      if (ctx.from && !ctx.from.is_bot) {
        // One command for what every update needs: profile, role flags, the dedupe claim (used by `dedupe`), the
        // rate-limit count (used by `rateLimit`), the chat's session and scene state (handed to their storage) —
        // see UpdateRepo.begin.
        chatId = ctx.chat?.id;
        const start = await deps.store.updates.begin(ctx.update.update_id, ctx.from.id, windowMs, chatId);
        ctx.updateStart = start;
        ctx.profile = await touchProfile(ctx, start);
        ctx.role = roleOf(deps, ctx.from.id, start);
        knownLocales.remember(ctx.from.id, ctx.profile?.locale);
        // A user who blocked the bot cannot write to it: writing again (pressing Start after unblocking) takes them
        // off /unreachable. The mark came with the first round trip, so only those marked pay a call here.
        if (start.claimed && start.unreachable && ctx.chat?.type === "private") {
          await deps.store.announcements.clearUnreachable(ctx.from.id);
        }
      }
      await next();
    } catch (err) {
      const busy = isStorageDown(err);
      ctx.log.error({ err }, busy ? "storage unavailable while handling update" : "update failed");
      const locale = ctx.profile?.locale ?? knownLocales.get(ctx.from?.id) ?? "vi";
      const text = deps.i18n.t(locale, busy ? "error-busy" : "error-generic");
      try {
        if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
        else if (ctx.chat?.type === "private") await ctx.reply(text);
      } catch (replyErr) {
        ctx.log.warn({ err: replyErr }, "could not tell the user about the failure");
      }
    } finally {
      if (chatId !== undefined) deps.store.updates.finish(chatId);
    }
  };
}

/**
 * Refreshes the stored Telegram name if it changed; a claim taken just before is given back if Redis fails here.
 * Someone who never wrote to the bot in private (a member of a group the bot is in) gets no stored profile.
 */
async function touchProfile(ctx: AppContext, start: UpdateStart): Promise<UserProfile | undefined> {
  const from = ctx.from as NonNullable<Context["from"]>;
  if (start.profile === null && ctx.chat !== undefined && ctx.chat.type !== "private") return undefined;
  try {
    return await ctx.deps.store.users.touch(from, ctx.deps.now(), start.profile);
  } catch (err) {
    if (start.claimed && isStorageDown(err)) await releaseClaim(ctx);
    throw err;
  }
}

function roleOf(deps: BotDeps, userId: number, flags: { coordinator: boolean; instructor: boolean }): Role {
  if (deps.config.coordinatorIds.includes(userId)) return "coordinator";
  if (flags.coordinator) return "coordinator";
  if (flags.instructor) return "instructor";
  return "learner";
}
