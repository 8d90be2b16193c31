/**
 * `npm run bench:updates` — updates per second and latency of the FULL stack (createBot: sequentialize, dedupe,
 * rate limit, sessions, i18n, roles, conversations, features, a Q&A search answer) on a private redis-server,
 * against a bare grammY bot with a one-line handler, both talking to the same in-process Bot API emulator, in the
 * same process, rounds interleaved so both share the machine's conditions. Prints numbers; asserts nothing. Besides
 * wall-clock updates/s it prints the process's CPU time per update, which a busy shared machine disturbs far less.
 *
 * Both bots share one emulator per round (fresh each round, so its recorded history does not weigh on the heap).
 * Workloads: non-search (/help and /start) and Q&A (the eval questions as plain text). Updates are handled the way
 * @grammyjs/runner or several webhook connections would: `--concurrency` (default 50) in flight, distinct chats.
 * Goals: ≥ 2,000 Q&A updates/s per process; full stack ≥ 0.25× bare grammY for non-search updates.
 *
 * The ratio is taken per round (bare and full measured back to back, so both see the same machine) and the median
 * of the rounds is printed: on a shared machine whose speed drifts by tens of percent between runs, that is far
 * steadier than the ratio of two medians. For reference it also prints the ratio against a bare grammY bot that sends
 * the full stack's own `/help` and `/start` replies (same text and keyboard, captured first): the longer HTML reply
 * costs the Bot API client and the emulator more than "ok" does, whatever the stack.
 *
 * Options: `--updates N` per measured round (default 4,000), `--rounds N` (default 6), `--concurrency N`,
 * `--users N` (the population of returning users, default 4,000), `--no-answer-cache` (every Q&A answer searched
 * afresh instead of from the per-question cache).
 */
import { existsSync, readFileSync } from "node:fs";
import { Bot, type Context } from "grammy";
import type { Update } from "grammy/types";
import { createBot } from "../src/bot/index.js";
import type { EmuUser } from "../src/sandbox/emulator/index.js";
import { parseQuestions, questionText } from "../test/eval/evaluate.js";
import { BENCH_TOKEN, benchSetup, numberArg } from "./setup.js";

const args = process.argv.slice(2);
const PER_ROUND = numberArg("--updates", 4_000);
const ROUNDS = numberArg("--rounds", 6);
const CONCURRENCY = numberArg("--concurrency", 50);
/**
 * A population of returning users (they have talked to the bot before), taken in turn so that the updates in flight
 * are from distinct chats and no user comes near the per-user rate limit (20 / 10 s): a real deployment has
 * thousands of users each sending a few messages, not a few users sending thousands. `--users N` (default 4,000).
 */
const POPULATION = numberArg("--users", 4_000);

// The full stack, wired as src/main.ts does (minus the transport), on its own key prefix.
const bench = await benchSetup(POPULATION);
const { deps, botOptions, redisServer } = bench;
const token = BENCH_TOKEN;
const knowledge = deps.knowledge as NonNullable<typeof deps.knowledge>;
// The bench repeats its questions, so answers normally come from Knowledge's per-question cache; this measures every
// answer searched afresh.
const NO_ANSWER_CACHE = args.includes("--no-answer-cache");
if (NO_ANSWER_CACHE) knowledge.search = (query, options) => knowledge.index.search(query, options);
const full = createBot(deps, botOptions);
await full.init();

// A bare grammY bot: same emulator, a trivial handler, nothing else.
const bare = new Bot(token, botOptions);
bare.on("message", (ctx) => ctx.reply("ok"));
await bare.init();

// The full stack's own answers to /help and /start of a returning user, for a bare bot that sends the same.
const sample: EmuUser = { id: 999_999, first_name: "Học viên", last_name: "mẫu", language_code: "vi" };
const sameReplies = new Map<string, Record<string, unknown>>();
for (const [k, text] of ["/start", "/help", "/start"].entries()) {
  await full.handleUpdate({ ...bench.emulator().text(sample, text), update_id: 1_000_000_000 + k });
  const sent =
    bench
      .emulator()
      .calls.filter((c) => c.method === "sendMessage")
      .at(-1)?.payload ?? {};
  const { chat_id: _chat, ...reply } = sent;
  sameReplies.set(text, reply);
}
const bareSame = new Bot(token, botOptions);
bareSame.on("message:text", (ctx) => {
  const { text, ...other } = sameReplies.get(ctx.message.text) as { text: string };
  return ctx.reply(text, other);
});
await bareSame.init();

const questionsPath = "test/eval/questions.jsonl";
const questions = existsSync(questionsPath)
  ? parseQuestions(readFileSync(questionsPath, "utf8")).map(questionText)
  : ["Điều lệ Đảng quy định gì về đảng viên?", "nhiem vu cua chi bo la gi", "Quy định 30 về kiểm tra giám sát"];

function makeUpdates(kind: "plain" | "qa", n: number): Update[] {
  return bench.updates(n, (i) =>
    kind === "plain" ? (i % 2 === 0 ? "/help" : "/start") : (questions[i % questions.length] as string),
  );
}

let failedCalls = 0;

interface Sample {
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU time of this process per update (user + system), which other load on the machine disturbs far less. */
  cpuMicros: number;
}

