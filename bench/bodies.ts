/**
 * `npm run bench:bodies` — what a hostile body costs the webhook process: one bot process in webhook mode on its own
 * redis-server, then 5 MB bodies (without the secret, and with it) and one 100 MB body with the secret, each sent
 * whole. Prints the status codes and the process group's RSS before, at its peak while the bodies arrive, and after.
 * The bodies are built in this process, so the figures are the bot's alone.
 */
import { execFileSync } from "node:child_process";
import { request } from "node:http";
import { startFakeBotApi } from "../test/helpers/fake-bot-api.js";
import { startRedisServer } from "../test/helpers/redis-server.js";
import { LOAD_SECRET, startBotProcesses } from "../test/helpers/webhook-load.js";

/** RSS in MB of every process in the bot's process group (npm/tsx start node as a child). */
function groupRssMb(pgid: number): number {
  const out = execFileSync("ps", ["-o", "rss=", "-g", String(pgid)], { encoding: "utf8" });
  return (
    out
      .split("\n")
      .map((l) => Number(l.trim()) || 0)
      .reduce((a, b) => a + b, 0) / 1024
  );
}

function post(url: string, body: Buffer, secret?: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      `${url}/webhook`,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": body.length,
          ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}),
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    // The server may answer and close before the whole body is written: that is the point.
    req.on("error", () => resolve(-1));
    req.end(body);
  });
}

const redis = await startRedisServer();
const fake = await startFakeBotApi();
const processes = await startBotProcesses({ count: 1, redisUrl: redis.url, apiRoot: fake.url });
const bot = processes.bots[0];
if (!bot?.child.pid) throw new Error("no bot process");
const pgid = bot.child.pid;
try {
  await new Promise((r) => setTimeout(r, 1500));
  const before = groupRssMb(pgid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, groupRssMb(pgid));
  }, 50);
  const pad = (mb: number) => Buffer.from(JSON.stringify({ update_id: 1, pad: "x".repeat(mb * 1024 * 1024) }));
  const five = pad(5);
  const statuses: Record<string, number[]> = { "5 MB, no secret": [], "5 MB, secret": [], "100 MB, secret": [] };
  for (let i = 0; i < 10; i++) statuses["5 MB, no secret"]?.push(await post(bot.url, five));
  for (let i = 0; i < 10; i++) statuses["5 MB, secret"]?.push(await post(bot.url, five, LOAD_SECRET));
  statuses["100 MB, secret"]?.push(await post(bot.url, pad(100), LOAD_SECRET));
  await new Promise((r) => setTimeout(r, 1000));
  clearInterval(sampler);
  const after = groupRssMb(pgid);
  for (const [what, codes] of Object.entries(statuses)) {
    // -1: the server closed the connection before the client had written the whole body (answered, rest unread).
    const seen = [...new Set(codes)]
      .map((c) => (c === -1 ? "closed before the rest was sent" : String(c)))
      .join(" or ");
    console.log(`  ${what.padEnd(16)} × ${String(codes.length).padStart(2)} → ${seen}`);
  }
  console.log(
    `  bot process group RSS: ${before.toFixed(0)} MB before, ${peak.toFixed(0)} MB at peak, ${after.toFixed(0)} MB after`,
  );
  const handled = fake.emu.calls.filter((c) => c.method === "sendMessage").length;
  console.log(`  messages the bot sent because of these bodies: ${handled}`);
} finally {
  await processes.stop();
  await fake.stop();
  await redis.stop();
}
