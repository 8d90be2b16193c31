/**
 * End to end: the bot as a separate process (`npm start`), polling a third-party Bot API emulator
 * (telegram-test-api) and using a private redis-server — the way a Telegram client sees it.
 */
import { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotProcess, startBotProcess } from "../helpers/bot-process.js";
import { freePort, type RedisServer, startRedisServer } from "../helpers/redis-server.js";

const TOKEN = "123456:E2E-test-token";
let server: InstanceType<typeof TelegramServer>;
let redis: RedisServer;
let bot: BotProcess;

interface ClientUpdate {
  message: { text: string; reply_markup?: string | object };
}

beforeAll(async () => {
  redis = await startRedisServer();
  const port = await freePort();
  server = new TelegramServer({ port, host: "127.0.0.1", storeTimeout: 60 });
  await server.start();
  bot = await startBotProcess({ token: TOKEN, apiRoot: server.config.apiURL, redisUrl: redis.url });
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await server?.stop();
  await redis?.stop();
});

describe("the bot process against telegram-test-api", () => {
  it("answers /start and /help in Vietnamese", async () => {
    const client = server.getClient(TOKEN, { timeout: 15_000 });
    await client.sendCommand(client.makeCommand("/start"));
    const welcome = await bot.waitFor("the reply to /start", async () => {
      const updates = (await client.getUpdates()).result as ClientUpdate[];
      return updates.length > 0 ? updates : undefined;
    });
    expect(welcome[0]?.message.text).toContain("Xin chào");
    expect(welcome[0]?.message.text).toContain("Trợ giảng");
    const markup = welcome[0]?.message.reply_markup;
    const keyboard = (typeof markup === "string" ? JSON.parse(markup) : markup) as { keyboard: { text: string }[][] };
    expect(keyboard.keyboard.flat().map((b) => b.text)).toContain("ℹ️ Trợ giúp");

    await client.sendCommand(client.makeCommand("/help"));
    const help = await bot.waitFor("the reply to /help", async () => {
      const updates = (await client.getUpdates()).result as ClientUpdate[];
      return updates.length > 0 ? updates : undefined;
    });
    expect(help[0]?.message.text).toContain("Các lệnh bạn dùng được");
    expect(help[0]?.message.text).toContain("/register");
    // setMyCommands is refused by this emulator: the bot logs it and keeps going.
    expect(bot.log()).toContain("setMyCommands refused");
  });

  it("stops cleanly on SIGTERM", async () => {
    await bot.stop();
    await bot.waitFor("a clean stop", async () => (bot.log().includes("stopped cleanly") ? true : undefined));
    expect(bot.log()).not.toContain("shutdown took too long");
  });
});
