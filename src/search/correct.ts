/**
 * Spelling correction of query syllables against the corpus vocabulary.
 *
 * Fuse is the fuzzy matcher, but it only ever sees the vocabulary (a few thousand distinct folded syllables,
 * which barely grows with the corpus), never the passages, and only for syllables that are not already known:
 * known syllables cost one Map lookup. Candidates from Fuse are checked with an edit distance (Bitap scores a
 * pattern found inside a longer word as perfect) and re-ranked with context: a candidate that forms a syllable pair
 * seen in the corpus with its neighbour ("chj bo" → "chi" because "chi bo" occurs) wins. Per-syllable candidate lists
 * are cached; only the cheap context step runs per query.
 */
import Fuse from "fuse.js";
import { editDistance, isSyllable, untelex } from "./fold.js";
import type { Reading } from "./query.js";

export interface Vocabulary {
  /** Document frequency of a folded syllable (0 or undefined = unknown). */
  df(term: string): number;
  /** How many passages contain the adjacent pair "a b". */
  pairDf(a: string, b: string): number;
  /** All syllables, for the fuzzy matcher. */
  terms(): Iterable<string>;
}

interface Candidate {
  term: string;
  distance: number;
  df: number;
}

export interface CorrectorOptions {
  /** Largest cache of per-syllable candidate lists (default 10,000). */
  cacheSize?: number;
  /** Fuse threshold for candidate generation (default 0.45; candidates are re-checked by edit distance). */
  fuseThreshold?: number;
}

const HAS_DIGIT = /\d/;
const ROMAN = /^[ivxlc]{2,7}$/;

/** Allowed edits for a syllable of this length: short syllables tolerate one, long words two. */
function maxEdits(length: number): number {
  if (length <= 2) return 0;
  if (length <= 6) return 1;
  return 2;
}

export class Corrector {
  private fuse: Fuse<string> | null = null;
  private readonly cache = new Map<string, Candidate[]>();
  private readonly cacheSize: number;
  private readonly threshold: number;

  constructor(
    private readonly vocab: Vocabulary,
    options: CorrectorOptions = {},
  ) {
    this.cacheSize = options.cacheSize ?? 10_000;
    this.threshold = options.fuseThreshold ?? 0.45;
  }

  /** Build the Fuse matcher now rather than on the first unknown syllable. */
  warm(): void {
    this.matcher();
  }

  private matcher(): Fuse<string> {
    if (this.fuse === null) {
      const words = [...this.vocab.terms()].filter((t) => t.length >= 2 && !HAS_DIGIT.test(t));
      this.fuse = new Fuse(words, { includeScore: true, threshold: this.threshold, ignoreLocation: true });
    }
    return this.fuse;
  }

  /** Fuzzy candidates for an unknown syllable, nearest first (cached). */
  candidates(token: string): Candidate[] {
    const hit = this.cache.get(token);
    if (hit !== undefined) return hit;
    const edits = maxEdits(token.length);
    let found: Candidate[] = [];
    if (edits > 0 && token.length <= 24) {
      const byTerm = new Map<string, Candidate>();
      for (const r of this.matcher().search(token, { limit: 24 })) {
        byTerm.set(r.item, { term: r.item, distance: editDistance(token, r.item), df: this.vocab.df(r.item) });
      }
      // Bitap counts a swap of two letters as two errors, yet "hcọ", "haot", "vna" are the commonest slips on a
      // phone keyboard: look every adjacent swap up directly.
      for (let i = 1; i < token.length; i++) {
        const swapped = token.slice(0, i - 1) + token[i] + token[i - 1] + token.slice(i + 1);
        const df = this.vocab.df(swapped);
        if (df > 0) byTerm.set(swapped, { term: swapped, distance: 1, df });
      }
      found = [...byTerm.values()]
        .filter((c) => c.distance <= edits)
        .sort((a, b) => a.distance - b.distance || b.df - a.df)
        .slice(0, 8);
    }
    if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(token, found);
    return found;
  }

  /**
   * Readings for a syllable unknown to the corpus, best first, or [] when nothing is close enough.
   * `left`/`right` are the neighbouring known syllables (if any), used to prefer candidates that form a pair
   * the corpus actually contains.
   */
  correct(token: string, left?: string, right?: string): Reading[] {
    // A Roman numeral ("XIV", "XIII") names a congress or a term: "XIV" is not a slip for "XII".
    if (HAS_DIGIT.test(token) || ROMAN.test(token) || this.vocab.df(token) > 0) return [];
    const contextOf = (term: string) =>
      (left ? this.vocab.pairDf(left, term) : 0) + (right ? this.vocab.pairDf(term, right) : 0);

    // Raw Telex typed without an input method ("dduowcj").
    const plain = untelex(token);
    if (plain !== token && this.vocab.df(plain) > 0) return [{ tokens: [plain], weight: 0.95, via: "telex" }];

    // Two syllables typed without a space ("chibo"), accepted only when the pair occurs in the corpus.
    let bestSplit: { a: string; b: string; df: number } | null = null;
    for (let i = 1; i < token.length; i++) {
      const a = token.slice(0, i);
      const b = token.slice(i);
      const df = this.vocab.df(a) > 0 && this.vocab.df(b) > 0 ? this.vocab.pairDf(a, b) : 0;
      if (df > 0 && (bestSplit === null || df > bestSplit.df)) bestSplit = { a, b, df };
    }
    if (bestSplit !== null) return [{ tokens: [bestSplit.a, bestSplit.b], weight: 0.9, via: "split" }];

    const cands = this.candidates(token);
    if (cands.length === 0) return [];
    const ranked = cands
      .map((c) => ({ ...c, context: contextOf(c.term) }))
      .sort(
        (a, b) =>
          a.distance - b.distance ||
          Number(b.context > 0) - Number(a.context > 0) ||
          Number(omitted(token, b.term)) - Number(omitted(token, a.term)) ||
          b.context - a.context ||
          b.df - a.df,
      );
    const best = ranked[0]!;
    if (isSyllable(token)) {
      // A real Vietnamese syllable the material lacks ("hôm", "mai") is more likely a word than a typo: keep it, and
      // offer a correction only as a weak alternative, only when a neighbour confirms it ("lãnh đọa" → "lanh dao").
      if (best.context === 0) return [];
      return [
        { tokens: [token], weight: 1, via: "typed" },
        { tokens: [best.term], weight: 0.5, via: "correction" },
      ];
    }
    // Not a syllable at all ("hco", "chj"): a typo. Trust the correction more when a neighbour confirms it.
    const weight = (best.distance === 1 ? 0.85 : 0.7) * (best.context > 0 ? 1 : 0.7);
    const readings: Reading[] = [{ tokens: [best.term], weight, via: "correction" }];
    const second = ranked[1];
    if (second && second.distance === best.distance && second.context > 0 === best.context > 0) {
      readings.push({ tokens: [second.term], weight: weight / 2, via: "correction" });
    }
    return readings;
  }
}

/**
 * Is `token` `term` with one letter left out («thág» for «tháng», «đảg» for «đảng»)? On a phone keyboard a letter
 * missed is a commoner slip than a wrong one, so among candidates as near and as confirmed by context it comes first.
 */
function omitted(token: string, term: string): boolean {
  if (term.length !== token.length + 1) return false;
  let i = 0;
  while (i < token.length && token[i] === term[i]) i++;
  return token.slice(i) === term.slice(i + 1);
}
