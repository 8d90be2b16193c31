/**
 * The search index: learner's question → ranked passages, or an honest "not in the material".
 *
 * How a query runs (`search` calls one method per step, in this order):
 * 1. `understand`: `analyzeQuery` folds it, expands shorthand and drops fillers (see query.ts); syllables the corpus
 *    does not know are corrected against the vocabulary (correct.ts: Telex residue, missing spaces, then Fuse over
 *    the vocabulary). Known syllables skip all of that.
 * 2. `queryTerms`, `accumulate`, `topK`: passages are scored with BM25 over an inverted index of syllables AND
 *    adjacent syllable pairs: Vietnamese words are mostly two syllables, and a pair ("chi bo", "thu hoach") is far
 *    less ambiguous than its halves, especially once diacritics are folded away. Headings and the document title are
 *    indexed as extra fields with their own weights, so a question that names a section finds it.
 * 3. `rerank`: the best of those are re-ranked by how much of the question each covers.
 * 4. `signals`, `isConfident`: the top passage must cover most of the question's content (weighted by rarity, so an
 *    unknown word like "world cup" weighs a lot) and match at least one word that is specific, i.e. not in a large
 *    share of the passages ("đảng", "chi bộ" alone prove nothing).
 * 5. `didYouMean`: otherwise no answer is given, only up to three headings of the nearest passages as suggestions.
 *    Excerpts of the answers are cut by the caller (excerpt.ts).
 *
 * Cost per query is the length of the postings of the query's terms — never a scan of the corpus.
 */
import type { ContentBundle, ContentKind, Lexicon } from "../content/types.js";
import {
  type AnswerKind,
  type AskedForm,
  askedForm,
  CARRIES,
  carriedForm,
  FORM_WORDS,
  namedNumbers,
  PRESENT,
  states,
} from "./answer-form.js";
import { Corrector, type Vocabulary } from "./correct.js";
import { foldText, foldTokens, startsWithAt, tokenizeSpans } from "./fold.js";
import { type Passage, type SplitOptions, splitPassages } from "./passages.js";
import { analyzeQuery, type CompiledLexicon, compileLexicon, type QueryUnit, withoutUnits } from "./query.js";
import { STOPWORDS } from "./stopwords.js";

export {
  type Excerpt,
  findMarks,
  type Mark,
  makeExcerpt,
  type Renderer,
  renderExcerpt,
  renderMarked,
} from "./excerpt.js";
export { foldText, foldTokens } from "./fold.js";
export { formatHeadingPath, type Passage, splitPassages } from "./passages.js";

export interface IndexOptions {
  split?: SplitOptions;
  /** BM25 term-frequency saturation (default 1.4). */
  k1?: number;
  /** BM25 length normalisation (default 0.6). */
  b?: number;
  /** Weight of an occurrence in each field, relative to the body (defaults: heading 1, parents 1, title 0.5, keywords 0.7). */
  fields?: Partial<Record<"body" | "heading" | "parents" | "title" | "keywords", number>>;
  /** Weight of syllable-pair matches relative to single syllables (default 1.25). */
  pairWeight?: number;
  /**
   * Extra score for matches in the passage's own heading, scored as a separate short field so it is not drowned by
   * the body (default 1). An FAQ question or a section title that matches the question is strong evidence.
   */
  headingBoost?: number;
  /** Query weight of function words ("bao nhiêu", "là", "có"), relative to content words (default 0.3). */
  functionWordWeight?: number;
  /** The best `rerankDepth` passages by BM25 (default 30) are re-ranked by score × coverage^`coverageExponent` (default 0.5). */
  rerankDepth?: number;
  coverageExponent?: number;
  /**
   * Re-ranking factor (0.5 + 0.5 × share of the question's adjacent content-word pairs the passage has)^this (default
   * 0.5): "khoá học kéo dài bao lâu" prefers the passage with "khoá học" over one about "bài học … kéo dài".
   */
  pairCoverageExponent?: number;
  /**
   * Re-ranking factor (default 1.15) for a passage that carries the kind of answer the question asks for: a
   * duration for "bao lâu / mấy ngày", a date for "khi nào / ngày nào", a number for "bao nhiêu" (understand.ts).
   */
  answerTypeBoost?: number;
  /**
   * Re-ranking factor (default 1.5) for a passage one of whose numbers counts what a "bao nhiêu X" / "mấy X"
   * question counts ("mấy ngày" → "4 đến 5 ngày").
   */
  unitBoost?: number;
  /** Re-ranking factor (default 1.2) for a passage whose own heading holds every content word of the question. */
  wholeHeadingBoost?: number;
  /** Re-ranking factor (default 1.5) for the passage whose own heading is exactly the X of "X là gì". */
  definitionBoost?: number;
  /** Re-ranking factor (default 2) for the passages of the lesson asked for by number ("bài 3 …"). */
  lessonBoost?: number;
  /** Score multiplier per document kind (default 1 for all). */
  kindPrior?: Partial<Record<ContentKind, number>>;
  /**
   * Least confidence to answer (default 0.4), kept as low as still refuses out-of-scope questions: a wrong refusal
   * costs more than a stray answer to a question nobody on the course asks (how it was chosen: README, Q&A quality).
   * Confidence = the larger of the top passage's content coverage and heading coverage, times 0.5 + 0.5 × the share
   * of the question's word pairs the corpus contains anywhere (so "thời tiết", "giảm cân" — syllables the corpus
   * has, in pairs it never uses — pull it down).
   */
  minConfidence?: number;
  /** A syllable or pair found in more than this share of passages is generic, not evidence alone (default 0.15). */
  genericShare?: number;
}

export interface SearchHit {
  passage: Passage;
  score: number;
  /** Folded query syllables found in the passage (content words only), for highlighting. */
  matchedTerms: string[];
}

export interface SearchResponse {
  /** Ranked answers; empty when the material does not seem to answer the question. */
  results: SearchHit[];
  confident: boolean;
  /** When not confident: up to 3 headings of the nearest passages ("did you mean"), or none if nothing is near. */
  suggestions: string[];
  /** The passage id behind each suggestion, in the same order (for a button that opens it). */
  suggestionIds: string[];
  /** The question as understood: folded, shorthand expanded, fillers dropped, typos corrected. */
  normalizedQuery: string;
  /** The best candidates whatever the confidence (for suggestions, debugging and evaluation). */
  nearest: SearchHit[];
  /** Share of the question's content found in the top passage (0–1). */
  coverage: number;
  /** The evidence behind `confident`, for logs and tuning. */
  signals?: Signals;
}

/** Postings of one term: passage numbers (ascending) and their BM25 impact. */
class Postings {
  docs = new Int32Array(4);
  vals = new Float32Array(4);
  n = 0;
  idf = 0;

