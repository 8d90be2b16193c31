/**
 * Baselines the search is measured against, on the very same passages.
 *
 * MiniSearch is set up as sensibly for Vietnamese as it allows: the same folding as its tokenizer (so NFD, tone
 * placement and missing diacritics all match), the question pre-normalised with the same lexicon (shorthand
 * expanded, fillers dropped), fuzzy 0.2, prefix search, headings boosted ×2. It refuses when its top score is below
 * a threshold tuned on the dev split.
 *
 * Plain Fuse token search (over every passage) is only used by the benchmark, to show why Fuse is not run over the
 * corpus.
 */
import Fuse from "fuse.js";
import MiniSearch from "minisearch";
import type { Lexicon } from "../../src/content/types.js";
import { foldTokens } from "../../src/search/fold.js";
import type { Passage } from "../../src/search/passages.js";
import { analyzeQuery, compileLexicon } from "../../src/search/query.js";

interface Doc {
  id: string;
  heading: string;
  text: string;
}

export interface BaselineHit {
  id: string;
  score: number;
}

export class MiniSearchBaseline {
  private readonly mini: MiniSearch<Doc>;
  private readonly lexicon;

  constructor(passages: readonly Passage[], lexicon?: Lexicon) {
    this.lexicon = compileLexicon(lexicon);
    this.mini = new MiniSearch<Doc>({
      idField: "id",
      fields: ["heading", "text"],
      storeFields: [],
      tokenize: (text) => foldTokens(text),
      processTerm: (term) => term,
      // Prefix search only from three letters: a one- or two-letter prefix ("d", "ch") expands to a large part of a
      // Vietnamese vocabulary, costs a lot and means nothing for whole syllables.
      searchOptions: { boost: { heading: 2 }, fuzzy: 0.2, prefix: (term) => term.length >= 3, combineWith: "OR" },
    });
    this.mini.addAll(passages.map((p) => ({ id: p.id, heading: p.headingPath.join(" "), text: p.text })));
  }

  /** The question as MiniSearch gets it: folded, shorthand expanded, fillers dropped. */
  normalize(query: string): string {
    return analyzeQuery(query, this.lexicon)
      .map((u) => u.readings[0]!.tokens.join(" "))
      .join(" ");
  }

  search(query: string, limit = 10): BaselineHit[] {
    const q = this.normalize(query);
    if (q === "") return [];
    return this.mini
      .search(q)
      .slice(0, limit)
      .map((r) => ({ id: String(r.id), score: r.score }));
  }
}

/** Fuse token search over all passages (heading + text), folded the same way. */
export class FuseBaseline {
  private readonly fuse: Fuse<Doc>;

  constructor(passages: readonly Passage[]) {
    this.fuse = new Fuse(
      passages.map((p) => ({ id: p.id, heading: p.headingPath.join(" "), text: p.text })),
      {
        keys: [
          { name: "heading", weight: 2 },
          { name: "text", weight: 1 },
        ],
        useTokenSearch: true,
        tokenize: (text) => foldTokens(text),
        ignoreDiacritics: true,
        includeScore: true,
        threshold: 0.4,
      },
    );
  }

  search(query: string, limit = 10): BaselineHit[] {
    return this.fuse.search(query, { limit }).map((r) => ({ id: r.item.id, score: 1 - (r.score ?? 1) }));
  }
}
