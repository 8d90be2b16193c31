/**
 * The intent files a centre edits (`locales/<lang>/intents.yaml`): every language's examples and word classes are
 * merged, and a malformed file is refused with its name.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadIntents } from "../../src/content/intents.js";
import { IntentMatcher } from "../../src/search/understand.js";

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function locales(files: Record<string, string>): Promise<string> {
  dir = await mkdtemp(path.join(tmpdir(), "intents-"));
  for (const [lang, text] of Object.entries(files)) {
    await mkdir(path.join(dir, lang));
    await writeFile(path.join(dir, lang, "intents.yaml"), text);
  }
  return dir;
}

describe("loading the intents", () => {
  it("merges each intent's examples and each word class across languages", async () => {
    const d = await locales({
      vi: "words:\n  day: [mai, thứ năm]\nintents:\n  course.next:\n    - mai học ở đâu\n",
      en: "words:\n  day: [tomorrow]\nintents:\n  course.next:\n    - where is class tomorrow\n",
    });
    const data = await loadIntents(d);
    expect(data.intents).toEqual([{ id: "course.next", examples: ["where is class tomorrow", "mai học ở đâu"] }]);
    expect(data.words.day).toEqual(["tomorrow", "mai", "thứ năm"]);
    // A phrase of the class stands for the others: «thứ năm» meets the example written with «mai».
    const m = new IntentMatcher(data.intents, undefined, { words: data.words });
    expect(m.match("thứ năm học ở đâu")?.id).toBe("course.next");
  });

  it("refuses a file with an intent of an unknown kind or a bad class name, naming the file", async () => {
    const bad = await locales({ vi: "intents:\n  misc.x:\n    - chào\n" });
    await expect(loadIntents(bad)).rejects.toThrow(/vi[/\\]intents\.yaml: intents\.misc\.x: intent ids start with/);
    await rm(bad, { recursive: true, force: true });
    const badWords = await locales({ vi: "words:\n  Ngày: [mai]\nintents:\n  chat.hello:\n    - chào\n" });
    await expect(loadIntents(badWords)).rejects.toThrow(/words\.Ngày: word class names are lowercase letters/);
  });
});

describe("the shipped intents and their strings", () => {
  it("every request and small talk has its reply, and every request its short name, in Vietnamese and English", async () => {
    const { intents } = await loadIntents("locales");
    for (const lang of ["vi", "en"]) {
      const ids = new Set<string>();
      for (const file of await readdir(path.join("locales", lang))) {
        if (!file.endsWith(".ftl")) continue;
        for (const m of (await readFile(path.join("locales", lang, file), "utf8")).matchAll(/^([a-z][\w-]*) =/gm))
          ids.add(m[1]!);
      }
      for (const { id } of intents) {
        const key = id.replace(/\./g, "-");
        const kind = id.slice(0, id.indexOf("."));
        if (kind === "usage" || kind === "chat") expect(ids, `${lang}: intent-${key}`).toContain(`intent-${key}`);
        if (kind === "usage" || kind === "course")
          expect(ids, `${lang}: intent-label-${key}`).toContain(`intent-label-${key}`);
      }
    }
  });
});
