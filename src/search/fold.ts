/**
 * Vietnamese folding: the one normal form shared by the index and by queries.
 *
 * Learners type without diacritics, with old or new tone placement ("uỷ"/"ủy", "hoà"/"hòa"), or send decomposed
 * Unicode (NFD) from some keyboards. Folding lower-cases, strips every combining mark and maps `đ` to `d`, so all of
 * these spellings become the same syllable ("uy", "hoa"). Punctuation and symbols (emoji included) separate tokens.
 *
 * Folding loses information ("đảng" and "đang" both become "dang"); ranking makes up for it with syllable pairs
 * (bigrams), which are far less ambiguous than single syllables.
 */

const MARKS = /\p{M}+/gu;
const TOKEN = /[\p{L}\p{N}]+/gu;
const NON_TOKEN = /[^\p{L}\p{N}]+/gu;
const D_STROKE = /[đð]/g;

/** Lower case, strip combining marks, `đ`→`d`. Keeps punctuation and spacing as they are. */
export function foldRaw(text: string): string {
  // Lower-casing first: some upper-case letters lower-case into a letter plus a combining mark ("İ").
  return text.toLowerCase().normalize("NFD").replace(MARKS, "").replace(D_STROKE, "d");
}

/** Does the text carry a tone or vowel mark ("dự", "ủy"; not "đv", whose đ is a letter of its own)? */
export function hasToneOrVowelMarks(text: string): boolean {
  return HAS_MARK.test(text.normalize("NFD"));
}

const HAS_MARK = /\p{M}/u;

/** Is a message typed with marks: at least half of its words that have letters carry a tone or vowel mark? */
export function typedWithMarks(words: readonly string[]): boolean {
  const letters = words.filter((w) => /\p{L}/u.test(w));
  return letters.filter((w) => hasToneOrVowelMarks(w)).length * 2 >= letters.length;
}

/** Does the token sequence `key` start at `tokens[at]`? */
export function startsWithAt(tokens: readonly string[], at: number, key: readonly string[]): boolean {
  if (at + key.length > tokens.length) return false;
  for (let i = 0; i < key.length; i++) if (tokens[at + i] !== key[i]) return false;
  return true;
}

/** Does the token sequence `seq` occur anywhere in `tokens`? */
export function hasSeq(tokens: readonly string[], seq: readonly string[]): boolean {
  for (let i = 0; i + seq.length <= tokens.length; i++) if (startsWithAt(tokens, i, seq)) return true;
  return false;
}

/** Folded text with every run of punctuation/space collapsed to one space. */
export function foldText(text: string): string {
  return foldRaw(text).replace(NON_TOKEN, " ").trim();
}

/** Folded syllables (tokens) of a text, in order. */
export function foldTokens(text: string): string[] {
  return foldRaw(text).match(TOKEN) ?? [];
}

/** A token together with where it sits in the original (unfolded) string, in UTF-16 code units. */
export interface TokenSpan {
  term: string;
  start: number;
  end: number;
}

const charCache = new Map<string, { kind: 0 | 1 | 2; folded: string }>();
const IS_WORD = /^[\p{L}\p{N}]$/u;
const IS_MARK = /^\p{M}$/u;

/** kind 0 = separator, 1 = letter/number, 2 = combining mark (continues the current token). */
function classify(ch: string): { kind: 0 | 1 | 2; folded: string } {
  let hit = charCache.get(ch);
  if (hit === undefined) {
    if (IS_MARK.test(ch)) hit = { kind: 2, folded: "" };
    else if (IS_WORD.test(ch)) hit = { kind: 1, folded: foldRaw(ch).replace(NON_TOKEN, "") };
    else hit = { kind: 0, folded: "" };
    if (charCache.size < 4096) charCache.set(ch, hit);
  }
  return hit;
}

/**
 * Tokenise keeping original positions, for highlighting. Produces the same terms as {@link foldTokens} for any
 * ordinary text (NFC or NFD), walking code point by code point.
 */
export function tokenizeSpans(text: string): TokenSpan[] {
  const spans: TokenSpan[] = [];
  let term = "";
  let start = -1;
  let end = -1;
  let i = 0;
  for (const ch of text) {
    const c = classify(ch);
    if (c.kind === 1) {
      if (start < 0) start = i;
      term += c.folded;
      end = i + ch.length;
    } else if (c.kind === 2) {
      if (start >= 0) end = i + ch.length;
    } else if (start >= 0) {
      spans.push({ term, start, end });
      term = "";
      start = -1;
    }
    i += ch.length;
  }
  if (start >= 0) spans.push({ term, start, end });
  return spans;
}

/**
 * Could this folded token be a Vietnamese syllable? Onset, vowel group, optional final consonant; vowel groups that
 * end in a glide (ai, ao, eo, uoi…) take no final. Permissive (folding merges many rhymes) but rejects typical typos:
 * "hco", "haot", "chj", "dee", "vna". Tells a misspelling (to correct) from a real word the material lacks
 * ("hôm", "mai", to leave alone so that an out-of-scope question stays out of scope).
 */
const SYLLABLE =
  /^(ngh|ng|gh|gi|kh|ch|nh|ph|qu|th|tr|[bcdghklmnprstvx])?(?:(?:oai|oay|oeo|uay|uoi|uou|ieu|yeu|uyu|ai|ao|au|ay|eo|eu|iu|oi|ui|uu)|(?:uya|uye|ia|ie|oa|oe|oo|ua|ue|uo|uy|ye|a|e|i|o|u|y)(?:ch|ng|nh|[cmnpt])?)$/;

export function isSyllable(token: string): boolean {
  return SYLLABLE.test(token);
}

const TELEX_TONE = /[sfrxj]/;
const VOWEL = /[aeiouy]/;

/**
 * Undo raw Telex input typed without an input method ("dduowcj" → "duoc", "thuys" → "thuy"), on a folded token.
 * Returns the token unchanged when it does not look like Telex. Only used for tokens unknown to the corpus, and
 * only accepted when the result is a known syllable, so ordinary words are never touched.
 */
export function untelex(token: string): string {
  let out = "";
  let seenVowel = false;
  for (let i = 0; i < token.length; i++) {
    const ch = token[i]!;
    // Tone keys s f r x j never end a Vietnamese syllable, so after the first vowel they are Telex tone marks.
    if (seenVowel && TELEX_TONE.test(ch)) continue;
    if (ch === "w") {
      // "uw" → ư, "ow" → ơ, "aw" → ă: the base vowel is already written; a bare "w" is ư.
      const prev = out[out.length - 1];
      if (prev === undefined || !VOWEL.test(prev)) {
        out += "u";
        seenVowel = true;
      }
      continue;
    }
    const prev = out[out.length - 1];
    // "dd" → đ, "aa" → â, "ee" → ê, "oo" → ô.
    if (prev === ch && (ch === "d" || ch === "a" || ch === "e" || ch === "o")) continue;
    if (VOWEL.test(ch)) seenVowel = true;
    out += ch;
  }
  return out;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transposition), for short syllables.
 * Used to double-check fuzzy candidates: Fuse's Bitap score treats a pattern found inside a longer word as
 * perfect, which is right for substrings but wrong for correcting a whole syllable.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}
