/**
 * Memory mode (no Redis URL): the same delivery rules without Redis-backed jobs. A fixed window of `limiter.max`
 * sends per `limiter.duration`; a 429 pauses every delivery of this process for `retry_after`; a busy chat or a
 * transient error puts the job back with a delay. Jobs are lost with the process (memory mode loses everything
 * anyway). No shared send window: nothing else sends at the same time.
 */
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
  type QueueOptions,
} from "./delivery.js";

interface PendingDelivery {
  data: BroadcastJobData;
  attempt: number;
  notBefore: number;
}

type InProcessBroadcastOptions = QueueOptions;

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
    const deliverer = this.deliverer;
    if (!deliverer || this.closed) return;
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
      void this.run(deliverer, job).finally(() => {
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

  private async run(deliverer: Deliverer, job: PendingDelivery): Promise<void> {
    const attempts = this.opts.attempts ?? DEFAULT_ATTEMPTS;
    const backoffMs = this.opts.backoffMs ?? DEFAULT_BACKOFF_MS;
    try {
      const result = await deliverer.deliver(job.data, job.attempt >= attempts);
      if (result.kind === "rate-limited") {
        this.pausedUntil = Math.max(this.pausedUntil, Date.now() + result.retryAfterMs);
        this.queue.unshift(job);
      } else if (result.kind === "chat-busy") {
        this.queue.push({ ...job, notBefore: Date.now() + result.waitMs });
      } else if (result.kind === "retry") {
        const backoff = backoffMs * 2 ** (job.attempt - 1);
        this.queue.push({ ...job, attempt: job.attempt + 1, notBefore: Date.now() + backoff });
      }
    } catch (err) {
      this.opts.logger.warn({ err: String(err), job: job.data }, "broadcast: delivery crashed; retrying later");
      if (job.attempt < attempts) {
        this.queue.push({ ...job, attempt: job.attempt + 1, notBefore: Date.now() + backoffMs });
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.idleWaiters.splice(0)) w();
  }
}
