import { describe, expect, it } from "vitest";
import type { ContentDoc } from "../../src/content/types.js";
import { foldTokens } from "../../src/search/fold.js";
import { formatHeadingPath, splitDocument, splitPassages, stripInline } from "../../src/search/passages.js";
import { faqDoc, fixtureBundle, lessonDoc, programDoc } from "./fixture.js";

const doc = (body: string, over: Partial<ContentDoc> = {}): ContentDoc => ({
  id: "d",
  title: "Tài liệu",
  kind: "lesson",
  keywords: [],
  confidence: "high",
  file: "d.md",
  bodyLine: 5,
  body,
  ...over,
});
const words = (n: number, w = "từ") => Array.from({ length: n }, () => w).join(" ");

describe("cutting lesson material into passages", () => {
  it("gives each passage a stable id, heading path, file and line", () => {
    const ps = splitDocument(lessonDoc);
    expect(ps.map((p) => p.id)).toEqual(ps.map((_, i) => `bai-2#${i + 1}`));
    const regular = ps.find((p) => p.text.includes("mỗi tháng một lần"))!;
    expect(regular.headingPath).toEqual([lessonDoc.title, "Sinh hoạt chi bộ", "Sinh hoạt thường kỳ"]);
    expect(formatHeadingPath(regular)).toBe(`${lessonDoc.title} › Sinh hoạt chi bộ › Sinh hoạt thường kỳ`);
    expect(regular.file).toBe("bai-2.md");
    expect(regular.line).toBe(lessonDoc.bodyLine);
    expect(regular.kind).toBe("lesson");
    expect(regular.lesson).toBe(2);
    const vote = ps.find((p) => p.headingPath.at(-1) === "Bầu bí thư")!;
    expect(vote.line).toBe(lessonDoc.bodyLine + lessonDoc.body.split("\n").indexOf("## Bầu bí thư"));
  });

  it("merges a parent's short intro into its first subsection", () => {
    const ps = splitDocument(lessonDoc);
    expect(ps[0]!.text.startsWith("Phần này nói về sinh hoạt.")).toBe(true);
    expect(ps[0]!.headingPath.at(-1)).toBe("Sinh hoạt thường kỳ");
  });

  it("does not repeat a top heading equal to the document title", () => {
    for (const p of splitDocument(programDoc))
      expect(p.headingPath.filter((h) => h === programDoc.title)).toHaveLength(1);
  });

  it("keeps passages between 40 and 150 syllables where the text allows", () => {
    const body = [
      "## A",
      words(10),
      "## B",
      words(60),
      "## C",
      words(20),
      "### C1",
      words(70),
      "## D",
      `${words(100)}\n\n${words(100)}\n\n${words(100)}`,
      "## E",
      words(15),
    ].join("\n\n");
    const ps = splitDocument(doc(body));
    for (const p of ps) {
      expect(p.words).toBeGreaterThanOrEqual(40);
      expect(p.words).toBeLessThanOrEqual(190);
    }
    // D is split at its paragraphs, each piece citing D; the short E (with its heading) joins the last.
    expect(ps.filter((p) => p.headingPath.at(-1) === "D").map((p) => p.words)).toEqual([100, 100, 116]);
  });

  it("splits a very long paragraph at lines, then sentences, then words", () => {
    const ps = splitDocument(doc(`## Dài\n\n${words(400)}`));
    expect(ps.length).toBeGreaterThanOrEqual(3);
    for (const p of ps) expect(p.words).toBeLessThanOrEqual(150);
    expect(ps.reduce((n, p) => n + p.words, 0)).toBe(400);
  });

  it("keeps short FAQ answers as separate passages, one per question", () => {
    const ps = splitDocument(faqDoc);
    expect(ps.map((p) => p.headingPath.at(-1))).toEqual([
      "Học xong có được cấp giấy chứng nhận không?",
      "Tự diễn biến, tự chuyển hoá là gì?",
    ]);
  });

  it("keeps the heading of a merged section inside the text, so it stays searchable", () => {
    const ps = splitDocument(doc(`## Một\n\n${words(50)}\n\n## Hai\n\n${words(5, "ngắn")}`));
    expect(ps).toHaveLength(1);
    expect(ps[0]!.text).toContain("Hai");
    expect(ps[0]!.headingPath.at(-1)).toBe("Một");
  });

  it("removes Markdown markup but keeps the words", () => {
    expect(stripInline("**Bản thu hoạch** là _căn cứ_ [xem](http://x) `mã`")).toBe("Bản thu hoạch là căn cứ xem mã");
    const ps = splitDocument(
      doc(`## T\n\n- **một** ý\n- hai ý\n\n| Cột | Giá trị |\n|---|---|\n| a | b |\n\n> trích dẫn ${words(40)}`),
    );
    expect(ps[0]!.text).toContain("• một ý");
    expect(ps[0]!.text).toContain("Cột | Giá trị");
    expect(ps[0]!.text).not.toContain("---");
    expect(ps[0]!.text).not.toContain("**");
  });

  it("ignores headings inside code fences", () => {
    const ps = splitDocument(doc(`## Thật\n\n\`\`\`\n# không phải tiêu đề\n\`\`\`\n\n${words(50)}`));
    expect(ps.every((p) => p.headingPath.at(-1) === "Thật")).toBe(true);
  });

  it("covers every word of the material", () => {
    const ps = splitPassages(fixtureBundle.docs);
    const all = new Set(ps.flatMap((p) => foldTokens(`${p.headingPath.join(" ")} ${p.text}`)));
    for (const d of fixtureBundle.docs) for (const t of foldTokens(d.body)) expect(all.has(t)).toBe(true);
  });
});
