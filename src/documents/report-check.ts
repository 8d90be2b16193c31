/**
 * The similarity check of one report version against the others a centre has: which of them share a large part of
 * its own text, and how much of it quotes the material. Pure; the store feeds it texts and the bot shows the result.
 */
import { containment, type Fingerprint } from "./similarity.js";

/**
 * Share of a report's own text found in another above which /reports marks it (a centre may set its own). Copies and
 * light edits keep most of their four-syllable shingles; unrelated reports on the same course share only stock
 * phrases (the numbers: `npm run bench:similarity`).
 */
export const DEFAULT_SIMILARITY_THRESHOLD = 0.6;

/** Share of `a`'s own text (material quotes set apart) found in `b`. */
export function flagShare(a: Fingerprint, b: Fingerprint): number {
  return containment(a, b);
}
