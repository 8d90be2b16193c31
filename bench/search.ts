/**
 * `npm run bench:search` — query latency and index build time of trogiang vs MiniSearch vs plain Fuse token search,
 * on the content corpus replicated ×1, ×30 and ×300 (copies get distinct ids; nothing else changes), with the eval
 * questions as the query set. Ratios are to MiniSearch measured in the same process, queries interleaved across
 * systems so they share the same machine conditions. Prints numbers; asserts nothing.
 *
 * Goals: p95 ≤ 1.5× MiniSearch at every size; build ≤ 1 s at ×1.
 *
 * To stay near two minutes, larger sizes measure an evenly spaced sample of the questions (the same sample for
 * every system, so ratios compare like with like), and plain Fuse — ~20× slower than the others and linear in the
 * corpus — gets a smaller sample still. The printout says how many queries each row measured.
 * Options: `--sizes 1,30,300` `--rounds N` (rounds at ×1).
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadContent } from "../src/content/load.js";
import { buildSearchIndex, createSearchIndex, type SearchIndex } from "../src/search/index.js";
import type { Passage } from "../src/search/passages.js";
import { FuseBaseline, MiniSearchBaseline } from "../test/eval/baseline.js";
import { parseQuestions, questionText } from "../test/eval/evaluate.js";

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const sizes = (arg("--sizes") ?? "1,30,300").split(",").map(Number);
const baseRounds = Number(arg("--rounds") ?? 10);

interface Plan {
  /** Measured rounds over the sample (plus one unmeasured warm-up / cold round). */
  rounds: number;
  /** Queries measured for trogiang and MiniSearch, and for plain Fuse (one round). */
  sample: number;
  fuseSample: number;
}
const plan = (factor: number): Plan =>
  factor >= 300
    ? { rounds: 1, sample: 20, fuseSample: 2 }
    : factor >= 30
      ? { rounds: 2, sample: 50, fuseSample: 6 }
      : { rounds: baseRounds, sample: Number.POSITIVE_INFINITY, fuseSample: 40 };

/** An evenly spaced sample of `n` items (all of them if n ≥ length). */
function spaced<T>(items: readonly T[], n: number): T[] {
  if (n >= items.length) return [...items];
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]!);
}

const contentDir = process.env.CONTENT_DIR ?? "content";
const questionsPath = path.join("test", "eval", "questions.jsonl");

// Startup at ×1: what the bot pays when it (re)loads content.
const t0 = performance.now();
const bundle = await loadContent(contentDir);
const tLoaded = performance.now();
const base = buildSearchIndex(bundle).warm();
const tBuilt = performance.now();
console.log(
  `startup ×1: load content ${(tLoaded - t0).toFixed(0)} ms + build index ${(tBuilt - tLoaded).toFixed(0)} ms = ` +
    `${(tBuilt - t0).toFixed(0)} ms (${base.passages.length} passages, ${base.vocabularySize} syllables; goal build ≤ 1000 ms)`,
);

let queries: string[];
if (existsSync(questionsPath)) {
  queries = parseQuestions(await readFile(questionsPath, "utf8")).map(questionText);
  console.log(`query set: ${queries.length} eval questions (${questionsPath})`);
} else {
  queries = base.passages.map((p) => p.headingPath.at(-1)!);
  console.log(`query set: ${queries.length} passage headings (no ${questionsPath} yet)`);
}

function replicate(passages: readonly Passage[], factor: number): Passage[] {
  const out: Passage[] = [];
  for (let c = 0; c < factor; c++) for (const p of passages) out.push(c === 0 ? p : { ...p, id: `${p.id}~${c}` });
  return out;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

function timeBuild<T>(make: () => T): { value: T; ms: number } {
  const s = performance.now();
  const value = make();
  return { value, ms: performance.now() - s };
}

interface Row {
  name: string;
  samples: number[];
}

const fmt = (x: number) => (x < 10 ? x.toFixed(3) : x.toFixed(1));
const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);

for (const factor of sizes) {
  const passages = replicate(base.passages, factor);
  const tg = timeBuild<SearchIndex>(() => createSearchIndex(passages, bundle.lexicon).warm());
  const ms = timeBuild(() => new MiniSearchBaseline(passages, bundle.lexicon));
  const fz = timeBuild(() => new FuseBaseline(passages));
  const { rounds, sample, fuseSample } = plan(factor);
  const measured = spaced(queries, sample);
  const fuseQueries = new Set(spaced(measured, fuseSample));

  const cold: number[] = [];
  const rows: Row[] = [
    { name: "minisearch", samples: [] },
    { name: "trogiang", samples: [] },
    { name: "fuse token search", samples: [] },
  ];
  const [msRow, tgRow, fzRow] = rows as [Row, Row, Row];
  let sink = 0;
  // Round 0 is trogiang's cold pass (fresh index, empty correction cache) and everyone's warm-up; not counted for
  // MiniSearch. Fuse runs once, in round 1, over its sample. Systems alternate query by query.
  for (let r = 0; r <= rounds; r++) {
    for (const q of measured) {
      let s = performance.now();
      sink += tg.value.search(q).nearest.length;
      const tTg = performance.now() - s;
      if (r === 0) cold.push(tTg);
      else tgRow.samples.push(tTg);
      if (r > 0 || factor < 300) {
        s = performance.now();
        sink += ms.value.search(q).length;
        if (r > 0) msRow.samples.push(performance.now() - s);
      }
      if (r === 1 && fuseQueries.has(q)) {
        s = performance.now();
        sink += fz.value.search(q).length;
        fzRow.samples.push(performance.now() - s);
      }
    }
  }
  rows.splice(2, 0, { name: "trogiang (cold, 1st pass)", samples: cold });

  const msSorted = [...msRow.samples].sort((a, b) => a - b);
  const msP50 = quantile(msSorted, 0.5);
  const msP95 = quantile(msSorted, 0.95);
  console.log(
    `\n×${factor}: ${passages.length} passages, ${rounds} round(s) × ${measured.length} queries — build ms: ` +
      `trogiang ${tg.ms.toFixed(0)}, minisearch ${ms.ms.toFixed(0)}, fuse ${fz.ms.toFixed(0)}`,
  );
  console.log(
    `  ${pad("system", 28)}${lpad("samples", 8)}${lpad("p50 ms", 9)}${lpad("p95 ms", 9)}${lpad("p50/MS", 8)}${lpad("p95/MS", 8)}`,
  );
  for (const row of rows) {
    const sorted = [...row.samples].sort((a, b) => a - b);
    const p50 = quantile(sorted, 0.5);
    const p95 = quantile(sorted, 0.95);
    console.log(
      `  ${pad(row.name, 28)}${lpad(String(row.samples.length), 8)}${lpad(fmt(p50), 9)}${lpad(fmt(p95), 9)}${lpad((p50 / msP50).toFixed(2), 8)}${lpad((p95 / msP95).toFixed(2), 8)}`,
    );
  }
  const ok =
    quantile(
      [...tgRow.samples].sort((a, b) => a - b),
      0.95,
    ) <=
    1.5 * msP95;
  console.log(`  goal trogiang p95 ≤ 1.5× MiniSearch: ${ok ? "met" : "MISSED"}${sink < 0 ? "!" : ""}`);
}
