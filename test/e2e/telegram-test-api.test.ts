/**
 * End to end: the bot as a separate process (`npm start`), polling a third-party Bot API emulator
 * (telegram-test-api) and using a private redis-server — the way a Telegram client sees it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, type RedisServer, startRedisServer } from "../helpers/redis-server.js";

const TOKEN = "123456:E2E-test-token";
let server: InstanceType<typeof TelegramServer>;
let redis: RedisServer;
let bot: ChildProcess;
let botLog = "";

interface ClientUpdate {
  message: { text: string; reply_markup?: string | object };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}\n--- bot output ---\n${botLog}`);
}

beforeAll(async () => {
  redis = await startRedisServer();
  const port = await freePort();
  server = new TelegramServer({ port, host: "127.0.0.1", storeTimeout: 60 });
  await server.start();
  bot = spawn("npm", ["start"], {
    env: {
      ...process.env,
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: server.config.apiURL,
      REDIS_URL: redis.url,
      BOT_MODE: "polling",
      LOG_LEVEL: "info",
      COORDINATOR_IDS: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  bot.stdout?.on("data", (d) => {
    botLog += d;
  });
  bot.stderr?.on("data", (d) => {
    botLog += d;
  });
  await waitFor("the bot to start polling", async () => (botLog.includes("polling for updates") ? true : undefined));
}, 60_000);

afterAll(async () => {
  if (bot?.pid && bot.exitCode === null && bot.signalCode === null) {
    const exited = new Promise((r) => bot.once("exit", r));
    process.kill(-bot.pid, "SIGTERM");
    await exited;
  }
  await server?.stop();
  await redis?.stop();
});

describe("the bot process against telegram-test-api", () => {
  it("answers /start and /help in Vietnamese", async () => {
    const client = server.getClient(TOKEN, { timeout: 15_000 });
    await client.sendCommand(client.makeCommand("/start"));
    const welcome = await waitFor("the reply to /start", async () => {
      const updates = (await client.getUpdates()).result as ClientUpdate[];
      return updates.length > 0 ? updates : undefined;
    });
    expect(welcome[0]?.message.text).toContain("Xin chào");
    expect(welcome[0]?.message.text).toContain("Trợ giảng");
    const markup = welcome[0]?.message.reply_markup;
    const keyboard = (typeof markup === "string" ? JSON.parse(markup) : markup) as { keyboard: { text: string }[][] };
    expect(keyboard.keyboard.flat().map((b) => b.text)).toContain("ℹ️ Trợ giúp");

    await client.sendCommand(client.makeCommand("/help"));
    const help = await waitFor("the reply to /help", async () => {
      const updates = (await client.getUpdates()).result as ClientUpdate[];
      return updates.length > 0 ? updates : undefined;
    });
    expect(help[0]?.message.text).toContain("Các lệnh bạn dùng được");
    expect(help[0]?.message.text).toContain("/register");
    // setMyCommands is refused by this emulator: the bot logs it and keeps going.
    expect(botLog).toContain("setMyCommands refused");
  });

  it("stops cleanly on SIGTERM", async () => {
    const exited = new Promise<void>((r) => bot.once("exit", () => r()));
    if (bot.pid) process.kill(-bot.pid, "SIGTERM");
    await waitFor("a clean stop", async () => (botLog.includes("stopped cleanly") ? true : undefined));
    await exited;
    expect(botLog).not.toContain("shutdown took too long");
  });
});
