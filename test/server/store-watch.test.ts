/**
 * A lost or volatile Redis is noticed, against a real redis-server of the test's own: one without persistence that
 * restarts empty on the same port, one emptied by FLUSHALL under two bot processes, one full (maxmemory under
 * noeviction) and one turned into a read-only replica. What is asserted is what the operator and the coordinators
 * see: the error log, `/healthz`, `/metrics`, the coordinators' message (once), and an old button refused.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { promisify } from "node:util";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import type { BotApiEmulator } from "../../src/sandbox/emulator/index.js";
import { createHttpServer } from "../../src/server/http.js";
import { createMetrics } from "../../src/server/metrics.js";
import { StoreWatch } from "../../src/server/store-watch.js";
import { newId } from "../../src/store/ids.js";
import { createRedis, keys, Store } from "../../src/store/index.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";
import { hasRedisServer, type RedisServer, startRedisServer } from "../helpers/redis-server.js";

/** A logger whose lines the test reads. */
function capturedLogger() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n")) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger("info", stream), errors: () => lines.filter((l) => l.level >= 50).map((l) => l.msg) };
}

/** One bot "process": the real bot (harness), its store watch, and its HTTP server with /healthz and /metrics. */
async function botProcess(
  server: RedisServer,
  opts: { prefix?: string; production?: boolean; emulator?: BotApiEmulator; markerFile?: string } = {},
) {
  const h = await createHarness({
    redisUrl: server.url,
    ...(opts.prefix ? { prefix: opts.prefix } : {}),
    ...(opts.emulator ? { emulator: opts.emulator } : {}),
  });
  const log = capturedLogger();
  const watch = new StoreWatch({
    store: h.store,
    logger: log.logger,
    i18n: h.deps.i18n,
    api: h.bot.api,
    coordinatorIds: h.deps.config.coordinatorIds,
    persistenceRequired: opts.production ?? true,
    ...(opts.markerFile ? { markerFile: opts.markerFile } : {}),
    timeZone: "Asia/Ho_Chi_Minh",
    intervalMs: 3_600_000,
  });
  const alarms = () => watch.state();
  const metrics = createMetrics({ store: h.store, logger: log.logger, alarms });
  const http = createHttpServer({ store: h.store, logger: log.logger, alarms, metrics: { path: "/metrics", metrics } });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    h,
    watch,
    log,
    async healthz(): Promise<{ status: number; body: Record<string, unknown> }> {
      const res = await fetch(`${base}/healthz`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    async metric(name: string): Promise<string[]> {
      const text = await (await fetch(`${base}/metrics`)).text();
      return text.split("\n").filter((l) => l.startsWith(name));
    },
    /** Messages the coordinator got that carry this text. */
    told: (text: string) => h.emu.botMessages(users.coordinator.id).filter((m) => (m.text ?? "").includes(text)).length,
    async close() {
      watch.stop();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await metrics.close();
      await h.close();
    },
  };
}

async function reconnected(h: Harness): Promise<void> {
  for (let i = 0; i < 100 && !(await h.store.ping()); i++) await new Promise((r) => setTimeout(r, 50));
}

/** A class running now, with An as its learner and a lesson held yesterday (s01). */
async function classWithLearner(h: Harness): Promise<string> {
  const now = new Date();
  const at = (hours: number) => new Date(now.getTime() + hours * 3600_000).toISOString();
  const id = await h.store.classes.nextId();
  await h.store.classes.create({
    id,
    name: "Lớp K12",
    timeZone: "Asia/Ho_Chi_Minh",
    variant: 4,
    startDate: now.toISOString().slice(0, 10),
    context: { timeZone: "Asia/Ho_Chi_Minh" },
    sessions: [
      { id: "s01", kind: "lesson", lesson: 1, title: "Bài 1", start: at(-27), end: at(-24), day: 1, half: "morning" },
    ],
    learnerCode: `L${id}abcdefgh`,
    instructorCode: `I${id}abcdefgh`,
    createdAt: now.toISOString(),
  } as never);
  await h.store.classes.addLearner(id, users.an.id);
  return id;
}

describe.skipIf(!hasRedisServer())("a Redis that comes back empty", () => {
  let server: RedisServer;
  let raw: Redis;
  beforeAll(async () => {
    server = await startRedisServer({ persistence: false });
    raw = new Redis(server.url);
    raw.on("error", () => {}); // while the server restarts
  });
  afterAll(async () => {
    raw.disconnect();
    await server.stop();
  });

  it("restarted without persistence: the alarm is logged, /healthz fails with the reason, the metric is up, the coordinators are told once, and an old rating button is refused", async () => {
    const bot = await botProcess(server);
    await bot.h.say(users.coordinator, "/start");
    await bot.h.say(users.an, "/start");
    const oldClass = await classWithLearner(bot.h);
    const lostText = bot.h.deps.i18n.t("vi", "store-alarm-lost", { since: "" }).split("\n")[0]?.split("—")[0] ?? "";
    const volatileText = bot.h.deps.i18n.t("vi", "store-alarm-volatile").split("\n")[0] ?? "";

    // Before: the marker is written; Redis keeps nothing on disk, which in production is itself an alarm.
    await bot.watch.start();
    expect(bot.watch.state()).toMatchObject({ persistence: "off", volatile: true });
    expect(bot.log.errors().some((m) => m.includes("without persistence"))).toBe(true);
    expect(await bot.healthz()).toEqual({
      status: 200,
      body: { ok: true, redis: "up", warnings: ["redis-volatile"], persistence: "off" },
    });
    expect(await bot.metric('trogiang_store_alarm{alarm="volatile"}')).toEqual([
      'trogiang_store_alarm{alarm="volatile"} 1',
    ]);
    expect(bot.told(volatileText)).toBe(1);
    expect(bot.told(lostText)).toBe(0);
    const coordinatorMessages = bot.h.emu.botMessages(users.coordinator.id).length - 1;

    // Redis restarts on the same port and comes back empty.
    await server.kill();
    await server.restart();
    expect(await raw.dbsize()).toBe(0);
    await reconnected(bot.h);
    await bot.watch.check();
    await bot.watch.check();

    expect(bot.log.errors().filter((m) => m.includes("lost the bot's data"))).toHaveLength(1);
    const health = await bot.healthz();
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({
      ok: false,
      redis: "up",
      reason: "store-data-lost",
      lost: { reason: "marker-missing" },
    });
    expect(await bot.metric('trogiang_store_alarm{alarm="data_lost"}')).toEqual([
      'trogiang_store_alarm{alarm="data_lost"} 1',
    ]);
    expect(bot.told(lostText)).toBe(1);
    const message = bot.h.emu.botMessages(users.coordinator.id).find((m) => (m.text ?? "").includes(lostText));
    expect(message?.text).toContain("Anh/chị vui lòng báo ngay cho người quản trị kỹ thuật");
    // The wipe took the "told" flag of the volatile alarm with it: the likely cause is told in the same message.
    expect(message?.text).toContain(volatileText);
    expect(bot.told(volatileText)).toBe(2);
    expect(bot.h.emu.botMessages(users.coordinator.id)).toHaveLength(coordinatorMessages + 2);

    // A new class after the wipe never gets the old one's id; the old rating button says the class is gone.
    const newClass = await classWithLearner(bot.h);
    expect(newClass).not.toBe(oldClass);
    await bot.h.say(users.an, "/start");
    const calls = await bot.h.run(bot.h.emu.click(users.an, bot.h.last(users.an).message_id, `fbr:${oldClass}:s01:1`));
    const answer = calls.find((c) => c.method === "answerCallbackQuery")?.payload;
    expect(answer).toMatchObject({ text: bot.h.deps.i18n.t("vi", "callback-record-gone"), show_alert: true });
    expect(await bot.h.store.redis.exists(keys.feedbackRatings(newClass, "s01"))).toBe(0);
    expect(await bot.h.store.redis.exists(keys.feedbackRatings(oldClass, "s01"))).toBe(0);

    // An operator who has looked deletes deploy:lost; the check after that is healthy again.
    await bot.h.store.redis.del(keys.deployLost());
    await bot.watch.check();
    expect((await bot.healthz()).status).toBe(200);
    expect(await bot.metric('trogiang_store_alarm{alarm="data_lost"}')).toEqual([
      'trogiang_store_alarm{alarm="data_lost"} 0',
    ]);
    await bot.close();
  }, 60_000);
});

describe.skipIf(!hasRedisServer())("a Redis emptied under two bot processes (FLUSHALL)", () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => server.stop());

  it("both show the alarm, a process started after the wipe shows it too, and the coordinators are told once", async () => {
    const a = await botProcess(server);
    const b = await botProcess(server, { prefix: a.h.prefix, emulator: a.h.emu });
    await a.h.say(users.coordinator, "/start");
    await classWithLearner(a.h);
    await a.watch.start();
    await b.watch.start();
    expect(a.watch.state()).toEqual({ persistence: "on", volatile: false });
    expect((await a.healthz()).body).toEqual({ ok: true, redis: "up", persistence: "on" });

    await a.h.store.redis.flushall();
    // B notices first, A after B wrote a new marker: A sees the marker replaced.
    await b.watch.check();
    await a.watch.check();
    expect(b.watch.state().lost).toMatchObject({ reason: "marker-missing" });
    expect((await a.healthz()).body).toMatchObject({ reason: "store-data-lost" });
    expect(a.log.errors().some((m) => m.includes("lost the bot's data"))).toBe(true);
    const c = await botProcess(server, { prefix: a.h.prefix, emulator: a.h.emu });
    await c.watch.start();
    expect((await c.healthz()).status).toBe(503);

    const lostText = a.h.deps.i18n.t("vi", "store-alarm-lost", { since: "" }).split("—")[0] ?? "";
    // The three processes talk to one Telegram (one emulator): the coordinator got one message.
    expect(a.told(lostText)).toBe(1);
    for (const p of [a, b, c]) await p.close();
  }, 60_000);
});