  add(doc: number, value: number): void {
    if (this.n === this.docs.length) {
      const docs = new Int32Array(this.n * 2);
      docs.set(this.docs);
      this.docs = docs;
      const vals = new Float32Array(this.n * 2);
      vals.set(this.vals);
      this.vals = vals;
    }
    this.docs[this.n] = doc;
    this.vals[this.n] = value;
    this.n++;
  }

  has(doc: number): boolean {
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = this.docs[mid]!;
      if (d === doc) return true;
      if (d < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

const pairKey = (a: string, b: string) => `${a} ${b}`;

/** A passage (by number) and its score while the candidates are ranked. */
interface Candidate {
  d: number;
  score: number;
}

/** What passage `d` has of one unit of the question. */
interface UnitEvidence {
  /** Share of the unit's content syllables found (best reading, scaled by its trust). */
  matched: number;
  /** A reading is wholly found and one of its syllables is specific. */
  specific: boolean;
  /** Content syllables of the unit its own heading has (best trusted reading). */
  inHeading: number;
}

/** One reading of a unit as the ranking tests it: the slots of its content syllables, and how much it is trusted. */
interface PlannedReading {
  slots: number[];
  trust: number;
}

/** A content unit of the question with what does not depend on the passage. */
interface PlannedUnit {
  /** Mean idf of its best reading (an unknown word weighs as the rarest). */
  weight: number;
  /** The corpus knows every syllable of a reading as typed. */
  known: boolean;
  /** Content syllables of its first reading. */
  syllables: number;
  readings: PlannedReading[];
}

/** A question worked out once per search (see `SearchIndex.plan`). */
interface QueryPlan {
  weights: ReadonlyMap<string, number>;
  /** Every query term (syllable or pair) and its slot; slots below 64 are bits of the per-passage masks. */
  slotOf: Map<string, number>;
  posts: (Postings | undefined)[];
  heads: (Postings | undefined)[];
  /** The content units (all units when none is content). */
  counted: PlannedUnit[];
  /** Per adjacent pair of content units, the slots of its readings that the corpus contains. */
  pairs: number[][];
  contentUnits: number;
  contentSyllables: number;
  /** The kind of answer the question asks for (answer-form.ts). */
  asked: AskedForm;
  /** Slots of the words tying the question to the present ("hôm nay", "năm nay") it contains. */
  present: number[];
  /** The numbered things it names («Đại hội XIV»), each as the spellings a passage may use. */
  named: string[][];
  /** Its specific content syllables: what a date asked for must be the date of. */
  subject: string[];
  /** Its content syllables the corpus has, however common: what a means asked for must be the means of. */
  topic: string[];
  /** "X là gì": X folded, to prefer the passage whose own heading is exactly X. */
  defined?: string;
  /** "bài 3 …": the lesson number, the units that only name it, and whether nothing else specific is asked. */
  lesson?: number;
  lessonUnits: Set<PlannedUnit>;
  lessonOnly: boolean;
  /** «bài số mấy», «bài nào», «bài thứ mấy»: which lesson is about what is asked — a lesson's opening says so. */
  whichLesson: boolean;
}

/** Evidence that a passage answers the question, from the question's content words (function words excluded). */
export interface Signals {
  /** The combined score compared with `minConfidence`. */
  confidence: number;
  /** Content units in the question, and content syllables in them. */
  contentUnits: number;
  contentSyllables: number;
  /** Share of content units the corpus knows at all. */
  known: number;
  /** idf-weighted share of content units found in the passage (an unknown word weighs as the rarest). */
  coverage: number;
  /** Share of the question's content syllables found in the passage's own heading. */
  headingCoverage: number;
  /** Adjacent content-unit pairs in the question ("thời tiết", "chi uỷ")… */
  pairs: number;
  /** …the share of them the corpus contains anywhere… */
  pairsInCorpus: number;
  /** …and the share the passage contains. */
  pairsInPassage: number;
  /** The passage matches a content word or pair found in at most `genericShare` of the passages. */
  specific: boolean;
  /** The question asks a kind of answer (a number, a date…) and the passage states one of that kind, or not. */
  answerStated?: boolean;
}

export class SearchIndex {
  readonly passages: readonly Passage[];
  private readonly byId = new Map<string, Passage>();
  private readonly terms = new Map<string, Postings>();
  private readonly syllables: string[] = [];
  private readonly lexicon: CompiledLexicon;
  private readonly corrector: Corrector;
  private readonly prior: Float32Array;
  private readonly acc: Float64Array;
  private readonly stamp: Uint32Array;
  private generation = 0;
  private readonly touched: Int32Array;
  /** Per candidate passage, which of the query's first 64 term slots it has, anywhere and in its own heading. */
  private readonly maskLo: Uint32Array;
  private readonly maskHi: Uint32Array;
  private readonly headLo: Uint32Array;
  private readonly headHi: Uint32Array;
  private readonly unknownIdf: number;
  private readonly minConfidence: number;
  private readonly genericDf: number;
  private readonly pairWeight: number;
  private readonly headingBoost: number;
  private readonly functionWordWeight: number;
  private readonly rerankDepth: number;
  private readonly coverageExponent: number;
  private readonly answerTypeBoost: number;
  private readonly unitBoost: number;
  private readonly pairCoverageExponent: number;
  private readonly wholeHeadingBoost: number;
  /** Per passage, the kinds of answer its text states (bits of `CARRIES`, answer-form.ts)… */
  private readonly carries: Uint16Array;
  /** …and, per word a number of it counts ("12 chương" → "chuong"), the passages… */
  private readonly counted = new Map<string, Postings>();
  /** …and per word just before a date (what the date is of), the passages… */
  private readonly dated = new Map<string, Postings>();
  /** …and per word just before a means ("đánh giá … qua"), the passages. */
  private readonly meant = new Map<string, Postings>();
  /** Per passage, its own heading folded ("chi bo"): a definition question prefers the term that is exactly X. */
  private readonly headingKey: string[];
  /** Per lesson number, its first passage (the lesson's opening, what it is about). */
  private readonly lessonOpening = new Map<number, number>();
  private readonly definitionBoost: number;
  private readonly lessonBoost: number;
  /** Postings of the passages' own headings (leaf of the heading path), a separate short field. */
  private readonly heads = new Map<string, Postings>();

  constructor(passages: readonly Passage[], lexicon?: Lexicon, options: IndexOptions = {}) {
    this.passages = passages;
    this.lexicon = compileLexicon(lexicon);
    const k1 = options.k1 ?? 1.4;
    const b = options.b ?? 0.6;
    const w = { body: 1, heading: 1, parents: 1, title: 0.5, keywords: 0.7, ...options.fields };
    this.headingBoost = options.headingBoost ?? 1;
    this.functionWordWeight = options.functionWordWeight ?? 0.3;
    this.rerankDepth = options.rerankDepth ?? 30;
    this.coverageExponent = options.coverageExponent ?? 0.5;
    this.answerTypeBoost = options.answerTypeBoost ?? 1.15;
    this.unitBoost = options.unitBoost ?? 1.5;
    this.pairCoverageExponent = options.pairCoverageExponent ?? 0.5;
    this.carries = new Uint16Array(passages.length);
    this.headingKey = new Array<string>(passages.length).fill("");
    this.definitionBoost = options.definitionBoost ?? 1.5;
    this.lessonBoost = options.lessonBoost ?? 2;
    this.wholeHeadingBoost = options.wholeHeadingBoost ?? 1.2;
    const kindPrior: Partial<Record<ContentKind, number>> = { ...options.kindPrior };
    this.pairWeight = options.pairWeight ?? 1.25;
    this.minConfidence = options.minConfidence ?? 0.4;
    const n = passages.length;
    this.genericDf = Math.max(2, (options.genericShare ?? 0.15) * n);
    this.prior = new Float32Array(n);
    this.acc = new Float64Array(n);
    this.stamp = new Uint32Array(n);
    this.touched = new Int32Array(n);
    this.maskLo = new Uint32Array(n);
    this.maskHi = new Uint32Array(n);
    this.headLo = new Uint32Array(n);
    this.headHi = new Uint32Array(n);

    const lengths = new Float32Array(n);
    const headLengths = new Float32Array(n);
    const headTf = (tokens: readonly string[]) => {
      const m = new Map<string, number>();
      tokens.forEach((t, i) => {
        m.set(t, (m.get(t) ?? 0) + 1);
        if (i > 0) m.set(pairKey(tokens[i - 1]!, t), (m.get(pairKey(tokens[i - 1]!, t)) ?? 0) + 1);
      });
      return m;
    };
    const tf = new Map<string, number>();
    const addField = (tokens: readonly string[], weight: number) => {
      for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i]!;
        tf.set(t, (tf.get(t) ?? 0) + weight);
        if (i > 0) {
          const k = pairKey(tokens[i - 1]!, t);
          tf.set(k, (tf.get(k) ?? 0) + weight);
        }
      }
    };
    passages.forEach((p, d) => {
      this.byId.set(p.id, p);
      this.prior[d] = kindPrior[p.kind] ?? 1;
      tf.clear();
      const spans = tokenizeSpans(p.text);
      const body = spans.map((t) => t.term);
      const sentenceStarts = new Set<number>();
      for (let i = 1; i < spans.length; i++) {
        if (SENTENCE_END.test(p.text.slice(spans[i - 1]!.end, spans[i]!.start))) sentenceStarts.add(i);
      }
      const path = p.headingPath;
      const leaf = path.length > 1 ? foldTokens(path[path.length - 1]!) : [];
      const form = carriedForm(body, leaf, sentenceStarts);
      // Items one a line ("- …", "1. …") are an enumeration as well as "thứ nhất, thứ hai" in running text.
      const listed = (p.text.match(LIST_ITEM)?.length ?? 0) >= 2 || INLINE_LIST.test(p.text);
      this.carries[d] = form.bits | (listed ? CARRIES.list : 0);
      this.headingKey[d] = (leaf.length > 0 ? leaf : foldTokens(path[0] ?? "")).join(" ");
      if (p.lesson !== undefined && !this.lessonOpening.has(p.lesson)) this.lessonOpening.set(p.lesson, d);
      for (const unit of form.counted) addPosting(this.counted, unit, d);
      for (const term of form.dated) addPosting(this.dated, term, d);
      for (const term of form.meant) addPosting(this.meant, term, d);
      addField(body, w.body);
      addField(leaf, w.heading);
      for (const h of path.slice(1, -1)) addField(foldTokens(h), w.parents);
      addField(foldTokens(path[0] ?? ""), w.title);
      for (const k of p.keywords) addField(foldTokens(k), w.keywords);
      lengths[d] = body.length + leaf.length;
      headLengths[d] = leaf.length;
      for (const [t, v] of headTf(leaf)) addPosting(this.heads, t, d, v);
      for (const [t, v] of tf) {
        if (!t.includes(" ") && !this.terms.has(t)) this.syllables.push(t);
        addPosting(this.terms, t, d, v);
      }
    });

    // BM25 impacts are precomputed: a query only multiplies and adds.
    let total = 0;
    for (const l of lengths) total += l;
    const avg = n > 0 ? total / n || 1 : 1;
    for (const post of this.terms.values()) {
      post.idf = Math.log(1 + (n - post.n + 0.5) / (post.n + 0.5));
      for (let i = 0; i < post.n; i++) {
        const v = post.vals[i]!;
        post.vals[i] = (v * (k1 + 1)) / (v + k1 * (1 - b + (b * lengths[post.docs[i]!]!) / avg));
      }
    }
    // Headings: short field, quick saturation, mild length normalisation (a heading that is exactly the question
    // beats a long heading that merely contains it). idf comes from the main field.
    let headTotal = 0;
    for (const l of headLengths) headTotal += l;
    const headAvg = n > 0 ? headTotal / n || 1 : 1;
    const kh = 0.6;
    const bh = 0.5;
    for (const post of this.heads.values()) {
      for (let i = 0; i < post.n; i++) {
        const v = post.vals[i]!;
        post.vals[i] = (v * (kh + 1)) / (v + kh * (1 - bh + (bh * headLengths[post.docs[i]!]!) / headAvg));
      }
    }
    this.unknownIdf = Math.log(1 + (n + 0.5) / 0.5);

    const vocab: Vocabulary = {
      df: (t) => this.terms.get(t)?.n ?? 0,
      pairDf: (a, c) => this.terms.get(pairKey(a, c))?.n ?? 0,
      terms: () => this.syllables,
    };
    this.corrector = new Corrector(vocab);
  }

  /** Passage by id, e.g. for a "show more" button. */
  get(id: string): Passage | undefined {
    return this.byId.get(id);
  }

  /** Is this folded syllable a word of the material? */
  knows(term: string): boolean {
    return this.df(term) > 0;
  }

  /** Share of the passages that hold this folded syllable (0 for a word the material does not use). */
  share(term: string): number {
    return this.passages.length === 0 ? 0 : this.df(term) / this.passages.length;
  }

  /** Distinct folded syllables in the corpus. */
  get vocabularySize(): number {
    return this.syllables.length;
  }

  /** Build the fuzzy matcher now (otherwise on the first unknown syllable). */
  warm(): this {
    this.corrector.warm();
    return this;
  }

  /**
   * Does this token say what the question is about? Function words do not; neither does an unknown token without
   * a vowel ("ntn", "vs"): every Vietnamese syllable has a vowel, so that is shorthand the lexicon lacks, not a topic.
   */
  private isContent(t: string): boolean {
    return !STOPWORDS.has(t) && (HAS_VOWEL.test(t) || this.df(t) > 0);
  }

  /**
   * The units typed as function words («tôi», «mình», «đang»): not what is asked, unless half of a specific word of
   * the material («dự bị», «căn cứ», «quá trình»).
   */
  private functionUnits(units: readonly QueryUnit[]): Set<QueryUnit> {
    const out = new Set<QueryUnit>();
    const compound = (a: QueryUnit | undefined, b: QueryUnit | undefined) =>
      a !== undefined &&
      b !== undefined &&
      !b.gapBefore &&
      this.isContent(a.typed.at(-1)!) &&
      this.isContent(b.typed[0]!) &&
      this.isSpecificPair(a.typed.at(-1)!, b.typed[0]!);
    units.forEach((u, i) => {
      if (u.functionWord && !compound(units[i - 1], u) && !compound(u, units[i + 1])) out.add(u);
    });
    return out;
  }

  private isSpecificPair(a: string, b: string): boolean {
    const n = this.df(pairKey(a, b));
    return n > 0 && n <= this.genericDf;
  }

  private df(term: string): number {
    return this.terms.get(term)?.n ?? 0;
  }

  /** Replace unknown single syllables by their corrections, using known neighbours as context. */
  private correctUnits(units: QueryUnit[]): QueryUnit[] {
    const known = (u: QueryUnit | undefined) => {
      const t = u?.readings[0]?.tokens;
      return t?.every((x) => this.df(x) > 0) ? t : undefined;
    };
    // A question has a few typos; a pasted foreign text has dozens of unknown words. Bound the fuzzy work.
    let budget = MAX_CORRECTIONS;
    return units.map((u, i) => {
      const r = u.readings[0]!;
      if (u.readings.length !== 1 || r.via !== "typed" || r.tokens.length !== 1) return u;
      const token = r.tokens[0]!;
      // Known syllables and function words ("bao nhiêu" in a corpus without "nhiêu") are never corrected.
      if (this.df(token) > 0 || STOPWORDS.has(token) || budget <= 0) return u;
      budget--;
      const left = u.gapBefore ? undefined : known(units[i - 1])?.at(-1);
      const next = units[i + 1];
      const right = next && !next.gapBefore ? known(next)?.[0] : undefined;
      const readings = this.corrector.correct(token, left, right);
      return readings.length > 0 ? { ...u, readings } : u;
    });
  }

  /**
   * The question → ranked passages, or only suggestions when the material does not seem to answer it. `allow`
   * keeps out the passages this reader may not see (another centre's files): they are never ranked.
   */
  search(query: string, options: { limit?: number; allow?: (p: Passage) => boolean } = {}): SearchResponse {
    const limit = Math.max(1, options.limit ?? 5);
    const units = this.understand(query);
    const normalizedQuery = units.map((u) => u.readings[0]!.tokens.join(" ")).join(" ");
    if (units.length === 0 || this.passages.length === 0) return unanswered(normalizedQuery);
    const functional = this.functionUnits(units);
    const weights = this.queryTerms(units, functional);
    const plan = this.plan(units, weights, foldTokens(query).join(" "), normalizedQuery, functional);
    const touched = this.accumulate(weights);
    if (touched.length === 0) return unanswered(normalizedQuery);
    const best = this.topK(touched, Math.max(limit, this.rerankDepth), options.allow);
    if (best.length === 0) return unanswered(normalizedQuery);
    // The lesson asked for by its number is a candidate even when its opening shares no other word with the question.
    const opening = plan.lesson !== undefined ? this.lessonOpening.get(plan.lesson) : undefined;
    if (
      opening !== undefined &&
      !best.some((c) => c.d === opening) &&
      (options.allow === undefined || options.allow(this.passages[opening]!))
    ) {
      const touchedNow = this.stamp[opening] === this.generation;
      best.push({
        d: opening,
        score: (touchedNow ? this.acc[opening]! : 0) * this.prior[opening]! || best.at(-1)!.score,
      });
    }
    this.mark(plan, best);
    const ranked = this.rerank(plan, best, Math.max(limit, 10));
    const nearest = ranked.map(({ d, score }) => this.hit(plan, d, score));
    const signals = this.signals(plan, ranked[0]!.d);
    const coverage = signals.coverage;
    if (this.isConfident(signals)) {
      const results = nearest.slice(0, limit);
      return {
        results,
        confident: true,
        suggestions: [],
        suggestionIds: [],
        normalizedQuery,
        nearest,
        coverage,
        signals,
      };
    }
    const { suggestions, suggestionIds } = this.didYouMean(plan, ranked);
    return { results: [], confident: false, suggestions, suggestionIds, normalizedQuery, nearest, coverage, signals };
  }

  /** What the question says: folded, shorthand expanded, fillers dropped (query.ts), unknown syllables corrected. */
  private understand(query: string): QueryUnit[] {
    return this.correctUnits(dropFormWords(analyzeQuery(query, this.lexicon, { isKnown: (t) => this.df(t) > 0 })));
  }

  /**
   * Query terms and their weights: every syllable of every reading, and every adjacent pair (inside a reading and
   * across units), because a pair is far less ambiguous than its halves.
   */
  private queryTerms(units: readonly QueryUnit[], functional: ReadonlySet<QueryUnit>): Map<string, number> {
    const weights = new Map<string, number>();
    const fw = this.functionWordWeight;
    const said = new Set(units.filter((u) => u.contentWord).flatMap((u) => u.typed));
    const isFunction = (t: string) => STOPWORDS.has(t) && !said.has(t);
    const put = (k: string, v: number) => {
      // Function words ("bao nhiêu", "có", "là") say what kind of answer is wanted, not what it is about.
      const sp = k.indexOf(" ");
      const fn = sp < 0 ? isFunction(k) : isFunction(k.slice(0, sp)) || isFunction(k.slice(sp + 1));
      const value = fn ? v * fw : v;
      weights.set(k, Math.max(weights.get(k) ?? 0, value));
    };
    units.forEach((u, i) => {
      for (const r of u.readings) {
        r.tokens.forEach((t, j) => {
          put(t, r.weight);
          if (j > 0) put(pairKey(r.tokens[j - 1]!, t), r.weight * this.pairWeight);
        });
      }
      const prev = units[i - 1];
      const pairWith = (left: QueryUnit) => {
        for (const [a, b, w] of joins(left, u)) put(pairKey(a, b), w * this.pairWeight);
      };
      if (prev && !u.gapBefore) pairWith(prev);
      const before = skipped(units, i, functional);
      if (before) pairWith(before);
    });
    return weights;
  }

  /**
   * Everything about the question's evidence that does not depend on the passage, worked out once: which units are
   * content, their idf and trust, the question's word pairs, and a slot per term so that `mark` can record in a bit
   * mask which terms each candidate has. Testing a candidate is then a few bit tests, not postings searches.
   */
  private plan(
    units: readonly QueryUnit[],
    weights: ReadonlyMap<string, number>,
    folded: string,
    normalized: string,
    functional: ReadonlySet<QueryUnit>,
  ): QueryPlan {
    const slotOf = new Map<string, number>();
    const posts: (Postings | undefined)[] = [];
    const heads: (Postings | undefined)[] = [];
    const slot = (term: string): number => {
      let s = slotOf.get(term);
      if (s === undefined) {
        s = posts.length;
        slotOf.set(term, s);
        posts.push(this.terms.get(term));
        heads.push(this.heads.get(term));
      }
      return s;
    };
    const isContentUnit = (u: QueryUnit) =>
      u.contentWord === true || u.readings.some((r) => r.tokens.some((t) => this.isContent(t)));
    // A marked function word («tôi», «đang») is not what is asked, but it still joins its neighbours into pairs:
    // «có tắc», absent from the corpus, says the material does not speak of it…
    const paired = units.filter(isContentUnit);
    const content = paired.filter((u) => !functional.has(u));
    const countedUnits = content.length > 0 ? content : units;
    const counted: PlannedUnit[] = countedUnits.map((u) => {
      let weight = 0;
      let known = false;
      const readings: PlannedReading[] = [];
      for (const r of u.readings) {
        const own = r.tokens.filter((t) => this.isContent(t));
        const tokens = own.length > 0 ? own : r.tokens;
        let idfSum = 0;
        let knownHits = 0;
        for (const t of tokens) {
          const post = this.terms.get(t);
          idfSum += post ? post.idf : this.unknownIdf;
          if (post) knownHits++;
        }
        // A weak reading (a guess at a typo) vouches for less than what was typed.
        const trust = Math.min(1, r.weight / 0.85);
        weight = Math.max(weight, idfSum / tokens.length);
        if (knownHits === tokens.length && trust === 1) known = true;
        readings.push({ slots: tokens.map(slot), trust });
      }
      return { weight, known, syllables: readings[0]!.slots.length, readings };
    });
    // Adjacent content units: does the corpus, and does a passage, contain them as a pair?
    const pairs: number[][] = [];
    const addPair = (candidates: readonly (readonly [string, string, ...unknown[]])[]) => {
      const inCorpus: number[] = [];
      for (const [a, b] of candidates) {
        const k = pairKey(a, b);
        if (this.terms.has(k)) inCorpus.push(slot(k));
      }
      pairs.push(inCorpus);
    };
    units.forEach((u, i) => {
      if (!paired.includes(u)) return;
      // Inside a shorthand's expansion ("shcđ" → "sinh hoạt chuyên đề").
      const main = u.readings[0]!.tokens;
      // … or inside a synonym's words: "bà con" is found when the passage says "người dân".
      const said: [string, string][] =
        main.length > 1 && u.readings.length > 1
          ? u.readings
              .filter((r) => r.via === "synonym")
              .flatMap((r) => r.tokens.slice(1).map((t, j): [string, string] => [r.tokens[j]!, t]))
          : [];
      for (let j = 1; j < main.length; j++) {
        if (this.isContent(main[j - 1]!) && this.isContent(main[j]!)) addPair([[main[j - 1]!, main[j]!], ...said]);
      }
      const prev = units[i - 1];
      if (prev === undefined || u.gapBefore || !paired.includes(prev)) return;
      // «khoá mình học»: the words on either side of a function word may be the material's pair («khoá học»).
      const before = skipped(units, i, functional);
      addPair([...joins(prev, u), ...(before ? joins(before, u) : [])]);
    });
    // The other query terms get slots too, so that highlighting is bit tests as well.
    for (const term of weights.keys()) slot(term);
    const defined = DEFINITION.test(folded) ? normalized.replace(DEFINITION, "") : "";
    const lessonMatch = LESSON_REF.exec(folded);
    const lesson = lessonMatch && this.lessonOpening.has(Number(lessonMatch[1])) ? Number(lessonMatch[1]) : undefined;
    const lessonUnits = new Set<PlannedUnit>();
    let lessonOnly = lesson !== undefined;
    if (lesson !== undefined) {
      countedUnits.forEach((u, i) => {
        const t = u.readings[0]!.tokens;
        if (t.length === 1 && (LESSON_WORDS.has(t[0]!) || t[0] === String(lesson))) lessonUnits.add(counted[i]!);
        else if (
          u.readings[0]!.tokens.some(
            (x) => !ABOUT_WORDS.has(x) && this.isContent(x) && this.df(x) > 0 && this.df(x) <= this.genericDf,
          )
        )
          lessonOnly = false;
      });
    }
    return {
      ...(defined.length > 0 ? { defined } : {}),
      ...(lesson !== undefined ? { lesson } : {}),
      lessonUnits,
      lessonOnly,
      whichLesson: WHICH_LESSON.test(folded),
      weights,
      slotOf,
      posts,
      heads,
      counted,
      pairs,
      contentUnits: content.length,
      contentSyllables: content.reduce((n, u) => n + u.readings[0]!.tokens.filter((t) => this.isContent(t)).length, 0),
      present: PRESENT.flatMap((k) => (slotOf.has(k) ? [slotOf.get(k)!] : [])),
      named: namedNumbers(units.flatMap((u) => u.readings[0]!.tokens)),
      topic: countedUnits.flatMap((u) =>
        u.readings[0]!.tokens.filter((t) => this.isContent(t) && this.df(t) > 0 && !MEANS_CUES.has(t)),
      ),
      subject: countedUnits.flatMap((u) =>
        u.readings[0]!.tokens.filter((t) => this.isContent(t) && this.df(t) > 0 && this.df(t) <= this.genericDf),
      ),
      asked: askedForm(
        units.flatMap((u) => u.readings[0]!.tokens),
        (pair) => this.terms.has(pair),
        contentPositions(units),
      ),
    };
  }

  /** Does passage `d` state the kind of answer asked for (a duration, the number of what is counted, a date…)? */
  private stated(asked: AskedForm, d: number): number | undefined {
    return states(
      asked,
      this.carries[d]!,
      (unit) => this.counted.get(unit)?.has(d) ?? false,
      (unit) => this.terms.get(unit)?.has(d) ?? false,
    );
  }

  /**
   * Re-ranking factor for the form: a passage that counts exactly what is asked ("mấy ngày" → "4 đến 5 ngày") is
   * far stronger evidence than one that merely has some number or date.
   */
  private formBoost(asked: AskedForm, subject: readonly string[], topic: readonly string[], d: number): number {
    if (asked.kind === "what") return 1;
    const stated = this.stated(asked, d);
    if (stated === undefined || stated === 0) return 1;
    if (asked.unit !== undefined) return 1 + (this.unitBoost - 1) * stated;
    // A date next to what the question is about ("Quy định 29-QĐ/TW ngày 25/7/2016"), not another document's date.
    if (asked.kind === "when" && subject.some((t) => this.dated.get(t)?.has(d))) return this.unitBoost;
    // The means of what is asked about ("đánh giá kết quả học tập qua bản thu hoạch"), not any "qua" in the text.
    if (asked.kind === "means") {
      const near = topic.filter((t) => this.meant.get(t)?.has(d)).length;
      if (near >= Math.min(2, topic.length)) return this.unitBoost;
    }
    return this.answerTypeBoost;
  }

  /** A passage of the lesson asked for by number ranks higher, its opening highest when nothing else is asked. */
  private lessonFactor(plan: QueryPlan, d: number): number {
    if (plan.whichLesson && plan.lesson === undefined) {
      const lesson = this.passages[d]!.lesson;
      return lesson !== undefined && this.lessonOpening.get(lesson) === d ? this.lessonBoost : 1;
    }
    if (plan.lesson === undefined || this.passages[d]!.lesson !== plan.lesson) return 1;
    return plan.lessonOnly && this.lessonOpening.get(plan.lesson) === d ? this.lessonBoost ** 2 : this.lessonBoost;
  }

  /** Does candidate `d` contain the term in slot `s` (in any field; or in its own heading)? Valid after `mark`. */
  private has(plan: QueryPlan, s: number, d: number): boolean {
    if (s < 32) return ((this.maskLo[d]! >>> s) & 1) === 1;
    if (s < 64) return ((this.maskHi[d]! >>> (s - 32)) & 1) === 1;
    return plan.posts[s]?.has(d) ?? false;
  }

  private headHas(plan: QueryPlan, s: number, d: number): boolean {
    if (s < 32) return ((this.headLo[d]! >>> s) & 1) === 1;
    if (s < 64) return ((this.headHi[d]! >>> (s - 32)) & 1) === 1;
    return plan.heads[s]?.has(d) ?? false;
  }

  /**
   * BM25 of the candidate passages into `acc`, walking only the postings of the query's terms so a query never scans
   * the corpus. Returns the passages touched, in the order first seen (a view valid until the next search).
   */
  private accumulate(weights: ReadonlyMap<string, number>): Int32Array {
    const gen = ++this.generation;
    let touchedCount = 0;
    for (const [term, weight] of weights) {
      const post = this.terms.get(term);
      if (post === undefined) continue;
      const f = weight * post.idf;
      const { docs, vals } = post;
      for (let i = 0; i < post.n; i++) {
        const d = docs[i]!;
        if (this.stamp[d] !== gen) {
          this.stamp[d] = gen;
          this.acc[d] = 0;
          this.touched[touchedCount++] = d;
        }
        this.acc[d]! += f * vals[i]!;
      }
      // Every heading term is also in the main field, so these passages are already touched.
      const head = this.heads.get(term);
      if (head === undefined) continue;
      const fh = f * this.headingBoost;
      for (let i = 0; i < head.n; i++) this.acc[head.docs[i]!]! += fh * head.vals[i]!;
    }
    return this.touched.subarray(0, touchedCount);
  }

  /**
   * Which of the query's first 64 terms each candidate has, anywhere and in its own heading, as bit masks: one
   * postings search per term and candidate here, then every test of the re-ranking and the confidence is a bit test.
   * Only the few candidates are marked, so a large corpus costs no more than a small one.
   */
  private mark(plan: QueryPlan, candidates: readonly Candidate[]): void {
    const slots = Math.min(plan.posts.length, 64);
    for (const { d } of candidates) {
      let lo = 0;
      let hi = 0;
      let headLo = 0;
      let headHi = 0;
      for (let s = 0; s < slots; s++) {
        const inBody = plan.posts[s]?.has(d) ?? false;
        // A heading term is always in the main field too.
        const inHead = inBody && (plan.heads[s]?.has(d) ?? false);
        if (s < 32) {
          if (inBody) lo |= 1 << s;
          if (inHead) headLo |= 1 << s;
        } else {
          if (inBody) hi |= 1 << (s - 32);
          if (inHead) headHi |= 1 << (s - 32);
        }
      }
      this.maskLo[d] = lo;
      this.maskHi[d] = hi;
      this.headLo[d] = headLo;
      this.headHi[d] = headHi;
    }
  }

  /** The `k` best touched passages by BM25 × kind prior, by insertion, so the rest is never sorted. */
  private topK(touched: Int32Array, k: number, allow?: (p: Passage) => boolean): Candidate[] {
    const top: Candidate[] = [];
    for (let i = 0; i < touched.length; i++) {
      const d = touched[i]!;
      if (allow && !allow(this.passages[d]!)) continue;
      const score = this.acc[d]! * this.prior[d]!;
      let j = top.length;
      if (j === k) {
        // Most passages stop here, before anything is allocated for them.
        if (!ranksBefore(score, d, top[k - 1]!)) continue;
        j = k - 1;
      }
      for (; j > 0 && ranksBefore(score, d, top[j - 1]!); j--) top[j] = top[j - 1]!;
      top[j] = { d, score };
    }
    return top;
  }

  /**
   * Re-ranks by score × coverage^`coverageExponent` (a coordination factor) and keeps the best `keep`: BM25 alone
   * lets a passage that repeats two of the words beat one that has all of them.
   */
  private rerank(plan: QueryPlan, best: readonly Candidate[], keep: number): Candidate[] {
    const ranked = best.map(({ d, score }) => {
      let total = 0;
      let got = 0;
      let syllables = 0;
      let inHeading = 0;
      for (const u of plan.counted) {
        const e = this.evidence(plan, u, d);
        total += u.weight;
        got += u.weight * e.matched;
        syllables += u.syllables;
        inHeading += e.inHeading;
      }
      const coverage = total > 0 ? got / total : 0;
      let pairsIn = 0;
      for (const candidates of plan.pairs) {
        for (const s of candidates) {
          if (this.has(plan, s, d)) {
            pairsIn++;
            break;
          }
        }
      }
      const pairCoverage = plan.pairs.length > 0 ? 0.5 + (0.5 * pairsIn) / plan.pairs.length : 1;
      // Every content syllable of the question is in the passage's own heading: the section is about exactly that
      // ("bản thu hoạch viết thế nào" → "Nên viết gì trong bản thu hoạch?", not a section that only mentions writing).
      const wholeHeading = syllables >= 2 && inHeading >= syllables;
      return {
        d,
        score:
          score *
          coverage ** this.coverageExponent *
          pairCoverage ** this.pairCoverageExponent *
          this.formBoost(plan.asked, plan.subject, plan.topic, d) *
          (wholeHeading ? this.wholeHeadingBoost : 1) *
          (plan.defined !== undefined && this.headingKey[d] === plan.defined ? this.definitionBoost : 1) *
          this.lessonFactor(plan, d),
      };
    });
    ranked.sort((a, b) => b.score - a.score || a.d - b.d);
    ranked.length = Math.min(ranked.length, keep);
    return ranked;
  }

  /** A ranked passage as the caller sees it, with the words to highlight. */
  private hit(plan: QueryPlan, d: number, score: number): SearchHit {
    const matchedTerms: string[] = [];
    for (const [term, s] of plan.slotOf) {
      if (term.includes(" ") || STOPWORDS.has(term) || !plan.weights.has(term)) continue;
      if (this.has(plan, s, d)) matchedTerms.push(term);
    }
    return { passage: this.passages[d]!, score, matchedTerms };
  }

  /**
   * "Did you mean": up to three distinct headings among the ranked passages, only those that match something specific
   * or a third of the question, so a refusal does not point at passages that merely share a common word.
   */
  private didYouMean(
    plan: QueryPlan,
    ranked: readonly Candidate[],
  ): Pick<SearchResponse, "suggestions" | "suggestionIds"> {
    const suggestions: string[] = [];
    const suggestionIds: string[] = [];
    const seen = new Set<string>();
    for (const { d } of ranked) {
      if (suggestions.length >= 3) break;
      const e = this.signals(plan, d);
      if (!e.specific && e.coverage < 0.34) continue;
      const p = this.passages[d]!;
      const label = p.headingPath.length > 1 ? p.headingPath.slice(-2).join(" › ") : p.headingPath[0]!;
      const key = foldText(label);
      if (seen.has(key)) continue;
      seen.add(key);
      suggestions.push(label);
      suggestionIds.push(p.id);
    }
    return { suggestions, suggestionIds };
  }

  /**
   * Answer only when the top passage covers the question, the question's word pairs are ones the material uses,
   * something specific matched, and the question has at least two content syllables: a lone syllable ("giờ",
   * "lương") is too ambiguous in Vietnamese to answer, so it gets suggestions instead.
   */
  private isConfident(s: Signals): boolean {
    // Common words alone ("bí thư", "chi bộ", "nhiệm vụ") prove nothing — unless the passage's own heading is
    // mostly made of them, i.e. the passage is about exactly that.
    if (!(s.specific || s.headingCoverage >= 0.5) || s.contentSyllables < 2) return false;
    return s.confidence >= this.minConfidence;
  }

  /** What the question's words say about passage `d` (see {@link Signals}). */
  private signals(plan: QueryPlan, d: number): Signals {
    let total = 0;
    let got = 0;
    let known = 0;
    let inHeading = 0;
    let syllables = 0;
    let specific = false;
    const inLesson = plan.lesson !== undefined && this.passages[d]!.lesson === plan.lesson;
    for (const u of plan.counted) {
      const e = this.evidence(plan, u, d);
      total += u.weight;
      got += u.weight * (inLesson && plan.lessonUnits.has(u) ? 1 : e.matched);
      if (u.known) known++;
      inHeading += e.inHeading;
      syllables += u.syllables;
      if (e.specific) specific = true;
    }
    let pairsInCorpus = 0;
    let pairsInPassage = 0;
    for (const candidates of plan.pairs) {
      if (candidates.length > 0) pairsInCorpus++;
      let inPassage = false;
      for (const s of candidates) {
        if (!this.has(plan, s, d)) continue;
        inPassage = true;
        // A rare pair is specific even when both its syllables are common ("sinh hoat", "chi uy").
        if (plan.posts[s]!.n <= this.genericDf) specific = true;
      }
      if (inPassage) pairsInPassage++;
    }
    const pairs = plan.pairs.length;
    const coverage = total > 0 ? got / total : 0;
    const headingCoverage = syllables > 0 ? inHeading / syllables : 0;
    const pairShare = pairs > 0 ? pairsInCorpus / pairs : 0;
    const stated = this.stated(plan.asked, d);
    // Asked for a number or a date the passage does not state: the topic is near, the fact is not in it.
    const miss = plan.asked.unit !== undefined ? FORM_PENALTY_UNIT : NUMERIC.has(plan.asked.kind) ? FORM_PENALTY : 1;
    const form = stated === undefined ? 1 : miss + (1 - miss) * stated;
    // "… hôm nay", "… năm nay": today's figures are not in a fixed text, unless the passage says the same words.
    const present = plan.present.length > 0 && !plan.present.some((s) => this.has(plan, s, d)) ? PRESENT_PENALTY : 1;
    // "Đại hội XIV họp khi nào" is not answered by the passage on Đại hội XII, however much else they share.
    // Of several things named («Quy định 29 của Trung ương khoá XII»), the first is what is asked about; the rest
    // qualify it and may go unsaid.
    const head = plan.named[0];
    const named = head !== undefined && !head.some((f) => this.terms.get(f)?.has(d)) ? NAMED_PENALTY : 1;
    // "bài 3 nói về gì" asks what lesson 3 is about: its opening says so.
    const aboutLesson = inLesson && plan.lessonOnly && this.lessonOpening.get(plan.lesson!) === d;
    if (aboutLesson) specific = true;
    // The question's word pairs the passage does not have ("chỗ ngủ", "đường … tắc") are what it does not explain:
    // a passage that shares only single syllables with the question is near the topic, not about it.
    // In a long message most pairs are its story («nhóm Zalo», «bàn tán»), unknown to the corpus and weighed by
    // `pairShare` already: the passage is held only to the pairs the corpus has.
    const owed = pairs >= LONG_QUESTION_PAIRS ? pairsInCorpus : pairs;
    const loose = owed > 0 ? 1 - PAIRS_MISSED_PENALTY * (1 - pairsInPassage / owed) : 1;
    return {
      confidence: aboutLesson
        ? 1
        : Math.max(coverage, headingCoverage) *
          (pairs > 0 ? 0.5 + 0.5 * pairShare : 1) *
          form *
          present *
          loose *
          named,
      ...(stated !== undefined ? { answerStated: stated === 1 } : {}),
      contentUnits: plan.contentUnits,
      contentSyllables: plan.contentSyllables,
      known: plan.counted.length > 0 ? known / plan.counted.length : 0,
      coverage,
      headingCoverage,
      pairs,
      pairsInCorpus: pairShare,
      pairsInPassage: pairs > 0 ? pairsInPassage / pairs : 0,
      specific,
    };
  }

  /** How much of one unit passage `d` has (best reading), and how much of it its own heading has. */
  private evidence(plan: QueryPlan, u: PlannedUnit, d: number): UnitEvidence {
    let matched = 0;
    let specific = false;
    let inHeading = 0;
    for (const r of u.readings) {
      let hits = 0;
      let headHits = 0;
      let specificHit = false;
      for (const s of r.slots) {
        if (this.has(plan, s, d)) {
          hits++;
          if (plan.posts[s]!.n <= this.genericDf) specificHit = true;
        }
        if (this.headHas(plan, s, d)) headHits++;
      }
      const m = (hits / r.slots.length) * r.trust;
      if (m > matched) matched = m;
      if (specificHit && m === 1) specific = true;
      if (r.trust === 1) inHeading = Math.max(inHeading, Math.min(headHits, u.syllables));
    }
    return { matched, specific, inHeading };
  }
}

/** Units of the question without the words that only shape its form ("tất cả", "tổng cộng"), as fillers are dropped. */
function dropFormWords(units: QueryUnit[]): QueryUnit[] {
  const typed = units.map((u) => (u.typed.length === 1 ? u.typed[0]! : ""));
  const drop = new Set<number>();
  for (let i = 0; i < units.length; i++) {
    const seq = FORM_WORDS.find((w) => startsWithAt(typed, i, w));
    if (seq) for (let j = 0; j < seq.length; j++) drop.add(i + j);
  }
  return withoutUnits(units, drop);
}

function addPosting(map: Map<string, Postings>, term: string, d: number, value = 1): void {
  let post = map.get(term);
  if (post === undefined) {
    post = new Postings();
    map.set(term, post);
  }
  post.add(d, value);
}

/** Higher score first, then the earlier passage, so equal scores always rank the same way. */
const ranksBefore = (score: number, d: number, other: Candidate) =>
  score > other.score || (score === other.score && d < other.d);

/** The answer to a question nothing in the material matches at all: no results, no suggestions. */
function unanswered(normalizedQuery: string): SearchResponse {
  return {
    results: [],
    confident: false,
    suggestions: [],
    suggestionIds: [],
    normalizedQuery,
    nearest: [],
    coverage: 0,
  };
}

/** Positions, in the units' first readings laid end to end, of the words typed as content words. */
function contentPositions(units: readonly QueryUnit[]): Set<number> {
  const out = new Set<number>();
  let at = 0;
  for (const u of units) {
    const n = u.readings[0]!.tokens.length;
    if (u.contentWord) for (let k = 0; k < n; k++) out.add(at + k);
    at += n;
  }
  return out;
}

/** Every way the end of unit `a` meets the start of unit `b` (reading by reading), with the weaker reading's weight. */
function joins(a: QueryUnit, b: QueryUnit): [string, string, number][] {
  const out: [string, string, number][] = [];
  for (const x of a.readings)
    for (const y of b.readings) out.push([x.tokens.at(-1)!, y.tokens[0]!, Math.min(x.weight, y.weight)]);
  return out;
}

/** The unit before a function word that stands just before unit `i`, when nothing else parts them. */
function skipped(units: readonly QueryUnit[], i: number, functional: ReadonlySet<QueryUnit>): QueryUnit | undefined {
  const prev = units[i - 1];
  const before = units[i - 2];
  if (!prev || !before || !functional.has(prev) || functional.has(before) || prev.gapBefore || units[i]!.gapBefore)
    return undefined;
  return before;
}

const HAS_VOWEL = /[aeiouy]/;
const LIST_ITEM = /^\s*(?:[-*•+]|\d+[.)]|[a-zđ][)])\s/gm;
/**
 * "… gồm các bước: A; B; C", "Với đảng viên chính thức: khiển trách, cảnh cáo, cách chức, khai trừ", "Các mặt công
 * tác đó là A; B; C; và D": items after a colon split by semicolons or commas, or three items split by semicolons,
 * in one sentence.
 */
