import { readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { loadContent } from "../../src/content/load.js";
import type { ContentBundle } from "../../src/content/types.js";

const CONTENT_DIR = path.resolve("content");
const QUESTIONS_FILE = path.resolve("test/eval/questions.jsonl");
/** Written blind, by someone who never saw the bot's answers; checked here for its labels only. */
const HOLDOUT_FILE = path.resolve("test/eval/holdout.jsonl");

/** At least this many questions per bucket (the in-scope buckets of learners' own words, and the two kinds to decline). */
const BUCKET_MINIMUMS = {
  clean: 45,
  nodiac: 35,
  typo: 20,
  abbrev: 20,
  oldtone: 12,
  nfd: 12,
  usage: 40,
  course: 40,
  chat: 30,
  preamble: 40,
  answertype: 40,
  nearoos: 40,
  oos: 20,
} as const;
/** Buckets whose questions must be declined: no expected phrase, no intent. */
const DECLINED: readonly string[] = ["oos", "nearoos"];
/** An expected intent (`intent:<id>`) rather than a phrase of the material. */
const INTENT = "intent:";
type Bucket = keyof typeof BUCKET_MINIMUMS;

interface LabelledQuestion {
  id: string;
  q: string;
  bucket: Bucket;
  split: "dev" | "test" | "holdout";
  expect: string[];
}

/** Lower case, no diacritics, đ→d, punctuation as single spaces: how the evaluation compares phrases. */
function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/đ/g, "d")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else out.push(full);
  }
  return out.sort();
}

let lines: string[];
let questions: LabelledQuestion[];
let holdoutLines: string[];
let holdout: LabelledQuestion[];
let bundle: ContentBundle;

async function readLines(file: string): Promise<string[]> {
  return (await readFile(file, "utf8")).split("\n").filter((l) => l.trim() !== "");
}

beforeAll(async () => {
  lines = await readLines(QUESTIONS_FILE);
  questions = lines.map((l) => JSON.parse(l) as LabelledQuestion);
  holdoutLines = await readLines(HOLDOUT_FILE);
  holdout = holdoutLines.map((l) => JSON.parse(l) as LabelledQuestion);
  bundle = await loadContent(CONTENT_DIR);
});

function expectWellFormed(line: string, where: string): Record<string, unknown> {
  const o = JSON.parse(line) as Record<string, unknown>;
  expect(Object.keys(o).sort(), where).toEqual(["bucket", "expect", "id", "q", "split"]);
  expect(typeof o.q === "string" && o.q.trim().length > 0, where).toBe(true);
  expect(Object.keys(BUCKET_MINIMUMS), where).toContain(o.bucket);
  expect(Array.isArray(o.expect) && o.expect.every((e) => typeof e === "string"), where).toBe(true);
  return o;
}

