/**
 * Several bot processes in webhook mode on one Redis, and a load generator that plays Telegram: it POSTs updates
 * with the secret header to the instances (round-robin, as a load balancer would), re-sends a share of them to
 * ANOTHER instance (Telegram redelivering after a timeout: some while the first delivery is still being handled,
 * some after it was answered), and checks in the Bot API emulator that each update was answered exactly once.
 *
 * Used by test/scale/webhook-multiprocess.test.ts (small) and `npm run bench:webhook` (10,000 updates).
 */
import { type ChildProcess, spawn } from "node:child_process";
import type { BotApiEmulator, EmuUser } from "../../src/sandbox/emulator/index.js";
import { freePort } from "./redis-server.js";

export const LOAD_SECRET = "load-test-secret_0123456789abcdef";

export interface BotProcess {
  url: string;
  child: ChildProcess;
  log(): string;
}

export async function startBotProcesses(opts: {
  count: number;
  redisUrl: string;
  apiRoot: string;
  env?: Record<string, string>;
}): Promise<{ bots: BotProcess[]; stop(): Promise<void> }> {
  const bots = await Promise.all(
    Array.from({ length: opts.count }, async () => {
      const port = await freePort();
      let output = "";
      const child = spawn("node_modules/.bin/tsx", ["src/main.ts"], {
        env: {
          ...process.env,
          BOT_TOKEN: "123456:LOAD-test-token",
          TELEGRAM_API_ROOT: opts.apiRoot,
          REDIS_URL: opts.redisUrl,
          STORAGE: "redis",
          BOT_MODE: "webhook",
          WEBHOOK_URL: "https://bot.example.vn/webhook",
          WEBHOOK_SECRET: LOAD_SECRET,
          PORT: String(port),
          HOST: "127.0.0.1",
          COORDINATOR_IDS: "",
          LOG_LEVEL: "warn",
          ...opts.env,
        },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      child.stdout?.on("data", (d) => {
        output += d;
      });
      child.stderr?.on("data", (d) => {
        output += d;
      });
      const url = `http://127.0.0.1:${port}`;
      const until = Date.now() + 60_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`bot process exited with ${child.exitCode}:\n${output}`);
        const up = await fetch(`${url}/healthz`).then(
          (r) => r.status === 200,
          () => false,
        );
        if (up) break;
        if (Date.now() > until) throw new Error(`bot process did not come up on ${url}:\n${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      return { url, child, log: () => output };
    }),
  );
  return {
    bots,
    async stop() {
      await Promise.all(
        bots.map(async (b) => {
          if (!b.child.pid || b.child.exitCode !== null || b.child.signalCode !== null) return;
          const exited = new Promise((r) => b.child.once("exit", r));
          process.kill(-b.child.pid, "SIGTERM");
          await exited;
        }),
      );
    },
  };
}

export interface LoadResult {
  updates: number;
  redeliveries: number;
  seconds: number;
  updatesPerSecond: number;
  p50: number;
  p99: number;
  /** update_id → how many replies the bot sent for it (must be exactly 1 each). */
  repliesPerUpdate: Map<number, number>;
  statuses: Map<number, number>;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/**
 * `count` updates from `users` distinct users (each user's updates in order, as Telegram delivers one chat), each
 * a text `/u<update_id>` that the bot answers with exactly one "unknown command /u<update_id>" message.
 */
export async function runWebhookLoad(opts: {
  emu: BotApiEmulator;
  instances: string[];
  count: number;
  users: number;
  redeliveryRate: number;
  concurrency: number;
  seed?: number;
}): Promise<LoadResult> {
  let seed = (opts.seed ?? 42) >>> 0;
  const random = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  const users: EmuUser[] = Array.from({ length: opts.users }, (_, i) => ({
    id: 700_000 + i,
    first_name: `Học viên ${i}`,
    language_code: "vi",
  }));
  const rounds = Math.ceil(opts.count / opts.users);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let redeliveries = 0;
  let posted = 0;
  let next = 0;

  const post = async (instance: string, body: string) => {
    const t0 = performance.now();
    const res = await fetch(`${instance}/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": LOAD_SECRET },
      body,
    });
    await res.arrayBuffer();
    latencies.push(performance.now() - t0);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  };

  const started = performance.now();
  for (let round = 0; round < rounds && posted < opts.count; round++) {
    // One update per user per round: a chat's updates are in order, different chats run in parallel.
    const batch: { body: string; home: number }[] = [];
    for (const user of users) {
      if (posted >= opts.count) break;
      const update = opts.emu.text(user, "/u");
      const text = `/u${update.update_id}`;
      if (update.message) (update.message as { text: string }).text = text;
      const entities = update.message?.entities?.[0];
      if (entities) entities.length = text.length;
      batch.push({ body: JSON.stringify(update), home: next++ % opts.instances.length });
      posted++;
    }
    let i = 0;
    const worker = async () => {
      while (i < batch.length) {
        const item = batch[i++];
        if (!item) break;
        const home = opts.instances[item.home] as string;
        const other = opts.instances[(item.home + 1) % opts.instances.length] as string;
        if (random() < opts.redeliveryRate) {
          redeliveries++;
          if (random() < 0.5) {
            // Telegram gave up waiting and sent it again while the first delivery is still being handled.
            await Promise.all([post(home, item.body), post(other, item.body)]);
          } else {
            await post(home, item.body);
            await post(other, item.body);
          }
        } else {
          await post(home, item.body);
        }
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency }, worker));
  }
  const seconds = (performance.now() - started) / 1000;

  const repliesPerUpdate = new Map<number, number>();
  for (const call of opts.emu.calls) {
    if (call.method !== "sendMessage" || !call.ok) continue;
    const m = /\/u(\d+)/.exec(String(call.payload.text ?? ""));
    if (m) repliesPerUpdate.set(Number(m[1]), (repliesPerUpdate.get(Number(m[1])) ?? 0) + 1);
  }
  latencies.sort((a, b) => a - b);
  return {
    updates: posted,
    redeliveries,
    seconds,
    updatesPerSecond: posted / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    repliesPerUpdate,
    statuses,
  };
}
