import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkContent, type ExtraCheck, summarise } from "../../src/content/check.js";
import { ContentError, formatProblem, loadContent } from "../../src/content/load.js";
import { contentTranslator } from "../../src/content/messages.js";
import type { ContentProblem } from "../../src/content/types.js";

const en = contentTranslator("en");
const vi = contentTranslator("vi");

/** A problem as centre staff read it, in English (the assertions below) or Vietnamese. */
const rendered = (p: ContentProblem, t = en) => ({
  file: p.file,
  line: p.line,
  message: formatProblem(p, t).slice(`${p.file}:${p.line} `.length),
});

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "trogiang-content-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(rel: string, text: string): Promise<void> {
  const full = path.join(dir, rel);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, text, "utf8");
}

function md(frontMatter: string, body = "# Tiêu đề\n\nNội dung bài học về chi bộ.\n"): string {
  return `---\n${frontMatter}\n---\n${body}`;
}

async function problemsOf(promise: Promise<unknown>): Promise<ReturnType<typeof rendered>[]> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ContentError);
    return (err as ContentError).problems.map((p) => rendered(p));
  }
  throw new Error("expected a ContentError");
}

describe("loading a valid content folder", () => {
  it("reads every Markdown file recursively, in sorted order, with defaults filled in", async () => {
    await put("b/bai-2.md", md('id: bai-2\ntitle: "Bài 2"\nkind: lesson\nlesson: 2\nconfidence: medium'));
    await put("a.md", md("id: hoi-dap\ntitle: Hỏi đáp\nkind: faq\nkeywords: [học phí, lịch học]"));
    await put("b/a/thuat-ngu.md", md("id: thuat-ngu\ntitle: Thuật ngữ\nkind: glossary"));
    await put("notes.txt", "not material");
    await put("program-template.yaml", "days: 5\n");

    const bundle = await loadContent(dir);

    expect(bundle.docs.map((d) => d.file)).toEqual(["a.md", "b/a/thuat-ngu.md", "b/bai-2.md"]);
    const [faq, glossary, lesson] = bundle.docs;
    expect(faq).toMatchObject({ id: "hoi-dap", kind: "faq", keywords: ["học phí", "lịch học"], confidence: "high" });
    expect(faq?.lesson).toBeUndefined();
    expect(glossary?.keywords).toEqual([]);
    expect(lesson).toMatchObject({ id: "bai-2", lesson: 2, confidence: "medium", title: "Bài 2" });
    expect(lesson?.body).toBe("# Tiêu đề\n\nNội dung bài học về chi bộ.");
    expect(lesson?.bodyLine).toBe(8);
    expect(bundle.lexicon).toEqual({ abbreviations: {}, fillers: [] });
  });

  it("reads lexicon.yaml from the top of the folder", async () => {
    await put("a.md", md("id: a\ntitle: A\nkind: reading"));
    await put(
      "lexicon.yaml",
      "abbreviations:\n  bt: bí thư\n  cb: chi bộ\nfillers:\n  - cho em hỏi\n  - ạ\nsynonyms:\n  bà con: người dân\n  sách: [tài liệu]\n",
    );
    const bundle = await loadContent(dir);
    expect(bundle.lexicon).toEqual({
      abbreviations: { bt: "bí thư", cb: "chi bộ" },
      fillers: ["cho em hỏi", "ạ"],
      synonyms: { "bà con": ["người dân"], sách: ["tài liệu"] },
    });
  });

  it("gives the same result on every run", async () => {
    for (const n of [3, 1, 2]) await put(`x/${n}.md`, md(`id: doc-${n}\ntitle: T${n}\nkind: reading`));
    const first = await loadContent(dir);
    const second = await loadContent(dir);
    expect(second).toEqual(first);
    expect(first.docs.map((d) => d.id)).toEqual(["doc-1", "doc-2", "doc-3"]);
  });

  it("normalises decomposed (NFD) text to NFC", async () => {
    const nfd = (s: string) => s.normalize("NFD");
    await put(
      "a.md",
      nfd(md('id: a\ntitle: "Công tác tư tưởng"\nkind: reading\nkeywords: [dư luận]', "# Uỷ ban kiểm tra\n")),
    );
    await put("lexicon.yaml", nfd("abbreviations:\n  ubkt: uỷ ban kiểm tra\nfillers:\n  - ạ\n"));
    const bundle = await loadContent(dir);
    const doc = bundle.docs[0]!;
    expect(doc.title).toBe("Công tác tư tưởng".normalize("NFC"));
    expect(doc.body).toBe("# Uỷ ban kiểm tra".normalize("NFC"));
    expect(doc.body.normalize("NFC")).toBe(doc.body);
    expect(doc.keywords).toEqual(["dư luận".normalize("NFC")]);
    expect(bundle.lexicon.abbreviations.ubkt).toBe("uỷ ban kiểm tra".normalize("NFC"));
    expect(bundle.lexicon.fillers).toEqual(["ạ"]);
  });

  it("accepts Windows line endings and a byte-order mark", async () => {
    await put("a.md", `\uFEFF---\r\nid: a\r\ntitle: A\r\nkind: faq\r\n---\r\n## Câu hỏi?\r\nTrả lời.\r\n`);
    const bundle = await loadContent(dir);
    expect(bundle.docs[0]?.body).toBe("## Câu hỏi?\nTrả lời.");
  });
});

