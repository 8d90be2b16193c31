/**
 * One delivery: one announcement to one learner, and the record of how it went. Both queues (BullMQ, and the
 * in-process queue of memory mode) run their jobs through {@link Deliverer}, which tells them what to do next.
 *
 * - **Per chat.** About one message a second per chat: a `SET PX` slot per chat; a job whose chat got a broadcast
 *   message less than {@link PER_CHAT_INTERVAL_MS} ago waits for the rest of it (two announcements at once to the
 *   same learner).
 * - **429.** The `Api` has NO auto-retry (auto-retry would sleep inside the job while the other jobs keep sending
 *   into the flood wait): a 429 comes back as `rate-limited` with Telegram's `retry_after`, for the queue to pause.
 * - **403** (blocked, deactivated) and 400 "chat not found": the learner is marked unreachable, the outcome is
 *   `blocked`, no retry. Other errors are retried with backoff; the last attempt records `failed`.
 * - **Exactly once.** Before sending, a job whose recipient already has an outcome does nothing; the `delivered`
 *   outcome (the sent-marker, HSETNX) is written right after Telegram confirmed. So a retry, or a stalled job taken
 *   over after its worker was killed, never sends twice — short of a crash in the microseconds between Telegram's
 *   answer and the marker write, which no client can close (Telegram has no idempotency key).
 *
 * The text is not made here: the caller passes an {@link AnnouncementRender} (src/jobs knows no bot text).
 */
import { randomUUID } from "node:crypto";
import { type Api, GrammyError, HttpError } from "grammy";
import type { Logger } from "../../logger.js";
import type { Announcement, DeliveryCounts, DeliveryOutcome, Store, UserProfile } from "../../store/index.js";

/** BullMQ custom job ids must not contain ':'. */
export const broadcastJobId = (annId: string, userId: number) => `ann-${annId}-${userId}`;

export interface BroadcastJobData {
  annId: string;
  userId: number;
}

// The queues' shared defaults.

/**
 * A fixed-window ceiling of sends: BullMQ's own limiter (above the sliding window, so refused fetches do not eat
 * the budget, and what makes BullMQ honour `rateLimit()` at all), and the in-process queue's only limit.
 */
export const DEFAULT_LIMITER = { max: 60, duration: 1000 } as const;
export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 2_000;
/**
 * Jobs in flight per worker: enough to keep the send window full while Telegram answers within ~200 ms; more only
 * makes bigger bunches of requests that wait for the same freed slot (bench/broadcast.ts).
 */
export const DEFAULT_CONCURRENCY = 6;
/**
 * One message a second per chat, plus a margin for the requests' transit: the slot is claimed before the global
 * window is taken and re-armed right before the request, so the next message to the chat goes out at least this long
 * after the previous one left — not after it was claimed (a wait for the global window would eat into the second).
 */
const PER_CHAT_INTERVAL_MS = 1050;

/** How either queue is tuned (the defaults above when left out). */
export interface QueueOptions {
  logger: Logger;
  limiter?: { max: number; duration: number };
  concurrency?: number;
  attempts?: number;
  backoffMs?: number;
}

// What the caller passes in.

/** A learner named in the final report, with their profile when there is one. */
export interface ReportedLearner {
  userId: number;
  profile?: UserProfile;
}

/** What the final report tells the sender. */
export interface DeliveryReport {
  ann: Announcement;
  counts: DeliveryCounts;
  /** Learners who blocked the bot or whose account is gone. */
  blocked: ReportedLearner[];
  /** Learners whose delivery kept failing, with the last error. */
  failed: (ReportedLearner & { error?: string })[];
}

/** The user-visible text of a broadcast, in the locale asked for (HTML, user text escaped). */
export interface AnnouncementRender {
  /** What a learner reads. */
  message(locale: string, ann: Announcement): string;
  /** The sender's status message while deliveries come in, and once they are all in (`finished`). */
  progress(locale: string, counts: DeliveryCounts, finished: boolean): string;
  /** The final report, as messages that each fit Telegram's limit. */
  report(locale: string, report: DeliveryReport): string[];
}

