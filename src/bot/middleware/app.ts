/**
 * The first middleware of every update: a pino child logger, an error boundary that answers politely in the
 * user's language, the sender's profile and role.
 */
import type { Context, MiddlewareFn } from "grammy";
import type { UpdateStart, UserProfile } from "../../store/index.js";
import type { AppFlavor, BotDeps, Role } from "../context.js";
import { usesSession } from "../session.js";
import { releaseClaim } from "./dedupe.js";
import { DEFAULT_RATE_LIMIT } from "./ratelimit.js";

/** True for errors that mean "Redis is unreachable right now", which deserve a "busy, retry" rather than "error". */
export function isStorageDown(err: unknown): boolean {
  const e = err as { message?: string; name?: string; cause?: unknown } | undefined;
  // ioredis says "Reached the max retries per request limit" (MaxRetriesPerRequestError) while Redis is down.
  const text = `${e?.name ?? ""} ${String(e?.message ?? err)}`;
  if (
    /ECONNREFUSED|Connection is closed|MaxRetriesPerRequest|max retries per request|Stream isn't writeable|ETIMEDOUT|ECONNRESET|enableOfflineQueue|Command timed out/i.test(
      text,
    )
  ) {
    return true;
  }
  return e?.cause !== undefined && e.cause !== err && isStorageDown(e.cause);
}

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

export function appMiddleware(deps: BotDeps): MiddlewareFn<Context & AppFlavor> {
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
        // rate-limit count (used by `rateLimit`), the chat's scene state (taken by its storage) — see
        // UpdateRepo.begin.
        chatId = ctx.chat?.id;
        const start = await deps.store.updates.begin(ctx.update.update_id, ctx.from.id, windowMs, chatId, {
          session: usesSession(ctx),
        });
        ctx.updateStart = start;
        ctx.profile = await touchProfile(ctx, start);
        ctx.role = roleOf(deps, ctx.from.id, start);
        knownLocales.remember(ctx.from.id, ctx.profile.locale);
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

/** Refreshes the stored Telegram name if it changed; a claim taken just before is given back if Redis fails here. */
async function touchProfile(ctx: Context & AppFlavor, start: UpdateStart): Promise<UserProfile> {
  const from = ctx.from as NonNullable<Context["from"]>;
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

/** Coordinators come from config or are appointed in the bot; instructors are those who teach a class. */
export async function resolveRole(deps: BotDeps, userId: number): Promise<Role> {
  if (deps.config.coordinatorIds.includes(userId)) return "coordinator";
  const roles = await deps.store.users.roleFlags(userId);
  if (roles.coordinator) return "coordinator";
  if (roles.instructor) return "instructor";
  return "learner";
}