describe.skipIf(!hasRedisServer())("at start", () => {
  let server: RedisServer;
  let volatile: RedisServer;
  beforeAll(async () => {
    [server, volatile] = await Promise.all([startRedisServer(), startRedisServer({ persistence: false })]);
  });
  afterAll(async () => Promise.all([server.stop(), volatile.stop()]));

  it("with DEPLOY_MARKER_FILE, a Redis emptied while no bot process ran is noticed by the next one to start", async () => {
    const markerFile = join(mkdtempSync(join(tmpdir(), "trogiang-marker-")), "marker.json");
    const before = await botProcess(server, { markerFile });
    await before.h.say(users.coordinator, "/start");
    await before.watch.start();
    const marker = JSON.parse(readFileSync(markerFile, "utf8"));
    expect(marker).toEqual(await before.h.store.marker.read());
    await before.close();

    const ops = new Redis(server.url);
    expect(await ops.flushall()).toBe("OK");
    ops.disconnect();
    const after = await botProcess(server, { prefix: before.h.prefix, emulator: before.h.emu, markerFile });
    await after.watch.start();
    expect(after.watch.state().lost).toMatchObject({ reason: "marker-missing", expected: marker });
    expect((await after.healthz()).body).toMatchObject({ reason: "store-data-lost" });
    expect(after.log.errors().some((m) => m.includes("lost the bot's data"))).toBe(true);
    expect(after.told(after.h.deps.i18n.t("vi", "store-alarm-lost", { since: "" }).split("—")[0] ?? "")).toBe(1);
    // The file now names the new marker: the next start is not a second loss (deploy:lost still shows the first).
    expect(JSON.parse(readFileSync(markerFile, "utf8"))).toEqual(await after.h.store.marker.read());
    await after.close();
  });

  it("without the file, an empty Redis is a new deployment: the marker is written and nothing is raised", async () => {
    const bot = await botProcess(server);
    await bot.watch.start();
    expect(bot.watch.state()).toEqual({ persistence: "on", volatile: false });
    expect(await bot.h.store.marker.read()).toMatchObject({ by: expect.stringContaining(":") });
    await bot.close();
  });

  it("a volatile Redis with ALLOW_VOLATILE_REDIS=1 (persistence not required) raises nothing", async () => {
    const bot = await botProcess(volatile, { production: false });
    await bot.h.say(users.coordinator, "/start");
    const sent = bot.h.emu.botMessages(users.coordinator.id).length;
    await bot.watch.start();
    expect(bot.watch.state()).toEqual({ persistence: "off", volatile: false });
    expect(await bot.healthz()).toEqual({ status: 200, body: { ok: true, redis: "up", persistence: "off" } });
    expect(bot.h.emu.botMessages(users.coordinator.id)).toHaveLength(sent);
    expect(bot.log.errors()).toEqual([]);
    await bot.close();
  });
});

