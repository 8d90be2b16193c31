/**
 * Scale-out: two bot PROCESSES in webhook mode (`tsx src/main.ts`) on one Redis, behind a round-robin "load
 * balancer", with 5% of the updates delivered a second time to the OTHER process — half of those while the first
 * delivery is still being handled. Every update must be answered exactly once, and the shared state must be
 * consistent (one dedupe claim per update, every user's profile and session readable).
 *
 * `npm test` sends 2,000 updates (WEBHOOK_LOAD_COUNT changes it); `npm run bench:webhook` sends the full 10,000 and
 * prints the throughput.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeBotApi, startFakeBotApi } from "../helpers/fake-bot-api.js";
import { type RedisServer, startRedisServer } from "../helpers/redis-server.js";
import { runWebhookLoad, startBotProcesses } from "../helpers/webhook-load.js";

const COUNT = Number(process.env.WEBHOOK_LOAD_COUNT ?? 2_000);
const USERS = Math.max(10, Math.ceil(COUNT / 5));

let redis: RedisServer;
let fake: FakeBotApi;
let processes: Awaited<ReturnType<typeof startBotProcesses>>;

beforeAll(async () => {
  redis = await startRedisServer();
  fake = await startFakeBotApi();
  processes = await startBotProcesses({ count: 2, redisUrl: redis.url, apiRoot: fake.url });
}, 90_000);

afterAll(async () => {
  await processes?.stop();
  await fake?.stop();
  await redis?.stop();
});

describe("two webhook processes on one Redis, with redeliveries", () => {
  it(`answers each of ${COUNT} updates exactly once; state stays consistent`, async () => {
    const result = await runWebhookLoad({
      emu: fake.emu,
      instances: processes.bots.map((b) => b.url),
      count: COUNT,
      users: USERS,
      redeliveryRate: 0.05,
      concurrency: 32,
    });
    console.log(
      `webhook x2: ${result.updates} updates + ${result.redeliveries} redeliveries in ${result.seconds.toFixed(1)} s ` +
        `(${result.updatesPerSecond.toFixed(0)} updates/s), p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms`,
    );
    expect(result.redeliveries).toBeGreaterThan(0);
    expect([...result.statuses.keys()]).toEqual([200]);
    const counts = [...result.repliesPerUpdate.values()];
    expect(result.repliesPerUpdate.size).toBe(COUNT);
    expect(counts.filter((n) => n !== 1)).toEqual([]);

    const raw = new Redis(redis.url);
    try {
      const claims = await raw.keys("upd:*");
      expect(claims).toHaveLength(COUNT);
      expect(await raw.scard("users")).toBe(USERS);
      const profiles = await raw.mget(Array.from({ length: USERS }, (_, i) => `user:${700_000 + i}`));
      expect(profiles.every((p) => p !== null && JSON.parse(p).id >= 700_000)).toBe(true);
      const sessions = await raw.keys("sess:*");
      for (const key of sessions) expect(typeof JSON.parse((await raw.get(key)) ?? "null")).toBe("object");
    } finally {
      raw.disconnect();
    }
    for (const b of processes.bots) expect(b.log()).not.toMatch(/"level":(50|60)/);
  }, 180_000);
});
