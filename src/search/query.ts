/**
 * Turning a learner's question into query units: fold, expand chat shorthand ("bt" → "bí thư", "ko" → "không")
 * and drop filler phrases ("cho em hỏi", "là gì", "ạ"). Pure; the lexicon comes from `content/lexicon.yaml`.
 *
 * A unit is one thing the learner said: a syllable, or a shorthand together with its expansion. Keeping units
 * (rather than a flat word list) lets ranking build syllable pairs without pairing across a removed filler, and lets
 * confidence ask "how much of what was asked did we find" per unit.
 */
import type { Lexicon } from "../content/types.js";
import { foldTokens, hasToneOrVowelMarks, startsWithAt, tokenizeSpans, typedWithMarks } from "./fold.js";
import { MARKED_FUNCTION_WORDS } from "./stopwords.js";

/**
 * Content words that fold like a function word: «mã» (a code) is not «mà»; «máy» («nghe máy», «bộ máy») is not the
 * question word «mấy»; «thi» (an exam) and «may» («may mắn»), typed without marks in a message typed with them, are
 * not «thì» and «mấy» — which would have their marks.
 */
const MARKED_CONTENT_WORDS: ReadonlySet<string> = new Set(["mã", "cửa", "máy", "mây"]);
const UNMARKED_CONTENT_WORDS: ReadonlySet<string> = new Set(["thi", "may"]);
const CONTENT_FOLDED: ReadonlySet<string> = new Set(
  [...MARKED_CONTENT_WORDS, ...UNMARKED_CONTENT_WORDS].flatMap((w) => foldTokens(w)),
);

/** Is `word` (as typed, NFC, lower case) one of those, in the message whose words are `raw`? */
function readsAsContent(word: string, raw: readonly string[]): boolean {
  return MARKED_CONTENT_WORDS.has(word) || (UNMARKED_CONTENT_WORDS.has(word) && typedWithMarks(raw));
}

/** Folded forms of the marked function words: only a question with one of them needs its spelling read. */
const MARKED_FUNCTION_FOLDED: ReadonlySet<string> = new Set([...MARKED_FUNCTION_WORDS].flatMap((w) => foldTokens(w)));

/** One reading of a unit: a sequence of folded syllables and how much we trust it (1 = as typed). */
export interface Reading {
  tokens: string[];
  weight: number;
  /** How the reading was obtained, for debugging and the normalised query. */
  via: "typed" | "lexicon" | "synonym" | "correction" | "split" | "telex";
}

export interface QueryUnit {
  /** What was typed for this unit, folded. */
  typed: string[];
  /** Alternative readings, best first. */
  readings: Reading[];
  /** A filler was removed just before this unit: no syllable pair spans the gap. */
  gapBefore: boolean;
  /** Typed with the marks of a function word («tôi», «đang»): it says nothing of what is asked. */
  functionWord?: true;
  /** Typed as a content word whose folded form is a function word's («mã» is not «mà»; «thi» is not «thì»). */
  contentWord?: true;
}

interface Rule {
  key: string[];
  value: string[];
  /** The key as written in the lexicon, lower case, per spelling ("đv", "dv" fold alike). */
  forms: string[][];
}

/** The lexicon folded once, indexed by first token for whole-token, longest-first matching. */
export interface CompiledLexicon {
  abbreviations: Map<string, Rule[]>;
  fillers: Map<string, string[][]>;
  synonyms: Map<string, SynonymRule[]>;
}

interface SynonymRule {
  key: string[];
  means: string[][];
  forms: string[][];
}

/** A synonym stands for the material's word at this weight: full trust in the search, below what was typed. */
const SYNONYM_WEIGHT = 0.85;

function addRule<T extends { key: string[] }>(map: Map<string, T[]>, rule: T): void {
  const first = rule.key[0];
  if (first === undefined) return;
  const list = map.get(first) ?? [];
  // Same key twice: the later entry wins, as in a YAML mapping.
  const same = list.findIndex((r) => r.key.join(" ") === rule.key.join(" "));
  if (same >= 0) list.splice(same, 1);
  list.push(rule);
  list.sort((a, b) => b.key.length - a.key.length);
  map.set(first, list);
}

const RAW_TOKEN = /[\p{L}\p{N}]+/gu;

