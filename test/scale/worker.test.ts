/**
 * `BOT_MODE=worker`: a process that takes no updates — it runs the queued jobs (BullMQ on the shared Redis) and
 * answers `GET /healthz` for the orchestrator — so a province can run N webhook instances and M workers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import { type FakeBotApi, startFakeBotApi } from "../helpers/fake-bot-api.js";
import { type RedisServer, startRedisServer } from "../helpers/redis-server.js";
import { LOAD_SECRET, startBotProcesses } from "../helpers/webhook-load.js";

let redis: RedisServer;
let fake: FakeBotApi;
let processes: Awaited<ReturnType<typeof startBotProcesses>>;

beforeAll(async () => {
  redis = await startRedisServer();
  fake = await startFakeBotApi();
  processes = await startBotProcesses({
    count: 1,
    redisUrl: redis.url,
    apiRoot: fake.url,
    env: { BOT_MODE: "worker", LOG_LEVEL: "info" },
  });
}, 90_000);

afterAll(async () => {
  await processes?.stop();
  await fake?.stop();
  await redis?.stop();
});

describe("a worker process", () => {
  it("is healthy, takes no updates, and says what it is", async () => {
    const [worker] = processes.bots;
    if (!worker) throw new Error("no worker started");
    expect((await fetch(`${worker.url}/healthz`)).status).toBe(200);
    const update = fake.emu.text({ id: 4242, first_name: "A" }, "/help");
    const res = await fetch(`${worker.url}/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": LOAD_SECRET },
      body: JSON.stringify(update),
    });
    expect(res.status).toBe(404);
    expect(fake.emu.calls.filter((c) => c.method === "sendMessage")).toEqual([]);
    expect(fake.emu.calls.some((c) => c.method === "getUpdates" || c.method === "deleteWebhook")).toBe(false);
    expect(worker.log()).toContain("worker: running queued jobs only");
  });
});

describe("worker configuration", () => {
  it("needs the shared Redis, and no webhook settings", () => {
    expect(() => parseConfig({ BOT_TOKEN: "123:abc", STORAGE: "memory", BOT_MODE: "worker" })).toThrow(
      /REDIS_URL is required when BOT_MODE=worker/,
    );
    expect(parseConfig({ BOT_TOKEN: "123:abc", REDIS_URL: "redis://r:6379", BOT_MODE: "worker" }).mode).toBe("worker");
  });
});
