import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SIMILARITY_THRESHOLD } from "../../src/documents/report-check.js";
import { fingerprint, quotedShare, SimilarityIndex, sharedPassages, shingles } from "../../src/documents/similarity.js";
import { buildPairs, materialParagraphs, type PairKind } from "../helpers/similarity-corpus.js";

const material = materialParagraphs(path.resolve(import.meta.dirname, "../../content"));
const materialSet = shingles(material.join("\n\n"));

describe("the similarity check of reports", () => {
  it("flags copies and light edits, not unrelated reports or reports quoting the same material", () => {
    const pairs = buildPairs(5, 40, material);
    const index = new SimilarityIndex<number>();
    for (const [i, p] of pairs.entries()) index.add(i, fingerprint(p.b, materialSet));
    const rate = new Map<PairKind, { flagged: number; n: number }>();
    pairs.forEach((p, i) => {
      const found = index
        .query(fingerprint(p.a, materialSet))
        .some((m) => m.key === i && m.share >= DEFAULT_SIMILARITY_THRESHOLD);
      const r = rate.get(p.kind) ?? { flagged: 0, n: 0 };
      r.n++;
      if (found) r.flagged++;
      rate.set(p.kind, r);
    });
    const share = (k: PairKind) => rate.get(k)!.flagged / rate.get(k)!.n;
    expect(share("copied")).toBeGreaterThanOrEqual(0.95);
    expect(share("lightly-edited")).toBeGreaterThanOrEqual(0.95);
    expect(share("unrelated")).toBeLessThanOrEqual(0.05);
    expect(share("quoting-material")).toBeLessThanOrEqual(0.05);
  });

  it("sets quotes of the material apart and shows the shared sentences side by side", () => {
    const quote = material[3]!;
    const own =
      "Ở chi bộ thôn Đông, chúng tôi tổ chức đối thoại với nhân dân mỗi quý một lần. Nhờ vậy không còn đơn thư vượt cấp, nhân dân đồng tình ủng hộ chủ trương của xã.";
    const mine = `${quote}\n\n${own}`;
    const print = fingerprint(mine, materialSet);
    expect(quotedShare(print)).toBeGreaterThan(0.5);
    const theirs = `Mở đầu bản thu hoạch của tôi. ${own.replace("thôn Đông", "thôn Đoài")}`;
    const shared = sharedPassages(mine, theirs, { material: materialSet });
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.every((s) => !quote.includes(s.mine))).toBe(true);
    expect(shared[0]!.theirs).toContain("thôn Đoài");
  });

  it("matches a report typed without diacritics", () => {
    const text =
      "Qua học tập bài 3, tôi nhận thức rõ hơn tầm quan trọng của công tác kiểm tra, giám sát ở chi bộ xã Vân Nội. Thực tế cho thấy nội dung sinh hoạt còn đơn điệu, một số đảng viên ngại phát biểu.";
    const bare = text
      .normalize("NFD")
      .replace(/\p{M}+/gu, "")
      .replace(/đ/g, "d");
    const index = new SimilarityIndex<string>();
    index.add("a", fingerprint(text));
    expect(index.query(fingerprint(bare))[0]?.share).toBeGreaterThan(0.9);
  });
});