describe("reporting mistakes in the material", () => {
  it("points at the line of the offending front-matter key", async () => {
    await put(
      "a.md",
      md('id: Bai 3\ntitle: ""\nkind: lecture\nlesson: -1\nkeywords: tư tưởng\nconfidence: sure\nauthor: X'),
    );
    const problems = await problemsOf(loadContent(dir));
    const byLine = Object.fromEntries(problems.map((p) => [p.line, p.message]));
    expect(problems.every((p) => p.file === "a.md")).toBe(true);
    expect(byLine[2]).toMatch(/id "Bai 3".*lower-case/);
    expect(byLine[3]).toMatch(/title.*empty/);
    expect(byLine[4]).toMatch(/kind "lecture" is not known/);
    expect(byLine[5]).toMatch(/lesson -1 must be 1 or more/);
    expect(byLine[6]).toMatch(/keywords must be a list/);
    expect(byLine[7]).toMatch(/confidence "sure"/);
    expect(byLine[8]).toMatch(/unknown front-matter key "author"/);
  });

  it("reports missing required keys at the start of the front matter", async () => {
    await put("a.md", `\n\n${md("keywords: []")}`);
    const problems = await problemsOf(loadContent(dir));
    expect(problems.map((p) => p.line)).toEqual([3, 3, 3]);
    expect(problems.map((p) => p.message).join("\n")).toMatch(
      /"id" is missing[\s\S]*"title" is missing[\s\S]*"kind" is missing/,
    );
  });

  it("requires a lesson number for kind lesson and a whole number", async () => {
    await put("a.md", md("id: a\ntitle: A\nkind: lesson"));
    await put("b.md", md("id: b\ntitle: B\nkind: lesson\nlesson: 2.5"));
    const problems = await problemsOf(loadContent(dir));
    expect(problems).toEqual([
      { file: "a.md", line: 4, message: expect.stringMatching(/needs a lesson number/) },
      { file: "b.md", line: 5, message: expect.stringMatching(/whole number/) },
    ]);
  });

  it("reports a file with no front matter, an unclosed one and broken YAML", async () => {
    await put("none.md", "# Bài 1\n\nKhông có phần đầu.\n");
    await put("open.md", "---\nid: open\ntitle: Open\n");
    await put("yaml.md", md('id: y\ntitle: "Chưa đóng ngoặc\nkind: faq'));
    const problems = await problemsOf(loadContent(dir));
    expect(problems.find((p) => p.file === "none.md")).toMatchObject({ line: 1, message: /missing front matter/ });
    expect(problems.find((p) => p.file === "open.md")).toMatchObject({ line: 1, message: /never closed/ });
    const yamlProblem = problems.find((p) => p.file === "yaml.md");
    expect(yamlProblem?.message).toMatch(/not valid YAML/);
    expect(yamlProblem?.line).toBeGreaterThanOrEqual(3);
  });

  it("reports an empty body at the closing line of the front matter", async () => {
    await put("a.md", md("id: a\ntitle: A\nkind: faq", "\n   \n"));
    const problems = await problemsOf(loadContent(dir));
    expect(problems).toEqual([
      { file: "a.md", line: 5, message: expect.stringMatching(/no text after the front matter/) },
    ]);
  });

  it("reports a duplicate id at the second file", async () => {
    await put("a/first.md", md("id: bai-1\ntitle: A\nkind: reading"));
    await put("b/second.md", md("title: B\nkind: reading\nid: bai-1"));
    const problems = await problemsOf(loadContent(dir));
    expect(problems).toEqual([
      { file: "b/second.md", line: 4, message: expect.stringMatching(/"bai-1" is already used by a\/first\.md/) },
    ]);
  });

  it("reports lines that are not NFC when asked to be strict", async () => {
    await put("a.md", md("id: a\ntitle: A\nkind: faq", `## Câu hỏi\n\n${"Chi uỷ họp hằng tháng.".normalize("NFD")}\n`));
    const problems = await problemsOf(loadContent(dir, { requireNfc: true }));
    expect(problems).toEqual([{ file: "a.md", line: 8, message: expect.stringMatching(/not in Unicode NFC/) }]);
  });

  it("collects every problem from every file into one error message", async () => {
    await put("a.md", md("id: a\ntitle: A\nkind: lesson"));
    await put("b.md", "no front matter\n");
    await put("lexicon.yaml", "abbreviations:\n  bt: bí thư\n  cb: 3\nfillers: ạ\nextra: 1\n");
    const err = await loadContent(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContentError);
    const lines = (err as ContentError).message.split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^a\.md:4 /);
    expect(lines[1]).toMatch(/^b\.md:1 /);
    expect(lines.slice(2).every((l) => l.startsWith("lexicon.yaml:"))).toBe(true);
    const lexicon = (err as ContentError).problems.filter((p) => p.file === "lexicon.yaml");
    expect(lexicon.map((p) => p.line).sort()).toEqual([3, 4, 5]);
    expect(lexicon.map((p) => rendered(p).message)).toContain(
      "abbreviations.cb: each abbreviation needs its expansion as text, e.g. bt: bí thư",
    );
  });

  it("speaks Vietnamese to centre staff by default, English when asked, in NFC", async () => {
    await put("a.md", md("id: Bai 3\ntitle: A\nkind: lesson\nlesson: 2\nauthor: X"));
    const err = (await loadContent(dir).catch((e: unknown) => e)) as ContentError;
    expect(err).toBeInstanceOf(ContentError);
    expect(err.message.split("\n")).toEqual([
      'a.md:2 id "Bai 3" không hợp lệ — chỉ dùng chữ thường a-z (không dấu), chữ số và dấu gạch nối, ví dụ bai-3-cong-tac-tu-tuong',
      'a.md:6 khoá "author" không có trong phần đầu tệp — chỉ dùng id, title, kind, lesson, keywords, confidence (kiểm tra chính tả)',
    ]);
    expect(err.message).toBe(err.message.normalize("NFC"));
    expect(err.problems.map((p) => formatProblem(p, vi, "content"))).toEqual(
      err.message.split("\n").map((l) => path.join("content", l)),
    );
    expect(err.problems.map((p) => rendered(p, en).message)).toEqual([
      'id "Bai 3" is not a valid id — use only lower-case letters a-z (no diacritics), digits and hyphens, e.g. bai-3-cong-tac-tu-tuong',
      'unknown front-matter key "author" — allowed keys are id, title, kind, lesson, keywords, confidence (check the spelling)',
    ]);
  });
});