export function compileLexicon(lexicon: Lexicon | undefined): CompiledLexicon {
  const abbreviations = new Map<string, Rule[]>();
  const fillers = new Map<string, string[][]>();
  for (const [key, value] of Object.entries(lexicon?.abbreviations ?? {})) {
    const k = foldTokens(key);
    const v = foldTokens(value);
    if (k.length === 0 || v.length === 0 || k.join(" ") === v.join(" ")) continue;
    const form = key.normalize("NFC").toLowerCase().match(RAW_TOKEN) ?? [];
    // "đv" and "dv" are one folded key: keep every spelling, so a typed word is checked against all of them.
    const same = abbreviations.get(k[0]!)?.find((r) => r.key.join(" ") === k.join(" "));
    addRule(abbreviations, { key: k, value: v, forms: [...(same?.forms ?? []), form] });
  }
  const fillerRules = new Map<string, { key: string[] }[]>();
  for (const phrase of lexicon?.fillers ?? []) {
    const k = foldTokens(phrase);
    if (k.length > 0) addRule(fillerRules, { key: k });
  }
  for (const [first, rules] of fillerRules) {
    fillers.set(
      first,
      rules.map((r) => r.key),
    );
  }
  const synonyms = new Map<string, SynonymRule[]>();
  for (const [key, means] of Object.entries(lexicon?.synonyms ?? {})) {
    const k = foldTokens(key);
    const m = means.map(foldTokens).filter((v) => v.length > 0 && v.join(" ") !== k.join(" "));
    if (k.length === 0 || m.length === 0) continue;
    const form = key.normalize("NFC").toLowerCase().match(RAW_TOKEN) ?? [];
    const same = synonyms.get(k[0]!)?.find((r) => r.key.join(" ") === k.join(" "));
    addRule(synonyms, { key: k, means: [...(same?.means ?? []), ...m], forms: [...(same?.forms ?? []), form] });
  }
  return { abbreviations, fillers, synonyms };
}

/**
 * Shorthand is typed without tone or vowel marks ("đv", "bt", "đu"); a word typed with them is the word itself:
 * "dự" folds like "đu" (đảng uỷ) but is not it. A token without such marks may be the shorthand.
 */
function typedAs(raw: readonly string[], at: number, rule: Pick<Rule, "key" | "forms">): boolean {
  for (let j = 0; j < rule.key.length; j++) {
    const r = raw[at + j];
    if (r === undefined || !hasToneOrVowelMarks(r)) continue;
    const typed = r.normalize("NFC").toLowerCase();
    if (!rule.forms.some((f) => f[j] === typed)) return false;
  }
  return true;
}

/** Letters then digits in one token, folded and as typed (NFD marks included). */
const GLUED = /^([a-z]+)(\d+)$/;
const GLUED_RAW = /^([\p{L}\p{M}]+)(\p{N}+)$/u;
const unglue = (t: string, re: RegExp): string[] => {
  const m = re.exec(t);
  return m ? [m[1]!, m[2]!] : [t];
};

const NUMBER_WORDS = new Map<string, string>();
["mot", "hai", "ba", "bon", "nam", "sau", "bay", "tam", "chin", "muoi"].forEach((w, i) => {
  NUMBER_WORDS.set(String(i + 1), w);
  NUMBER_WORDS.set(w, String(i + 1));
});

export interface AnalyzeOptions {
  /**
   * Is this folded syllable in the corpus? A shorthand that is also a corpus word ("hd" in "12-HD/BTCTW") keeps
   * its typed reading next to the expansion instead of being replaced.
   */
  isKnown?: (term: string) => boolean;
  /** Cap on folded tokens read from the query (a pasted page must not cost more than a question). */
  maxTokens?: number;
}

