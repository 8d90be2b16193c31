import { describe, expect, it } from "vitest";
import { Corrector } from "../../src/search/correct.js";
import { buildSearchIndex, createSearchIndex } from "../../src/search/index.js";
import { splitPassages } from "../../src/search/passages.js";
import { fixtureBundle, lessonDoc as lessonDocLike } from "./fixture.js";

const index = buildSearchIndex(fixtureBundle);
const top = (q: string) => {
  const r = index.search(q);
  return r.confident ? r.results[0]?.passage.headingPath.at(-1) : undefined;
};

describe("answering a learner's question from the material", () => {
  it("ranks the passage that answers the question first", () => {
    expect(top("Chi bộ sinh hoạt thường kỳ mấy lần?")).toBe("Sinh hoạt thường kỳ");
    expect(top("sinh hoạt chuyên đề bao lâu một lần")).toBe("Sinh hoạt chuyên đề");
    expect(top("học bao nhiêu ngày")).toBe("Thời gian học tập");
    expect(top("chi bộ dưới 9 đảng viên bầu gì")).toBe("Bầu bí thư");
  });

  it("finds the same passage without diacritics, with either tone placement, and in NFD", () => {
    const clean = top("Đối tượng bồi dưỡng là những ai?");
    expect(clean).toBe("Đối tượng");
    expect(top("doi tuong boi duong la nhung ai")).toBe(clean);
    expect(top("đối tượng bồi dưỡng cấp ủy viên")).toBe(clean);
    expect(top("đối tượng bồi dưỡng cấp uỷ viên".normalize("NFD"))).toBe(clean);
  });

  it("expands chat shorthand and drops fillers", () => {
    const r = index.search("cho em hỏi cb dưới 9 đảng viên thì bầu bt ntn ạ");
    expect(r.normalizedQuery).toContain("chi bo");
    expect(r.normalizedQuery).toContain("bi thu");
    expect(r.normalizedQuery).not.toContain("cho em hoi");
    expect(r.results[0]?.passage.headingPath.at(-1)).toBe("Bầu bí thư");
  });

  it("corrects typos against the vocabulary, using neighbours as context", () => {
    const r = index.search("sinh hoat chj bo chuyen dee");
    expect(r.normalizedQuery).toBe("sinh hoat chi bo chuyen de");
    expect(r.results[0]?.passage.headingPath.at(-1)).toBe("Sinh hoạt chuyên đề");
    expect(index.search("chungw nhaanj").normalizedQuery).toBe("chung nhan");
    expect(index.search("giay chungnhan").normalizedQuery).toBe("giay chung nhan");
    expect(top("bản thu hoahc đánh giá")).toBe("Đánh giá kết quả");
  });

  it("fixes swapped letters, which fuzzy matching alone scores poorly", () => {
    expect(index.search("sinh haot chi bo").normalizedQuery).toBe("sinh hoat chi bo");
  });

  it("takes a letter left out before a letter typed wrong («thág» is «tháng», not the commoner «thác»)", () => {
    const df = new Map([
      ["thac", 52],
      ["thang", 29],
      ["tham", 50],
    ]);
    const corrector = new Corrector({ df: (t) => df.get(t) ?? 0, pairDf: () => 0, terms: () => df.keys() });
    expect(corrector.correct("thag")[0]?.tokens).toEqual(["thang"]);
    expect(corrector.correct("thax")[0]?.tokens).toEqual(["thac"]);
  });

  it("answers «bài số mấy nói về X» with the opening of the lesson about X, which says its number", () => {
    const lesson = (n: number, title: string, opening: string, section: string) => ({
      ...lessonDocLike,
      id: `bai-${n}`,
      lesson: n,
      title: `Bài ${n}. ${title}`,
      file: `bai-${n}.md`,
      body: `${opening}\n\n## ${section}\n\nChi bộ làm công tác ${title.toLowerCase()} hằng tháng, giao việc cho từng đảng viên và kiểm điểm việc làm của công tác ${title.toLowerCase()} trong sinh hoạt.`,
    });
    const index = createSearchIndex(
      splitPassages(
        [
          lesson(
            3,
            "Công tác tư tưởng",
            `Bài 3 bàn về việc chi bộ làm công tác tư tưởng ở cơ sở.`,
            "Nắm tình hình tư tưởng",
          ),
          lesson(6, "Công tác dân vận", `Bài 6 bàn về việc chi bộ làm công tác dân vận ở cơ sở.`, "Vận động nhân dân"),
        ],
        { minWords: 3 },
      ),
    );
    const first = (q: string) => index.search(q).nearest[0]?.passage.id;
    expect(first("Bài nói về công tác tư tưởng là bài số mấy trong chương trình?")).toBe("bai-3#1");
    expect(first("công tác dân vận học ở bài nào")).toBe("bai-6#1");
  });

  it("does not invent corrections for foreign words or real words the material lacks", () => {
    expect(index.search("world cup").normalizedQuery).toBe("world cup");
    expect(index.search("thời tiết hôm nay").normalizedQuery).toContain("hom");
  });

  it("prefers FAQ entries whose question matches", () => {
    expect(top("tự diễn biến là gì")).toBe("Tự diễn biến, tự chuyển hoá là gì?");
    expect(top("hoc xong co duoc cap giay chung nhan khong")).toBe("Học xong có được cấp giấy chứng nhận không?");
  });

  it("explains its confidence", () => {
    const r = index.search("sinh hoạt chuyên đề mấy tháng một lần");
    expect(r.signals).toMatchObject({ specific: true });
    expect(r.signals!.confidence).toBeGreaterThanOrEqual(0.4);
    expect(r.signals!.pairsInCorpus).toBeGreaterThan(0.5);
    const oos = index.search("giảm cân nhanh");
    expect(oos.signals!.pairsInCorpus).toBe(0);
  });

  it("does not hold a passage to the asker's own words when they are typed with their marks", () => {
    // «tôi», «muốn», «nữa» say nothing of what is asked; unmarked «toi» may be «tối» and stays content.
    const marked = index.search("tôi muốn biết chi bộ sinh hoạt thường kỳ mấy lần nữa");
    const unmarked = index.search("toi muon biet chi bo sinh hoat thuong ky may lan nua");
    expect(marked.signals!.contentUnits).toBe(unmarked.signals!.contentUnits - 3);
    expect(marked.signals!.coverage).toBeGreaterThan(unmarked.signals!.coverage);
    expect(marked.results[0]?.passage.headingPath.at(-1)).toBe("Sinh hoạt thường kỳ");
    // «bị» is a function word, but half of «dự bị» when the material has that word.
    const probation = createSearchIndex(
      splitPassages([{ ...lessonDocLike, body: "## Dự bị\n\nĐảng viên dự bị không biểu quyết, không bầu cử." }], {
        minWords: 3,
      }),
    );
    const units = (q: string) => probation.search(q).signals!.contentUnits;
    expect(units("đảng viên dự bị biểu quyết được không")).toBe(units("dang vien du bi bieu quyet duoc khong"));
    expect(units("đảng viên bị kỷ luật biểu quyết được không")).toBe(
      units("dang vien bi ky luat bieu quyet duoc khong") - 1,
    );
  });

  it("reads «mã» (a code) and «thi» in a message typed with marks as what is asked, not as «mà», «thì»", () => {
    const units = (q: string) => index.search(q).signals!.contentUnits;
    expect(units("nhập mã điểm danh ở đâu")).toBe(units("nhap ma diem danh o dau") + 1);
    expect(units("quy định thi hành điều lệ là gì")).toBe(units("quy dinh thi hanh dieu le la gi") + 1);
    // «thì» with its mark is the function word.
    expect(units("sinh hoạt thì mấy lần")).toBe(units("sinh hoat thi may lan"));
  });

  it("pairs the words on either side of the asker's «mình»: «khoá mình học» says «khoá học»", () => {
    const marked = index.search("khoá mình học mấy ngày");
    expect(marked.confident).toBe(true);
    expect(marked.signals!.pairsInPassage).toBeGreaterThan(0);
    expect(marked.results[0]?.passage.headingPath.at(-1)).toBe("Thời gian học tập");
    // Unmarked, «minh» may be a name («Hồ Chí Minh»): no pair is made across it.
    expect(index.search("khoa minh hoc may ngay").signals!.pairsInPassage).toBe(0);
  });

  it("holds a long message only to the word pairs the material has, not to those of its story", () => {
    const r = index.search(
      "nhóm Zalo bàn tán nhiều lắm, chi bộ sinh hoạt chuyên đề mỗi quý mấy lần, chọn chủ đề theo cái gì",
    );
    const s = r.signals!;
    expect(r.results[0]?.passage.headingPath.at(-1)).toBe("Sinh hoạt chuyên đề");
    expect(s.pairs).toBeGreaterThanOrEqual(8);
    // Every pair the corpus has is in the passage: the story's unknown pairs cost only their share of the corpus.
    expect(s.pairsInPassage).toBe(s.pairsInCorpus);
    expect(s.confidence).toBeCloseTo(Math.max(s.coverage, s.headingCoverage) * (0.5 + 0.5 * s.pairsInCorpus), 6);
  });

  it("reports the matched content words of each result", () => {
    const hit = index.search("bản thu hoạch đánh giá").results[0]!;
    expect(hit.matchedTerms).toEqual(expect.arrayContaining(["ban", "thu", "hoach", "danh", "gia"]));
    expect(hit.score).toBeGreaterThan(0);
  });

  it("respects the limit", () => {
    expect(index.search("chi bộ sinh hoạt", { limit: 2 }).results.length).toBeLessThanOrEqual(2);
  });
});