export interface DeliveryDeps {
  store: Store;
  /** An `Api` WITHOUT auto-retry (a 429 must pause the queue, not sleep in one job). */
  api: Api;
  render: AnnouncementRender;
  logger: Logger;
  /** Called after each outcome is recorded (progress messages, benches). */
  onSettled?: (annId: string, userId: number, outcome: DeliveryOutcome) => void | Promise<void>;
}

/**
 * A budget of sends shared by every process (the BullMQ queue's sliding window, see ./bullmq.ts). A slot is taken
 * right before the request, so Telegram counts the message within a few ms of our count.
 */
export interface SendWindow {
  /** Takes a slot for `member`: 0, or the ms until one frees (or a flood pause ends). */
  take(member: string): Promise<number>;
  /** Telegram answered the request sent at `sentAt` (ms): the slot stays, at when Telegram likely counted it. */
  sent(member: string, sentAt: number): Promise<void>;
  /** Telegram did not deliver, so did not count it: the slot goes back. */
  release(member: string): Promise<void>;
  /** Telegram answered 429: no process sends for `ms`. */
  pause(ms: number): Promise<void>;
}

type DeliveryResult =
  | { kind: "settled"; outcome: DeliveryOutcome }
  /** Already had an outcome: nothing sent. */
  | { kind: "skipped" }
  | { kind: "rate-limited"; retryAfterMs: number }
  | { kind: "chat-busy"; waitMs: number }
  | { kind: "retry"; error: unknown }
  /** A permanent error (bad request): recorded as failed, not retried. */
  | { kind: "failed"; error: unknown };

/** Sends the announcement as `locale` reads it to `chatId`; the preview and /announcements use the very same call. */
export async function sendAnnouncement(
  api: Api,
  render: Pick<AnnouncementRender, "message">,
  locale: string,
  chatId: number,
  ann: Announcement,
): Promise<{ message_id: number }> {
  const html = render.message(locale, ann);
  const opts = { parse_mode: "HTML" as const };
  if (ann.media?.kind === "photo") return api.sendPhoto(chatId, ann.media.fileId, { caption: html, ...opts });
  if (ann.media?.kind === "document") return api.sendDocument(chatId, ann.media.fileId, { caption: html, ...opts });
  return api.sendMessage(chatId, html, { link_preview_options: { is_disabled: true }, ...opts });
}

/** Announcements are read once per process (they never change after creation, except the status message). */
class AnnouncementCache {
  private readonly map = new Map<string, Promise<Announcement | undefined>>();
  constructor(private readonly store: Store) {}
  get(id: string): Promise<Announcement | undefined> {
    let p = this.map.get(id);
    if (!p) {
      p = this.store.announcements.get(id);
      this.map.set(id, p);
      if (this.map.size > 200) this.map.delete(this.map.keys().next().value as string);
      void p.then((a) => {
        if (!a) this.map.delete(id);
      });
    }
    return p;
  }
}

/** An error as it is logged and recorded: Telegram's code and description when it answered. */
export const describeError = (err: unknown) =>
  err instanceof GrammyError
    ? `${err.error_code} ${err.description}`
    : err instanceof Error
      ? err.message
      : String(err);

/** 403 blocked/deactivated/kicked, or 400 "chat not found": this learner cannot get messages from the bot now. */
function isUnreachable(err: unknown): boolean {
  if (!(err instanceof GrammyError)) return false;
  if (err.error_code === 403) return true;
  return err.error_code === 400 && /chat not found|user is deactivated|PEER_ID_INVALID/i.test(err.description);
}

/** Errors worth retrying: network trouble, Telegram 5xx. Other 4xx would fail the same way again. */
function isTransient(err: unknown): boolean {
  if (err instanceof HttpError) return true;
  if (err instanceof GrammyError) return err.error_code >= 500;
  return true;
}

/**
 * Delivers one announcement to one recipient and records the outcome; tells the caller (BullMQ or the in-process
 * queue) what to do with the job. `lastAttempt`: a transient error is recorded as `failed` instead of retried.
 */
export class Deliverer {
  private readonly cache: AnnouncementCache;

