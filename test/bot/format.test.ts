import { describe, expect, it } from "vitest";
import { escapeHtml, packBlocks, quoteAndBody, shorten, splitText } from "../../src/bot/format.js";

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const clusters = (s: string) => [...segmenter.segment(s)].map((g) => g.segment);
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** A family (ZWJ sequence), a flag, a thumb with a skin tone, an «e» with a combining acute. */
const EMOJI = ["👨‍👩‍👧", "🇻🇳", "👍🏽", "e\u0301"];

describe("the one splitter", () => {
  it("never cuts inside a grapheme cluster, wherever the limit falls", () => {
    for (let offset = 0; offset < 40; offset++) {
      const text = "a".repeat(offset + 60) + EMOJI.join("").repeat(12);
      const pieces = splitText(text, 100);
      expect(pieces.join("")).toBe(text);
      for (const p of pieces) {
        expect(p.length).toBeLessThanOrEqual(100);
        expect(loneSurrogate.test(p)).toBe(false);
      }
      // Cut only between clusters: the pieces' clusters are the text's own.
      expect(pieces.flatMap(clusters)).toEqual(clusters(text));
    }
  });

  it("never cuts inside an entity or a tag", () => {
    const text = `${"x".repeat(95)}${escapeHtml("&<>")}<b>y</b>`;
    for (const p of splitText(text, 100)) {
      expect(p).not.toMatch(/&[a-z]*$/);
      expect(p).not.toMatch(/<[^>]*$/);
    }
    expect(splitText(text, 100).join("")).toBe(text);
  });

  it("a tag open at a cut is closed in its piece and opened again in the next", () => {
    const text = `<b>Câu hỏi</b>\n<blockquote>${"một câu rất dài ".repeat(30)}</blockquote>\nHết.`;
    const pieces = splitText(text, 120);
    expect(pieces.length).toBeGreaterThan(2);
    for (const p of pieces) {
      const opened = (p.match(/<blockquote>/g) ?? []).length;
      expect((p.match(/<\/blockquote>/g) ?? []).length).toBe(opened);
      expect((p.match(/<b>/g) ?? []).length).toBe((p.match(/<\/b>/g) ?? []).length);
    }
    expect(pieces[1]?.startsWith("<blockquote>")).toBe(true);
    expect(
      pieces
        .join(" ")
        .replace(/<\/?blockquote>/g, "")
        .replace(/\s+/g, " "),
    ).toBe(text.replace(/<\/?blockquote>/g, "").replace(/\s+/g, " "));
  });

  it("shortens a quote at a safe place with «…»", () => {
    expect(shorten("ngắn", 10)).toBe("ngắn");
    const cut = shorten(`${"a".repeat(8)}👨‍👩‍👧 cuối`, 12);
    expect(cut.endsWith("…")).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(12);
    expect(loneSurrogate.test(cut)).toBe(false);
  });

  it("quote and answer: the quote is shortened first, the answer arrives whole and in order", () => {
    const render = (q: string, a: string) => `<b>Trả lời</b>\n<blockquote>${q}</blockquote>\n${a}`;
    const quote = "hỏi ".repeat(400).trim();
    const answer = Array.from({ length: 900 }, (_, i) => `đáp${i}`).join(" ");
    const pieces = quoteAndBody(render, quote, answer, 4096);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(4096);
    const first = pieces[0] ?? "";
    expect(first).toContain("…</blockquote>");
    expect(first.endsWith("</blockquote>\n")).toBe(false);
    const body = [first.slice(first.indexOf("</blockquote>\n") + 14), ...pieces.slice(1)].join(" ");
    expect(body).toBe(answer);
    // Short enough as it is: one message, the quote untouched.
    expect(quoteAndBody(render, "ngắn", "gọn")).toEqual([render("ngắn", "gọn")]);
  });

  it("packs blocks into as few messages as fit", () => {
    const blocks = Array.from({ length: 60 }, (_, i) => `• Học viên số ${i} — ${"đơn vị ".repeat(10)}`);
    const packed = packBlocks(blocks, { separator: "\n" });
    expect(packed.length).toBeGreaterThan(1);
    expect(packed.join("\n")).toBe(blocks.join("\n"));
  });
});
