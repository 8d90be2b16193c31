/**
 * How much of one report is found in another: fingerprints of folded Vietnamese text and an index that finds the
 * earlier reports sharing text with a new one without comparing it to each of them.
 *
 * A report's text is folded (search/fold.ts, so "uỷ"/"ủy" and a report typed without diacritics match) and cut into
 * shingles of SHINGLE consecutive syllables, each hashed to 32 bits. Shingles also found in the course material are
 * set apart first: quoting the material is expected, and two learners who quote the same paragraph have not copied
 * each other. What is left — the learner's own text — gets a MinHash signature (PERMUTATIONS minimums), and the
 * signature is cut into BANDS bands of ROWS rows for locality-sensitive hashing: two reports land in a common bucket
 * with probability 1 − (1 − J^ROWS)^BANDS for a Jaccard similarity J, above 0.9 from J = 0.2 and under 0.2 at J = 0.05,
 * so a check looks only at the buckets of the new report. The share of a report found in another (containment, what
 * "giống 83%" means) is estimated from the two signatures and the two sizes.
 *
 * Nothing here decides anything: the numbers go to the instructor, who grades.
 */
import { foldTokens } from "../search/fold.js";

/** Syllables per shingle: four syllables are about two Vietnamese words, long enough to be rare, short enough to
 * survive light editing. */
const SHINGLE = 4;
const BANDS = 64;
const ROWS = 2;
const PERMUTATIONS = BANDS * ROWS;

/** A report's own text, below which no share is computed (a few lines prove nothing either way). */
const MIN_SHINGLES = 12;

/** FNV-1a over a string, 32 bits. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 32-bit mix (murmur3's finaliser) of a shingle with a seed: one independent-looking hash per permutation. */
function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const SEEDS = Uint32Array.from({ length: PERMUTATIONS }, (_, i) => mix(i + 1, 0x9e3779b9));

/** The distinct shingle hashes of a text (folded syllables, SHINGLE at a time). */
export function shingles(text: string): Set<number> {
  const tokens = foldTokens(text);
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE <= tokens.length; i++) out.add(hashString(tokens.slice(i, i + SHINGLE).join(" ")));
  if (tokens.length > 0 && tokens.length < SHINGLE) out.add(hashString(tokens.join(" ")));
  return out;
}

export interface Fingerprint {
  /** Shingles of the whole text. */
  size: number;
  /** Of them, how many are also in the material (quoted). */
  quoted: number;
  /** Shingles of the learner's own text (size − quoted). */
  own: number;
  /** MinHash of the own shingles; all 0xffffffff when there are none. */
  signature: Uint32Array;
}

/** The fingerprint of a text, with the material's shingles (`material`) set apart. */
export function fingerprint(text: string, material?: ReadonlySet<number>): Fingerprint {
  const all = shingles(text);
  const signature = new Uint32Array(PERMUTATIONS).fill(0xffffffff);
  let quoted = 0;
  for (const s of all) {
    if (material?.has(s)) {
      quoted++;
      continue;
    }
    for (let p = 0; p < PERMUTATIONS; p++) {
      const v = mix(s, SEEDS[p]!);
      if (v < signature[p]!) signature[p] = v;
    }
  }
  return { size: all.size, quoted, own: all.size - quoted, signature };
}

/** Estimated Jaccard similarity of two fingerprints' own text: the share of equal MinHash values. */
function jaccard(a: Fingerprint, b: Fingerprint): number {
  let same = 0;
  for (let p = 0; p < PERMUTATIONS; p++) if (a.signature[p] === b.signature[p]) same++;
  return same / PERMUTATIONS;
}

/** The estimated share of `a`'s own text found in `b` (0–1), from Jaccard and the two sizes. */
export function containment(a: Fingerprint, b: Fingerprint): number {
  if (a.own < MIN_SHINGLES || b.own < MIN_SHINGLES) return 0;
  const j = jaccard(a, b);
  if (j === 0) return 0;
  // |A∩B| = J·(|A|+|B|)/(1+J); its share of A.
  return Math.min(1, (j * (a.own + b.own)) / ((1 + j) * a.own));
}

