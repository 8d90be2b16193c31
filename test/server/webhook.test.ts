/**
 * Webhook mode over real HTTP: Telegram's secret-token header is checked (wrong or missing → 401, logged, nothing
 * processed), a redelivered update is answered once, `/healthz` follows Redis, and `npm run webhook:set` registers
 * the secret and exactly the update types the bot handles.
 */
import type { Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ALLOWED_UPDATES } from "../../src/bot/updates.js";
import { createLogger } from "../../src/logger.js";
import { createHttpServer } from "../../src/server/http.js";
import { createRedis, Store } from "../../src/store/index.js";
import { setWebhook } from "../../src/webhook-set.js";
import { type FakeBotApi, startFakeBotApi } from "../helpers/fake-bot-api.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";
import { type RedisServer, startRedisServer } from "../helpers/redis-server.js";

const SECRET = "s3cret-token_for-tests-0123456789";
let h: Harness | undefined;
let server: Server | undefined;
let redisServer: RedisServer | undefined;
let store: Store | undefined;
let fake: FakeBotApi | undefined;

afterEach(async () => {
  if (server) await new Promise<void>((r) => server?.close(() => r()));
  server = undefined;
  await h?.close();
  h = undefined;
  await store?.close();
  store = undefined;
  await redisServer?.stop();
  redisServer = undefined;
  await fake?.stop();
  fake = undefined;
});

function captureLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger("info", { write: (s: string) => lines.push(JSON.parse(s)) });
  return { logger, lines };
}

async function listen(s: Server): Promise<string> {
  server = s;
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

async function post(base: string, body: unknown, secret?: string): Promise<number> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (secret !== undefined) headers["x-telegram-bot-api-secret-token"] = secret;
  const res = await fetch(`${base}/webhook`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  await res.text();
  return res.status;
}

describe("POST /webhook", () => {
  it("refuses a call without the secret header or with a wrong one: 401, logged, nothing processed", async () => {
    h = await createHarness();
    const { logger, lines } = captureLogger();
    const base = await listen(createHttpServer({ bot: h.bot, secret: SECRET, store: h.store, logger }));
    const forged = h.emu.text(users.an, "/help");
    expect(await post(base, forged)).toBe(401);
    expect(await post(base, forged, "not-the-secret-at-all-0000")).toBe(401);
    expect(h.emu.calls.filter((c) => c.method === "sendMessage")).toEqual([]);
    expect(await h.store.updates.isClaimed(forged.update_id)).toBe(false);
    expect(await h.store.users.get(users.an.id)).toBeUndefined();
    const refusals = lines.filter((l) => String(l.msg).includes("wrong or missing secret token"));
    expect(refusals.map((l) => l.header)).toEqual(["missing", "wrong"]);
  });

  it("handles an update with the right secret, and its redelivery only once", async () => {
    h = await createHarness();
    const { logger } = captureLogger();
    const base = await listen(createHttpServer({ bot: h.bot, secret: SECRET, store: h.store, logger }));
    const update = h.emu.text(users.an, "/help");
    expect(await post(base, update, SECRET)).toBe(200);
    expect(await post(base, update, SECRET)).toBe(200);
    const sent = h.emu.calls.filter((c) => c.method === "sendMessage");
    expect(sent).toHaveLength(1);
    expect(h.last(users.an).text).toContain("/register");
  });

  it("answers 400 to a body that is not JSON, and 404 elsewhere", async () => {
    h = await createHarness();
    const { logger } = captureLogger();
    const base = await listen(createHttpServer({ bot: h.bot, secret: SECRET, store: h.store, logger }));
    expect(await post(base, "{not json", SECRET)).toBe(400);
    expect((await fetch(`${base}/other`)).status).toBe(404);
  });
});

describe("hostile bodies cost nothing", () => {
  it("a 5 MB body is refused before it is read: 401 without the secret, 413 with it, answered before it is sent", async () => {
    h = await createHarness();
    const { logger, lines } = captureLogger();
    const base = await listen(createHttpServer({ bot: h.bot, secret: SECRET, store: h.store, logger }));
    const port = Number(new URL(base).port);
    // Only the headers and the first kilobyte of a declared 5 MB body are sent: the answer comes anyway, so the
    // server did not wait for (or read) the rest.
    const answerTo = (secret?: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(port, "127.0.0.1", () => {
          socket.write(
            [
              "POST /webhook HTTP/1.1",
              `Host: 127.0.0.1:${port}`,
              "Content-Type: application/json",
              "Content-Length: 5000000",
              ...(secret ? [`X-Telegram-Bot-Api-Secret-Token: ${secret}`] : []),
              "",
              `{"update_id":1,"pad":"${"x".repeat(1000)}`,
            ].join("\r\n"),
          );
        });
        let reply = "";
        socket.on("data", (d) => {
          reply += d;
          if (reply.includes("\r\n")) {
            socket.destroy();
            resolve(reply.split("\r\n")[0] ?? "");
          }
        });
        socket.on("error", reject);
        setTimeout(() => reject(new Error("no answer: the server waited for the body")), 3_000).unref();
      });
    expect(await answerTo()).toContain("401");
    expect(await answerTo(SECRET)).toContain("413");
    expect(lines.some((l) => String(l.msg).includes("over the cap refused (413), not read"))).toBe(true);
    // And through fetch, whole bodies sent: the same answers.
    const big = JSON.stringify({ update_id: 1, pad: "x".repeat(5_000_000) });
    expect([await post(base, big), await post(base, big, SECRET)]).toEqual([401, 413]);
    expect(h.emu.calls.filter((c) => c.method === "sendMessage")).toEqual([]);
  });

  it("a body that is not an update answers 400 and stores nothing: null, an array, a string update_id", async () => {
    h = await createHarness();
    const { logger } = captureLogger();
    const base = await listen(createHttpServer({ bot: h.bot, secret: SECRET, store: h.store, logger }));
    const forged = h.emu.text(users.an, "/help");
    for (const body of ["null", "[]", "42", JSON.stringify({ ...forged, update_id: "abc" }), "{}"]) {
      expect(await post(base, body, SECRET), body.slice(0, 40)).toBe(400);
    }
    expect(await h.redis.keys("*upd:abc*")).toEqual([]);
    expect(h.emu.calls.filter((c) => c.method === "sendMessage")).toEqual([]);
    // A real update right after is handled as usual.
    expect(await post(base, forged, SECRET)).toBe(200);
    expect(h.last(users.an).text).toContain("/register");
  });

  it("slow or idle clients cannot hold the server: header, request and keep-alive timeouts, a connection cap", async () => {
    h = await createHarness();
    const s = createHttpServer({ bot: h.bot, secret: SECRET, store: h.store, logger: captureLogger().logger });
    expect(s.headersTimeout).toBe(10_000);
    expect(s.requestTimeout).toBe(30_000);
    expect(s.keepAliveTimeout).toBe(5_000);
    expect(s.maxConnections).toBe(200);
  });
});