describe.skipIf(!hasRedisServer())("/healthz when Redis answers but refuses writes", () => {
  let server: RedisServer;
  let raw: Redis;
  let bot: Awaited<ReturnType<typeof botProcess>>;
  beforeAll(async () => {
    server = await startRedisServer();
    raw = new Redis(server.url);
    bot = await botProcess(server);
  });
  afterEach(async () => {
    await raw.config("SET", "maxmemory", "0");
    await raw.replicaof("NO", "ONE");
  });
  afterAll(async () => {
    await bot.close();
    raw.disconnect();
    await server.stop();
  });

  it("answers 503 with the reason when Redis is full under noeviction, and 200 once it has room", async () => {
    await raw.config("SET", "maxmemory-policy", "noeviction");
    await raw.set(`fill:${newId("c")}`, "x".repeat(1_000_000));
    const used = Number(/used_memory:(\d+)/.exec(await raw.info("memory"))?.[1]);
    await raw.config("SET", "maxmemory", String(used - 100_000));
    expect(await raw.ping()).toBe("PONG");
    const full = await bot.healthz();
    expect(full.status).toBe(503);
    expect(full.body).toMatchObject({ ok: false, redis: "refuses-writes", reason: "redis-oom" });
    await raw.config("SET", "maxmemory", "0");
    expect((await bot.healthz()).status).toBe(200);
  });

  it("answers 503 with the reason when Redis became a read-only replica", async () => {
    await raw.replicaof("127.0.0.1", "1");
    const readOnly = await bot.healthz();
    expect(readOnly.status).toBe(503);
    expect(readOnly.body).toMatchObject({ ok: false, redis: "refuses-writes", reason: "redis-readonly" });
  });
});

describe.skipIf(!hasRedisServer())("the admin CLI's store status and store ack", () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => server.stop());

  const cli = async (...args: string[]) => {
    const env = { ...process.env, REDIS_URL: server.url, BOT_TOKEN: "", LOG_LEVEL: "silent", CONTENT_LANG: "" };
    const { stdout } = await promisify(execFile)("npx", ["tsx", "src/cli.ts", ...args], { env });
    return JSON.parse(stdout);
  };

  it("shows the marker and the alarm, and ack clears the alarm", async () => {
    const store = new Store(createRedis({ url: server.url }));
    const { marker } = await store.marker.ensure(new Date("2026-11-30T01:00:00Z"), "host:1");
    const loss = {
      reason: "marker-missing" as const,
      detectedAt: "2026-12-01T02:00:00.000Z",
      by: "host:2",
      expected: marker,
    };
    await store.marker.recordLoss(loss);
    expect(await cli("store", "status")).toEqual({ marker, lost: loss, persistence: "on" });
    expect(await cli("store", "ack")).toEqual({ cleared: loss });
    expect(await cli("store", "status")).toEqual({ marker, lost: null, persistence: "on" });
    await store.close();
  }, 60_000);
});
