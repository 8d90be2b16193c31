/**
 * Announcement delivery against a fake Bot API that answers like Telegram under flood (429 with retry_after, 403
 * for blocked users), on the real test Redis with real BullMQ (each test its own BullMQ prefix and key prefix).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { Api } from "grammy";
import { afterEach, describe, expect, inject, it } from "vitest";
import { announcementText } from "../../src/bot/announcement-text.js";
import { createI18n } from "../../src/i18n.js";
import {
  type Broadcaster,
  BullBroadcast,
  DEFAULT_CONCURRENCY,
  type DeliveryDeps,
  InProcessBroadcast,
} from "../../src/jobs/broadcast/index.js";
import { createLogger } from "../../src/logger.js";
import { createRedis, Store } from "../../src/store/index.js";
import {
  type LimitedBotApi,
  type LimitedBotApiOptions,
  startLimitedBotApi,
  tally,
} from "../helpers/limited-bot-api.js";

const url = inject("redisUrl");
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
const render = announcementText(createI18n());

interface Rig {
  store: Store;
  fake: LimitedBotApi;
  deps: DeliveryDeps;
  storePrefix: string;
  bullPrefix: string;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function rig(server: LimitedBotApiOptions = {}): Promise<Rig> {
  const id = randomUUID().slice(0, 8);
  const storePrefix = `t:${id}:`;
  const store = new Store(createRedis({ url, keyPrefix: storePrefix }));
  const fake = await startLimitedBotApi(server);
  cleanups.push(
    () => store.close(),
    () => fake.stop(),
  );
  const api = new Api("1:test", { apiRoot: fake.url });
  return { store, fake, storePrefix, bullPrefix: `bq${id}`, deps: { store, api, render, logger } };
}

function bull(r: Rig, opts: Partial<ConstructorParameters<typeof BullBroadcast>[0]> = {}): BullBroadcast {
  const b = new BullBroadcast({ url, prefix: r.bullPrefix, logger, backoffMs: 50, ...opts });
  cleanups.push(() => b.close(true));
  return b;
}

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

async function announce(store: Store, recipients: number[], text = "Họp lớp lúc 7:30 sáng mai"): Promise<string> {
  const id = await store.announcements.nextId();
  await store.announcements.create({
    id,
    senderId: 9001,
    senderName: "Lê Hải",
    classIds: ["c1"],
    classNames: ["Lớp K12"],
    text: `${text} [${id}]`,
    createdAt: new Date().toISOString(),
    total: recipients.length,
    senderLocale: "vi",
  });
  return id;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 25_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The first worker, as a separate process the test can SIGKILL. */
