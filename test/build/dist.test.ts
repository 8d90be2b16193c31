/**
 * The production build as a service manager runs it: `npm run build`, then `node dist/main.js` as its own process
 * from another working directory — the sandbox (no token, memory) and polling against telegram-test-api on a real
 * redis-server — its /healthz and /metrics, and SIGTERM to that pid: a clean stop within 5 s, with the update it was
 * handling finished first.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INSTALL_ROOT } from "../../src/paths.js";
import { startBotProcess } from "../helpers/bot-process.js";
import { freePort, hasRedisServer, type RedisServer, startRedisServer } from "../helpers/redis-server.js";

const TOKEN = "123456:DIST-test-token";
/** Not the repository: the build must find locales/, content/ and the sandbox page from the install. */
const ELSEWHERE = mkdtempSync(path.join(tmpdir(), "trogiang-dist-"));

beforeAll(() => {
  execFileSync("npm", ["run", "build"], { cwd: INSTALL_ROOT, stdio: "pipe" });
}, 120_000);

const get = async (port: number, p: string) => {
  const res = await fetch(`http://127.0.0.1:${port}${p}`);
  return { status: res.status, type: res.headers.get("content-type") ?? "", body: await res.text() };
};

describe("node dist/main.js in the sandbox (no token)", () => {
  it("serves the page, /healthz and /metrics, handles a message, and stops on SIGTERM within 5 s", async () => {
    const port = await freePort();
    let output = "";
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), METRICS_PATH: "/metrics", LOG_LEVEL: "info" };
    for (const name of ["BOT_TOKEN", "REDIS_URL", "STORAGE", "CONTENT_DIR", "LOCALES_DIR"]) delete env[name];
    const proc = spawn(process.execPath, [path.join(INSTALL_ROOT, "dist", "main.js")], {
      cwd: ELSEWHERE,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    proc.stdout.on("data", (d) => {
      output += d;
    });
    proc.stderr.on("data", (d) => {
      output += d;
    });
    const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
    try {
      const until = Date.now() + 30_000;
      while (!output.includes("Sandbox: http") && Date.now() < until && proc.exitCode === null) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(output, output).toContain(`Sandbox: http://127.0.0.1:${port}`);
      expect((await get(port, "/")).body).toContain("<html");
      expect(await get(port, "/healthz")).toMatchObject({ status: 200, body: '{"ok":true,"redis":"up"}' });

      const sent = await fetch(`http://127.0.0.1:${port}/api/chats/710001/text`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: "/help" }),
      });
      expect(sent.status).toBe(200);
      const metrics = await get(port, "/metrics");
      expect(metrics.type).toContain("text/plain");
      expect(metrics.body).toMatch(/trogiang_updates_total\{type="message",outcome="ok"\} [1-9]/);
      expect(metrics.body).toContain("trogiang_update_duration_seconds_bucket");
      expect(metrics.body).toMatch(/trogiang_redis_roundtrip_seconds 0\.\d+/);
      expect(metrics.body).toContain("trogiang_process_resident_memory_bytes");
    } finally {
      const started = Date.now();
      proc.kill("SIGTERM");
      const code = await exited;
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(code, output).toBe(0);
      expect(output).toContain("stopped cleanly");
    }
  }, 60_000);
});

/**
 * telegram-test-api behind a small proxy that holds the bot's sendMessage for a while when armed, so SIGTERM can
 * arrive while an update is being handled.
 */
async function slowProxy(target: string): Promise<{ url: string; server: Server; arm(ms: number): Promise<void> }> {
  let delayMs = 0;
  let onHeld: (() => void) | undefined;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (delayMs > 0 && req.url?.endsWith("/sendMessage")) {
      const wait = delayMs;
      delayMs = 0;
      onHeld?.();
      await new Promise((r) => setTimeout(r, wait));
    }
    const upstream = await fetch(`${target}${req.url}`, {
      method: req.method,
      headers: { "content-type": req.headers["content-type"] ?? "application/json" },
      body: req.method === "GET" ? undefined : Buffer.concat(chunks),
    });
    res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    arm: (ms) =>
      new Promise<void>((resolve) => {
        delayMs = ms;
        onHeld = resolve;
      }),
  };
}

describe.skipIf(!hasRedisServer() && !process.env.CI)("node dist/main.js polling telegram-test-api", () => {
  let tg: InstanceType<typeof TelegramServer>;
  let redis: RedisServer;
  let proxy: Awaited<ReturnType<typeof slowProxy>>;

  beforeAll(async () => {
    redis = await startRedisServer();
    tg = new TelegramServer({ port: await freePort(), host: "127.0.0.1", storeTimeout: 60 });
    await tg.start();
    proxy = await slowProxy(tg.config.apiURL);
  }, 60_000);

  afterAll(async () => {
    await new Promise((r) => proxy?.server.close(r));
    await tg?.stop();
    await redis?.stop();
  });

  it("answers /healthz and /metrics, and on SIGTERM finishes the update in flight and exits 0 within 5 s", async () => {
    const bot = await startBotProcess(
      { token: TOKEN, apiRoot: proxy.url, redisUrl: redis.url },
      { run: "dist", cwd: ELSEWHERE, env: { METRICS_PATH: "/metrics" } },
    );
    try {
      const port = await bot.httpPort();
      expect(await get(port, "/healthz")).toMatchObject({
        status: 200,
        body: '{"ok":true,"redis":"up","persistence":"on"}',
      });
      const metrics = await get(port, "/metrics");
      expect(metrics.body).toContain('bullmq_job_count{queue="reminders", state="waiting"} 0');
      expect(metrics.body.match(/^# TYPE bullmq_job_count gauge$/gm)).toHaveLength(1);
      expect(metrics.body).toContain("# TYPE trogiang_telegram_429_total counter");

      // The bot's reply is held 1.5 s by the proxy; SIGTERM arrives while it waits.
      const client = tg.getClient(TOKEN, { timeout: 15_000 });
      const held = proxy.arm(1_500);
      await client.sendCommand(client.makeCommand("/start"));
      await held;
      const { code, ms } = await bot.terminate();
      expect(code, bot.log()).toBe(0);
      expect(ms).toBeLessThan(5_000);
      expect(ms).toBeGreaterThan(1_000);
      expect(bot.log()).toContain("stopped cleanly");
      const replies = (await client.getUpdates()).result as { message: { text: string } }[];
      expect(replies.map((u) => u.message.text).join("\n")).toContain("Xin chào");
    } finally {
      await bot.stop();
    }
  }, 60_000);
});
