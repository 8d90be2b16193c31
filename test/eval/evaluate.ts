/**
 * Question-answering evaluation of the search, shared by `npm run eval:qa` (a printed report) and
 * `test/search/eval.test.ts` (the same numbers as CI assertions).
 *
 * A returned passage is a hit when its folded text (heading path + body) contains a folded expected phrase.
 * hit@k and MRR count an answer only if the system did not refuse: what matters is what the learner sees.
 * Out-of-scope (`oos`) questions are scored on refusals; in-scope ones also report false refusals.
 * MiniSearch's refusal threshold is tuned on the dev split only.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadContent } from "../../src/content/load.js";
import type { ContentBundle } from "../../src/content/types.js";
import { foldText } from "../../src/search/fold.js";
import { buildSearchIndex, type SearchIndex } from "../../src/search/index.js";
import type { Passage } from "../../src/search/passages.js";
import { MiniSearchBaseline } from "./baseline.js";

export const BUCKETS = ["clean", "nodiac", "typo", "abbrev", "oldtone", "nfd", "oos"] as const;
export type Bucket = (typeof BUCKETS)[number];
export type Split = "dev" | "test";

export interface Question {
  id: string;
  q: string;
  bucket: Bucket;
  split: Split;
  expect: string[];
}

/** Parse questions.jsonl, with `line N` in every error. Blank lines and `//` comments are skipped. */
export function parseQuestions(jsonl: string): Question[] {
  const out: Question[] = [];
  jsonl.split(/\r?\n/).forEach((line, i) => {
    const s = line.trim();
    if (s === "" || s.startsWith("//")) return;
    let v: unknown;
    try {
      v = JSON.parse(s);
    } catch (e) {
      throw new Error(`questions line ${i + 1}: not JSON (${(e as Error).message})`);
    }
    const o = v as Partial<Question>;
    if (typeof o.id !== "string" || typeof o.q !== "string") throw new Error(`questions line ${i + 1}: needs id and q`);
    if (!BUCKETS.includes(o.bucket as Bucket)) throw new Error(`questions line ${i + 1}: unknown bucket ${o.bucket}`);
    if (o.split !== "dev" && o.split !== "test") throw new Error(`questions line ${i + 1}: split must be dev or test`);
    if (!Array.isArray(o.expect) || !o.expect.every((x) => typeof x === "string")) {
      throw new Error(`questions line ${i + 1}: expect must be a list of phrases`);
    }
    out.push({ id: o.id, q: o.q, bucket: o.bucket as Bucket, split: o.split, expect: o.expect });
  });
  return out;
}

/** What is actually typed: `nfd` questions are stored NFC and asked decomposed. */
export function questionText(q: Question): string {
  return q.bucket === "nfd" ? q.q.normalize("NFD") : q.q;
}

export interface Answer {
  /** Passage ids, best first (whatever the refusal, for diagnosis). */
  ids: string[];
  refused: boolean;
}

export interface SystemUnderTest {
  name: string;
  answer(query: string): Answer;
}

export interface Metrics {
  n: number;
  hit1: number;
  hit3: number;
  mrr: number;
  /** oos: share refused (good); in-scope: share falsely refused (bad). */
  refusal: number;
}

export interface QuestionOutcome {
  question: Question;
  answer: Answer;
  /** 1-based rank of the first hit among the answer's ids, 0 if none. */
  rank: number;
}

export interface SystemReport {
  name: string;
  buckets: Partial<Record<Bucket, Metrics>>;
  inScope: Metrics;
  oos: Metrics;
  outcomes: QuestionOutcome[];
}

export interface SplitReport {
  split: Split | "all";
  questions: number;
  systems: SystemReport[];
}

/** Folded searchable text of each passage, for hit checks. */
export class HitChecker {
  private readonly folded = new Map<string, string>();

  constructor(readonly passages: readonly Passage[]) {
    for (const p of passages) this.folded.set(p.id, foldText(`${p.headingPath.join(" ")} ${p.text}`));
  }

  isHit(id: string, expect: readonly string[]): boolean {
    const text = this.folded.get(id);
    return text !== undefined && expect.some((e) => text.includes(foldText(e)));
  }

  /** Passages containing a phrase. */
  count(phrase: string): number {
    const f = foldText(phrase);
    let n = 0;
    for (const t of this.folded.values()) if (t.includes(f)) n++;
    return n;
  }
}

export interface LabelProblem {
  id: string;
  problem: string;
}

