/**
 * Loads the intents (`locales/<lang>/intents.yaml`, beside the Fluent strings): every language's examples for an
 * intent are matched together, so a learner who writes English in a Vietnamese chat is still understood; so are the
 * word classes (`words:`), merged by class name.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { type IntentExamples, intentKind, type WordClasses } from "../search/understand.js";

const IntentFile = z.object({
  intents: z.record(
    z.string().refine((id) => intentKind(id) !== undefined, "intent ids start with usage., course., chat. or decline."),
    z.array(z.string().min(1)).min(1),
  ),
  words: z
    .record(z.string().regex(/^[a-z]+$/, "word class names are lowercase letters"), z.array(z.string().min(1)).min(1))
    .optional(),
  setting: z.array(z.string().min(1)).optional(),
});

export interface IntentData {
  intents: IntentExamples[];
  words: WordClasses;
  /** The course's own words, which a near-course question uses as its setting (see `UnderstandOptions.setting`). */
  setting: string[];
}

/** An issue as a centre can act on it: where in the file, and what is wrong (a bad key says why, not only "invalid"). */
function describe(issue: z.core.$ZodIssue): string {
  const inner = issue.code === "invalid_key" ? issue.issues.map((i) => i.message).join(", ") : issue.message;
  return issue.path.length > 0 ? `${issue.path.join(".")}: ${inner}` : inner;
}

/** All languages' intents, merged by id. Throws with the file name when a file is malformed. */
export async function loadIntents(localesDir: string): Promise<IntentData> {
  const merged = new Map<string, string[]>();
  const words: Record<string, string[]> = {};
  const setting: string[] = [];
  const langs = (await readdir(localesDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  for (const lang of langs.sort()) {
    const file = path.join(localesDir, lang, "intents.yaml");
    const text = await readFile(file, "utf8").catch(() => undefined);
    if (text === undefined) continue;
    const parsed = IntentFile.safeParse(parse(text));
    if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map(describe).join("; ")}`);
    for (const [id, examples] of Object.entries(parsed.data.intents)) {
      merged.set(id, [...(merged.get(id) ?? []), ...examples.map((e) => e.normalize("NFC"))]);
    }
    for (const [name, phrases] of Object.entries(parsed.data.words ?? {})) {
      words[name] = [...(words[name] ?? []), ...phrases.map((p) => p.normalize("NFC"))];
    }
    for (const phrase of parsed.data.setting ?? []) setting.push(phrase.normalize("NFC"));
  }
  return { intents: [...merged].map(([id, examples]) => ({ id, examples })), words, setting };
}
