/**
 * The comparison of our intent matcher with nlp.js (README, "Intents: our own matcher instead of nlp.js"): both in
 * the bot's own pipeline (understanding, search, the same routing) over the eval questions. nlp.js is not a
 * dependency; install it anywhere and point at it:
 *
 *   npm install --prefix /tmp/nlu node-nlp@4.27.0
 *   NODE_NLP_DIR=/tmp/nlu npx tsx test/eval/nlu.ts      # NLU_MIN=0.8 for another score threshold
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { loadIntents } from "../../src/content/intents.js";
import { loadContent } from "../../src/content/load.js";
import { buildSearchIndex } from "../../src/search/index.js";
import { IntentMatcher, intentKind, routeOf, searchReading } from "../../src/search/understand.js";
import { DECLINE_BUCKETS, parseQuestions } from "./evaluate.js";

interface NlpManager {
  addDocument(lang: string, text: string, intent: string): void;
  train(): Promise<void>;
  process(lang: string, text: string): Promise<{ intent?: string; score: number }>;
}

const dir = process.env.NODE_NLP_DIR;
if (!dir) {
  console.error("set NODE_NLP_DIR to a directory where node-nlp is installed (see the top of this file)");
  process.exit(2);
}
const { NlpManager } = createRequire(path.join(path.resolve(dir), "package.json"))("node-nlp") as {
  NlpManager: new (o: object) => NlpManager;
};
const minScore = Number(process.env.NLU_MIN ?? 0.6);
const bundle = await loadContent("content");
const index = buildSearchIndex(bundle);
const { intents, words, setting } = await loadIntents("locales");
const ours = new IntentMatcher(intents, bundle.lexicon, { material: index, words, setting });
const nlp = new NlpManager({ languages: ["vi"], forceNER: false, nlu: { log: false } });
for (const i of intents) for (const ex of i.examples) nlp.addDocument("vi", ex, i.id);
await nlp.train();
const questions = parseQuestions(await readFile("test/eval/questions.jsonl", "utf8"));

for (const split of ["dev", "test"] as const) {
  for (const system of ["ours", "nlp.js"] as const) {
    let right = 0;
    let asked = 0;
    let taken = 0;
    let program = 0;
    for (const q of questions.filter((x) => x.split === split)) {
      const u = ours.understand(q.q);
      let intent = u.intent;
      if (system === "nlp.js") {
        const r = await nlp.process("vi", u.question);
        const kind = r.intent ? intentKind(r.intent) : undefined;
        intent = r.intent && kind && r.score >= minScore ? { id: r.intent, kind, score: r.score } : undefined;
      }
      const { res: s, wide } = searchReading(u, (q) => index.search(q));
      const route = routeOf(
        { ...u, ...(intent ? { intent } : { intent: undefined }) },
        { confident: s.confident, confidence: s.signals?.confidence ?? 0, wide },
      );
      const got = route.kind === "intent" ? route.intent.id : undefined;
      const wanted = q.expect.find((e) => e.startsWith("intent:"))?.slice("intent:".length);
      if (wanted) {
        asked++;
        if (got === wanted) right++;
      } else if (!DECLINE_BUCKETS.includes(q.bucket)) {
        program++;
        if (got) taken++;
      }
    }
    console.log(
      `${split} ${system}: intent questions right ${(right / asked).toFixed(2)} (${right}/${asked}), ` +
        `program questions taken as an intent ${(taken / program).toFixed(2)} (${taken}/${program})`,
    );
  }
}
