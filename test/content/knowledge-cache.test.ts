/**
 * Q&A answers are remembered per question, for the current material only: the same question gets the same answer
 * as a fresh search, and an FAQ entry added afterwards is found at once (the rebuilt index starts a new cache).
 */
import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/content/knowledge.js";
import type { ContentDoc } from "../../src/content/types.js";

describe("a question asked again", () => {
  it("gets the answer a fresh search gives, and a new FAQ entry is found right after it is added", async () => {
    const extra: ContentDoc[] = [];
    const knowledge = await loadKnowledge({ dir: "content", extraDocs: async () => extra });
    const question = "nhiem vu cua chi bo la gi";
    const first = knowledge.search(question, { limit: 5 });
    expect(knowledge.search(question, { limit: 5 })).toEqual(knowledge.index.search(question, { limit: 5 }));
    expect(knowledge.search(question, { limit: 5 })).toBe(first);
    expect(knowledge.search(question, { limit: 1 }).results.length).toBeLessThanOrEqual(1);

    const faqQuestion = "Lớp học có phát áo đồng phục xanh lam không?";
    const before = knowledge.search(faqQuestion, { limit: 5 });
    expect(before.results.some((h) => h.passage.text.includes("đồng phục xanh lam"))).toBe(false);
    const doc = knowledge.docs.find((d) => d.kind === "faq") ?? knowledge.docs[0];
    if (!doc) throw new Error("no material");
    extra.push({
      ...doc,
      id: "faq-dong-phuc",
      title: "Đồng phục xanh lam",
      keywords: ["đồng phục"],
      file: "faq-dong-phuc.md",
      bodyLine: 1,
      body: "## Lớp học có phát áo đồng phục xanh lam không?\n\nCó, mỗi học viên nhận một áo đồng phục xanh lam.\n",
    });
    await knowledge.refreshExtra();
    const after = knowledge.search(faqQuestion, { limit: 5 });
    expect(after).not.toBe(before);
    expect(after).toEqual(knowledge.index.search(faqQuestion, { limit: 5 }));
    expect(after.results.some((h) => h.passage.text.includes("đồng phục xanh lam"))).toBe(true);
  });
});
