/**
 * Announcement delivery at Telegram scale: one job per (announcement, recipient), job id `ann-<annId>-<userId>`.
 *
 * Why BullMQ directly rather than the generic `Jobs` of ./index.ts: delivery needs BullMQ's own rate limiter and
 * its manual rate-limit mechanism, which that interface does not (and should not) expose.
 *
 * - **Global rate.** Telegram allows about 30 messages a second in bulk. The worker's `limiter` is global across
 *   every worker of the queue (it is a counter in Redis), so two processes together still stay under it. See
 *   {@link DEFAULT_LIMITER} for the numbers.
 * - **429.** The worker's `Api` has NO auto-retry (auto-retry would sleep inside the job while the other jobs keep
 *   sending into the flood wait). On 429 the job sets the queue's rate-limit TTL to `retry_after` and throws
 *   `Worker.RateLimitError()`: the job goes back to waiting without spending an attempt, and every worker of the
 *   queue stops fetching until the TTL is over.
 * - **Per chat.** About one message a second per chat: a `SET PX 1000 NX` slot per chat; a job whose chat got a
 *   broadcast message less than a second ago is moved to delayed for the rest of that second (two announcements
 *   at once to the same learner).
 * - **403** (blocked, deactivated) and 400 "chat not found": the learner is marked unreachable, the outcome is
 *   `blocked`, no retry. Other errors are retried with exponential backoff; the last attempt records `failed`.
 * - **Exactly once.** Before sending, a job whose recipient already has an outcome does nothing; the `delivered`
 *   outcome (the sent-marker) is written right after Telegram confirmed. So a retry, or a stalled job taken over
 *   after its worker was killed, never sends twice — short of a crash in the microseconds between Telegram's
 *   answer and the marker write, which no client can close (Telegram has no idempotency key).
 *
 * Memory mode (no Redis URL) uses {@link InProcessBroadcast}: the same rules with timers in this process.
 */
import { randomUUID } from "node:crypto";
import { DelayedError, type Job, Queue, UnrecoverableError, Worker } from "bullmq";
import { type Api, GrammyError, HttpError } from "grammy";
import type { Logger } from "../logger.js";
import type { Announcement, DeliveryOutcome, Store } from "../store/index.js";
import { BullConnections } from "./connections.js";

export const BROADCAST_QUEUE = "broadcast";

/** BullMQ custom job ids must not contain ':'. */
export const broadcastJobId = (annId: string, userId: number) => `ann-${annId}-${userId}`;

export interface BroadcastJobData {
  annId: string;
  userId: number;
}

/**
 * The global rate: at most 30 messages (deliveries, the sender's progress edits and reports) in any sliding second,
 * across every worker. The window is a Redis sliding log (`takeSendSlot`, one Lua call on Redis time); a slot is
 * taken right before the request and, once Telegram answered, moved to half the usual round trip before the answer
 * — where Telegram most likely counted it ({@link Deliverer} `restamp`). Without that, a slot stamped when taken
 * freed too early whenever this process stalled between taking it and sending (GC, a busy machine): measured 2–49
 * 429s per 5,000 with a fixed 25–35 ms of slack, each costing everyone a second, and 0.88–0.94 of the limit;
 * with it, 0 429s. "29 a second" would leave the 30th unused; "28" caps at 0.933, under the 0.95 goal. The
 * per-chat rule costs nothing here: one announcement = one message per chat.
 *
 * Why a sliding window on top of BullMQ's limiter: BullMQ's limiter is a fixed window (a counter with a TTL set by
 * the first job of the window), so with `{ max: 29, duration: 1000 }` each window's 29 jobs start in a burst and
 * the next window's burst follows within the same second — measured 41–55 sends in one sliding second, and a
 * stream of 429s from a server that counts per sliding second (0.63–0.67 of the limit achieved). When the window is
 * full the job sets the queue's rate-limit TTL to the exact wait and throws BullMQ's `RateLimitError` — BullMQ's
 * mechanism, no sleep. A 403 gives its slot back (Telegram did not deliver, so did not count it).
 */
export const SEND_WINDOW = { max: 30, windowMs: 1000 } as const;
/**
 * BullMQ's own limiter: a ceiling above the sliding window (so refused fetches do not eat the budget), and what
 * makes BullMQ honour `rateLimit()` at all (its manual rate limit needs a limiter configured).
 */
