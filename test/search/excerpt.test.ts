import { describe, expect, it } from "vitest";
import { findMarks, makeExcerpt, renderExcerpt, renderMarked } from "../../src/search/excerpt.js";

const html = {
  escape: (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"),
  wrap: (s: string) => `<b>${s}</b>`,
};

describe("showing an answer with the question's words in bold", () => {
  it("marks matched words in their original spelling, joining adjacent ones", () => {
    const text = "Bí thư chi bộ chủ trì; chi uỷ lo nội dung.";
    const marks = findMarks(text, ["bi", "thu", "uy"]);
    expect(marks.map((m) => text.slice(m.start, m.end))).toEqual(["Bí thư", "uỷ"]);
    expect(renderMarked(text, marks, html)).toBe("<b>Bí thư</b> chi bộ chủ trì; chi <b>uỷ</b> lo nội dung.");
  });

  it("accepts unfolded terms and does not mark function words", () => {
    const text = "Bản thu hoạch là căn cứ đánh giá.";
    expect(renderExcerpt(text, ["thu hoạch là"], html)).toBe("Bản <b>thu hoạch</b> là căn cứ đánh giá.");
  });

  it("escapes text through the caller's function", () => {
    expect(renderExcerpt("a < b & chi bộ", ["chi", "bo"], html)).toBe("a &lt; b &amp; <b>chi bộ</b>");
  });

  it("returns a short passage whole", () => {
    const ex = makeExcerpt("Chi bộ họp mỗi tháng.", ["hop"]);
    expect(ex).toMatchObject({ text: "Chi bộ họp mỗi tháng.", cutStart: false, cutEnd: false });
  });

  it("trims a long passage to ≤ 900 characters around the densest matches, at word boundaries", () => {
    const filler = "Nội dung bồi dưỡng được trình bày ở đây để làm dài văn bản. ".repeat(30);
    const core = "Đại hội chi bộ họp hai lần trong nhiệm kỳ năm năm, bầu bí thư và phó bí thư. ";
    const text = `${filler}${core}${filler}`;
    expect(text.length).toBeGreaterThan(3000);
    const ex = makeExcerpt(text, ["dai", "hoi", "nhiem", "ky"]);
    expect(ex.text.length).toBeLessThanOrEqual(900);
    expect(ex.cutStart && ex.cutEnd).toBe(true);
    expect(ex.text).toContain("Đại hội chi bộ họp hai lần trong nhiệm kỳ");
    expect(ex.text.startsWith("… ")).toBe(true);
    expect(ex.text.endsWith(" …")).toBe(true);
    // Cut between words: the excerpt body is made of whole words of the source.
    const body = ex.text.slice(2, -2);
    expect(text.includes(body)).toBe(true);
    const at = text.indexOf(body);
    expect(/[\p{L}\p{N}]/u.test(text[at - 1] ?? " ")).toBe(false);
    expect(/[\p{L}\p{N}]/u.test(text[at + body.length] ?? " ")).toBe(false);
    const marked = ex.marks.map((m) => ex.text.slice(m.start, m.end));
    expect(marked).toEqual(expect.arrayContaining(["Đại hội", "nhiệm kỳ"]));
  });

  it("honours a smaller budget", () => {
    const text = "chi bộ ".repeat(200);
    const ex = makeExcerpt(text, ["chi"], { maxChars: 100 });
    expect(ex.text.length).toBeLessThanOrEqual(100);
    expect(ex.marks.length).toBeGreaterThan(0);
    for (const m of ex.marks) expect(ex.text.slice(m.start, m.end)).toMatch(/^chi/);
  });
});
