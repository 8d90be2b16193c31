/**
 * Announcement delivery on BullMQ: one job per (announcement, recipient), job id `ann-<annId>-<userId>`, on the
 * same Redis, so queueing twice or restarting never duplicates.
 *
 * Why BullMQ directly rather than the generic `Jobs` of ../index.ts: delivery needs BullMQ's own rate limiter and
 * its manual rate-limit mechanism, which that interface does not (and should not) expose.
 *
 * - **Global rate.** Telegram allows about 30 messages a second in bulk. Each send first takes a slot of a sliding
 *   window in Redis shared by every process ({@link SEND_WINDOW}); BullMQ's limiter, also global, is a ceiling
 *   above it.
 * - **Full window, 429.** The job sets the queue's rate-limit TTL to the wait (`retry_after` for a 429) and throws
 *   `Worker.RateLimitError()`: the job goes back to waiting without spending an attempt, and every worker of the
 *   queue stops fetching until the TTL is over — no job sleeps.
 * - **Busy chat.** The job is moved to delayed for the rest of the chat's second.
 * - **Errors.** Transient ones are retried with exponential backoff; a permanent one fails the job at once
 *   (`UnrecoverableError`); the outcome was recorded either way (./delivery.ts).
 */
import { DelayedError, type Job, Queue, UnrecoverableError, Worker } from "bullmq";
import type { AnnouncementRepo } from "../../store/index.js";
import { BullConnections } from "../connections.js";
import {
  type Broadcaster,
  type BroadcastJobData,
  broadcastJobId,
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  DEFAULT_CONCURRENCY,
  DEFAULT_LIMITER,
  Deliverer,
  type DeliveryDeps,
  describeError,
  type QueueOptions,
  type SendWindow,
} from "./delivery.js";

export const BROADCAST_QUEUE = "broadcast";

/**
 * One job per recipient: completed ids are kept a while so queueing the same delivery again is a no-op (the
 * sent-marker guards anyway), failures for inspection; both by age and by count, so a year of announcements does
 * not stay in Redis.
 */
export const BROADCAST_FINISHED_JOBS = {
  removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 20_000 },
} as const;

/**
 * The global rate: at most 30 messages (deliveries, the sender's progress edits and reports) in any sliding second,
 * across every worker. The window is a Redis sliding log (one Lua call on Redis time, so every process agrees); a
 * slot is taken right before the request and, once Telegram answered, moved to half the usual round trip before the
 * answer — where Telegram most likely counted it ({@link RedisSendWindow}). A slot stamped when taken would free too
 * early whenever this process stalled between taking it and sending (GC, a busy machine), and let the next burst
 * into Telegram's same second. 30, not fewer: a smaller budget leaves part of Telegram's unused. The per-chat rule
 * costs nothing here: one announcement = one message per chat.
 *
 * Why a sliding window on top of BullMQ's limiter: BullMQ's limiter is a fixed window (a counter with a TTL set by
 * the first job of the window), so each window's jobs start in a burst and the next window's burst follows within
 * the same sliding second, which a server counting per sliding second answers with 429s. The figures behind both
 * choices are in bench/broadcast.ts.
 */
export const SEND_WINDOW = { max: 30, windowMs: 1000 } as const;

/** {@link SEND_WINDOW} over the store's sliding log, shared by every process on the same Redis. */
class RedisSendWindow implements SendWindow {
  /** Recent round trips to the Bot API (ms), for where in a request Telegram most likely counted it. */
  private readonly rtts: number[] = [];

  constructor(
    private readonly anns: AnnouncementRepo,
    private readonly window: { max: number; windowMs: number },
  ) {}

  take(member: string): Promise<number> {
    return this.anns.takeSendSlot(this.window.max, this.window.windowMs, member);
  }

  /**
   * Telegram counted the message somewhere between our send and its answer: at about half the usual round trip
   * before the answer. Re-stamping the slot there (never earlier than it was taken) keeps the window honest when
   * this process stalled between taking the slot and sending — the request then arrived late, and a slot stamped
   * at take time would free too early and let the next burst into Telegram's same second.
   */
  async sent(member: string, sentAt: number): Promise<void> {
    this.rtts.push(Date.now() - sentAt);
    if (this.rtts.length > 64) this.rtts.shift();
    const half = Math.min(...this.rtts) / 2;
    await this.anns.restampSendSlot(member, half, this.window.windowMs).catch(() => undefined);
  }

  release(member: string): Promise<void> {
    return this.anns.releaseSendSlot(member);
  }

  pause(ms: number): Promise<void> {
    return this.anns.floodPause(ms);
  }
}

interface BullBroadcastOptions extends QueueOptions {
  url: string;
  /** BullMQ key prefix (default `bull`); tests give each their own. */
  prefix?: string;
  /** The global sliding window (default {@link SEND_WINDOW}); `false` = BullMQ's limiter only. */
  sendWindow?: { max: number; windowMs: number } | false;
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
        ...BROADCAST_FINISHED_JOBS,
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
    const deliverer = new Deliverer(deps, window && new RedisSendWindow(deps.store.announcements, window));
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
            throw new UnrecoverableError(describeError(result.error));
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
