/**
 * `npm run eval:qa [-- --split dev|test|all] [--strict] [--misses]`
 *
 * Prints hit@1, hit@3, MRR and refusal rates per question bucket for trogiang and a MiniSearch baseline on the same
 * passages, flags doubtful labels, and ends with the targets checked on the test split. A report: exits 0 unless
 * `--strict` is given and a target is missed.
 */
import { checkTargets, evaluateSplit, formatMisses, formatReport, prepareEvaluation, type Split } from "./evaluate.js";

const args = process.argv.slice(2);
const splitArg = args.includes("--split") ? args[args.indexOf("--split") + 1] : "all";
if (splitArg !== "dev" && splitArg !== "test" && splitArg !== "all") {
  console.error(`--split must be dev, test or all (got ${splitArg})`);
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
if (ev.labelProblems.length > 0) {
  console.log(`label problems (${ev.labelProblems.length}):`);
  for (const p of ev.labelProblems) console.log(`  ${p.id}: ${p.problem}`);
}

const splits: Split[] = splitArg === "all" ? ["dev", "test"] : [splitArg];
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

const test = evaluateSplit(ev, "test");
const checks = checkTargets(test);
const allMet = checks.every((c) => c.ok);
console.log(
  `\nTEST targets: ${checks.map((c) => `${c.name} ${c.detail} ${c.ok ? "✓" : "✗"}`).join(" | ")} → ${allMet ? "ALL MET" : "MISSED"}`,
);
console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
if (strict && !allMet) process.exit(1);
