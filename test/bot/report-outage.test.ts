/**
 * A report draft across a Redis outage, on a real redis-server killed mid-draft: the part sent while Redis is down
 * is not taken and the reply says so («phần vừa gửi chưa được lưu, mời bạn gửi lại»), the parts before it stay, and
 * once Redis is back the part arrives once — whether Telegram delivers it again, the learner sends it again, or both.
 */
import { afterEach, describe, expect, it } from "vitest";
import { clock, setUpClass } from "../helpers/coursework.js";
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

describe("a report part sent while Redis is down", () => {
  it("is named as not saved; earlier parts stay; after the outage the redelivery and the resend make one", async () => {
    redis = await startRedisServer();
    const bot = await createHarness({ redisUrl: redis.url, now: clock(new Date("2026-12-07T08:00:00Z")).now });
    h = bot;
    const record = await setUpClass(bot);
    await bot.say(users.an, "/report");
    expect(await bot.say(users.an, "Phần 1: điều tâm đắc")).toEqual([expect.stringContaining("Đã nhận phần 1")]);
    expect(await bot.say(users.an, "Phần 2: vận dụng")).toEqual([expect.stringContaining("Đã nhận phần 2")]);

    await redis.kill();
    const third = bot.emu.text(users.an, "Phần 3: kiến nghị");
    const busy = bot.texts(await bot.run(third)).join("\n");
    expect(busy).toContain("Hệ thống đang bận nên phần vừa gửi chưa được lưu, mời bạn gửi lại");
    expect(busy).toContain("Những gì bạn đã gửi trước đó vẫn được giữ");
    expect(busy).not.toContain("Đã nhận phần 3");

    await redis.restart();
    // Telegram delivers the refused update again (the first tries may still race the reconnect).
    let again: string[] = [];
    for (let i = 0; i < 40; i++) {
      again = bot.texts(await bot.run(structuredClone(third)));
      if (!again.join().includes("Hệ thống đang bận")) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(again).toEqual([expect.stringContaining("Đã nhận phần 3")]);
    // The learner, told to send it again, does: it is there already.
    expect((await bot.say(users.an, "Phần 3: kiến nghị")).join()).toContain("bạn đã gửi rồi");
    await bot.tap(users.an, "Xong");
    await bot.tap(users.an, "Nộp");
    const [v] = await bot.store.reports.versions(record.id, users.an.id);
    expect(v?.parts).toEqual([
      { kind: "text", text: "Phần 1: điều tâm đắc" },
      { kind: "text", text: "Phần 2: vận dụng" },
      { kind: "text", text: "Phần 3: kiến nghị" },
    ]);
  });
});
