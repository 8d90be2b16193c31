/**
 * Loads the lesson material from `content/`: Markdown files with YAML front matter, plus `lexicon.yaml`.
 *
 * The loader never stops at the first mistake. Centre staff edit these files by hand, so every problem is collected
 * and reported together as `file:line message`, saying what to change; the message is a Fluent key and its
 * variables (`locales/<lang>/content.ftl`), rendered in Vietnamese unless the reader asks for English. Only when the whole
 * directory is clean does `loadContent` return a bundle.
 *
 * Files are read in sorted path order so that the same directory always gives the same bundle (search indexes and
 * tests depend on that). Files other than `*.md` and the top-level `lexicon.yaml` are ignored here; other loaders
 * (e.g. the program template) validate their own files.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import type { Translate } from "../i18n.js";
import { contentTranslator } from "./messages.js";
import type { ContentBundle, ContentDoc, ContentKind, ContentProblem, Lexicon } from "./types.js";

export const CONTENT_KINDS = [
  "program",
  "lesson",
  "reading",
  "faq",
  "glossary",
] as const satisfies readonly ContentKind[];
const CONFIDENCE_LEVELS = ["high", "medium", "low"] as const;
const LEXICON_FILE = "lexicon.yaml";

interface LoadOptions {
  /**
   * Report lines that are not in Unicode NFC as problems instead of silently normalising them.
   * The bot itself loads leniently (a file saved on a Mac may arrive decomposed and should still work);
   * `npm run content:check` is strict so that the files in the repository stay NFC.
   */
  requireNfc?: boolean;
}

/**
 * Thrown by `loadContent` with every problem found; `message` has one `file:line message` line per problem, in
 * Vietnamese (the centre's language); render `problems` with `formatProblem` for another language.
 */
export class ContentError extends Error {
  readonly problems: ContentProblem[];

  constructor(problems: ContentProblem[]) {
    const t = contentTranslator("vi");
    super(problems.map((p) => formatProblem(p, t)).join("\n"));
    this.name = "ContentError";
    this.problems = problems;
  }
}

/** `file:line message`; with `dir`, the file is given from there (as `content:check` and start-up print it). */
export function formatProblem(p: ContentProblem, t: Translate, dir?: string): string {
  return `${dir ? path.join(dir, p.file) : p.file}:${p.line} ${p.at ? `${p.at}: ` : ""}${t(p.code, p.vars)}`;
}

// The schemas' error messages are Fluent keys; the variables come from the parsed data (see `problemOfIssue`).
const KEY_PREFIX = "content-";

const SLUG = /^[a-z0-9-]+$/;
const ALLOWED_KEYS = ["id", "title", "kind", "lesson", "keywords", "confidence"] as const;

const frontMatterSchema = z.strictObject({
  id: z.string({ error: "content-id-missing" }).regex(SLUG, { error: "content-id-invalid" }),
  title: z.string({ error: "content-title-missing" }).trim().min(1, { error: "content-title-empty" }),
  kind: z.enum(CONTENT_KINDS, {
    error: (issue) => (issue.input === undefined ? "content-kind-missing" : "content-kind-unknown"),
  }),
  lesson: z
    .number({ error: "content-lesson-not-whole" })
    .int({ error: "content-lesson-not-whole" })
    .positive({ error: "content-lesson-not-positive" })
    .optional(),
  keywords: z
    .array(z.string({ error: "content-keyword-not-text" }), { error: "content-keywords-not-list" })
    .default([]),
  confidence: z.enum(CONFIDENCE_LEVELS, { error: "content-confidence-unknown" }).default("high"),
});

const lexiconSchema = z.strictObject({
  abbreviations: z
    .record(
      z.string(),
      z.string({ error: "content-abbreviation-not-text" }).trim().min(1, { error: "content-abbreviation-empty" }),
      { error: "content-abbreviations-not-pairs" },
    )
    .default({}),
  fillers: z
    .array(z.string({ error: "content-filler-not-text" }).trim().min(1, { error: "content-filler-empty" }), {
      error: "content-fillers-not-list",
    })
    .default([]),
  synonyms: z
    .record(
      z.string(),
      z
        .union([
          z.string({ error: "content-synonym-not-text" }).trim().min(1, { error: "content-synonym-empty" }),
          z
            .array(z.string({ error: "content-synonym-not-text" }).trim().min(1, { error: "content-synonym-empty" }), {
              error: "content-synonym-not-text",
            })
            .min(1, { error: "content-synonym-empty" }),
        ])
        .transform((v) => (typeof v === "string" ? [v] : v)),
      { error: "content-synonyms-not-pairs" },
    )
    .default({}),
});

/** The Fluent key and variables for a schema issue; zod's own wording (a case the schema does not name) is kept. */
function problemOfIssue(message: string, value: unknown): Pick<ContentProblem, "code" | "vars"> {
  if (!message.startsWith(KEY_PREFIX)) return { code: "content-invalid", vars: { detail: message } };
  return {
    code: message,
    vars: {
      value: value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value),
      kinds: CONTENT_KINDS.join(", "),
      levels: CONFIDENCE_LEVELS.join(", "),
    },
  };
}