describe("the labelled evaluation questions", () => {
  it("has one well-formed JSON object per line", () => {
    expect(lines.length).toBeGreaterThanOrEqual(170);
    for (const [i, line] of lines.entries()) {
      const where = `line ${i + 1}`;
      const o = expectWellFormed(line, where);
      // q… the labelled set as first split; another letter for rows added later to tune on (dev only).
      expect(o.id, where).toMatch(/^[a-z]\d{3}$/);
      expect(o.id, where).not.toMatch(/^h/);
      if (!String(o.id).startsWith("q")) expect(o.split, where).toBe("dev");
      expect(["dev", "test"], where).toContain(o.split);
    }
  });

  it("uses each id once", () => {
    const ids = questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("meets the minimum number of questions in every bucket", () => {
    for (const [bucket, min] of Object.entries(BUCKET_MINIMUMS)) {
      expect(questions.filter((q) => q.bucket === bucket).length, bucket).toBeGreaterThanOrEqual(min);
    }
  });

  it("splits every bucket of the first labelled set about half dev, half test", () => {
    for (const bucket of Object.keys(BUCKET_MINIMUMS)) {
      const inBucket = questions.filter((q) => q.bucket === bucket && q.id.startsWith("q"));
      const dev = inBucket.filter((q) => q.split === "dev").length;
      expect(Math.abs(dev - (inBucket.length - dev)), bucket).toBeLessThanOrEqual(1);
    }
  });
});

describe("the blind holdout questions", () => {
  it("has one well-formed row per line, ids h001… and the holdout split", () => {
    expect(holdoutLines.length).toBeGreaterThanOrEqual(130);
    for (const [i, line] of holdoutLines.entries()) {
      const o = expectWellFormed(line, `holdout line ${i + 1}`);
      expect(o.id, `holdout line ${i + 1}`).toBe(`h${String(i + 1).padStart(3, "0")}`);
      expect(o.split, `holdout line ${i + 1}`).toBe("holdout");
    }
  });

  it("covers every bucket", () => {
    for (const bucket of Object.keys(BUCKET_MINIMUMS)) {
      expect(holdout.filter((q) => q.bucket === bucket).length, bucket).toBeGreaterThan(0);
    }
  });
});

describe.each([
  ["labelled", () => questions],
  ["holdout", () => holdout],
] as const)("the %s questions' labels", (_name, set) => {
  it("gives out-of-scope questions nothing to expect, and every other question phrases of 2–12 words or intents", () => {
    for (const q of set()) {
      if (DECLINED.includes(q.bucket)) {
        expect(q.expect, q.id).toEqual([]);
        continue;
      }
      expect(q.expect.length, q.id).toBeGreaterThan(0);
      for (const e of q.expect.filter((x) => !x.startsWith(INTENT))) {
        const words = fold(e).split(" ").length;
        expect(words >= 2 && words <= 12, `${q.id}: "${e}" has ${words} words`).toBe(true);
      }
    }
  });

  it("finds every expected phrase in the lesson material", () => {
    const material = bundle.docs.map((d) => fold(`${d.title}\n${d.body}`));
    const missing = set().flatMap((q) =>
      q.expect
        .filter((e) => !e.startsWith(INTENT) && !material.some((m) => m.includes(fold(e))))
        .map((e) => `${q.id}: "${e}"`),
    );
    expect(missing).toEqual([]);
  });

  it("expects only intents that the intent files define, in Vietnamese and in English", () => {
    for (const locale of ["vi", "en"]) {
      const defined = new Set(
        Object.keys(
          (parseYaml(readFileSync(`locales/${locale}/intents.yaml`, "utf8")) as { intents: Record<string, unknown> })
            .intents,
        ),
      );
      const unknown = set().flatMap((q) =>
        q.expect
          .filter((e) => e.startsWith(INTENT) && !defined.has(e.slice(INTENT.length)))
          .map((e) => `${q.id}: ${e}`),
      );
      expect(unknown, locale).toEqual([]);
    }
  });

  it("types no-diacritics questions without any diacritic", () => {
    for (const q of set().filter((x) => x.bucket === "nodiac")) {
      expect(q.q.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d"), q.id).toBe(q.q);
    }
  });

  it("writes old-tone questions with the tone placement the material does not use", () => {
    // The material writes uỷ, hoá, hoà, tuỳ, khoẻ …; these questions must use ủy, hóa, hòa, tùy, khỏe …
    const otherPlacement = /[ùúủũụ]y(?!\p{L})|[òóỏõọ][ae](?!\p{L})/u;
    for (const q of set().filter((x) => x.bucket === "oldtone")) {
      expect(otherPlacement.test(q.q.toLowerCase()), q.id).toBe(true);
    }
  });

  it("uses a shorthand from lexicon.yaml in every abbreviation question", () => {
    const shorthands = new Set(Object.keys(bundle.lexicon.abbreviations).map((k) => k.toLowerCase()));
    for (const q of set().filter((x) => x.bucket === "abbrev")) {
      const tokens = q.q.toLowerCase().split(/[\s,.?!]+/);
      expect(
        tokens.some((t) => shorthands.has(t)),
        q.id,
      ).toBe(true);
    }
  });

  it("stores decomposed-input questions in NFC, with diacritics to decompose", () => {
    for (const q of set().filter((x) => x.bucket === "nfd")) {
      expect(q.q.normalize("NFC"), q.id).toBe(q.q);
      expect(q.q.normalize("NFD"), q.id).not.toBe(q.q);
    }
  });
});

describe("the lesson material files", () => {
  it("are all in Unicode NFC, and so are the question files", async () => {
    const files = [...(await listFiles(CONTENT_DIR)), QUESTIONS_FILE, HOLDOUT_FILE];
    for (const file of files) {
      const text = await readFile(file, "utf8");
      expect(text === text.normalize("NFC"), path.relative(process.cwd(), file)).toBe(true);
    }
  });

  it("keep the uỷ/hoá tone placement, so that ủy/hóa queries exercise the search", () => {
    const newPlacement = /[ùúủũụ]y(?!\p{L})|[òóỏõọ][ae](?!\p{L})/u;
    const offending = bundle.docs.flatMap((d) =>
      `${d.title}\n${d.body}`
        .split("\n")
        .filter((l) => newPlacement.test(l.toLowerCase()))
        .map((l) => `${d.file}: ${l.slice(0, 60)}`),
    );
    expect(offending).toEqual([]);
  });

  it("cover every kind, all six lessons and at least 45 FAQ questions and 25 glossary terms", () => {
    const kinds = new Set(bundle.docs.map((d) => d.kind));
    expect([...kinds].sort()).toEqual(["faq", "glossary", "lesson", "program", "reading"]);
    const lessons = bundle.docs.filter((d) => d.kind === "lesson").map((d) => d.lesson);
    expect(lessons.sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const entries = (kind: string) =>
      bundle.docs.filter((d) => d.kind === kind).flatMap((d) => d.body.split("\n").filter((l) => l.startsWith("## ")));
    expect(entries("faq").length).toBeGreaterThanOrEqual(45);
    expect(entries("glossary").length).toBeGreaterThanOrEqual(25);
    expect(Object.keys(bundle.lexicon.abbreviations).length).toBeGreaterThanOrEqual(60);
    expect(bundle.lexicon.fillers.length).toBeGreaterThanOrEqual(25);
  });

  it("list no meaningful question words as fillers", () => {
    const meaningful = ["bao nhiêu", "ai", "khi nào", "ở đâu", "mấy", "không", "bao giờ", "tại sao", "vì sao"];
    for (const word of meaningful) expect(bundle.lexicon.fillers, word).not.toContain(word);
  });
});
