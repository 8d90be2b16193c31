import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { editDistance, foldText, foldTokens, isSyllable, tokenizeSpans, untelex } from "../../src/search/fold.js";
import { analyzeQuery, compileLexicon } from "../../src/search/query.js";

/** The first reading of each unit of the question, units split by « | ». */
const readings = (q: string, lexicon: ReturnType<typeof compileLexicon>, isKnown?: (t: string) => boolean) =>
  analyzeQuery(q, lexicon, { isKnown })
    .map((u) => u.readings[0]!.tokens.join(" "))
    .join(" | ");

describe("folding Vietnamese text", () => {
  it("strips tones and vowel marks, lower-cases, maps đ to d", () => {
    expect(foldText("Đảng bộ cơ sở")).toBe("dang bo co so");
    expect(foldText("BÍ THƯ CHI BỘ")).toBe("bi thu chi bo");
    expect(foldText("đ Đ")).toBe("d d");
  });

  it("makes old and new tone placement equal", () => {
    expect(foldText("cấp uỷ")).toBe(foldText("cấp ủy"));
    expect(foldText("hoà")).toBe(foldText("hòa"));
    expect(foldText("thuý")).toBe(foldText("thúy"));
  });

  it("treats decomposed (NFD) input like composed (NFC)", () => {
    const nfc = "Sinh hoạt chi bộ thường kỳ";
    const nfd = nfc.normalize("NFD");
    expect(nfd).not.toBe(nfc);
    expect(foldTokens(nfd)).toEqual(foldTokens(nfc));
  });

  it("turns punctuation and symbols into token boundaries", () => {
    expect(foldTokens("Quy định 29-QĐ/TW (25/7/2016), …")).toEqual([
      "quy",
      "dinh",
      "29",
      "qd",
      "tw",
      "25",
      "7",
      "2016",
    ]);
    expect(foldTokens("“tự diễn biến”, «tự chuyển hoá»!")).toEqual(["tu", "dien", "bien", "tu", "chuyen", "hoa"]);
    expect(foldTokens("🙂👍 ???")).toEqual([]);
  });

  it("keeps original positions for highlighting, in NFC and NFD alike", () => {
    const text = "Bí thư, chi bộ.";
    const spans = tokenizeSpans(text);
    expect(spans.map((s) => s.term)).toEqual(foldTokens(text));
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(["Bí", "thư", "chi", "bộ"]);
    const nfd = text.normalize("NFD");
    const nfdSpans = tokenizeSpans(nfd);
    expect(nfdSpans.map((s) => s.term)).toEqual(foldTokens(text));
    expect(nfd.slice(nfdSpans[1]!.start, nfdSpans[1]!.end).normalize("NFC")).toBe("thư");
  });

  it("undoes raw Telex typed without an input method", () => {
    expect(untelex("dduowcj")).toBe("duoc");
    expect(untelex("thuys")).toBe("thuy");
    expect(untelex("chuwngs")).toBe("chung");
    expect(untelex("sinh")).toBe("sinh");
  });

  it("tells a possible Vietnamese syllable from a typo", () => {
    for (const w of ["nguoi", "truong", "chuyen", "giay", "nghia", "hom", "mai", "oanh", "khuyu", "dang", "a"]) {
      expect(isSyllable(w), w).toBe(true);
    }
    for (const w of ["hco", "haot", "chj", "dee", "vna", "quna", "hoahc", "ntn", "world"]) {
      expect(isSyllable(w), w).toBe(false);
    }
  });

  it("measures edit distance with transpositions", () => {
    expect(editDistance("hoach", "hoahc")).toBe(1);
    expect(editDistance("chi", "chj")).toBe(1);
    expect(editDistance("thu", "thu")).toBe(0);
    expect(editDistance("", "abc")).toBe(3);
  });
});

