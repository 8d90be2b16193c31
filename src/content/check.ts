/**
 * `npm run content:check` — validates `content/` the way the bot will load it, but strictly (non-NFC text is an
 * error here), and prints every problem as `path:line message` so centre staff can fix them all in one go.
 *
 * Exit code 0 and a one-line summary when everything is fine; exit code 1 and one line per problem otherwise
 * (exit code 2 for a `--lang` other than vi or en). The directory comes from `CONTENT_DIR` (default `content`).
 * Messages are in Vietnamese, in English with `--lang en` (or `CONTENT_LANG=en`).
 */
import { access, readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ProgramTemplateError, parseProgramTemplate } from "../domain/template.js";
import type { Translate } from "../i18n.js";
import { CONTENT_KINDS, ContentError, formatProblem, loadContent } from "./load.js";
import { contentTranslator, isToolLocale, toolLocale } from "./messages.js";
import type { ContentBundle, ContentProblem } from "./types.js";

/**
 * A check run after the Markdown and the lexicon load cleanly, for files that other modules own.
 * It returns problems with `file` relative to the content directory; an empty list means all is well.
 * Other modules extend `content:check` by pushing onto `extraChecks`.
 */
export type ExtraCheck = (dir: string) => Promise<ContentProblem[]>;

const PROGRAM_TEMPLATE_FILE = "program-template.yaml";

/**
 * Validates `program-template.yaml` (owned by `src/domain/template.ts`) when the file exists.
 * `parseProgramTemplate` throws a `ProgramTemplateError` listing every problem with its YAML line.
 */
const checkProgramTemplate: ExtraCheck = async (dir) => {
  const file = PROGRAM_TEMPLATE_FILE;
  const full = path.join(dir, file);
  if (!(await exists(full))) return [];
  const text = await readFile(full, "utf8");
  try {
    parseProgramTemplate(text);
    return [];
  } catch (err) {
    if (err instanceof ProgramTemplateError) {
      // The template module words its own problems; they are shown as its detail.
      return err.problems.map((p) => ({
        file,
        line: p.line ?? 1,
        code: "content-template",
        vars: { detail: p.path.startsWith("line ") ? p.message : `${p.path}: ${p.message}` },
      }));
    }
    throw err;
  }
};

/** Checks run after the main load; see `ExtraCheck`. */
const extraChecks: ExtraCheck[] = [checkProgramTemplate];

type CheckResult = { ok: true; bundle: ContentBundle } | { ok: false; problems: ContentProblem[] };

/** Loads `dir` strictly and runs `extraChecks`; never throws for content mistakes. */
export async function checkContent(dir: string, checks: readonly ExtraCheck[] = extraChecks): Promise<CheckResult> {
  const problems: ContentProblem[] = [];
  let bundle: ContentBundle | undefined;
  try {
    bundle = await loadContent(dir, { requireNfc: true });
  } catch (err) {
    if (!(err instanceof ContentError)) throw err;
    problems.push(...err.problems);
  }
  for (const check of checks) {
    problems.push(...(await check(dir)));
  }
  if (problems.length > 0 || !bundle) return { ok: false, problems };
  return { ok: true, bundle };
}

/** One line: how many files of each kind, and the lexicon sizes. */
export function summarise(bundle: ContentBundle, t: Translate): string {
  const counts = CONTENT_KINDS.map((kind) => `${kind} ${bundle.docs.filter((d) => d.kind === kind).length}`);
  const { abbreviations, fillers, synonyms } = bundle.lexicon;
  return t("content-ok", {
    files: bundle.docs.length,
    counts: counts.join(", "),
    abbreviations: Object.keys(abbreviations).length,
    fillers: fillers.length,
    synonyms: Object.keys(synonyms ?? {}).length,
  });
}

async function main(): Promise<void> {
  const lang = toolLocale(process.argv.slice(2));
  if (!isToolLocale(lang)) {
    console.error(contentTranslator("vi")("content-check-bad-lang", { lang }));
    process.exitCode = 2;
    return;
  }
  const t = contentTranslator(lang);
  const dir = process.env.CONTENT_DIR?.trim() || "content";
  if (!(await exists(dir))) {
    console.error(t("content-dir-missing", { dir }));
    process.exitCode = 1;
    return;
  }
  const result = await checkContent(dir);
  if (result.ok) {
    console.log(summarise(result.bundle, t));
    return;
  }
  for (const p of result.problems) {
    console.error(formatProblem(p, t, dir));
  }
  process.exitCode = 1;
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  await main();
}
