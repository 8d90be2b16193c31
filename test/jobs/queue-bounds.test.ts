/**
 * No queue keeps finished jobs without a bound: every job the bot adds — on each named queue through `BullJobs`
 * (one-off and repeated) and announcement deliveries through `BullBroadcast` — is stored with `removeOnComplete`
 * and `removeOnFail` bounded by both age and count.
 */
import { randomUUID } from "node:crypto";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterEach, describe, expect, inject, it } from "vitest";
import { REMINDER_QUEUE } from "../../src/classes/service.js";
import { REPORT_PRINT_QUEUE } from "../../src/classes/similarity.js";
import { FEEDBACK_QUEUE } from "../../src/feedback/plan.js";
import { BROADCAST_QUEUE, BullBroadcast } from "../../src/jobs/broadcast/bullmq.js";
import { BullJobs } from "../../src/jobs/index.js";
import { RETENTION_QUEUE } from "../../src/jobs/retention.js";
import { createLogger } from "../../src/logger.js";

const url = inject("redisUrl");
const logger = createLogger("silent");
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function bounded(opts: { removeOnComplete?: unknown; removeOnFail?: unknown }): void {
  for (const bound of [opts.removeOnComplete, opts.removeOnFail]) {
    expect(bound).toMatchObject({ age: expect.any(Number), count: expect.any(Number) });
    const { age, count } = bound as { age: number; count: number };
    expect(age).toBeGreaterThan(0);
    expect(count).toBeGreaterThan(0);
  }
}

/** A reader of what BullMQ stored, on its own connection. */
function reader(name: string, prefix: string): Queue {
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const q = new Queue(name, { connection, prefix });
  closers.push(async () => {
    await q.close();
    connection.disconnect();
  });
  return q;
}

describe("BullMQ retention of finished jobs", () => {
  it("bounds every job queued through the jobs base, one-off and repeated, by age and count", async () => {
    const prefix = `t:${randomUUID().slice(0, 8)}:bull`;
    const jobs = new BullJobs({ url, prefix, logger });
    closers.push(() => jobs.close());
    for (const queue of [REMINDER_QUEUE, FEEDBACK_QUEUE, REPORT_PRINT_QUEUE, RETENTION_QUEUE]) {
      await jobs.schedule(queue, { name: "x", jobId: "probe", data: {}, delay: 3_600_000 });
      const job = await reader(queue, prefix).getJob("probe");
      expect(job, queue).toBeDefined();
      bounded(job?.opts ?? {});
    }
    await jobs.repeat(RETENTION_QUEUE, { name: "retention", id: "daily", data: {}, everyMs: 24 * 3600_000 });
    const delayed = await reader(RETENTION_QUEUE, prefix).getJobs(["waiting", "delayed", "prioritized"]);
    const repeated = delayed.find((j) => j.name === "retention");
    expect(repeated).toBeDefined();
    bounded(repeated?.opts ?? {});
  });

  it("bounds every announcement delivery by age and count", async () => {
    const prefix = `t:${randomUUID().slice(0, 8)}:bull`;
    const broadcast = new BullBroadcast({ url, prefix, logger });
    closers.push(() => broadcast.close());
    await broadcast.enqueue("a1", [1001, 1002]);
    const stored = await reader(BROADCAST_QUEUE, prefix).getJobs(["waiting", "delayed", "prioritized"]);
    expect(stored).toHaveLength(2);
    for (const job of stored) bounded(job.opts);
  });
});
