/**
 * Question-answering evaluation of the search, shared by `npm run eval:qa` (a printed report) and
 * `test/search/eval.test.ts` (the same numbers as CI assertions).
 *
 * A returned passage is a hit when its folded text (heading path + body) contains a folded expected phrase; an
 * expected `intent:<id>` is a hit when the understanding step took the message as that intent (bot usage, the
 * learner's own course, small talk) — the reply itself is checked against a seeded class in test/bot/understanding.test.ts.
 * hit@k and MRR count an answer only if the system did not refuse: what matters is what the learner sees.
 * Out-of-scope (`oos`) questions are scored on refusals; in-scope ones also report false refusals.
 * MiniSearch's refusal threshold is tuned on the dev split only.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadIntents } from "../../src/content/intents.js";
import { loadContent } from "../../src/content/load.js";
import type { ContentBundle } from "../../src/content/types.js";
import { foldText } from "../../src/search/fold.js";
import { buildSearchIndex, type SearchIndex } from "../../src/search/index.js";
import type { Passage } from "../../src/search/passages.js";
import { IntentMatcher, routeOf, searchReading } from "../../src/search/understand.js";
import { MiniSearchBaseline } from "./baseline.js";

export const BUCKETS = [
  "clean",
  "nodiac",
  "typo",
  "abbrev",
  "oldtone",
  "nfd",
  "preamble",
  "answertype",
  "usage",
  "course",
  "chat",
  "nearoos",
  "oos",
] as const;
/** Buckets whose questions the bot should decline: near the course (fees, other courses, politics outside the material) or far from it. */
export const DECLINE_BUCKETS: readonly Bucket[] = ["nearoos", "oos"];
const isDecline = (b: Bucket) => DECLINE_BUCKETS.includes(b);
/** An expected phrase `intent:<id>` means the right action is that intent, not a passage. */
const INTENT_PREFIX = "intent:";
export type Bucket = (typeof BUCKETS)[number];
/** `holdout` rows live in their own file and are only ever read as a whole: nobody tunes on them. */
export type Split = "dev" | "test" | "holdout";

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
    if (o.split !== "dev" && o.split !== "test" && o.split !== "holdout") {
      throw new Error(`questions line ${i + 1}: split must be dev, test or holdout`);
    }
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
  /** The intent the message was taken as, when it was not searched (or its answer was not used). */
  intent?: string;
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
    if (isDecline(q.bucket)) {
      if (q.expect.length > 0) out.push({ id: q.id, problem: "oos question with expected phrases" });
      continue;
    }
    if (q.expect.length === 0) out.push({ id: q.id, problem: "in-scope question without expected phrases" });
    for (const e of q.expect) {
      if (e.startsWith(INTENT_PREFIX)) continue;
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
    if (oos ? declined(o.answer) : o.answer.refused) {
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

/** Not answered with a passage, and not taken as a request about the bot or the learner's course. */
function declined(a: Answer): boolean {
  return a.refused || (a.intent !== undefined && (a.intent.startsWith("decline.") || a.intent.startsWith("chat.")));
}

export function runSystem(sys: SystemUnderTest, questions: readonly Question[], checker: HitChecker): SystemReport {
  const outcomes: QuestionOutcome[] = questions.map((question) => {
    const answer = sys.answer(questionText(question));
    const wanted = question.expect.find((e) => e.startsWith(INTENT_PREFIX));
    if (wanted !== undefined)
      return { question, answer, rank: answer.intent === wanted.slice(INTENT_PREFIX.length) ? 1 : 0 };
    // A passage answer counts only when no intent took the message.
    const idx =
      question.expect.length > 0 && answer.intent === undefined
        ? answer.ids.findIndex((id) => checker.isHit(id, question.expect))
        : -1;
    return { question, answer, rank: idx + 1 };
  });
  const buckets: Partial<Record<Bucket, Metrics>> = {};
  for (const b of BUCKETS) {
    const os = outcomes.filter((o) => o.question.bucket === b);
    if (os.length > 0) buckets[b] = metricsOf(os, isDecline(b));
  }
  return {
    name: sys.name,
    buckets,
    inScope: metricsOf(
      outcomes.filter((o) => !isDecline(o.question.bucket)),
      false,
    ),
    oos: metricsOf(
      outcomes.filter((o) => isDecline(o.question.bucket)),
      true,
    ),
    outcomes,
  };
}

/** The bot's own path: understanding first, then (unless an intent is sure) the search, then the route. */
export function trogiangSystem(index: SearchIndex, matcher: IntentMatcher): SystemUnderTest {
  return {
    name: "trogiang",
    answer(query) {
      const u = matcher.understand(query);
      const { res: r, wide } = searchReading(u, (q) => index.search(q, { limit: 10 }));
      const route = routeOf(u, { confident: r.confident, confidence: r.signals?.confidence ?? 0, wide });
      const ids = r.nearest.map((h) => h.passage.id);
      if (route.kind === "intent") {
        return { ids: [], refused: route.intent.kind === "decline", intent: route.intent.id };
      }
      return { ids, refused: route.kind === "refuse" };
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
  const scored = tuneOn.map((q) => ({ oos: isDecline(q.bucket), score: top(q) }));
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
  localesDir?: string;
}

/** Load content and questions, build trogiang and the MiniSearch baseline (tuned on dev). */
export async function prepareEvaluation(options: PrepareOptions = {}): Promise<Evaluation> {
  const contentDir = options.contentDir ?? process.env.CONTENT_DIR ?? "content";
  const questionsPath = options.questionsPath ?? path.join("test", "eval", "questions.jsonl");
  const bundle = await loadContent(contentDir);
  const questions = parseQuestions(await readFile(questionsPath, "utf8"));
  const index = buildSearchIndex(bundle);
  const intents = await loadIntents(options.localesDir ?? "locales");
  const matcher = new IntentMatcher(intents.intents, bundle.lexicon, {
    material: index,
    words: intents.words,
    setting: intents.setting,
  });
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
    systems: [trogiangSystem(index, matcher), mini],
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
  /** The measured value and the goal it is held against (a share, or a count for "never"). */
  value: number;
  goal: number;
}

/** The acceptance targets, checked on one split's report. */
export function checkTargets(report: SplitReport): TargetCheck[] {
  const tg = report.systems.find((s) => s.name === "trogiang")!;
  const ms = report.systems.find((s) => s.name === "minisearch");
  const f = (x: number) => x.toFixed(2);
  const checks: TargetCheck[] = [];
  for (const b of BUCKETS) {
    const m = tg.buckets[b];
    if (!m || isDecline(b)) continue;
    checks.push({
      name: `right answer: ${b}`,
      ok: m.hit1 >= 0.95,
      detail: `${f(m.hit1)} ≥ 0.95`,
      value: m.hit1,
      goal: 0.95,
    });
  }
  for (const b of DECLINE_BUCKETS) {
    const m = tg.buckets[b];
    checks.push({
      name: `declined: ${b}`,
      ok: !!m && m.n > 0 && m.refusal >= 0.9,
      detail: `${f(m?.refusal ?? 0)} ≥ 0.90`,
      value: m?.refusal ?? 0,
      goal: 0.9,
    });
  }
  const chatPassages = tg.outcomes.filter(
    (o) => o.question.bucket === "chat" && o.answer.intent === undefined && !o.answer.refused,
  ).length;
  checks.push({
    name: "small talk never a passage",
    ok: chatPassages === 0,
    detail: `${chatPassages} = 0`,
    value: -chatPassages,
    goal: 0,
  });
  checks.push({
    name: "false refusals",
    ok: tg.inScope.refusal <= 0.03,
    detail: `${f(tg.inScope.refusal)} ≤ 0.03`,
    value: -tg.inScope.refusal,
    goal: -0.03,
  });
  if (ms) {
    checks.push({
      name: "vs MiniSearch",
      ok: tg.inScope.hit1 >= ms.inScope.hit1 + 0.05,
      detail: `${f(tg.inScope.hit1)} ≥ ${f(ms.inScope.hit1)} + 0.05`,
      value: tg.inScope.hit1 - ms.inScope.hit1,
      goal: 0.05,
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
  for (const b of BUCKETS) if (!isDecline(b)) row(b, (s) => s.buckets[b], false);
  row("in-scope", (s) => s.inScope, false);
  for (const b of DECLINE_BUCKETS) row(b, (s) => s.buckets[b], true);
  row("declined", (s) => s.oos, true);
  lines.push("refuse = false-refusal rate for in-scope rows, refusal rate for oos (higher is better there)");
  return lines.join("\n");
}

/** One line per miss, for tuning on dev. */
export function formatMisses(report: SystemReport, max = 40): string {
  const misses = report.outcomes.filter((o) =>
    isDecline(o.question.bucket) ? !declined(o.answer) : o.answer.refused || o.rank !== 1,
  );
  return misses
    .slice(0, max)
    .map((o) => {
      const what = isDecline(o.question.bucket)
        ? "answered"
        : o.answer.refused
          ? `refused (rank ${o.rank})`
          : `rank ${o.rank}`;
      const got = o.answer.intent ?? o.answer.ids.slice(0, 2).join(", ");
      return `  ${o.question.id} [${o.question.bucket}] ${what}: ${o.question.q} → ${got}`;
    })
    .join("\n");
}