export const DEFAULT_LIMITER = { max: 60, duration: 1000 } as const;
export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 2_000;
/**
 * Jobs in flight per worker: 6 keeps 29/s going while Telegram answers within ~200 ms; more only makes bigger
 * bunches of requests that wait for the same freed slot (measured: 12 → more 429s, 4 → slower).
 */
export const DEFAULT_CONCURRENCY = 6;
/**
 * One message a second per chat, plus a margin for the requests' transit: the slot is claimed before the global
 * window is taken and re-armed right before the request, so the next message to the chat goes out at least this long
 * after the previous one left — not after it was claimed (a wait for the global window would eat into the second).
 */
export const PER_CHAT_INTERVAL_MS = 1050;

/** Translations by locale (the bot's I18n fits). */
export interface Translator {
  t(locale: string, key: string, vars?: Record<string, string | number>): string;
}

export interface DeliveryDeps {
  store: Store;
  /** An `Api` WITHOUT auto-retry (see {@link createDeliveryApi}). */
  api: Api;
  i18n: Translator;
  logger: Logger;
  /** Called after each outcome is recorded (progress messages, benches). */
  onSettled?: (annId: string, userId: number, outcome: DeliveryOutcome) => void | Promise<void>;
}

export type DeliveryResult =
  | { kind: "settled"; outcome: DeliveryOutcome }
  /** Already had an outcome: nothing sent. */
  | { kind: "skipped" }
  | { kind: "rate-limited"; retryAfterMs: number }
  | { kind: "chat-busy"; waitMs: number }
  | { kind: "retry"; error: unknown }
  /** A permanent error (bad request): recorded as failed, not retried. */
  | { kind: "failed"; error: unknown };

// ------------------------------------------------------------------------------------------------ rendering

/** Escapes user text for Telegram HTML (same as the bot's escapeHtml, kept here so src/jobs needs no src/bot). */
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** What a learner sees: a header with the classes, the sender's text, the sender's name. HTML. */
export function renderAnnouncement(i18n: Translator, locale: string, ann: Announcement): string {
  const header = i18n.t(locale, "ann-message-header", { classes: esc(ann.classNames.join(", ")) });
  const footer = i18n.t(locale, "ann-message-footer", { sender: esc(ann.senderName) });
  const body = esc(ann.text);
  return body ? `${header}\n\n${body}\n\n${footer}` : `${header}\n\n${footer}`;
}

