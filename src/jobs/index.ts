/**
 * Queued work (reminders, feedback prompts): one small interface the bot depends on, two implementations.
 * Announcements have their own queue (./broadcast/), for BullMQ's rate limiter this interface does not expose.
 *
 * - {@link BullJobs}: BullMQ delayed jobs on the same Redis. Stable job ids make scheduling idempotent — adding a
 *   job whose id exists (waiting, delayed, or completed within the retention) is a no-op — so re-planning after a
 *   restart never duplicates. Workers run in the bot's process (`process`), each with its own connection.
 * - {@link InProcessJobs}: timers in this process with the same dedupe semantics, for memory mode (no Redis URL).
 *   With `manual: true` nothing fires by itself and tests call `runDue(now)` to advance time deterministically.
 *
 * Handlers must be idempotent per (job id, recipient): a job may run again after a crash mid-way (BullMQ retries,
 * at-least-once). Features keep a sent-marker (`SET NX`) per recipient before sending.
 *
 * Queue names and job ids are listed in src/store/keys.ts (BullMQ keys live under its own prefix, `bull:` by
 * default: `bull:<queue>:<jobId>` …).
 */
import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "../logger.js";
import { BullConnections } from "./connections.js";

interface JobSpec<D> {
  /** A label for logs and BullMQ's UI. */
  name: string;
  /** Stable id: scheduling the same id twice keeps one job. No `:` (BullMQ refuses it). */
  jobId: string;
  data: D;
  /** When to run; or `delay` in ms from now; neither = as soon as possible. */
  runAt?: Date;
  delay?: number;
}

export interface JobInfo<D> {
  id: string;
  name: string;
  data: D;
  /** 1 on the first run, more on retries. */
  attempt: number;
}

type JobHandler<D> = (job: JobInfo<D>) => Promise<void>;

interface ProcessOptions {
  concurrency?: number;
}

/** A job run again and again: one schedule per `id` (declaring it again replaces it), every `everyMs`. */
interface RepeatSpec<D> {
  name: string;
  /** Stable id of the schedule; each run gets its own job id from it. No `:`. */
  id: string;
  data: D;
  everyMs: number;
}

export interface Jobs {
  readonly kind: "bullmq" | "in-process";
  schedule<D>(queue: string, spec: JobSpec<D>): Promise<void>;
  /** Declares a repeated job (the first run `everyMs` from now); across processes and restarts there is one. */
  repeat<D>(queue: string, spec: RepeatSpec<D>): Promise<void>;
  /** Removes a waiting or delayed job; unknown ids are fine. */
  cancel(queue: string, jobId: string): Promise<void>;
  /** Starts running the queue's jobs in this process with `handler`. */
  process<D>(queue: string, handler: JobHandler<D>, opts?: ProcessOptions): void;
  close(): Promise<void>;
}

/**
 * What BullMQ keeps of finished jobs, bounded both by age and by count so no queue grows with the number of classes.
 * A completed id is kept a while so re-adding it is a no-op (7 days covers any re-planning); past either bound a
 * re-added job may run again, which the handlers' sent-markers make harmless. Failed jobs are kept for inspection.
 */
export const FINISHED_JOBS = {
  removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 10_000 },
} as const;
const DEFAULT_ATTEMPTS = 3;

function assertJobId(jobId: string): void {
  if (jobId === "" || jobId.includes(":")) throw new Error(`invalid job id "${jobId}": must be non-empty, without ':'`);
}

function delayOf(spec: JobSpec<unknown>, now: () => Date): number {
  if (spec.runAt) return Math.max(0, spec.runAt.getTime() - now().getTime());
  return Math.max(0, spec.delay ?? 0);
}

// ------------------------------------------------------------------------------------------------ BullMQ

interface BullJobsOptions {
  url: string;
  /** BullMQ key prefix (default `bull`); tests give each harness its own. */
  prefix?: string;
  logger: Logger;
  /** The clock `runAt` is measured against (default: the real one). */
  now?: () => Date;
}

export class BullJobs implements Jobs {
  readonly kind = "bullmq" as const;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private readonly connections: BullConnections;
  private readonly shared: Redis;
  private readonly prefix: string;
  private readonly now: () => Date;

