/**
 * `npm run bench:similarity` — the similarity check of reports, measured on a test set with known truth
 * (test/helpers/similarity-corpus.ts): for each kind of pair, the share flagged at the default threshold; then
 * precision and recall of "copied or lightly edited"; then the cost of fingerprinting a 10-page report and of
 * checking it against 5,000 earlier reports through the LSH index. Prints numbers; asserts nothing (the goals are
 * asserted by test/documents/similarity.test.ts).
 *
 * Goals: copied and lightly edited ≥ 0.95 recall; unrelated and material-quoting ≤ 0.05 flagged; fingerprint ≤ 50 ms;
 * check against 5,000 ≤ 200 ms. Options: `--pairs N` (per kind, default 200).
 *
 * The pairs come from eight sentence templates and small word lists — harder than real reports, which share fewer
 * stock phrases. The 5,000 of the cost check vary as real ones do (syllables of the material's vocabulary, a few
 * stock sentences each), since the cost of a check is the number of candidates its buckets hold.
 */
import path from "node:path";
import { DEFAULT_SIMILARITY_THRESHOLD, flagShare } from "../src/documents/report-check.js";
import { fingerprint, SimilarityIndex, shingles } from "../src/documents/similarity.js";
import {
  buildPairs,
  longReport,
  materialParagraphs,
  type PairKind,
  variedReport,
} from "../test/helpers/similarity-corpus.js";

const args = process.argv.slice(2);
const perKind = Number(args.includes("--pairs") ? args[args.indexOf("--pairs") + 1] : 200);
const material = materialParagraphs(path.resolve(import.meta.dirname, "../content"));
const materialSet = shingles(material.join("\n\n"));
const threshold = DEFAULT_SIMILARITY_THRESHOLD;

const pairs = buildPairs(17, perKind, material);
const flagged = new Map<PairKind, number>();
const total = new Map<PairKind, number>();
const shares = new Map<PairKind, number[]>();
// Every pair's second report goes in one index; each first report is checked through it, as the bot does.
const pairIndex = new SimilarityIndex<number>();
for (const [i, p] of pairs.entries()) pairIndex.add(i, fingerprint(p.b, materialSet));
for (const [i, p] of pairs.entries()) {
  const print = fingerprint(p.a, materialSet);
  const found = pairIndex.query(print).some((m) => m.key === i && m.share >= threshold);
  const share = flagShare(print, fingerprint(p.b, materialSet));
  total.set(p.kind, (total.get(p.kind) ?? 0) + 1);
  if (found) flagged.set(p.kind, (flagged.get(p.kind) ?? 0) + 1);
  shares.set(p.kind, [...(shares.get(p.kind) ?? []), share]);
}
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * q)] ?? 0;
console.log(`similarity at the default threshold ${threshold} (${perKind} pairs per kind)`);
for (const [kind, n] of total) {
  const f = flagged.get(kind) ?? 0;
  console.log(
    `  ${kind.padEnd(17)} flagged ${(f / n).toFixed(3)}  (${f}/${n}), share p5/p50/p95 ${[0.05, 0.5, 0.95].map((q) => quantile(shares.get(kind)!, q).toFixed(2)).join("/")}`,
  );
}
const positive = new Set<PairKind>(["copied", "lightly-edited"]);
let tp = 0;
let fp = 0;
let fn = 0;
for (const [kind, n] of total) {
  const f = flagged.get(kind) ?? 0;
  if (positive.has(kind)) {
    tp += f;
    fn += n - f;
  } else if (kind !== "paraphrased") fp += f;
}
console.log(
  `  copied + lightly edited vs unrelated + quoting: precision ${(tp / (tp + fp)).toFixed(3)}, recall ${(tp / (tp + fn)).toFixed(3)}` +
    " (paraphrased counted on neither side)",
);

// Cost.
const report = longReport(99, 10);
const syllables = report.split(/\s+/).length;
const rounds = 30;
fingerprint(report, materialSet);
let t = performance.now();
for (let i = 0; i < rounds; i++) fingerprint(report, materialSet);
const fpMs = (performance.now() - t) / rounds;
console.log(`fingerprint a 10-page report (${syllables} syllables): ${fpMs.toFixed(1)} ms`);

const index = new SimilarityIndex<number>();
t = performance.now();
const vocabulary = [
  ...new Set(
    material
      .join(" ")
      .split(/[\s,.;:()«»"“”]+/)
      .filter((w) => /\p{L}/u.test(w)),
  ),
];
for (let i = 0; i < 5000; i++) index.add(i, fingerprint(variedReport(1000 + i, 1 + (i % 3), vocabulary), materialSet));
const buildS = (performance.now() - t) / 1000;
// The checked report is report 42 with a paragraph of its own added, so the index has something to find.
const copy = `${variedReport(1042, 1, vocabulary)}\n\n${longReport(7, 1).slice(0, 500)}`;
const print = fingerprint(copy, materialSet);
index.query(print, { minShare: threshold });
t = performance.now();
let found = index.query(print, { minShare: threshold });
for (let i = 0; i < rounds; i++) found = index.query(print, { minShare: threshold });
const queryMs = (performance.now() - t) / rounds;
console.log(
  `check against ${index.size} earlier reports: ${queryMs.toFixed(2)} ms (${found.length} above the threshold; the copied one ${found.findIndex((m) => m.key === 42) + 1}. at ${found.find((m) => m.key === 42)?.share.toFixed(2)}, the first at ${found[0]?.share.toFixed(2)}; fingerprints + index built in ${buildS.toFixed(1)} s)`,
);