describe("GET /healthz", () => {
  it("is 200 while Redis answers, 503 while it is down, and 200 again when it is back", async () => {
    redisServer = await startRedisServer();
    const { logger } = captureLogger();
    store = new Store(createRedis({ url: redisServer.url }));
    const base = await listen(createHttpServer({ store, logger }));
    const health = async () => {
      const res = await fetch(`${base}/healthz`);
      return { status: res.status, body: (await res.json()) as { redis: string } };
    };
    expect(await health()).toEqual({ status: 200, body: { ok: true, redis: "up" } });
    await redisServer.kill();
    expect(await health()).toEqual({ status: 503, body: { ok: false, redis: "down", reason: "redis-down" } });
    await redisServer.restart();
    let last = await health();
    for (let i = 0; i < 50 && last.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 200));
      last = await health();
    }
    expect(last.status).toBe(200);
  });
});

describe("npm run webhook:set", () => {
  const env = {
    BOT_TOKEN: "123456:TEST-token",
    WEBHOOK_URL: "https://bot.example.vn/webhook",
    WEBHOOK_SECRET: SECRET,
  };

  it("registers the URL, the secret and the update types the bot handles, keeping pending updates", async () => {
    fake = await startFakeBotApi();
    const result = await setWebhook({ ...env, TELEGRAM_API_ROOT: fake.url });
    expect(result.code).toBe(0);
    expect(result.lines.join("\n")).toContain("webhook set: https://bot.example.vn/webhook");
    const call = fake.emu.calls.find((c) => c.method === "setWebhook");
    expect(call?.payload).toMatchObject({
      url: env.WEBHOOK_URL,
      secret_token: SECRET,
      allowed_updates: [...ALLOWED_UPDATES],
      drop_pending_updates: false,
    });
  });

  it("exits 2 with every problem listed, and sends nothing, when the configuration is incomplete", async () => {
    fake = await startFakeBotApi();
    const result = await setWebhook({ BOT_TOKEN: env.BOT_TOKEN, TELEGRAM_API_ROOT: fake.url });
    expect(result.code).toBe(2);
    expect(result.lines.join("\n")).toMatch(/WEBHOOK_URL[\s\S]*WEBHOOK_SECRET/);
    const http = await setWebhook({
      ...env,
      WEBHOOK_URL: "http://plain.example.vn/webhook",
      TELEGRAM_API_ROOT: fake.url,
    });
    expect(http.code).toBe(2);
    expect(http.lines.join("\n")).toContain("https");
    expect(fake.emu.calls).toEqual([]);
  });

  it("exits 1 with Telegram's reason when Telegram refuses", async () => {
    fake = await startFakeBotApi();
    fake.emu.failNext("setWebhook", {
      error_code: 400,
      description: "Bad Request: bad webhook: Failed to resolve host",
    });
    const result = await setWebhook({ ...env, TELEGRAM_API_ROOT: fake.url });
    expect(result.code).toBe(1);
    expect(result.lines.join("\n")).toContain("Failed to resolve host");
  });
});