describe("admitting the material has no answer", () => {
  it.each(["thời tiết hôm nay thế nào", "ai vô địch world cup", "giá vàng hôm nay", "lương bí thư chi bộ bao nhiêu"])(
    "refuses %s",
    (q) => {
      const r = index.search(q);
      expect(r.confident).toBe(false);
      expect(r.results).toEqual([]);
      expect(r.suggestions.length).toBeLessThanOrEqual(3);
    },
  );

  it("does not answer from generic words alone, but suggests nearby headings", () => {
    const r = index.search("chi bộ");
    expect(r.confident).toBe(false);
    expect(r.suggestions.length).toBeGreaterThan(0);
    expect(r.suggestions.length).toBeLessThanOrEqual(3);
    expect(r.suggestionIds).toHaveLength(r.suggestions.length);
    expect(index.get(r.suggestionIds[0]!)?.headingPath.join(" › ")).toContain(r.suggestions[0]!);
  });

  it("suggests nothing when nothing is near", () => {
    expect(index.search("xyz qwerty").suggestions).toEqual([]);
  });

  it("handles an emoji-only question", () => {
    const r = index.search("🙂🙂🙂");
    expect(r).toMatchObject({ results: [], confident: false, suggestions: [], suggestionIds: [], normalizedQuery: "" });
  });

  it("handles a 4,000-character question without throwing", () => {
    const long = "Xin hỏi về sinh hoạt chi bộ thường kỳ và bản thu hoạch, ".repeat(80).slice(0, 4000);
    expect(long.length).toBe(4000);
    const r = index.search(long);
    expect(r.normalizedQuery.split(" ").length).toBeLessThanOrEqual(64 * 3);
    expect(Array.isArray(r.results)).toBe(true);
  });

  it("works on an empty corpus", () => {
    const empty = createSearchIndex([], fixtureBundle.lexicon);
    expect(empty.search("chi bộ").confident).toBe(false);
  });
});

