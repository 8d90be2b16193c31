/**
 * End to end, the way a coordinator and a Telegram client see it: a class created with the admin CLI (a child
 * process on a private redis-server), the bot as a process (`npm start`) polling telegram-test-api, a learner
 * pre-imported with the CLI joins with `/start <code>` (only the position is asked), and `/schedule` lists the 6
 * lessons, the discussion & Q&A half-day and the report-writing half-day with their dates.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotProcess, startBotProcess } from "../helpers/bot-process.js";
import { freePort, type RedisServer, startRedisServer } from "../helpers/redis-server.js";

const run = promisify(execFile);
const TOKEN = "123456:E2E-classes-token";
let server: InstanceType<typeof TelegramServer>;
let redis: RedisServer;
let bot: BotProcess | undefined;

interface ClientUpdate {
  message: { text: string };
}

function cliEnv(): NodeJS.ProcessEnv {
  return { ...process.env, REDIS_URL: redis.url, BOT_USERNAME: "trogiang_e2e_bot", BOT_TOKEN: "", LOG_LEVEL: "silent" };
}

async function cli(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "src/cli.ts", ...args], { env: cliEnv() });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

beforeAll(async () => {
  redis = await startRedisServer();
  const port = await freePort();
  server = new TelegramServer({ port, host: "127.0.0.1", storeTimeout: 60 });
  await server.start();
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await server?.stop();
  await redis?.stop();
});

describe("a class created with the CLI, joined and followed through telegram-test-api", () => {
  let created: { id: string; learnerCode: string; learnerLink: string; instructorLink: string };

  it("the CLI creates the class and imports the learner list; bad arguments exit with 2", async () => {
    const res = await cli(
      "class",
      "create",
      "--name",
      "Lớp bồi dưỡng khoá E2E",
      "--start",
      "2026-12-01",
      "--days",
      "4",
      "--venue",
      "Hội trường A",
      // The fixed start date is in the past once the real calendar passes it: said so, and wanted.
      "--past-start",
      "yes",
    );
    expect(res.code).toBe(0);
    created = JSON.parse(res.stdout);
    expect(created.learnerLink).toBe(`https://t.me/trogiang_e2e_bot?start=${created.learnerCode}`);
    expect(created.instructorLink).toMatch(/^https:\/\/t\.me\/trogiang_e2e_bot\?start=[A-Za-z0-9]{12}$/);

    const dir = mkdtempSync(join(tmpdir(), "trogiang-e2e-"));
    const csv = join(dir, "hoc-vien.csv");
    writeFileSync(csv, "\uFEFFHọ và tên,Đơn vị,Telegram\nNguyễn Văn An,Chi bộ thôn Đông,@an_e2e\n");
    const imported = await cli("learners", "import", created.id, csv);
    expect(JSON.parse(imported.stdout)).toMatchObject({ classId: created.id, imported: 1 });

    const [bad, unknown, noClass, noDays, badFollowup, past, saturday, keptSaturday] = await Promise.all([
      cli("class", "create", "--name", "Lớp X", "--start", "31/02/2026"),
      cli("class", "frobnicate"),
      cli("class", "schedule", "c999"),
      cli("class", "create", "--name", "Lớp X", "--start", "2026-12-01", "--days", "7"),
      cli("class", "create", "--name", "Lớp X", "--start", "2026-12-01", "--followup-days", "0"),
      cli("class", "create", "--name", "Lớp cũ", "--start", "2020-01-06"),
      cli("class", "create", "--name", "Lớp thứ Bảy", "--start", "2030-01-05"),
      cli("class", "create", "--name", "Lớp thứ Bảy", "--start", "2030-01-05", "--weekend-start", "keep"),
    ]);
    // A start in the past or on a weekend is said, and the class is made only when that is asked for.
    expect(past.code).toBe(2);
    expect(past.stderr).toContain("ngày khai giảng 06/01/2020 đã qua");
    expect(saturday.code).toBe(2);
    expect(saturday.stderr).toContain("ngày khai giảng 05/01/2030 là Thứ Bảy hoặc Chủ nhật");
    expect(keptSaturday.code).toBe(0);
    const kept = JSON.parse((await cli("class", "schedule", JSON.parse(keptSaturday.stdout).id)).stdout);
    expect(kept.sessions[0].date).toBe("2030-01-05");
    expect(badFollowup.code).toBe(2);
    expect(badFollowup.stderr).toContain("--followup-days phải là số ngày nguyên từ 1 đến 730");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--start "31/02/2026" không phải ngày');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('không có lệnh "class frobnicate"');
    expect(noClass.code).toBe(2);
    expect(noClass.stderr).toContain('không có lớp nào mã "c999"');
    expect(noDays.code).toBe(2);
    expect(noDays.stderr).toContain("--days phải là 4 hoặc 5");

    const schedule = JSON.parse((await cli("class", "schedule", created.id)).stdout);
    expect(schedule.sessions.map((s: { date: string }) => s.date)).toEqual([
      "2026-12-01",
      "2026-12-01",
      "2026-12-02",
      "2026-12-02",
      "2026-12-03",
      "2026-12-03",
      "2026-12-04",
      "2026-12-04",
    ]);
  }, 60_000);

  it("the learner joins with /start <code> and /schedule lists every half-day with its date", async () => {
    const running = await startBotProcess({ token: TOKEN, apiRoot: server.config.apiURL, redisUrl: redis.url });
    bot = running;
    expect(running.log()).toContain("reminders planned");

    const client = server.getClient(TOKEN, { timeout: 20_000, userName: "an_e2e", firstName: "An" });
    const next = async (what: string, contains: string) =>
      running.waitFor(what, async () => {
        const updates = (await client.getUpdates()).result as ClientUpdate[];
        // This emulator keeps the HTML as sent; a client shows it without tags.
        const texts = updates.map((u) =>
          u.message.text
            .replace(/<[^>]+>/g, "")
            .replace(/&lt;/g, "<")
            .replace(/&gt;/g, ">")
            .replace(/&amp;/g, "&"),
        );
        return texts.some((t) => t.includes(contains)) ? texts.join("\n") : undefined;
      });

    await client.sendCommand(client.makeCommand(`/start ${created.learnerCode}`));
    const asked = await next("the position question", "chức vụ");
    expect(asked).toContain("Họ tên: Nguyễn Văn An");
    await client.sendMessage(client.makeMessage("Bí thư chi bộ"));
    const joinedText = await next("the join confirmation", "Bạn đã vào lớp");
    expect(joinedText).toContain("Lớp bồi dưỡng khoá E2E");

    await client.sendCommand(client.makeCommand("/schedule"));
    const schedule = await next("the schedule", "Viết bản thu hoạch");
    for (let n = 1; n <= 6; n++) expect(schedule).toContain(`Bài ${n}.`);
    expect(schedule).toContain("Ngày 1 — Thứ Ba, 01/12/2026");
    expect(schedule).toContain("Ngày 3 — Thứ Năm, 03/12/2026");
    expect(schedule).toMatch(
      /Ngày 4 — Thứ Sáu, 04\/12\/2026\n.*Sáng 07:30–11:00 · Thảo luận, giải đáp thắc mắc\n.*Chiều 13:30–17:00 · Viết bản thu hoạch/,
    );
    expect(schedule).toContain("Bài 1. Chi bộ, đảng bộ cơ sở lãnh đạo thực hiện nhiệm vụ chính trị ở cơ sở");
  }, 90_000);
});