const INLINE_LIST = /:[^.!?:]*[;,][^.!?:]*[;,]|;[^.!?]*;/;
/** "X là gì", "X nghĩa là gì", "X là cái gì": the question asks what X is. */
const DEFINITION = / (?:nghia )?la (?:cai )?gi(?: (?:a|vay|the|nhi|nhe|day))*$/;
/** Words of "bằng gì", "bằng cách nào", "qua gì": they ask the means, they are not what it is the means of. */
const MEANS_CUES = new Set(["bang", "cach", "nao", "qua", "gi", "hinh", "thuc", "dua", "vao"]);
/** Words that only name a lesson by its number ("bài số 3", "bài thứ ba"). */
const LESSON_WORDS = new Set(["bai", "so", "thu"]);
/** Words that ask what a lesson is about without naming a topic ("nói về cái gì", "học gì", "chủ đề gì"). */
const ABOUT_WORDS = new Set(["noi", "ve", "hoc", "day", "giang", "chu", "de", "cai", "gi", "gom", "ten", "la", "bai"]);
/** "bài 3", "bài số 3": a lesson by its number. */
const LESSON_REF = /(?:^| )bai (?:so |thu )?(\d+)(?= |$)/;
/** «bài số mấy», «bài mấy», «bài nào», «bài thứ mấy», «bài thứ bao nhiêu», folded. */
const WHICH_LESSON = /(?:^| )bai (?:so |thu )?(?:may|nao|bao nhieu)(?: |$)/;
const SENTENCE_END = /[.!?;\n]/;
/**
 * Confidence factors for what the top passage lacks (how they were chosen: README, Q&A quality): the number of what
 * a "bao nhiêu X" question counts; any figure or date asked for; the "hôm nay" / "năm nay" the question is about.
 */