/** Reads and validates every Markdown file under `dir` and `dir/lexicon.yaml`. Throws `ContentError`. */
export async function loadContent(dir: string, options: LoadOptions = {}): Promise<ContentBundle> {
  const problems: ContentProblem[] = [];
  const files = await listMarkdownFiles(dir);
  const docs: ContentDoc[] = [];
  const idLines = new Map<string, { file: string }>();

  for (const file of files) {
    const text = await readFile(path.join(dir, file), "utf8");
    const parsed = parseMarkdownFile(file, text, options, problems);
    if (!parsed) continue;
    const first = idLines.get(parsed.doc.id);
    if (first) {
      problems.push({
        file,
        line: parsed.idLine,
        code: "content-id-duplicate",
        vars: { value: parsed.doc.id, other: first.file },
      });
      continue;
    }
    idLines.set(parsed.doc.id, { file });
    docs.push(parsed.doc);
  }

  const lexicon = await loadLexicon(dir, options, problems);

  if (problems.length > 0) {
    throw new ContentError(sortProblems(problems, files));
  }
  return { docs, lexicon };
}

/** Relative POSIX paths of every `*.md` file under `dir`, sorted; hidden files and folders are skipped. */
async function listMarkdownFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(rel: string): Promise<void> {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const childRel = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        await walk(childRel);
      } else if (entry.isFile() && entry.name.toLowerCase().endsWith(".md")) {
        out.push(childRel);
      }
    }
  }
  await walk("");
  return out.sort(comparePaths);
}

function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortProblems(problems: ContentProblem[], mdFiles: string[]): ContentProblem[] {
  const order = new Map(mdFiles.map((f, i) => [f, i]));
  const rank = (f: string) => order.get(f) ?? mdFiles.length;
  return [...problems].sort((a, b) => rank(a.file) - rank(b.file) || a.line - b.line);
}

interface ParsedFile {
  doc: ContentDoc;
  idLine: number;
}

/**
 * Parses one Markdown file. Pushes problems and returns undefined when the file cannot be used.
 * Exported for tests and for tools that check a single file.
 */
function parseMarkdownFile(
  file: string,
  rawText: string,
  options: LoadOptions,
  problems: ContentProblem[],
): ParsedFile | undefined {
  const before = problems.length;
  const lines = splitLines(rawText);
  if (options.requireNfc) reportNonNfcLines(file, lines, problems);
  const nfcLines = lines.map((l) => l.normalize("NFC"));

  // Skip blank lines before the opening fence; a file that starts with text has no front matter.
  let open = 0;
  while (open < nfcLines.length && nfcLines[open]!.trim() === "") open++;
  if (open >= nfcLines.length || !isFence(nfcLines[open]!)) {
    problems.push({
      file,
      line: Math.min(open + 1, Math.max(nfcLines.length, 1)),
      code: "content-no-front-matter",
    });
    return undefined;
  }
  let close = open + 1;
  while (close < nfcLines.length && !isFence(nfcLines[close]!)) close++;
  if (close >= nfcLines.length) {
    problems.push({
      file,
      line: open + 1,
      code: "content-front-matter-unclosed",
    });
    return undefined;
  }

  const fmStartLine = open + 1; // 1-based line of the opening ---
  const fmText = nfcLines.slice(open + 1, close).join("\n");
  const lineCounter = new LineCounter();
  const yamlDoc = parseDocument(fmText, { lineCounter, prettyErrors: false });
  const fileLineOf = (offset: number) => fmStartLine + lineCounter.linePos(offset).line;

  if (yamlDoc.errors.length > 0) {
    for (const err of yamlDoc.errors) {
      problems.push({
        file,
        line: fileLineOf(err.pos[0]),
        code: "content-front-matter-yaml",
        vars: { detail: firstLine(err.message) },
      });
    }
    return undefined;
  }

  const data: unknown = yamlDoc.toJS();
  if (data === null || data === undefined || typeof data !== "object" || Array.isArray(data)) {
    problems.push({
      file,
      line: fmStartLine,
      code: "content-front-matter-empty",
    });
    return undefined;
  }

  const keyLines = new Map<string, number>();
  if (isMap(yamlDoc.contents)) {
    for (const item of yamlDoc.contents.items) {
      if (isScalar(item.key) && item.key.range) {
        keyLines.set(String(item.key.value), fileLineOf(item.key.range[0]));
      }
    }
  }
  const lineOfKey = (key: PropertyKey | undefined) =>
    (key !== undefined ? keyLines.get(String(key)) : undefined) ?? fmStartLine;

  const result = frontMatterSchema.safeParse(data);
  // Checked by hand rather than in the schema so it is reported together with any other mistake in the file.
  const record = data as Record<string, unknown>;
  if (record.kind === "lesson" && record.lesson === undefined) {
    problems.push({
      file,
      line: lineOfKey("kind"),
      code: "content-lesson-number-missing",
    });
  }
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          problems.push({
            file,
            line: lineOfKey(key),
            code: "content-unknown-key",
            vars: { key, allowed: ALLOWED_KEYS.join(", ") },
          });
        }
        continue;
      }
      const key = issue.path[0];
      const missing = key !== undefined && !keyLines.has(String(key));
      const value = key !== undefined ? record[String(key)] : undefined;
      problems.push({ file, line: missing ? fmStartLine : lineOfKey(key), ...problemOfIssue(issue.message, value) });
    }
  }

  const bodyLines = nfcLines.slice(close + 1);
  if (bodyLines.every((l) => l.trim() === "")) {
    problems.push({
      file,
      line: close + 1,
      code: "content-no-body",
    });
  }

  if (!result.success || problems.length > before) return undefined;

  const fm = result.data;
  const doc: ContentDoc = {
    id: fm.id,
    title: fm.title.normalize("NFC"),
    kind: fm.kind,
    keywords: fm.keywords.map((k) => k.normalize("NFC").trim()).filter((k) => k !== ""),
    confidence: fm.confidence,
    file,
    body: bodyLines.join("\n").trimEnd(),
    bodyLine: close + 2,
  };
  if (fm.lesson !== undefined) doc.lesson = fm.lesson;
  return { doc, idLine: lineOfKey("id") };
}

