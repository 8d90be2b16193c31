/**
 * Redis stops in the middle of a class: users get a short "busy, please retry" in their language (not silence,
 * not an error page), nothing they had already confirmed is lost, and the bot carries on by itself when Redis is
 * back — the bot process is not restarted. (Telegram 429/5xx retries are in test/bot/reliability.test.ts.)
 */
import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, users } from "../helpers/harness.js";
import { type RedisServer, startRedisServer } from "../helpers/redis-server.js";

let h: Harness | undefined;
let redis: RedisServer | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  await redis?.stop();
  redis = undefined;
});

async function register(harness: Harness, user: (typeof users)[keyof typeof users], name: string) {
  await harness.say(user, "/register");
  await harness.say(user, name);
  await harness.say(user, "Chi bộ thôn Đông");
  await harness.tap(user, "Bí thư chi bộ");
  return harness.texts(await harness.tap(user, "Đúng, lưu lại"));
}

describe("Redis goes down mid-run and comes back", () => {
  it("busy replies in vi and en, nothing confirmed lost, recovery without restarting the bot", async () => {
    redis = await startRedisServer();
    h = await createHarness({ redisUrl: redis.url });
    const bot = h;

    expect(await register(bot, users.an, "Nguyễn Văn An")).toEqual([expect.stringContaining("Đã lưu hồ sơ")]);
    await bot.store.users.update(users.binh.id, { locale: "en" });
    expect(await bot.say(users.binh, "/help")).toEqual([expect.stringContaining("Commands you can use")]);
    // Lan is half-way through registration: her answers so far live in the scene state in Redis.
    await bot.say(users.lan, "/register");
    await bot.say(users.lan, "Phạm Thị Lan");

    await redis.kill();
    const started = Date.now();
    const anBusy = await bot.say(users.an, "/help");
    const busyAfterMs = Date.now() - started;
    expect(anBusy).toEqual([expect.stringContaining("Hệ thống đang bận")]);
    expect(await bot.say(users.binh, "/help")).toEqual([expect.stringContaining("The system is busy")]);
    // A button press gets the same notice as an alert instead of a spinner.
    const press = await bot.run(bot.emu.click(users.an, bot.last(users.an).message_id, "lang:en"));
    expect(press.find((c) => c.method === "answerCallbackQuery")?.payload).toMatchObject({
      text: expect.stringContaining("Hệ thống đang bận"),
      show_alert: true,
    });
    console.log(`faults: first "busy" reply ${busyAfterMs} ms after Redis stopped`);

    await redis.restart();
    // The same process reconnects by itself; the first updates after the restart may still race the reconnect.
    let reply: string[] = [];
    for (let i = 0; i < 40; i++) {
      reply = await bot.say(users.an, "/profile");
      if (!reply.join().includes("Hệ thống đang bận")) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(reply).toEqual([expect.stringContaining("Nguyễn Văn An")]);
    expect(await bot.store.users.get(users.an.id)).toMatchObject({ fullName: "Nguyễn Văn An", position: "bi_thu" });
    expect(await bot.say(users.binh, "/help")).toEqual([expect.stringContaining("Commands you can use")]);
    // Lan's scene goes on from where she was: step 2 of 3.
    expect(await bot.say(users.lan, "Chi bộ khu phố 2")).toEqual([expect.stringContaining("Bước 3/3")]);
  });
});