  constructor(private readonly opts: BullJobsOptions) {
    this.prefix = opts.prefix ?? "bull";
    this.now = opts.now ?? (() => new Date());
    this.connections = new BullConnections(opts.url, opts.logger, "jobs");
    this.shared = this.connections.connect();
  }

  private queue(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, {
        connection: this.shared,
        prefix: this.prefix,
        defaultJobOptions: {
          attempts: DEFAULT_ATTEMPTS,
          backoff: { type: "exponential", delay: 5_000 },
          ...FINISHED_JOBS,
        },
      });
      q.on("error", (err) => this.opts.logger.warn({ err: String(err), queue: name }, "jobs: queue error"));
      this.queues.set(name, q);
    }
    return q;
  }

  async schedule<D>(queue: string, spec: JobSpec<D>): Promise<void> {
    assertJobId(spec.jobId);
    await this.queue(queue).add(spec.name, spec.data, { jobId: spec.jobId, delay: delayOf(spec, this.now) });
  }

  async repeat<D>(queue: string, spec: RepeatSpec<D>): Promise<void> {
    assertJobId(spec.id);
    await this.queue(queue).upsertJobScheduler(spec.id, { every: spec.everyMs }, { name: spec.name, data: spec.data });
  }

  async cancel(queue: string, jobId: string): Promise<void> {
    const job = await this.queue(queue).getJob(jobId);
    if (!job) return;
    const state = await job.getState();
    // A completed job is kept as a dedupe marker; only pending ones are removed.
    if (state === "delayed" || state === "waiting" || state === "prioritized" || state === "waiting-children") {
      await this.queue(queue).remove(jobId);
    }
  }

  process<D>(queue: string, handler: JobHandler<D>, opts: ProcessOptions = {}): void {
    const worker = new Worker(
      queue,
      async (job) => {
        await handler({ id: job.id ?? "", name: job.name, data: job.data as D, attempt: job.attemptsMade + 1 });
      },
      { connection: this.connections.connect(), prefix: this.prefix, concurrency: opts.concurrency ?? 4 },
    );
    worker.on("failed", (job, err) =>
      this.opts.logger.warn({ err: err.message, queue, jobId: job?.id }, "jobs: job failed"),
    );
    worker.on("error", (err) => this.opts.logger.warn({ err: String(err), queue }, "jobs: worker error"));
    this.workers.push(worker);
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.workers.map((w) => w.close()));
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    await this.connections.closeAll();
  }
}

// ------------------------------------------------------------------------------------------------ in process

interface Pending {
  queue: string;
  spec: JobSpec<unknown>;
  runAt: number;
  timer?: NodeJS.Timeout;
}

interface InProcessJobsOptions {
  logger?: Logger;
  now?: () => Date;
  /** Never fire by timer; the caller runs due jobs with `runDue` (tests). */
  manual?: boolean;
}

/** setTimeout's longest delay; longer waits are chained. */
const MAX_TIMER_MS = 2_147_000_000;

export class InProcessJobs implements Jobs {
  readonly kind = "in-process" as const;
  private readonly pending = new Map<string, Pending>();
  /** Ids that ran (completed), kept like BullMQ's retention so re-adding is a no-op. */
  private readonly done = new Set<string>();
  private readonly handlers = new Map<string, JobHandler<unknown>>();
  /** Repeated jobs: after each run the next one is scheduled (pending key → its schedule). */
  private readonly repeats = new Map<string, { queue: string; spec: RepeatSpec<unknown> }>();
  private readonly now: () => Date;
  private closed = false;

  constructor(private readonly opts: InProcessJobsOptions = {}) {
    this.now = opts.now ?? (() => new Date());
  }

  private static key(queue: string, jobId: string): string {
    return `${queue}\u0000${jobId}`;
  }

  async schedule<D>(queue: string, spec: JobSpec<D>): Promise<void> {
    assertJobId(spec.jobId);
    const key = InProcessJobs.key(queue, spec.jobId);
    if (this.closed || this.pending.has(key) || this.done.has(key)) return;
    const entry: Pending = {
      queue,
      spec: spec as JobSpec<unknown>,
      runAt: this.now().getTime() + delayOf(spec as JobSpec<unknown>, this.now),
    };
    this.pending.set(key, entry);
    this.arm(key, entry);
  }

