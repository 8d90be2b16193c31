/**
 * Loads the lesson material from `content/`: Markdown files with YAML front matter, plus `lexicon.yaml`.
 *
 * The loader never stops at the first mistake. Centre staff edit these files by hand, so every problem is collected
 * and reported together as `file:line message`, in plain English, saying what to change. Only when the whole
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

/** Thrown by `loadContent` with every problem found; `message` has one `file:line message` line per problem. */
export class ContentError extends Error {
  readonly problems: ContentProblem[];

  constructor(problems: ContentProblem[]) {
    super(problems.map((p) => formatProblem(p)).join("\n"));
    this.name = "ContentError";
    this.problems = problems;
  }
}

/** `file:line message`; with `dir`, the file is given from there (as `content:check` and start-up print it). */
export function formatProblem(p: ContentProblem, dir?: string): string {
  return `${dir ? path.join(dir, p.file) : p.file}:${p.line} ${p.message}`;
}

const SLUG = /^[a-z0-9-]+$/;
const ALLOWED_KEYS = ["id", "title", "kind", "lesson", "keywords", "confidence"] as const;

const frontMatterSchema = z.strictObject({
  id: z.string({ error: 'the "id" is missing — add a line like id: bai-3-cong-tac-tu-tuong' }).regex(SLUG, {
    error: (issue) =>
      `id "${String(issue.input)}" is not a valid id — use only lower-case letters a-z (no diacritics), digits and hyphens, e.g. bai-3-cong-tac-tu-tuong`,
  }),
  title: z
    .string({ error: 'the "title" is missing — add a line like title: "Bài 3. Công tác tư tưởng"' })
    .trim()
    .min(1, { error: 'the "title" is empty — write the title shown to learners' }),
  kind: z.enum(CONTENT_KINDS, {
    error: (issue) =>
      issue.input === undefined
        ? `the "kind" is missing — add kind: followed by one of ${CONTENT_KINDS.join(", ")}`
        : `kind "${String(issue.input)}" is not known — use one of ${CONTENT_KINDS.join(", ")}`,
  }),
  lesson: z
    .number({ error: (issue) => `lesson "${String(issue.input)}" must be a whole number such as 3` })
    .int({ error: (issue) => `lesson "${String(issue.input)}" must be a whole number such as 3` })
    .positive({ error: (issue) => `lesson ${String(issue.input)} must be 1 or more` })
    .optional(),
  keywords: z
    .array(z.string({ error: "each keyword must be text" }), {
      error: "keywords must be a list in square brackets, e.g. keywords: [tư tưởng, dư luận xã hội]",
    })
    .default([]),
  confidence: z
    .enum(CONFIDENCE_LEVELS, {
      error: (issue) => `confidence "${String(issue.input)}" is not known — use one of ${CONFIDENCE_LEVELS.join(", ")}`,
    })
    .default("high"),
});

const lexiconSchema = z.strictObject({
  abbreviations: z
    .record(
      z.string(),
      z
        .string({ error: "each abbreviation needs its expansion as text, e.g. bt: bí thư" })
        .trim()
        .min(1, { error: "the expansion is empty — write the full words, e.g. bt: bí thư" }),
      { error: "abbreviations must be a list of short: expansion pairs, e.g. bt: bí thư" },
    )
    .default({}),
  fillers: z
    .array(
      z
        .string({ error: "each filler must be text, e.g. - cho em hỏi" })
        .trim()
        .min(1, { error: "a filler is empty — remove the empty line" }),
      { error: "fillers must be a list, one per line starting with '- '" },
    )
    .default([]),
});

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
        message: `id "${parsed.doc.id}" is already used by ${first.file} — give each file its own id`,
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
      message:
        "missing front matter — the file must start with a line ---, then id, title and kind, then another line ---",
    });
    return undefined;
  }
  let close = open + 1;
  while (close < nfcLines.length && !isFence(nfcLines[close]!)) close++;
  if (close >= nfcLines.length) {
    problems.push({
      file,
      line: open + 1,
      message: "the front matter is never closed — add a line --- after the last front-matter line",
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
        message: `the front matter is not valid YAML (${firstLine(err.message)}) — check quotes, colons and brackets`,
      });
    }
    return undefined;
  }

  const data: unknown = yamlDoc.toJS();
  if (data === null || data === undefined || typeof data !== "object" || Array.isArray(data)) {
    problems.push({
      file,
      line: fmStartLine,
      message: "the front matter is empty or not a list of key: value lines — add id, title and kind",
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
      message: "a file with kind: lesson needs a lesson number — add a line like lesson: 3",
    });
  }
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          problems.push({
            file,
            line: lineOfKey(key),
            message: `unknown front-matter key "${key}" — allowed keys are ${ALLOWED_KEYS.join(", ")} (check the spelling)`,
          });
        }
        continue;
      }
      const key = issue.path[0];
      const missing = key !== undefined && !keyLines.has(String(key));
      problems.push({ file, line: missing ? fmStartLine : lineOfKey(key), message: issue.message });
    }
  }

  const bodyLines = nfcLines.slice(close + 1);
  if (bodyLines.every((l) => l.trim() === "")) {
    problems.push({
      file,
      line: close + 1,
      message: "the file has no text after the front matter — write the material below the closing ---",
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
        message: `the file is not valid YAML (${firstLine(err.message)}) — check colons, dashes and indentation`,
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
            message: `unknown section "${key}" — the lexicon has only abbreviations: and fillers:`,
          });
        }
        continue;
      }
      const where = issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ` : "";
      problems.push({ file, line, message: `${where}${issue.message}` });
    }
    return undefined;
  }

  const abbreviations: Record<string, string> = {};
  for (const [short, expansion] of Object.entries(result.data.abbreviations)) {
    abbreviations[short.normalize("NFC").trim()] = expansion.normalize("NFC");
  }
  return { abbreviations, fillers: result.data.fillers.map((f) => f.normalize("NFC")) };
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
        message:
          "this line is not in Unicode NFC (letters and tone marks are stored separately) — re-save the file as UTF-8 NFC or retype the line",
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
