/**
 * `npm run eval:qa [-- --split dev|test|holdout|all] [--strict] [--misses]`
 *
 * Prints hit@1, hit@3, MRR and refusal rates per question bucket for trogiang and a MiniSearch baseline on the same
 * passages, flags doubtful labels, and ends with the targets checked on the test split. A report: exits 0 unless
 * `--strict` is given and a target is missed (on test; the holdout only reports).
 *
 * The holdout (holdout.jsonl) is printed last, as a whole only: it never gets `--misses`, so that nobody tunes on it
 * and it stays a measure of questions written blind.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  checkTargets,
  type Evaluation,
  evaluateSplit,
  formatMisses,
  formatReport,
  labelProblems,
  parseQuestions,
  prepareEvaluation,
  type Split,
  type SplitReport,
} from "./evaluate.js";

const HOLDOUT_FILE = path.join("test", "eval", "holdout.jsonl");

const args = process.argv.slice(2);
const splitArg = args.includes("--split") ? args[args.indexOf("--split") + 1] : "all";
if (splitArg !== "dev" && splitArg !== "test" && splitArg !== "holdout" && splitArg !== "all") {
  console.error(`--split must be dev, test, holdout or all (got ${splitArg})`);
  process.exit(2);
}
const strict = args.includes("--strict");
const showMisses = args.includes("--misses");

const started = performance.now();
const ev = await prepareEvaluation();
console.log(
  `${ev.index.passages.length} passages from ${ev.bundle.docs.length} documents, vocabulary ${ev.index.vocabularySize} syllables; ` +
    `${ev.questions.length} questions; MiniSearch refusal threshold ${ev.miniSearchThreshold.toFixed(2)} (tuned on dev)`,
);
printLabelProblems(ev);

const splits: Split[] = splitArg === "all" ? ["dev", "test"] : splitArg === "holdout" ? [] : [splitArg];
for (const split of splits) {
  const report = evaluateSplit(ev, split);
  console.log(`\n${formatReport(report)}`);
  if (showMisses) {
    for (const s of report.systems) {
      console.log(`misses of ${s.name} on ${split}:`);
      console.log(formatMisses(s, 80) || "  none");
    }
  }
}

if (splitArg === "all" || splitArg === "holdout") {
  const holdout = parseQuestions(await readFile(HOLDOUT_FILE, "utf8"));
  const hev: Evaluation = { ...ev, questions: holdout, labelProblems: labelProblems(holdout, ev.checker) };
  printLabelProblems(hev);
  const report = evaluateSplit(hev, "holdout");
  const [title, ...rows] = formatReport(report).split("\n");
  console.log(`\n${[`${title} (blind: nobody tunes on it)`, ...rows].join("\n")}`);
  printTargets("HOLDOUT", report);
}

const allMet = printTargets("TEST", evaluateSplit(ev, "test"));
console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
if (strict && !allMet) process.exit(1);

function printLabelProblems(e: Evaluation): void {
  if (e.labelProblems.length === 0) return;
  console.log(`label problems (${e.labelProblems.length}):`);
  for (const p of e.labelProblems) console.log(`  ${p.id}: ${p.problem}`);
}

/** The targets line for one split's report; true when all are met. */
function printTargets(name: string, report: SplitReport): boolean {
  const checks = checkTargets(report);
  const met = checks.every((c) => c.ok);
  console.log(
    `\n${name} targets: ${checks.map((c) => `${c.name} ${c.detail} ${c.ok ? "✓" : "✗"}`).join(" | ")} → ${met ? "ALL MET" : "MISSED"}`,
  );
  return met;
}
