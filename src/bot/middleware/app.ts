/**
 * The first middleware of every update: a pino child logger, an error boundary that answers politely in the
 * user's language, the sender's profile and role, and the first round trip to Redis that reads them.
 *
 * An update that failed because the store was down or refused writes is not swallowed: its claim is given back, the
 * user is told "busy, try again" (at most once a minute per chat: Telegram redelivers the update many times), and the
 * update is marked as not handled (`wasNotHandled`) so the webhook answers 5xx and the polling loop queues it again.
 */
import type { Context, MiddlewareFn } from "grammy";
import type { Update } from "grammy/types";
import { isStorageDown } from "../../store/errors.js";
import type { UpdateStart, UserProfile } from "../../store/index.js";
import { newClaimToken } from "../../store/updates.js";
import type { AppFlavor, BotDeps, Role, RoleFlavor } from "../context.js";
import { busyReplyKey } from "../send.js";
import { releaseClaim } from "./dedupe.js";
import { DEFAULT_RATE_LIMIT } from "./ratelimit.js";

/**
 * Updates whose handling failed because the store could not take them; whoever delivered the update (the webhook
 * adapter, the polling loop) asks `wasNotHandled` after `handleUpdate` and has it delivered again. Keyed by the update
 * object grammY was given, so nothing is kept once the delivery is over.
 */
const notHandled = new WeakSet<Update>();

/** True when `update` (the object given to `bot.handleUpdate`) failed because the store was down or refused. */
export function wasNotHandled(update: Update): boolean {
  return notHandled.has(update);
}

/** Every redelivery of a failed update would say "busy" again: one notice per chat per minute is enough. */
const BUSY_NOTICE_INTERVAL_MS = 60_000;

/**
 * Per-process memory that must not grow with the number of users: past `max` entries the oldest goes first. Used for
 * what must work while Redis cannot be read — the language each user last used (so a "busy" reply is in it), when
 * each chat was last told "busy", and claims that could not be given back.
 */
class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}

  get(key: K | undefined): V | undefined {
    return key === undefined ? undefined : this.map.get(key);
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }

  take(key: K): V | undefined {
    const value = this.map.get(key);
    this.map.delete(key);
    return value;
  }
}

type AppContext = Context & AppFlavor & RoleFlavor;

export function appMiddleware(deps: BotDeps): MiddlewareFn<AppContext> {
  const knownLocales = new BoundedMap<number, string>(50_000);
  const busyTold = new BoundedMap<number, number>(10_000);
  /** True (and remembered) when `chatId` was not told "busy" within the interval before now. */
  const mayTellBusy = (chatId: number): boolean => {
    const now = deps.now().getTime();
    const last = busyTold.get(chatId);
    if (last !== undefined && now - last < BUSY_NOTICE_INTERVAL_MS) return false;
    busyTold.set(chatId, now);
    return true;
  };
  // A claim whose release failed too (Redis unreachable) still holds its attempt's token: a redelivery reaching this
  // process takes the token over, so the claim is recognised as its own instead of dropping the update for 24 h.
  const unreleased = new BoundedMap<number, string>(10_000);
  const windowMs = (deps.rateLimit ?? DEFAULT_RATE_LIMIT).windowMs;
  return async (ctx, next) => {
    ctx.deps = deps;
    // A retried update is the same object: each attempt starts unmarked.
    notHandled.delete(ctx.update);
    ctx.updateStart = undefined;
    ctx.log = deps.logger.child({ update_id: ctx.update.update_id, user: ctx.from?.id, chat: ctx.chat?.id });
    ctx.profile = undefined;
    ctx.role = "learner";
    let chatId: number | undefined;
    // This handling attempt's own claim token: a re-sent claim is recognised as ours, a release only undoes ours.
    const token = unreleased.take(ctx.update.update_id) ?? newClaimToken();
    try {
      if (ctx.from && !ctx.from.is_bot) {
        // One command for what every update needs: profile, role flags, the dedupe claim (used by `dedupe`), the
        // rate-limit count (used by `rateLimit`), the chat's session and scene state (handed to their storage) —
        // see UpdateRepo.begin.
        chatId = ctx.chat?.id;
        const start = await deps.store.updates.begin(ctx.update.update_id, ctx.from.id, windowMs, chatId, token);
        ctx.updateStart = start;
        ctx.profile = await touchProfile(ctx, start);
        ctx.role = roleOf(deps, ctx.from.id, start);
        if (ctx.profile?.locale) knownLocales.set(ctx.from.id, ctx.profile.locale);
        // A user who blocked the bot cannot write to it: writing again (pressing Start after unblocking) takes them
        // off /unreachable. The mark came with the first round trip, so only those marked pay a call here.
        if (start.claimed && start.unreachable && ctx.chat?.type === "private") {
          await deps.store.announcements.clearUnreachable(ctx.from.id);
        }
      }
      await next();
    } catch (err) {
      const busy = isStorageDown(err);
      ctx.log.error({ err }, busy ? "storage unavailable while handling update; left for redelivery" : "update failed");
      if (busy) notHandled.add(ctx.update);
      // The first round trip may have claimed the update before the failure (or claimed it and lost the reply); given
      // back while the user is told, not before.
      const released = busy && ctx.from && !ctx.from.is_bot ? releaseClaim(ctx, token) : Promise.resolve(true);
      const locale = ctx.profile?.locale ?? knownLocales.get(ctx.from?.id) ?? "vi";
      // A message that carried something (a scene's answer, a report part) is named as not saved, to send again.
      const text = deps.i18n.t(locale, busy ? busyReplyKey(ctx.update) : "error-generic");
      try {
        // A button's spinner is always stopped (an alert leaves nothing in the chat); a chat message at most once a
        // minute when busy.
        if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
        else if (ctx.chat?.type === "private" && (!busy || mayTellBusy(ctx.chat.id))) await ctx.reply(text);
      } catch (replyErr) {
        ctx.log.warn({ err: replyErr }, "could not tell the user about the failure");
      }
      if (!(await released)) unreleased.set(ctx.update.update_id, token);
    } finally {
      if (chatId !== undefined) deps.store.updates.finish(chatId);
    }
  };
}

/**
 * Refreshes the stored Telegram name if it changed (a failure here gives the claim back, in the boundary above).
 * Someone who never wrote to the bot in private (a member of a group the bot is in) gets no stored profile.
 */
async function touchProfile(ctx: AppContext, start: UpdateStart): Promise<UserProfile | undefined> {
  const from = ctx.from as NonNullable<Context["from"]>;
  if (start.profile === null && ctx.chat !== undefined && ctx.chat.type !== "private") return undefined;
  return ctx.deps.store.users.touch(from, ctx.deps.now(), start.profile);
}

function roleOf(deps: BotDeps, userId: number, flags: { coordinator: boolean; instructor: boolean }): Role {
  if (deps.config.coordinatorIds.includes(userId)) return "coordinator";
  if (flags.coordinator) return "coordinator";
  if (flags.instructor) return "instructor";
  return "learner";
}