async function measure(bot: { handleUpdate(u: Update): Promise<void> }, updates: Update[]): Promise<Sample> {
  const latencies: number[] = new Array(updates.length);
  let i = 0;
  const worker = async () => {
    while (i < updates.length) {
      const k = i++;
      const t0 = performance.now();
      await bot.handleUpdate(updates[k] as Update);
      latencies[k] = performance.now() - t0;
    }
  };
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const cpu = process.cpuUsage(cpu0);
  const seconds = (performance.now() - started) / 1000;
  failedCalls += bench.emulator().calls.filter((c) => !c.ok).length;
  bench.freshEmulator();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? Number.NaN;
  return {
    perSecond: updates.length / seconds,
    p50: q(0.5),
    p99: q(0.99),
    cpuMicros: (cpu.user + cpu.system) / updates.length,
  };
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
function summary(samples: Sample[]): Sample {
  return {
    perSecond: median(samples.map((s) => s.perSecond)),
    p50: median(samples.map((s) => s.p50)),
    p99: median(samples.map((s) => s.p99)),
    cpuMicros: median(samples.map((s) => s.cpuMicros)),
  };
}

// Warm-up: JIT, connection, index caches; every user of the population says /start once (they are known users).
await measure(bare, makeUpdates("plain", 500));
await measure(full, makeUpdates("plain", POPULATION));
await measure(full, makeUpdates("qa", 300));
// Let the rate-limit windows of the warm-up expire, so measured rounds start clean.
await new Promise((r) => setTimeout(r, 10_500));

const results = {
  bare: [] as Sample[],
  bareSame: [] as Sample[],
  fullPlain: [] as Sample[],
  fullQa: [] as Sample[],
  bareQa: [] as Sample[],
};
// Odd rounds take the bots in the opposite order, so that neither always runs just after the other's garbage.
const runs: [Sample[], Bot<Context> | typeof full, "plain" | "qa"][] = [
  [results.bare, bare, "plain"],
  [results.fullPlain, full, "plain"],
  [results.bareSame, bareSame, "plain"],
  [results.bareQa, bare, "qa"],
  [results.fullQa, full, "qa"],
];
for (let r = 0; r < ROUNDS; r++) {
  for (const [into, bot, kind] of r % 2 === 0 ? runs : runs.slice().reverse()) {
    into.push(await measure(bot, makeUpdates(kind, PER_ROUND)));
  }
}
/** Median over the rounds of full/bare measured in the same round: by updates/s and by CPU per update. */
function ratio(fullRounds: Sample[], bareRounds: Sample[]): { rate: number; cpu: number; rates: number[] } {
  const rates = fullRounds.map((f, i) => f.perSecond / (bareRounds[i] as Sample).perSecond);
  const cpus = fullRounds.map((f, i) => (bareRounds[i] as Sample).cpuMicros / f.cpuMicros);
  return { rate: median(rates), cpu: median(cpus), rates };
}

const line = (name: string, s: Sample) =>
  `${name.padEnd(38)} ${s.perSecond.toFixed(0).padStart(7)} updates/s   p50 ${s.p50.toFixed(2).padStart(6)} ms   p99 ${s.p99.toFixed(2).padStart(6)} ms   CPU ${s.cpuMicros.toFixed(0).padStart(4)} µs/update`;
const bareS = summary(results.bare);
const bareSameS = summary(results.bareSame);
const plain = ratio(results.fullPlain, results.bare);
const plainSame = ratio(results.fullPlain, results.bareSame);
const qa = ratio(results.fullQa, results.bareQa);
const plainS = summary(results.fullPlain);
const qaS = summary(results.fullQa);
const bareQaS = summary(results.bareQa);
console.log(
  [
    `bench:updates — ${ROUNDS} rounds × ${PER_ROUND} updates, ${CONCURRENCY} in flight, distinct chats, one process, redis-server ${redisServer.url}${NO_ANSWER_CACHE ? ", answer cache off" : ""}`,
    line("bare grammY, /help /start", bareS),
    line("bare grammY, the full stack's replies", bareSameS),
    line("full stack, /help /start", plainS),
    line("bare grammY, questions", bareQaS),
    line("full stack, Q&A search answers", qaS),
    `ratio full/bare, non-search: ${plain.rate.toFixed(3)}× by updates/s, ${plain.cpu.toFixed(3)}× by CPU per update ` +
      `(goal ≥ 0.25×; median of per-round ratios, rounds: ${plain.rates.map((x) => x.toFixed(3)).join(" ")})`,
    `  against a bare bot sending the same replies: ${plainSame.rate.toFixed(3)}× by updates/s, ` +
      `${plainSame.cpu.toFixed(3)}× by CPU per update (for reference)`,
    `ratio full/bare, Q&A:        ${qa.rate.toFixed(3)}× by updates/s, ${qa.cpu.toFixed(3)}× by CPU per update`,
    `Q&A throughput: ${qaS.perSecond.toFixed(0)} updates/s per process (goal ≥ 2,000); ` +
      `CPU-bound ceiling ${(1e6 / qaS.cpuMicros).toFixed(0)} updates/s per core`,
    `Bot API calls refused by the emulator: ${failedCalls} (must be 0)`,
  ].join("\n"),
);

await bench.close();