/** The share of a text that quotes the material (0–1). */
export function quotedShare(f: Fingerprint): number {
  return f.size === 0 ? 0 : f.quoted / f.size;
}

const bandKey = (sig: Uint32Array, band: number): string => {
  let h = 0x811c9dc5 ^ band;
  for (let r = band * ROWS; r < (band + 1) * ROWS; r++) h = mix(sig[r]!, h);
  return `${band}:${h}`;
};

export interface Match<K> {
  key: K;
  /** Share of the checked report's own text found in this one (0–1). */
  share: number;
}

/** Fingerprints by key (a report version) with their LSH buckets: a check reads BANDS buckets, not every report. */
export class SimilarityIndex<K> {
  private readonly prints = new Map<K, Fingerprint>();
  private readonly buckets = new Map<string, K[]>();

  get size(): number {
    return this.prints.size;
  }

  add(key: K, print: Fingerprint): void {
    if (this.prints.has(key) || print.own < MIN_SHINGLES) return;
    this.prints.set(key, print);
    for (let b = 0; b < BANDS; b++) {
      const k = bandKey(print.signature, b);
      const bucket = this.buckets.get(k);
      if (bucket) bucket.push(key);
      else this.buckets.set(k, [key]);
    }
  }

  /** The indexed reports sharing at least `minShare` of `print`'s own text, most similar first. */
  query(print: Fingerprint, options: { minShare?: number; exclude?: (key: K) => boolean } = {}): Match<K>[] {
    if (print.own < MIN_SHINGLES) return [];
    const seen = new Set<K>();
    const out: Match<K>[] = [];
    for (let b = 0; b < BANDS; b++) {
      for (const key of this.buckets.get(bandKey(print.signature, b)) ?? []) {
        if (seen.has(key)) continue;
        seen.add(key);
        if (options.exclude?.(key)) continue;
        const share = containment(print, this.prints.get(key)!);
        if (share >= (options.minShare ?? 0)) out.push({ key, share });
      }
    }
    return out.sort((x, y) => y.share - x.share);
  }
}

/** The sentences of a text (for showing shared passages side by side). */
function sentences(text: string): string[] {
  return text
    .normalize("NFC")
    .split(/(?<=[.!?;:…])\s+|\n+/)
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter((s) => foldTokens(s).length >= SHINGLE);
}

export interface SharedPassage {
  /** A sentence of the checked report … */
  mine: string;
  /** … and the sentence of the other report most like it. */
  theirs: string;
  /** Share of `mine`'s shingles found in `theirs` (0–1). */
  share: number;
}

/**
 * The sentences of `mine` most found in `theirs` (at least half their shingles), each with its closest sentence in
 * `theirs`, in the order of `mine`; sentences made of the material only are left out (they are quotes).
 */
export function sharedPassages(
  mine: string,
  theirs: string,
  options: { material?: ReadonlySet<number>; limit?: number } = {},
): SharedPassage[] {
  const other = sentences(theirs).map((s) => ({ s, sh: shingles(s) }));
  const all = new Set<number>();
  for (const o of other) for (const h of o.sh) all.add(h);
  const out: SharedPassage[] = [];
  for (const s of sentences(mine)) {
    const sh = [...shingles(s)].filter((h) => !options.material?.has(h));
    if (sh.length === 0) continue;
    const found = sh.filter((h) => all.has(h)).length / sh.length;
    if (found < 0.5) continue;
    let best = other[0]!;
    let bestCount = -1;
    for (const o of other) {
      const c = sh.filter((h) => o.sh.has(h)).length;
      if (c > bestCount) {
        bestCount = c;
        best = o;
      }
    }
    out.push({ mine: s, theirs: best.s, share: found });
  }
  return out.slice(0, options.limit ?? 5);
}
