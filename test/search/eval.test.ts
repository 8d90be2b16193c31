/**
 * The question-answering targets on the held-out test split, as a regression guard: the same evaluation as
 * `npm run eval:qa` (test/eval/evaluate.ts), with the content in `content/` and `test/eval/questions.jsonl`.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { checkTargets, type Evaluation, evaluateSplit, prepareEvaluation, type SplitReport } from "../eval/evaluate.js";

let ev: Evaluation;
let report: SplitReport;

beforeAll(async () => {
  ev = await prepareEvaluation();
  report = evaluateSplit(ev, "test");
}, 60_000);

describe("answering the evaluation questions (test split)", () => {
  it("has questions in every bucket", () => {
    const buckets = new Set(ev.questions.filter((q) => q.split === "test").map((q) => q.bucket));
    expect([...buckets].sort()).toEqual(["abbrev", "clean", "nfd", "nodiac", "oldtone", "oos", "typo"]);
  });

  it.each(["hit@1", "nodiac vs clean", "oos refused", "false refusals", "vs MiniSearch"])(
    "meets the %s target",
    (name) => {
      const check = checkTargets(report).find((c) => c.name === name);
      expect(check, name).toBeDefined();
      expect(check!.ok, `${name}: ${check!.detail}`).toBe(true);
    },
  );
});