describe("content:check", () => {
  it("summarises a clean folder in one line", async () => {
    await put("a.md", md("id: a\ntitle: A\nkind: faq"));
    await put("b.md", md("id: b\ntitle: B\nkind: lesson\nlesson: 1"));
    await put("lexicon.yaml", "abbreviations:\n  ko: không\nfillers: [ạ, nhé]\n");
    const result = await checkContent(dir, []);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(summarise(result.bundle, en)).toBe(
      "content OK: 2 files (program 0, lesson 1, reading 0, faq 1, glossary 0); lexicon 1 abbreviations, 2 fillers, 0 synonyms",
    );
    expect(summarise(result.bundle, vi)).toBe(
      "tài liệu hợp lệ: 2 tệp (program 0, lesson 1, reading 0, faq 1, glossary 0); từ điển có 1 chữ viết tắt, 2 từ đệm, 0 từ đồng nghĩa",
    );
  });

  it("is strict about NFC and runs the extra checks", async () => {
    await put("a.md", md("id: a\ntitle: A\nkind: faq", "Đảng viên".normalize("NFD")));
    const extra: ExtraCheck = async () => [
      { file: "program-template.yaml", line: 2, code: "content-template", vars: { detail: "bad" } },
    ];
    const result = await checkContent(dir, [extra]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => rendered(p))).toEqual([
      { file: "a.md", line: 6, message: expect.stringMatching(/NFC/) },
      { file: "program-template.yaml", line: 2, message: "invalid program template: bad" },
    ]);
    expect(rendered(result.problems[1]!, vi).message).toBe("mẫu chương trình không hợp lệ: bad");
  });
});

describe("content:check and the program template", () => {
  it("reports a broken program-template.yaml with its file and line", async () => {
    await put("a.md", md("id: a\ntitle: A\nkind: faq"));
    await put("program-template.yaml", "days: [1, 2\n");
    const result = await checkContent(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.every((p) => p.file === "program-template.yaml" && p.line >= 1)).toBe(true);
  });

  it("reports schema problems in the template by the line of the offending key", async () => {
    await put("a.md", md("id: a\ntitle: A\nkind: faq"));
    await put("program-template.yaml", "# comment\nlessons: nothing\n");
    const result = await checkContent(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.some((p) => p.file === "program-template.yaml" && p.line === 2)).toBe(true);
  });
});

describe("the real content folder", () => {
  it("loads with no problem, strictly", async () => {
    const result = await checkContent(path.resolve("content"));
    if (!result.ok) throw new Error(result.problems.map((p) => formatProblem(p, en)).join("\n"));
    const kinds = new Set(result.bundle.docs.map((d) => d.kind));
    expect([...kinds].sort()).toEqual(["faq", "glossary", "lesson", "program", "reading"]);
    expect(Object.keys(result.bundle.lexicon.abbreviations).length).toBeGreaterThanOrEqual(60);
    expect(result.bundle.lexicon.fillers.length).toBeGreaterThanOrEqual(25);
  });
});