async function loadLexicon(dir: string, options: LoadOptions, problems: ContentProblem[]): Promise<Lexicon> {
  let raw: string;
  try {
    raw = await readFile(path.join(dir, LEXICON_FILE), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { abbreviations: {}, fillers: [] };
    throw err;
  }
  return parseLexicon(raw, options, problems) ?? { abbreviations: {}, fillers: [] };
}

/** Parses the text of `lexicon.yaml`; pushes problems (file `lexicon.yaml`) and returns undefined when unusable. */
function parseLexicon(raw: string, options: LoadOptions, problems: ContentProblem[]): Lexicon | undefined {
  const file = LEXICON_FILE;
  const lines = splitLines(raw);
  if (options.requireNfc) reportNonNfcLines(file, lines, problems);
  const text = lines.join("\n").normalize("NFC");
  const lineCounter = new LineCounter();
  const yamlDoc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;

  if (yamlDoc.errors.length > 0) {
    for (const err of yamlDoc.errors) {
      problems.push({
        file,
        line: lineOf(err.pos[0]),
        code: "content-lexicon-yaml",
        vars: { detail: firstLine(err.message) },
      });
    }
    return undefined;
  }

  const data: unknown = yamlDoc.toJS() ?? {};
  const result = lexiconSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const node = issue.path.length > 0 ? yamlDoc.getIn(issue.path, true) : undefined;
      const range =
        node && typeof node === "object" && "range" in node ? (node.range as number[] | undefined) : undefined;
      const topKey = issue.path[0];
      const line = range?.[0] !== undefined ? lineOf(range[0]) : topKeyLine(yamlDoc, topKey, lineOf);
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          problems.push({
            file,
            line: topKeyLine(yamlDoc, key, lineOf),
            code: "content-lexicon-unknown-section",
            vars: { key },
          });
        }
        continue;
      }
      const at = issue.path.length > 0 ? { at: issue.path.map(String).join(".") } : {};
      problems.push({ file, line, ...at, ...problemOfIssue(issue.message, undefined) });
    }
    return undefined;
  }

  const abbreviations: Record<string, string> = {};
  for (const [short, expansion] of Object.entries(result.data.abbreviations)) {
    abbreviations[short.normalize("NFC").trim()] = expansion.normalize("NFC");
  }
  const synonyms: Record<string, string[]> = {};
  for (const [word, means] of Object.entries(result.data.synonyms)) {
    synonyms[word.normalize("NFC").trim()] = means.map((m) => m.normalize("NFC"));
  }
  return { abbreviations, fillers: result.data.fillers.map((f) => f.normalize("NFC")), synonyms };
}

function topKeyLine(
  yamlDoc: ReturnType<typeof parseDocument>,
  key: PropertyKey | undefined,
  lineOf: (offset: number) => number,
): number {
  if (key !== undefined && isMap(yamlDoc.contents)) {
    for (const item of yamlDoc.contents.items) {
      if (isScalar(item.key) && String(item.key.value) === String(key) && item.key.range) {
        return lineOf(item.key.range[0]);
      }
    }
  }
  return 1;
}

function reportNonNfcLines(file: string, lines: string[], problems: ContentProblem[]): void {
  lines.forEach((line, i) => {
    if (line !== line.normalize("NFC")) {
      problems.push({
        file,
        line: i + 1,
        code: "content-not-nfc",
      });
    }
  });
}

function splitLines(text: string): string[] {
  const noBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return noBom.split(/\r\n|\r|\n/);
}

function isFence(line: string): boolean {
  return line.trimEnd() === "---";
}

function firstLine(s: string): string {
  return s.split("\n")[0]!.trim();
}
