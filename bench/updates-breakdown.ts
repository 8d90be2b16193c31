/**
 * `npx tsx bench/updates-breakdown.ts` — where the CPU time of a non-search update goes: the bot is built up one
 * layer at a time, in createBot's order, and each layer's CPU time per update (this process: user + system) is
 * measured on the same workload as `npm run bench:updates` (/help and /start alternating, returning users, 50 in
 * flight, a private redis-server, the in-process Bot API emulator). Layers are measured interleaved, round after
 * round, and the median is printed, so a busy shared machine disturbs the comparison less. Prints numbers; asserts
 * nothing.
 *
 * The layers are createBot's own (`layers(deps)` in src/bot/index.ts). Until the router every bot answers a one-word
 * reply, as the bare grammY bot of bench:updates does; the router layer adds the real /help and /start answers
 * (translated help text, main-menu keyboard).
 *
 * Options: `--updates N` per layer and round (default 3,000), `--rounds N` (default 5). Layers are small next to the
 * machine's noise: read the table as a rough split, and judge a change by `npm run bench:updates`. No GC is forced
 * between layers (README, "Measured", says why).
 */
import { Bot } from "grammy";
import type { Update } from "grammy/types";
import { installApiDefaults } from "../src/bot/api-defaults.js";
import type { BotContext } from "../src/bot/context.js";
import { createBot, layers as stackLayers } from "../src/bot/index.js";
import { BENCH_TOKEN, benchSetup, numberArg } from "./setup.js";

const PER_ROUND = numberArg("--updates", 3_000);
const ROUNDS = numberArg("--rounds", 5);

const bench = await benchSetup();
const { deps, botOptions: options } = bench;
const token = BENCH_TOKEN;

interface Layer {
  name: string;
  build: () => { handleUpdate(u: Update): Promise<void>; init(): Promise<void> };
}

const stack = stackLayers(deps);
/** Where the capabilities begin: up to there, each partial bot answers with a one-word reply. */
const ROUTER = stack.findIndex((l) => l.name.startsWith("router"));

/** createBot's stack up to layer `upTo` (its first `upTo` layers), then a one-word reply before the router. */
function partial(upTo: number): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, options);
  installApiDefaults(bot.api);
  for (const layer of stackLayers(deps).slice(0, upTo)) bot.use(layer.middleware);
  if (upTo <= ROUTER) bot.on("message", (ctx) => ctx.reply("ok"));
  return bot;
}

const layers: Layer[] = [
  {
    name: "bare grammY Bot, one-word reply",
    build: () => {
      const b = new Bot(token, options);
      b.on("message", (ctx) => ctx.reply("ok"));
      return b;
    },
  },
  { name: "+ API defaults (HTML, retries)", build: () => partial(0) },
  ...stack.slice(0, ROUTER + 1).map((l, i) => ({ name: `+ ${l.name}`, build: () => partial(i + 1) })),
  { name: "full createBot", build: () => createBot(deps, options) },
];

const makeUpdates = (n: number): Update[] => bench.updates(n, (i) => (i % 2 === 0 ? "/help" : "/start"));
const POPULATION = 4_000;

async function cpuPerUpdate(bot: { handleUpdate(u: Update): Promise<void> }, updates: Update[]): Promise<number> {
  let i = 0;
  const worker = async () => {
    while (i < updates.length) await bot.handleUpdate(updates[i++] as Update);
  };
  const cpu0 = process.cpuUsage();
  await Promise.all(Array.from({ length: 50 }, worker));
  const cpu = process.cpuUsage(cpu0);
  bench.freshEmulator();
  return (cpu.user + cpu.system) / updates.length;
}

const bots = layers.map((l) => l.build());
for (const b of bots) await b.init();
// Warm-up: JIT, connection; every user of the population known (one /start each through the full stack).
await cpuPerUpdate(bots.at(-1) as (typeof bots)[number], makeUpdates(POPULATION));
for (const b of bots) await cpuPerUpdate(b, makeUpdates(500));
await new Promise((r) => setTimeout(r, 10_500)); // rate-limit windows of the warm-up expire

const samples: number[][] = layers.map(() => []);
for (let r = 0; r < ROUNDS; r++) {
  for (const [k, b] of bots.entries()) samples[k]?.push(await cpuPerUpdate(b, makeUpdates(PER_ROUND)));
}
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
console.log(
  `bench:updates breakdown — ${ROUNDS} rounds × ${PER_ROUND} updates per layer, /help and /start, CPU µs per update (median)`,
);
let previous: number | undefined;
for (const [k, layer] of layers.entries()) {
  const m = median(samples[k] ?? []);
  const delta =
    previous === undefined || k === 1 ? "" : `   ${m - previous >= 0 ? "+" : ""}${(m - previous).toFixed(0)}`;
  console.log(`${layer.name.padEnd(48)} ${m.toFixed(0).padStart(5)} µs${delta}`);
  previous = m;
}
await bench.close();