  /** `window`: also take a slot of the global send window before each send. */
  constructor(
    private readonly deps: DeliveryDeps,
    private readonly window?: SendWindow,
  ) {
    this.cache = new AnnouncementCache(deps.store);
  }

  async deliver(data: BroadcastJobData, lastAttempt: boolean): Promise<DeliveryResult> {
    const { store, api, render, logger } = this.deps;
    const { annId, userId } = data;
    const anns = store.announcements;
    if (await anns.isSettled(annId, userId)) return { kind: "skipped" };
    const ann = await this.cache.get(annId);
    if (!ann) {
      logger.warn({ annId, userId }, "broadcast: announcement gone; job dropped");
      return { kind: "skipped" };
    }
    const slot = await anns.claimChatSlot(userId, PER_CHAT_INTERVAL_MS);
    if (slot !== true) return { kind: "chat-busy", waitMs: slot };
    const locale = (await store.users.get(userId))?.locale ?? "vi";
    const member = `${annId}-${userId}-${randomUUID().slice(0, 8)}`;
    if (this.window) {
      const wait = await this.window.take(member);
      if (wait > 0) {
        await anns.releaseChatSlot(userId);
        return { kind: "rate-limited", retryAfterMs: wait };
      }
    }
    await anns.rearmChatSlot(userId, PER_CHAT_INTERVAL_MS);
    const sentAt = Date.now();
    try {
      await sendAnnouncement(api, render, locale, userId, ann);
      await this.window?.sent(member, sentAt);
    } catch (err) {
      if (err instanceof GrammyError && err.error_code === 429) {
        const retryAfterMs = Math.max(1, Number(err.parameters?.retry_after ?? 1)) * 1000;
        await anns.releaseChatSlot(userId);
        if (this.window) {
          await this.window.pause(retryAfterMs);
          await this.window.release(member);
        }
        return { kind: "rate-limited", retryAfterMs };
      }
      if (isUnreachable(err)) {
        await this.window?.release(member);
        await anns.markUnreachable(userId, { at: new Date().toISOString(), reason: describeError(err) });
        return this.settle(annId, userId, "blocked", describeError(err));
      }
      if (isTransient(err) && !lastAttempt) return { kind: "retry", error: err };
      logger.warn({ annId, userId, err: describeError(err) }, "broadcast: delivery failed");
      const settled = await this.settle(annId, userId, "failed", describeError(err));
      return isTransient(err) ? settled : { kind: "failed", error: err };
    }
    // Reached: whatever an earlier 403 said, this learner is reachable now.
    await anns.clearUnreachable(userId).catch(() => undefined);
    return this.settle(annId, userId, "delivered");
  }

  private async settle(
    annId: string,
    userId: number,
    outcome: DeliveryOutcome,
    error?: string,
  ): Promise<DeliveryResult> {
    // The marker write is what makes a re-run skip: try it a few times before giving up on it.
    for (let i = 0; ; i++) {
      try {
        const won = await this.deps.store.announcements.settle(annId, userId, outcome, error);
        if (won) {
          // Progress is a courtesy: its trouble must not turn a delivered message into a retried job.
          await Promise.resolve(this.deps.onSettled?.(annId, userId, outcome)).catch((err: unknown) =>
            this.deps.logger.warn({ annId, err: String(err) }, "broadcast: progress update failed"),
          );
        }
        return won ? { kind: "settled", outcome } : { kind: "skipped" };
      } catch (err) {
        if (i >= 4) throw err;
        await new Promise((r) => setTimeout(r, 200 * (i + 1)));
      }
    }
  }
}

/** What the bot sees of announcement delivery: BullMQ (./bullmq.ts) or the in-process queue (./memory.ts). */
export interface Broadcaster {
  readonly kind: "bullmq" | "in-process";
  /** Queues one delivery per recipient (idempotent: the same (announcement, recipient) is queued once). */
  enqueue(annId: string, userIds: number[]): Promise<void>;
  /** Starts delivering in this process. */
  start(deps: DeliveryDeps): void;
  close(force?: boolean): Promise<void>;
}
