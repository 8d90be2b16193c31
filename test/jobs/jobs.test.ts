/**
 * The jobs base: both implementations keep one job per id (scheduling again is a no-op, also after it ran), run
 * jobs when due, cancel pending ones, and refuse ids BullMQ cannot take.
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, inject, it } from "vitest";
import { BullJobs, InProcessJobs, type JobInfo, type Jobs } from "../../src/jobs/index.js";
import { createLogger } from "../../src/logger.js";

const logger = createLogger("silent");
let open: Jobs[] = [];
afterEach(async () => {
  await Promise.all(open.map((j) => j.close()));
  open = [];
});

function track<J extends Jobs>(j: J): J {
  open.push(j);
  return j;
}

/** Resolves when `n` jobs ran (or rejects after a generous bound, so a broken queue fails instead of hanging). */
function collector<D>() {
  const seen: JobInfo<D>[] = [];
  let wake: () => void = () => {};
  return {
    seen,
    handler: async (job: JobInfo<D>) => {
      seen.push(job);
      wake();
    },
    async until(n: number, ms = 15_000) {
      const deadline = Date.now() + ms;
      while (seen.length < n) {
        if (Date.now() > deadline) throw new Error(`only ${seen.length} of ${n} jobs ran`);
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 100);
        });
      }
    },
  };
}

describe("in-process jobs (memory mode and tests)", () => {
  it("keeps one job per id and runs due jobs in time order", async () => {
    const now = new Date("2026-12-01T00:00:00Z");
    const jobs = track(new InProcessJobs({ now: () => now, manual: true }));
    const c = collector<{ n: number }>();
    jobs.process("q", c.handler);
    await jobs.schedule("q", { name: "b", jobId: "b", data: { n: 2 }, runAt: new Date("2026-12-01T02:00:00Z") });
    await jobs.schedule("q", { name: "a", jobId: "a", data: { n: 1 }, runAt: new Date("2026-12-01T01:00:00Z") });
    await jobs.schedule("q", { name: "a", jobId: "a", data: { n: 99 }, runAt: new Date("2026-12-01T01:30:00Z") });
    expect(jobs.list("q").map((j) => j.jobId)).toEqual(["a", "b"]);
    expect(await jobs.runDue(new Date("2026-12-01T00:59:00Z"))).toEqual([]);
    expect(await jobs.runDue(new Date("2026-12-01T03:00:00Z"))).toEqual(["a", "b"]);
    expect(c.seen.map((j) => j.data.n)).toEqual([1, 2]);
    // A job that ran is remembered: scheduling it again adds nothing.
    await jobs.schedule("q", { name: "a", jobId: "a", data: { n: 1 }, runAt: new Date("2026-12-01T04:00:00Z") });
    expect(jobs.list("q")).toEqual([]);
  });

  it("cancels a pending job, and retries a failing one", async () => {
    const jobs = track(new InProcessJobs({ manual: true }));
    let calls = 0;
    jobs.process("q", async () => {
      calls++;
      if (calls < 2) throw new Error("transient");
    });
    await jobs.schedule("q", { name: "x", jobId: "x", data: {} });
    await jobs.schedule("q", { name: "y", jobId: "y", data: {} });
    await jobs.cancel("q", "y");
    await jobs.cancel("q", "never-scheduled");
    expect(await jobs.runDue()).toEqual(["x"]);
    expect(calls).toBe(2);
  });

  it("fires by timer when not manual", async () => {
    const jobs = track(new InProcessJobs());
    const c = collector<string>();
    jobs.process("q", c.handler);
    await jobs.schedule("q", { name: "t", jobId: "t", data: "hello", delay: 10 });
    await c.until(1);
    expect(c.seen[0]).toMatchObject({ id: "t", data: "hello", attempt: 1 });
  });

  it("refuses job ids with ':'", async () => {
    const jobs = track(new InProcessJobs({ manual: true }));
    await expect(jobs.schedule("q", { name: "x", jobId: "c1:x", data: {} })).rejects.toThrow(/without ':'/);
  });
});

describe("BullMQ jobs on Redis", () => {
  const url = inject("redisUrl");

  it("keeps one job per id across processes and after it completed; runs it once when due", async () => {
    const prefix = `t:${randomUUID().slice(0, 8)}:bull`;
    const first = track(new BullJobs({ url, prefix, logger }));
    await first.schedule("q", { name: "r", jobId: "c1.k1", data: { v: 1 }, delay: 400 });
    await first.schedule("q", { name: "r", jobId: "c1.k1", data: { v: 2 }, delay: 400 });
    await first.close();

    // "Restart": a new process schedules the same id again and starts the worker.
    const second = track(new BullJobs({ url, prefix, logger }));
    await second.schedule("q", { name: "r", jobId: "c1.k1", data: { v: 3 }, delay: 400 });
    const c = collector<{ v: number }>();
    second.process("q", c.handler);
    await c.until(1);
    expect(c.seen.map((j) => j.data.v)).toEqual([1]);
    // Completed ids are kept: adding it again does not run it again.
    await second.schedule("q", { name: "r", jobId: "c1.k1", data: { v: 4 } });
    await second.schedule("q", { name: "r", jobId: "c1.k2", data: { v: 5 } });
    await c.until(2);
    expect(c.seen.map((j) => j.data.v)).toEqual([1, 5]);
  });

  it("cancels a delayed job", async () => {
    const prefix = `t:${randomUUID().slice(0, 8)}:bull`;
    const jobs = track(new BullJobs({ url, prefix, logger }));
    const c = collector<string>();
    await jobs.schedule("q", { name: "r", jobId: "gone", data: "gone", delay: 300 });
    await jobs.schedule("q", { name: "r", jobId: "kept", data: "kept", delay: 600 });
    await jobs.cancel("q", "gone");
    await jobs.cancel("q", "unknown");
    jobs.process("q", c.handler);
    await c.until(1);
    expect(c.seen.map((j) => j.data)).toEqual(["kept"]);
  });
});
