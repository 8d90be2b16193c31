/**
 * `npm run bench:webhook` — the scale-out check at full size: N bot processes in webhook mode
 * (`tsx src/main.ts`) on one private redis-server, a round-robin "load balancer", 10,000 updates with 5% delivered
 * again to another instance (half of them while the first delivery is still in flight). Prints throughput and
 * latency, and checks every update was answered exactly once (exit 1 otherwise).
 *
 * Options: `--count 10000` `--instances 2` `--users 2000` `--redeliveries 0.05` `--concurrency 32`.
 * Everything runs on this machine — the bot processes, Redis, the load generator and the fake Bot API — so the
 * numbers are a floor, not the capacity of a real deployment.
 */
import { Redis } from "ioredis";
import { startFakeBotApi } from "../test/helpers/fake-bot-api.js";
import { startRedisServer } from "../test/helpers/redis-server.js";
import { runWebhookLoad, startBotProcesses } from "../test/helpers/webhook-load.js";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const count = arg("--count", 10_000);
const instances = arg("--instances", 2);
const users = arg("--users", 2_000);
const redeliveryRate = arg("--redeliveries", 0.05);
const concurrency = arg("--concurrency", 32);

const redis = await startRedisServer();
const fake = await startFakeBotApi();
const t0 = performance.now();
const processes = await startBotProcesses({ count: instances, redisUrl: redis.url, apiRoot: fake.url });
console.log(`${instances} webhook processes up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
let failed = false;
try {
  const r = await runWebhookLoad({
    emu: fake.emu,
    instances: processes.bots.map((b) => b.url),
    count,
    users,
    redeliveryRate,
    concurrency,
  });
  const counts = [...r.repliesPerUpdate.values()];
  const missing = count - r.repliesPerUpdate.size;
  const duplicated = counts.filter((n) => n > 1).length;
  const raw = new Redis(redis.url);
  const claims = (await raw.keys("upd:*")).length;
  raw.disconnect();
  console.log(
    [
      `updates: ${r.updates} (+${r.redeliveries} redeliveries to the other instance), ${users} users, ${concurrency} in flight`,
      `throughput: ${r.updatesPerSecond.toFixed(0)} updates/s over ${instances} processes (${r.seconds.toFixed(1)} s)`,
      `latency per POST /webhook: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`,
      `HTTP statuses: ${[...r.statuses].map(([s, n]) => `${s}×${n}`).join(", ")}`,
      `answered exactly once: ${counts.filter((n) => n === 1).length}/${count}; missing ${missing}; answered twice or more ${duplicated}; dedupe claims in Redis ${claims}`,
    ].join("\n"),
  );
  failed = missing > 0 || duplicated > 0 || claims !== count;
} finally {
  await processes.stop();
  await fake.stop();
  await redis.stop();
}
if (failed) {
  console.error("FAILED: not every update was handled exactly once");
  process.exit(1);
}