/** Length as Telegram counts it (tags removed, entities one character). */
export function visibleLength(html: string): number {
  return html.replace(/<[^>]*>/g, "").replace(/&(lt|gt|amp|quot|#\d+);/g, "x").length;
}

/** Sends the announcement as `locale` reads it to `chatId`; the preview uses the very same call. */
export async function sendAnnouncement(
  api: Api,
  i18n: Translator,
  locale: string,
  chatId: number,
  ann: Announcement,
  other: Record<string, unknown> = {},
): Promise<{ message_id: number }> {
  const html = renderAnnouncement(i18n, locale, ann);
  const opts = { parse_mode: "HTML" as const, ...other };
  if (ann.media?.kind === "photo") return api.sendPhoto(chatId, ann.media.fileId, { caption: html, ...opts });
  if (ann.media?.kind === "document") return api.sendDocument(chatId, ann.media.fileId, { caption: html, ...opts });
  return api.sendMessage(chatId, html, { link_preview_options: { is_disabled: true }, ...opts });
}

// ------------------------------------------------------------------------------------------------ one delivery

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

const describe = (err: unknown) =>
  err instanceof GrammyError
    ? `${err.error_code} ${err.description}`
    : err instanceof Error
      ? err.message
      : String(err);

/** 403 blocked/deactivated/kicked, or 400 "chat not found": this learner cannot get messages from the bot now. */
export function isUnreachable(err: unknown): boolean {
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
  /** Recent round trips to the Bot API (ms), for where in a request Telegram most likely counted it. */
  private readonly rtts: number[] = [];

  /** `sendWindow`: also take a slot of the global sliding window before each send (see {@link SEND_WINDOW}). */
  constructor(
    private readonly deps: DeliveryDeps,
    private readonly sendWindow?: { max: number; windowMs: number },
  ) {
    this.cache = new AnnouncementCache(deps.store);
  }

  async deliver(data: BroadcastJobData, lastAttempt: boolean): Promise<DeliveryResult> {
    const { store, api, i18n, logger } = this.deps;
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
    // The window slot is taken right before the request, so Telegram counts it within a few ms of our count.
    const member = `${annId}-${userId}-${randomUUID().slice(0, 8)}`;
    if (this.sendWindow) {
      const wait = await anns.takeSendSlot(this.sendWindow.max, this.sendWindow.windowMs, member);
      if (wait > 0) {
        await anns.releaseChatSlot(userId);
        return { kind: "rate-limited", retryAfterMs: wait };
      }
    }
    await anns.rearmChatSlot(userId, PER_CHAT_INTERVAL_MS);
    const sentAt = Date.now();
    try {
      await sendAnnouncement(api, i18n, locale, userId, ann);
      if (this.sendWindow) await this.restamp(member, sentAt);
    } catch (err) {
      if (err instanceof GrammyError && err.error_code === 429) {
        const retryAfterMs = Math.max(1, Number(err.parameters?.retry_after ?? 1)) * 1000;
        await anns.releaseChatSlot(userId);
        if (this.sendWindow) {
          await anns.floodPause(retryAfterMs);
          await anns.releaseSendSlot(member);
        }
        return { kind: "rate-limited", retryAfterMs };
      }
      if (isUnreachable(err)) {
        // Not a message Telegram delivered, so not one its limit counts: the slot goes back.
        if (this.sendWindow) await anns.releaseSendSlot(member);
        await anns.markUnreachable(userId, { at: new Date().toISOString(), reason: describe(err) });
        return this.settle(annId, userId, "blocked", describe(err));
      }
      if (isTransient(err) && !lastAttempt) return { kind: "retry", error: err };
      logger.warn({ annId, userId, err: describe(err) }, "broadcast: delivery failed");
      const settled = await this.settle(annId, userId, "failed", describe(err));
      return isTransient(err) ? settled : { kind: "failed", error: err };
    }
    // Reached: whatever an earlier 403 said, this learner is reachable now.
    await anns.clearUnreachable(userId).catch(() => undefined);
    return this.settle(annId, userId, "delivered");
  }

  /**
   * Telegram counted the message somewhere between our send and its answer: at about half the usual round trip
   * before the answer. Re-stamping the slot there (never earlier than it was taken) keeps the window honest when
   * this process stalled between taking the slot and sending — the request then arrived late, and a slot stamped
   * at take time would free too early and let the next burst into Telegram's same second.
   */
  private async restamp(member: string, sentAt: number): Promise<void> {
    const now = Date.now();
    this.rtts.push(now - sentAt);
    if (this.rtts.length > 64) this.rtts.shift();
    const half = Math.min(...this.rtts) / 2;
    const w = this.sendWindow;
    if (w) await this.deps.store.announcements.restampSendSlot(member, half, w.windowMs).catch(() => undefined);
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

// ------------------------------------------------------------------------------------------------ the queue

export interface Broadcaster {
  readonly kind: "bullmq" | "in-process";
  /** Queues one delivery per recipient (idempotent: the same (announcement, recipient) is queued once). */
  enqueue(annId: string, userIds: number[]): Promise<void>;
  /** Starts delivering in this process. */
  start(deps: DeliveryDeps): void;
  close(force?: boolean): Promise<void>;
}

export interface BullBroadcastOptions {
  url: string;
  /** BullMQ key prefix (default `bull`); tests give each their own. */
  prefix?: string;
  logger: Logger;
  limiter?: { max: number; duration: number };
  /** The global sliding window (default {@link SEND_WINDOW}); `false` = BullMQ's limiter only. */
  sendWindow?: { max: number; windowMs: number } | false;
  concurrency?: number;
  attempts?: number;
  backoffMs?: number;
  /** Tests: short locks so a killed worker's jobs are taken over quickly (BullMQ default 30 s). */
  lockDuration?: number;
  stalledInterval?: number;
}

export class BullBroadcast implements Broadcaster {
  readonly kind = "bullmq" as const;
  readonly queue: Queue<BroadcastJobData>;
  private worker?: Worker<BroadcastJobData>;
  private readonly connections: BullConnections;

  constructor(private readonly opts: BullBroadcastOptions) {
    this.connections = new BullConnections(opts.url, opts.logger, "broadcast");
    this.queue = new Queue<BroadcastJobData>(BROADCAST_QUEUE, {
      connection: this.connections.connect(),
      prefix: opts.prefix ?? "bull",
      defaultJobOptions: {
        attempts: opts.attempts ?? DEFAULT_ATTEMPTS,
        backoff: { type: "exponential", delay: opts.backoffMs ?? DEFAULT_BACKOFF_MS },
        // Completed ids are kept a while so queueing the same delivery again is a no-op (the sent-marker
        // guards anyway); failures are kept for inspection.
        removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
        removeOnFail: { age: 30 * 24 * 3600 },
      },
    });
    this.queue.on("error", (err) => opts.logger.warn({ err: String(err) }, "broadcast: queue error"));
  }

  async enqueue(annId: string, userIds: number[]): Promise<void> {
    const jobs = userIds.map((userId) => ({
      name: "deliver",
      data: { annId, userId },
      opts: { jobId: broadcastJobId(annId, userId) },
    }));
    for (let i = 0; i < jobs.length; i += 500) await this.queue.addBulk(jobs.slice(i, i + 500));
  }

  start(deps: DeliveryDeps): void {
    if (this.worker) return;
    const window = this.opts.sendWindow === false ? undefined : (this.opts.sendWindow ?? SEND_WINDOW);
    const deliverer = new Deliverer(deps, window);
    const attempts = this.opts.attempts ?? DEFAULT_ATTEMPTS;
    const worker = new Worker<BroadcastJobData>(
      BROADCAST_QUEUE,
      async (job: Job<BroadcastJobData>, token?: string) => {
        const last = job.attemptsMade + 1 >= (job.opts.attempts ?? attempts);
        const result = await deliverer.deliver(job.data, last);
        switch (result.kind) {
          case "settled":
          case "skipped":
            return result.kind === "settled" ? result.outcome : "skipped";
          case "rate-limited":
            // Every worker of the queue stops fetching for the wait; this job goes back to waiting without
            // spending an attempt. (A shorter wait set meanwhile cannot cut a 429's pause short: the send window
            // answers the rest of the pause to whoever asks, and that job sets it again.)
            await this.queue.rateLimit(result.retryAfterMs);
            throw Worker.RateLimitError();
          case "chat-busy":
            await job.moveToDelayed(Date.now() + result.waitMs, token);
            throw new DelayedError();
          case "retry":
            throw result.error instanceof Error ? result.error : new Error(String(result.error));
          case "failed":
            throw new UnrecoverableError(describe(result.error));
        }
      },
      {
        connection: this.connections.connect(),
        prefix: this.opts.prefix ?? "bull",
        concurrency: this.opts.concurrency ?? DEFAULT_CONCURRENCY,
        limiter: { ...(this.opts.limiter ?? DEFAULT_LIMITER) },
        ...(this.opts.lockDuration ? { lockDuration: this.opts.lockDuration } : {}),
        ...(this.opts.stalledInterval ? { stalledInterval: this.opts.stalledInterval } : {}),
      },
    );
    worker.on("error", (err) => this.opts.logger.warn({ err: String(err) }, "broadcast: worker error"));
    worker.on("failed", (job, err) => {
      if (err.name !== "RateLimitError" && err.name !== "DelayedError") {
        this.opts.logger.info({ jobId: job?.id, err: err.message }, "broadcast: attempt failed");
      }
    });
    this.worker = worker;
  }

  /** `force`: do not wait for deliveries in flight (a "kill"; their jobs are taken over after the lock expires). */
  async close(force = false): Promise<void> {
    await this.worker?.close(force).catch(() => undefined);
    await this.queue.close().catch(() => undefined);
    await this.connections.closeAll();
  }
}

// ------------------------------------------------------------------------------------------------ in process

interface PendingDelivery {
  data: BroadcastJobData;
  attempt: number;
  notBefore: number;
}

export interface InProcessBroadcastOptions {
  logger: Logger;
  limiter?: { max: number; duration: number };
  concurrency?: number;
  attempts?: number;
  backoffMs?: number;
}

/**
 * Memory mode: the same delivery rules without Redis-backed jobs. A fixed window of `limiter.max` sends per
 * `limiter.duration`; a 429 pauses every delivery of this process for `retry_after`; a busy chat or a transient
 * error puts the job back with a delay. Jobs are lost with the process (memory mode loses everything anyway).
 */
export class InProcessBroadcast implements Broadcaster {
  readonly kind = "in-process" as const;
  private readonly queue: PendingDelivery[] = [];
  private readonly seen = new Set<string>();
  private deliverer?: Deliverer;
  private inFlight = 0;
  private windowStart = 0;
  private windowCount = 0;
  private pausedUntil = 0;
  private timer?: NodeJS.Timeout;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly opts: InProcessBroadcastOptions) {}

  async enqueue(annId: string, userIds: number[]): Promise<void> {
    for (const userId of userIds) {
      const id = broadcastJobId(annId, userId);
      if (this.seen.has(id)) continue;
      this.seen.add(id);
      this.queue.push({ data: { annId, userId }, attempt: 1, notBefore: 0 });
    }
    this.pump();
  }

  start(deps: DeliveryDeps): void {
    this.deliverer ??= new Deliverer(deps);
    this.pump();
  }

  /** Resolves when nothing is queued or in flight (tests). */
  idle(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    if (!this.deliverer || this.closed) return;
    const limiter = this.opts.limiter ?? DEFAULT_LIMITER;
    const concurrency = this.opts.concurrency ?? DEFAULT_CONCURRENCY;
    for (;;) {
      const now = Date.now();
      if (now < this.pausedUntil) {
        this.wake(this.pausedUntil - now);
        return;
      }
      if (now - this.windowStart >= limiter.duration) {
        this.windowStart = now;
        this.windowCount = 0;
      }
      if (this.windowCount >= limiter.max) {
        this.wake(this.windowStart + limiter.duration - now);
        return;
      }
      if (this.inFlight >= concurrency) return;
      const i = this.queue.findIndex((p) => p.notBefore <= now);
      if (i < 0) {
        const next = Math.min(...this.queue.map((p) => p.notBefore));
        if (Number.isFinite(next)) this.wake(next - now);
        else if (this.inFlight === 0) for (const w of this.idleWaiters.splice(0)) w();
        return;
      }
      const [job] = this.queue.splice(i, 1) as [PendingDelivery];
      this.windowCount++;
      this.inFlight++;
      void this.run(job).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private wake(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.pump();
      },
      Math.max(1, ms),
    );
    this.timer.unref?.();
  }

  private async run(job: PendingDelivery): Promise<void> {
    const attempts = this.opts.attempts ?? DEFAULT_ATTEMPTS;
    try {
      const result = await (this.deliverer as Deliverer).deliver(job.data, job.attempt >= attempts);
      if (result.kind === "rate-limited") {
        this.pausedUntil = Math.max(this.pausedUntil, Date.now() + result.retryAfterMs);
        this.queue.unshift(job);
      } else if (result.kind === "chat-busy") {
        this.queue.push({ ...job, notBefore: Date.now() + result.waitMs });
      } else if (result.kind === "retry") {
        const backoff = (this.opts.backoffMs ?? DEFAULT_BACKOFF_MS) * 2 ** (job.attempt - 1);
        this.queue.push({ ...job, attempt: job.attempt + 1, notBefore: Date.now() + backoff });
      }
    } catch (err) {
      this.opts.logger.warn({ err: String(err), job: job.data }, "broadcast: delivery crashed; retrying later");
      if (job.attempt < attempts) {
        this.queue.push({ ...job, attempt: job.attempt + 1, notBefore: Date.now() + (this.opts.backoffMs ?? 2000) });
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.idleWaiters.splice(0)) w();
  }
}

export function createBroadcaster(opts: { redisUrl?: string; prefix?: string; logger: Logger }): Broadcaster {
  if (opts.redisUrl) return new BullBroadcast({ url: opts.redisUrl, prefix: opts.prefix, logger: opts.logger });
  return new InProcessBroadcast({ logger: opts.logger });
}