  async repeat<D>(queue: string, spec: RepeatSpec<D>): Promise<void> {
    assertJobId(spec.id);
    for (const [key, r] of this.repeats) {
      if (r.queue !== queue || r.spec.id !== spec.id) continue;
      await this.cancel(queue, this.pending.get(key)?.spec.jobId ?? "");
      this.repeats.delete(key);
    }
    await this.scheduleRepeat(queue, spec as RepeatSpec<unknown>, this.now().getTime() + spec.everyMs);
  }

  private async scheduleRepeat(queue: string, spec: RepeatSpec<unknown>, at: number): Promise<void> {
    const jobId = `repeat-${spec.id}-${at}`;
    this.repeats.set(InProcessJobs.key(queue, jobId), { queue, spec });
    await this.schedule(queue, { name: spec.name, jobId, data: spec.data, runAt: new Date(at) });
  }

  private arm(key: string, entry: Pending): void {
    if (this.opts.manual || !this.handlers.has(entry.queue)) return;
    const wait = Math.max(0, entry.runAt - this.now().getTime());
    entry.timer = setTimeout(
      () => {
        if (wait > MAX_TIMER_MS) this.arm(key, entry);
        else void this.runOne(key);
      },
      Math.min(wait, MAX_TIMER_MS),
    );
    entry.timer.unref?.();
  }

  async cancel(queue: string, jobId: string): Promise<void> {
    const key = InProcessJobs.key(queue, jobId);
    const entry = this.pending.get(key);
    if (entry?.timer) clearTimeout(entry.timer);
    this.pending.delete(key);
  }

  process<D>(queue: string, handler: JobHandler<D>): void {
    this.handlers.set(queue, handler as JobHandler<unknown>);
    for (const [key, entry] of this.pending) if (entry.queue === queue && !entry.timer) this.arm(key, entry);
  }

  private async runOne(key: string): Promise<void> {
    const entry = this.pending.get(key);
    const handler = entry && this.handlers.get(entry.queue);
    if (!entry || !handler || this.closed) return;
    this.pending.delete(key);
    const repeat = this.repeats.get(key);
    if (repeat) {
      this.repeats.delete(key);
      // The next run counts from when this one was due, like BullMQ's `every`, so a late `runDue` does not drift.
      await this.scheduleRepeat(repeat.queue, repeat.spec, entry.runAt + repeat.spec.everyMs);
    } else {
      this.done.add(key);
    }
    for (let attempt = 1; attempt <= DEFAULT_ATTEMPTS; attempt++) {
      try {
        await handler({ id: entry.spec.jobId, name: entry.spec.name, data: entry.spec.data, attempt });
        return;
      } catch (err) {
        this.opts.logger?.warn({ err: String(err), queue: entry.queue, jobId: entry.spec.jobId }, "jobs: job failed");
      }
    }
  }

  /** Runs, in time order, every job due at `until` (default: now). Returns the ids that ran. */
  async runDue(until: Date = this.now()): Promise<string[]> {
    const due = [...this.pending.entries()]
      .filter(([, e]) => e.runAt <= until.getTime() && this.handlers.has(e.queue))
      .sort((a, b) => a[1].runAt - b[1].runAt);
    const ran: string[] = [];
    for (const [key, entry] of due) {
      await this.runOne(key);
      ran.push(entry.spec.jobId);
    }
    return ran;
  }

  /** Pending jobs of a queue (tests, diagnostics). */
  list(queue: string): { jobId: string; runAt: Date; data: unknown }[] {
    return [...this.pending.values()]
      .filter((e) => e.queue === queue)
      .map((e) => ({ jobId: e.spec.jobId, runAt: new Date(e.runAt), data: e.spec.data }))
      .sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const e of this.pending.values()) if (e.timer) clearTimeout(e.timer);
  }
}

/** BullMQ when there is a Redis URL, timers otherwise (memory mode, sandbox). */
export function createJobs(opts: { redisUrl?: string; prefix?: string; logger: Logger; now?: () => Date }): Jobs {
  if (opts.redisUrl)
    return new BullJobs({ url: opts.redisUrl, prefix: opts.prefix, logger: opts.logger, now: opts.now });
  return new InProcessJobs({ logger: opts.logger, now: opts.now });
}