function spawnWorker(r: Rig, env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "test/fixtures/broadcast-worker.ts"], {
    env: {
      ...process.env,
      REDIS_URL: url,
      STORE_PREFIX: r.storePrefix,
      BULL_PREFIX: r.bullPrefix,
      API_ROOT: r.fake.url,
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  return child;
}

const allDone = (store: Store, annId: string) => async () => {
  const c = await store.announcements.counts(annId);
  return c.done >= c.total;
};

/** The announcement id a delivered text carries (`[a12]`), to count duplicates per announcement. */
const marker = (text: string) => /\[(a[0-9a-z]+)\]/.exec(text)?.[1] ?? text;

describe("an announcement goes out to a class through BullMQ", () => {
  it("reaches every learner exactly once when Telegram answers 429, pausing the queue without spending attempts", async () => {
    const blocked = [30_003, 30_017, 30_031];
    // The fake Telegram allows 10/s: the worker's 30/s send window is too fast for it, so 429s must happen.
    const r = await rig({ globalPerSecond: 10, blocked });
    const recipients = range(30_000, 40);
    const annId = await announce(r.store, recipients);
    // One attempt only: a 429 that spent an attempt would fail the job.
    const b = bull(r, { attempts: 1 });
    b.start(r.deps);
    await b.enqueue(annId, recipients);
    await until(allDone(r.store, annId), "all outcomes");

    expect(r.fake.tooMany).toBeGreaterThan(0);
    const { duplicates, losses } = tally(
      r.fake,
      recipients.filter((u) => !blocked.includes(u)),
      marker,
    );
    expect({ duplicates, losses }).toEqual({ duplicates: 0, losses: 0 });
    expect(await r.store.announcements.counts(annId)).toMatchObject({
      delivered: 37,
      blocked: 3,
      failed: 0,
      total: 40,
    });
    expect([...(await r.store.announcements.unreachable(recipients)).keys()].sort()).toEqual(blocked);
    const counts = await b.queue.getJobCounts("failed", "completed");
    expect(counts).toEqual({ failed: 0, completed: 40 });
    // What a learner reads: the class, the text, the sender.
    expect(r.fake.byChat.get(30_000)?.[0]?.text).toBe(
      `📢 <b>Thông báo</b> — Lớp K12\n\nHọp lớp lúc 7:30 sáng mai [${annId}]\n\n— <i>Lê Hải</i>`,
    );
  });

  it("retries transient errors with backoff and records a delivery that keeps failing as failed, with the error", async () => {
    const r = await rig();
    r.fake.failNext(3);
    r.fake.failChats.add(40_002);
    const recipients = range(40_000, 6);
    const annId = await announce(r.store, recipients);
    const b = bull(r, { attempts: 3 });
    b.start(r.deps);
    await b.enqueue(annId, recipients);
    await until(allDone(r.store, annId), "all outcomes");

    expect(await r.store.announcements.counts(annId)).toMatchObject({ delivered: 5, blocked: 0, failed: 1 });
    const { outcomes, errors } = await r.store.announcements.results(annId);
    expect(outcomes.get(40_002)).toBe("failed");
    expect(errors.get(40_002)).toContain("500");
    expect(r.fake.byChat.has(40_002)).toBe(false);
    expect(
      tally(
        r.fake,
        recipients.filter((u) => u !== 40_002),
        marker,
      ),
    ).toEqual({ duplicates: 0, losses: 0 });
    expect((await r.store.announcements.unreachable([40_002])).size).toBe(0);
  });

  it("queueing the same announcement again (a retried confirm, a restart) sends nothing twice", async () => {
    const r = await rig();
    const recipients = range(50_000, 8);
    const annId = await announce(r.store, recipients);
    const b = bull(r);
    b.start(r.deps);
    await b.enqueue(annId, recipients);
    await b.enqueue(annId, recipients);
    await until(allDone(r.store, annId), "all outcomes");
    await b.enqueue(annId, recipients);
    await new Promise((res) => setTimeout(res, 300));
    expect(r.fake.delivered).toHaveLength(8);
  });

  it("two announcements to the same learners at once keep one second between messages in each chat", async () => {
    const r = await rig({ perChatMs: 1000 });
    const recipients = range(60_000, 5);
    const first = await announce(r.store, recipients, "Thông báo một");
    const second = await announce(r.store, recipients, "Thông báo hai");
    const b = bull(r);
    b.start(r.deps);
    await Promise.all([b.enqueue(first, recipients), b.enqueue(second, recipients)]);
    await until(async () => (await allDone(r.store, first)()) && (await allDone(r.store, second)()), "both");

    for (const u of recipients)
      expect(
        r.fake.byChat
          .get(u)
          ?.map((d) => marker(d.text))
          .sort(),
      ).toEqual([first, second].sort());
    // The per-chat slot delayed the second message instead of letting Telegram refuse it.
    expect(r.fake.tooMany).toBe(0);
  });
});

describe("the broadcast worker is killed half-way and started again", () => {
  it("finishes the broadcast with no duplicate and no loss", async () => {
    const r = await rig();
    const recipients = range(70_000, 60);
    const annId = await announce(r.store, recipients);
    const queue = bull(r); // enqueues only; the first worker is another process
    await queue.enqueue(annId, recipients);

    // Telegram accepts 25 messages, then the requests in flight are left unanswered: the worker dies with them.
    r.fake.holdAfter(25);
    const child = spawnWorker(r);
    await until(async () => r.fake.delivered.length >= 25 && r.fake.held() > 0, "25 deliveries by the first worker");
    // Give the dead-to-be worker time to write the markers of what Telegram confirmed, then kill it outright.
    await until(async () => (await r.store.announcements.counts(annId)).delivered >= 25, "markers of the 25");
    const exited = new Promise((res) => child.once("exit", res));
    child.kill("SIGKILL");
    await exited;
    r.fake.release();
    expect((await r.store.announcements.counts(annId)).done).toBeLessThan(60);

    // A new worker takes over (the killed worker's active jobs come back when their locks expire).
    const again = bull(r, { lockDuration: 1000, stalledInterval: 500 });
    again.start(r.deps);
    await until(allDone(r.store, annId), "all outcomes after the restart");
    await until(async () => (await queue.queue.getJobCounts("completed")).completed === 60, "60 completed jobs");

    expect(tally(r.fake, recipients, marker)).toEqual({ duplicates: 0, losses: 0 });
    expect(r.fake.delivered).toHaveLength(60);
    expect(await r.store.announcements.counts(annId)).toMatchObject({ delivered: 60, done: 60 });
  });
});

describe("a worker killed after Telegram confirmed but before its jobs completed", () => {
  it("is taken over by a new worker that sends those learners nothing again", async () => {
    const r = await rig();
    const recipients = range(75_000, 30);
    const annId = await announce(r.store, recipients);
    const queue = bull(r);
    await queue.enqueue(annId, recipients);
    const child = spawnWorker(r, { HANG_AFTER_SETTLE: "1" });
    // Every job of the first worker freezes right after its sent-marker: all its slots fill up and stop.
    const slots = DEFAULT_CONCURRENCY;
    await until(async () => (await r.store.announcements.counts(annId)).delivered >= slots, "frozen deliveries");
    const exited = new Promise((res) => child.once("exit", res));
    child.kill("SIGKILL");
    await exited;
    expect(await queue.queue.getJobCounts("active", "completed")).toEqual({ active: slots, completed: 0 });

    const again = bull(r, { lockDuration: 1000, stalledInterval: 500 });
    again.start(r.deps);
    // Done when BullMQ has completed every job — those taken over included — not merely when all have outcomes.
    await until(async () => (await queue.queue.getJobCounts("completed")).completed === 30, "30 completed jobs");
    expect(tally(r.fake, recipients, marker)).toEqual({ duplicates: 0, losses: 0 });
    expect(r.fake.requests.get("sendMessage")).toBe(30);
  });
});

describe("memory mode delivers with the same rules in process", () => {
  it("pauses on 429, marks 403 unreachable, retries 500s, and sends each learner one message", async () => {
    const blocked = [80_004];
    const r = await rig({ globalPerSecond: 8, blocked });
    r.fake.failNext(2);
    const recipients = range(80_000, 20);
    const annId = await announce(r.store, recipients);
    const b: Broadcaster & { idle(): Promise<void> } = new InProcessBroadcast({ logger, backoffMs: 20 });
    cleanups.push(() => b.close());
    b.start(r.deps);
    await b.enqueue(annId, recipients);
    await b.enqueue(annId, recipients);
    await until(allDone(r.store, annId), "all outcomes");

    expect(r.fake.tooMany).toBeGreaterThan(0);
    expect(
      tally(
        r.fake,
        recipients.filter((u) => u !== 80_004),
        marker,
      ),
    ).toEqual({ duplicates: 0, losses: 0 });
    expect(await r.store.announcements.counts(annId)).toMatchObject({ delivered: 19, blocked: 1, failed: 0 });
  });
});