/** Expected phrases found in no passage (unanswerable) or in more than 3 (too vague to test anything). */
export function labelProblems(questions: readonly Question[], checker: HitChecker): LabelProblem[] {
  const out: LabelProblem[] = [];
  for (const q of questions) {
    if (q.bucket === "oos") {
      if (q.expect.length > 0) out.push({ id: q.id, problem: "oos question with expected phrases" });
      continue;
    }
    if (q.expect.length === 0) out.push({ id: q.id, problem: "in-scope question without expected phrases" });
    for (const e of q.expect) {
      const n = checker.count(e);
      if (n === 0 || n > 3) out.push({ id: q.id, problem: `"${e}" is in ${n} passages` });
    }
  }
  return out;
}

function metricsOf(outcomes: readonly QuestionOutcome[], oos: boolean): Metrics {
  const n = outcomes.length;
  if (n === 0) return { n: 0, hit1: 0, hit3: 0, mrr: 0, refusal: 0 };
  let hit1 = 0;
  let hit3 = 0;
  let mrr = 0;
  let refused = 0;
  for (const o of outcomes) {
    if (o.answer.refused) {
      refused++;
      continue;
    }
    if (oos) continue;
    if (o.rank === 1) hit1++;
    if (o.rank >= 1 && o.rank <= 3) hit3++;
    if (o.rank >= 1) mrr += 1 / o.rank;
  }
  return { n, hit1: hit1 / n, hit3: hit3 / n, mrr: mrr / n, refusal: refused / n };
}

export function runSystem(sys: SystemUnderTest, questions: readonly Question[], checker: HitChecker): SystemReport {
  const outcomes: QuestionOutcome[] = questions.map((question) => {
    const answer = sys.answer(questionText(question));
    const idx = question.expect.length > 0 ? answer.ids.findIndex((id) => checker.isHit(id, question.expect)) : -1;
    return { question, answer, rank: idx + 1 };
  });
  const buckets: Partial<Record<Bucket, Metrics>> = {};
  for (const b of BUCKETS) {
    const os = outcomes.filter((o) => o.question.bucket === b);
    if (os.length > 0) buckets[b] = metricsOf(os, b === "oos");
  }
  return {
    name: sys.name,
    buckets,
    inScope: metricsOf(
      outcomes.filter((o) => o.question.bucket !== "oos"),
      false,
    ),
    oos: metricsOf(
      outcomes.filter((o) => o.question.bucket === "oos"),
      true,
    ),
    outcomes,
  };
}

export function trogiangSystem(index: SearchIndex): SystemUnderTest {
  return {
    name: "trogiang",
    answer(query) {
      const r = index.search(query, { limit: 10 });
      return { ids: r.nearest.map((h) => h.passage.id), refused: !r.confident };
    },
  };
}

/**
 * MiniSearch with a refusal threshold on its top score, chosen on `tuneOn` (the dev split) to maximise
 * balanced accuracy: share of out-of-scope refused + share of in-scope not refused.
 */
export function miniSearchSystem(
  baseline: MiniSearchBaseline,
  tuneOn: readonly Question[],
): SystemUnderTest & { threshold: number } {
  const top = (q: Question) => baseline.search(questionText(q), 1)[0]?.score ?? 0;
  const scored = tuneOn.map((q) => ({ oos: q.bucket === "oos", score: top(q) }));
  const nOos = scored.filter((s) => s.oos).length;
  const nIn = scored.length - nOos;
  let threshold = 0;
  let best = -1;
  for (const t of [0, ...new Set(scored.map((s) => s.score))].sort((a, b) => a - b)) {
    const refusedOos = scored.filter((s) => s.oos && s.score < t).length;
    const answeredIn = scored.filter((s) => !s.oos && s.score >= t).length;
    const value = (nOos ? refusedOos / nOos : 0) + (nIn ? answeredIn / nIn : 0);
    if (value > best) {
      best = value;
      threshold = t;
    }
  }
  return {
    name: "minisearch",
    threshold,
    answer(query) {
      const hits = baseline.search(query, 10);
      return { ids: hits.map((h) => h.id), refused: (hits[0]?.score ?? 0) < threshold || hits.length === 0 };
    },
  };
}

export interface Evaluation {
  bundle: ContentBundle;
  index: SearchIndex;
  questions: Question[];
  checker: HitChecker;
  systems: SystemUnderTest[];
  miniSearchThreshold: number;
  labelProblems: LabelProblem[];
}

export interface PrepareOptions {
  contentDir?: string;
  questionsPath?: string;
}