/** Fold, expand shorthand, drop fillers. Never throws; an empty or emoji-only question gives no units. */
export function analyzeQuery(query: string, lexicon: CompiledLexicon, options: AnalyzeOptions = {}): QueryUnit[] {
  const maxTokens = options.maxTokens ?? 64;
  const isKnown = options.isKnown ?? (() => false);
  const text = query.slice(0, 20_000);
  const folded = foldTokens(text).slice(0, maxTokens);
  // "qd29", "nq04": shorthand glued to its number is the shorthand and the number, unless the corpus has the whole.
  const split = folded.map((t) => GLUED.test(t) && !isKnown(t));
  const tokens = split.includes(true) ? folded.flatMap((t, i) => (split[i] ? unglue(t, GLUED) : [t])) : folded;
  // The words as typed, only once a shorthand key matches (most questions have none).
  let raw: string[] | undefined;
  const typed = () => {
    if (raw === undefined) {
      const spans = tokenizeSpans(text).slice(0, maxTokens);
      const words = spans.map((s) => text.slice(s.start, s.end));
      raw = spans.length === folded.length ? words.flatMap((w, i) => (split[i] ? unglue(w, GLUED_RAW) : [w])) : [];
    }
    return raw;
  };

  // 1. Shorthand → expansion, whole tokens, longest key first.
  const units: QueryUnit[] = [];
  for (let i = 0; i < tokens.length; ) {
    const rule = lexicon.abbreviations
      .get(tokens[i]!)
      ?.find((r) => startsWithAt(tokens, i, r.key) && typedAs(typed(), i, r));
    if (rule) {
      const readings: Reading[] = [{ tokens: rule.value, weight: 1, via: "lexicon" }];
      if (rule.key.every(isKnown)) readings.push({ tokens: rule.key, weight: 0.8, via: "typed" });
      units.push({ typed: rule.key, readings, gapBefore: false });
      i += rule.key.length;
      continue;
    }
    // An everyday word the material says otherwise: both readings, the typed one first.
    const synonym = lexicon.synonyms
      .get(tokens[i]!)
      ?.find((r) => startsWithAt(tokens, i, r.key) && typedAs(typed(), i, r));
    if (synonym) {
      const readings: Reading[] = [
        { tokens: synonym.key, weight: 1, via: "typed" },
        ...synonym.means.map((m): Reading => ({ tokens: m, weight: SYNONYM_WEIGHT, via: "synonym" })),
      ];
      units.push({ typed: synonym.key, readings, gapBefore: false });
      i += synonym.key.length;
    } else {
      const t = tokens[i]!;
      const unit: QueryUnit = { typed: [t], readings: [{ tokens: [t], weight: 1, via: "typed" }], gapBefore: false };
      const spelt = () => typed()[i]?.normalize("NFC").toLowerCase() ?? "";
      if (MARKED_FUNCTION_FOLDED.has(t) && MARKED_FUNCTION_WORDS.has(spelt())) unit.functionWord = true;
      else if (CONTENT_FOLDED.has(t) && readsAsContent(spelt(), typed())) unit.contentWord = true;
      units.push(unit);
      i += 1;
    }
  }

  // Small numbers are written both ways ("1 buổi" / "một buổi", "chín đảng viên" / "9 đảng viên").
  for (const u of units) {
    const r = u.readings[0]!;
    if (u.readings.length !== 1 || r.tokens.length !== 1) continue;
    const other = NUMBER_WORDS.get(r.tokens[0]!);
    if (other !== undefined) u.readings.push({ tokens: [other], weight: 0.8, via: "typed" });
  }

  // 2. Fillers, matched on the expanded text (so "là j" → "là gì" is caught), removing whole units only.
  const flat: string[] = [];
  const unitOf: number[] = [];
  const unitStart: boolean[] = [];
  units.forEach((u, ui) => {
    u.readings[0]!.tokens.forEach((t, k) => {
      flat.push(t);
      unitOf.push(ui);
      unitStart.push(k === 0);
    });
  });
  const removed = new Set<number>();
  for (let i = 0; i < flat.length; ) {
    if (!unitStart[i]) {
      i++;
      continue;
    }
    const key = lexicon.fillers
      .get(flat[i]!)
      ?.find((k) => startsWithAt(flat, i, k) && (i + k.length === flat.length || unitStart[i + k.length]));
    if (key) {
      for (let j = i; j < i + key.length; j++) removed.add(unitOf[j]!);
      i += key.length;
    } else i++;
  }
  return withoutUnits(units, removed);
}

/**
 * The units not in `removed`, each marked when a removed one stood just before it (no syllable pair spans the gap).
 * A question made only of removable words ("là gì?") keeps its words rather than becoming empty.
 */
export function withoutUnits(units: QueryUnit[], removed: ReadonlySet<number>): QueryUnit[] {
  if (removed.size === 0 || removed.size === units.length) return units;
  const kept: QueryUnit[] = [];
  let gap = false;
  units.forEach((u, ui) => {
    if (removed.has(ui)) {
      gap = kept.length > 0;
      return;
    }
    kept.push(gap && !u.gapBefore ? { ...u, gapBefore: true } : u);
    gap = false;
  });
  return kept;
}