describe("a learner's everyday word for the material's", () => {
  const ps = splitPassages(fixtureBundle.docs);
  const q = "chi bộ đi họp chuyên đề mấy lần";

  it("answers once the lexicon says what the word is in the material", () => {
    expect(createSearchIndex(ps, fixtureBundle.lexicon).search(q).confident).toBe(false);
    const withSynonym = createSearchIndex(ps, { ...fixtureBundle.lexicon, synonyms: { "đi họp": ["sinh hoạt"] } });
    const r = withSynonym.search(q);
    expect(r.confident).toBe(true);
    expect(r.results[0]!.passage.headingPath.at(-1)).toBe("Sinh hoạt chuyên đề");
  });
});

describe("index bookkeeping", () => {
  it("looks passages up by id", () => {
    const p = splitPassages(fixtureBundle.docs)[0]!;
    expect(index.get(p.id)?.text).toBe(p.text);
    expect(index.get("nope")).toBeUndefined();
    expect(index.vocabularySize).toBeGreaterThan(50);
  });

  it("gives identical results for replicated passages, earliest first", () => {
    const ps = splitPassages(fixtureBundle.docs);
    const copies = [...ps, ...ps.map((p) => ({ ...p, id: `${p.id}~2` }))];
    const big = createSearchIndex(copies, fixtureBundle.lexicon);
    const r = big.search("sinh hoạt chuyên đề");
    expect(r.results[0]!.passage.id).toBe(ps.find((p) => p.headingPath.at(-1) === "Sinh hoạt chuyên đề")!.id);
    expect(r.results[1]!.passage.id).toBe(`${r.results[0]!.passage.id}~2`);
  });
});