const FORM_PENALTY_UNIT = 0.4;
const FORM_PENALTY = 0.7;
const PRESENT_PENALTY = 0.6;
/** The question names a numbered thing («Nghị quyết 35», «Điều 9») the passage does not. */
const NAMED_PENALTY = 0.5;
/** The most the confidence loses when the passage has none of the question's word pairs. */
const PAIRS_MISSED_PENALTY = 0.15;
/** A question with this many word pairs is a long message («chi bộ tôi có đồng chí …, có người bảo …»). */
const LONG_QUESTION_PAIRS = 8;
/** Kinds of answer a passage states in figures, which the form tells reliably; the others only re-rank. */
const NUMERIC: ReadonlySet<AnswerKind> = new Set(["duration", "count", "when", "frequency"]);
/** Most unknown syllables corrected per question. */
const MAX_CORRECTIONS = 12;

/** Index a list of passages (the benchmark uses this to index a replicated corpus). */
export function createSearchIndex(
  passages: readonly Passage[],
  lexicon?: Lexicon,
  options?: IndexOptions,
): SearchIndex {
  return new SearchIndex(passages, lexicon, options);
}

/** Split the bundle's documents into passages and index them. */
export function buildSearchIndex(bundle: ContentBundle, options: IndexOptions = {}): SearchIndex {
  return new SearchIndex(splitPassages(bundle.docs, options.split), bundle.lexicon, options);
}