/** Load content and questions, build trogiang and the MiniSearch baseline (tuned on dev). */
export async function prepareEvaluation(options: PrepareOptions = {}): Promise<Evaluation> {
  const contentDir = options.contentDir ?? process.env.CONTENT_DIR ?? "content";
  const questionsPath = options.questionsPath ?? path.join("test", "eval", "questions.jsonl");
  const bundle = await loadContent(contentDir);
  const questions = parseQuestions(await readFile(questionsPath, "utf8"));
  const index = buildSearchIndex(bundle);
  const checker = new HitChecker(index.passages);
  const mini = miniSearchSystem(
    new MiniSearchBaseline(index.passages, bundle.lexicon),
    questions.filter((q) => q.split === "dev"),
  );
  return {
    bundle,
    index,
    questions,
    checker,
    systems: [trogiangSystem(index), mini],
    miniSearchThreshold: mini.threshold,
    labelProblems: labelProblems(questions, checker),
  };
}

export function evaluateSplit(ev: Evaluation, split: Split | "all"): SplitReport {
  const qs = split === "all" ? ev.questions : ev.questions.filter((q) => q.split === split);
  return { split, questions: qs.length, systems: ev.systems.map((s) => runSystem(s, qs, ev.checker)) };
}

export interface TargetCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** The acceptance targets, checked on one split's report. */
export function checkTargets(report: SplitReport): TargetCheck[] {
  const tg = report.systems.find((s) => s.name === "trogiang")!;
  const ms = report.systems.find((s) => s.name === "minisearch");
  const f = (x: number) => x.toFixed(2);
  const clean = tg.buckets.clean?.hit1 ?? 0;
  const nodiac = tg.buckets.nodiac?.hit1 ?? 0;
  const checks: TargetCheck[] = [
    { name: "hit@1", ok: tg.inScope.hit1 >= 0.9, detail: `${f(tg.inScope.hit1)} ≥ 0.90` },
    { name: "nodiac vs clean", ok: nodiac >= clean - 0.02, detail: `${f(nodiac)} ≥ clean ${f(clean)} − 0.02` },
    { name: "oos refused", ok: tg.oos.n > 0 && tg.oos.refusal >= 0.8, detail: `${f(tg.oos.refusal)} ≥ 0.80` },
    { name: "false refusals", ok: tg.inScope.refusal <= 0.05, detail: `${f(tg.inScope.refusal)} ≤ 0.05` },
  ];
  if (ms) {
    checks.push({
      name: "vs MiniSearch",
      ok: tg.inScope.hit1 >= ms.inScope.hit1 + 0.05,
      detail: `${f(tg.inScope.hit1)} ≥ ${f(ms.inScope.hit1)} + 0.05`,
    });
  }
  return checks;
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);

/** A compact table: one row per bucket, four columns per system. */
export function formatReport(report: SplitReport): string {
  const f = (x: number) => x.toFixed(2);
  const head = `${pad("bucket", 9)}${lpad("n", 4)} ${report.systems
    .map((s) => `│ ${pad(s.name, 10)}${lpad("h@1", 5)}${lpad("h@3", 5)}${lpad("MRR", 5)}${lpad("refuse", 7)}`)
    .join(" ")}`;
  const lines = [`── split ${report.split}: ${report.questions} questions`, head];
  const row = (label: string, pick: (s: SystemReport) => Metrics | undefined, oos: boolean) => {
    const n = pick(report.systems[0]!)?.n ?? 0;
    if (n === 0) return;
    const cells = report.systems.map((s) => {
      const m = pick(s)!;
      const h = oos ? ["—", "—", "—"] : [f(m.hit1), f(m.hit3), f(m.mrr)];
      return `│ ${pad("", 10)}${h.map((x) => lpad(x, 5)).join("")}${lpad(f(m.refusal), 7)}`;
    });
    lines.push(`${pad(label, 9)}${lpad(String(n), 4)} ${cells.join(" ")}`);
  };
  for (const b of BUCKETS) if (b !== "oos") row(b, (s) => s.buckets[b], false);
  row("in-scope", (s) => s.inScope, false);
  row("oos", (s) => s.oos, true);
  lines.push("refuse = false-refusal rate for in-scope rows, refusal rate for oos (higher is better there)");
  return lines.join("\n");
}

/** One line per miss, for tuning on dev. */
export function formatMisses(report: SystemReport, max = 40): string {
  const misses = report.outcomes.filter((o) =>
    o.question.bucket === "oos" ? !o.answer.refused : o.answer.refused || o.rank !== 1,
  );
  return misses
    .slice(0, max)
    .map((o) => {
      const what =
        o.question.bucket === "oos" ? "answered" : o.answer.refused ? `refused (rank ${o.rank})` : `rank ${o.rank}`;
      return `  ${o.question.id} [${o.question.bucket}] ${what}: ${o.question.q} → ${o.answer.ids.slice(0, 2).join(", ")}`;
    })
    .join("\n");
}