describe("normalising a learner's question", () => {
  const lexicon = compileLexicon({
    abbreviations: {
      bt: "bí thư",
      ko: "không",
      dc: "được",
      đc: "được",
      BCH: "ban chấp hành",
      "t.t": "thời sự",
      j: "gì",
    },
    fillers: ["cho em hỏi", "là gì", "ạ", "thế nào"],
  });
  const words = (q: string, isKnown?: (t: string) => boolean) => readings(q, lexicon, isKnown);

  it("expands shorthand into several words, matching whole tokens only", () => {
    expect(words("bt chi bo")).toBe("bi thu | chi | bo");
    expect(words("BCH đảng bộ")).toBe("ban chap hanh | dang | bo");
    expect(words("ko dc")).toBe("khong | duoc");
    expect(words("đc")).toBe("duoc");
    expect(words("btx")).toBe("btx");
  });

  it("matches multi-token shorthand keys after folding", () => {
    expect(words("tin t.t")).toBe("tin | thoi su");
  });

  it("keeps a shorthand's own reading when the corpus uses it as a word", () => {
    const units = analyzeQuery("bt", lexicon, { isKnown: (t) => t === "bt" });
    expect(units[0]!.readings.map((r) => r.tokens.join(" "))).toEqual(["bi thu", "bt"]);
  });

  it("removes multi-word fillers, also after expansion, and marks the gap", () => {
    const units = analyzeQuery("Cho em hỏi sinh hoạt chi bộ là j ạ", lexicon);
    expect(units.map((u) => u.readings[0]!.tokens.join(" "))).toEqual(["sinh", "hoat", "chi", "bo"]);
    const gap = analyzeQuery("bí thư thế nào chi bộ", lexicon);
    expect(gap.map((u) => u.gapBefore)).toEqual([false, false, true, false]);
  });

  it("keeps the words of a question made only of fillers", () => {
    expect(words("là gì ạ")).toBe("la | gi | a");
  });

  it("reads small numbers both as digits and as words", () => {
    const [unit] = analyzeQuery("1", lexicon);
    expect(unit!.readings.map((r) => r.tokens[0])).toEqual(["1", "mot"]);
    const [nine] = analyzeQuery("chín", lexicon);
    expect(nine!.readings.map((r) => r.tokens[0])).toEqual(["chin", "9"]);
  });

  it("returns nothing for an empty or emoji-only question", () => {
    expect(analyzeQuery("", lexicon)).toEqual([]);
    expect(analyzeQuery("🙂🙂🙂", lexicon)).toEqual([]);
  });

  it("caps how much of a very long question is read", () => {
    expect(analyzeQuery("chi bộ ".repeat(700), lexicon).length).toBe(64);
  });
});

describe("the content lexicon", () => {
  // Its shorthand and fillers as written; synonyms are a list only once the loader has read them.
  const { abbreviations, fillers } = parseYaml(readFileSync(path.resolve("content", "lexicon.yaml"), "utf8")) as {
    abbreviations: Record<string, string>;
    fillers: string[];
  };
  const lexicon = compileLexicon({ abbreviations, fillers });
  const words = (q: string) => readings(q, lexicon);

  it("expands the shorthand cadres type on phones, in upper case and without «đ»", () => {
    expect(words("SHCB mấy h")).toBe("sinh hoat chi bo | may | gio");
    expect(words("DVDB co dc bieu quyet ko")).toBe("dang vien du bi | co | duoc | bieu | quyet | khong");
    expect(words("hhd dc tang khi nao")).toBe("huy hieu dang | duoc | tang | khi | nao");
    expect(words("QCUT la ai")).toBe("quan chung uu tu | la | ai");
    expect(words("dgxl dv co bn muc")).toBe("danh gia xep loai | dang vien | co | bao nhieu | muc");
    expect(words("ubnd va mttq")).toBe("uy ban nhan dan | va | mat tran to quoc");
  });

  it("reads shorthand glued to its number as the shorthand and the number", () => {
    expect(words("qd29 con hieu luc ko")).toBe("quy dinh | 29 | con | hieu | luc | khong");
    expect(words("NQ04")).toBe("nghi quyet | 04");
  });
});
