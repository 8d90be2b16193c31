/**
 * Ids of the records people point at with buttons: classes `c…`, questions `q…`, FAQ entries `f…`, uploaded material
 * `m…`, announcements `a…`. A new id is the letter, the creation time in base 36 (milliseconds, 8 characters until
 * 2059) and 6 base-36 characters, e.g. `cmj5k2x1a7q9k2`: random for the first id of a millisecond and counted up from
 * there for the next ones in this process, so ids made in one burst never collide. Unlike a Redis counter it does not start again at 1
 * when Redis comes back empty, so a button under an old message can never name a record made after a wipe. Ids
 * made by the counter before (`c1`, `q42`) keep working: every check accepts both shapes.
 */
import { randomInt } from "node:crypto";

export type IdLetter = "c" | "q" | "f" | "m" | "a";

const TAIL_CHARS = 6;
const TAIL_SPACE = 36 ** TAIL_CHARS;

let lastMs = -1;
let lastTail = 0;

/** A new id of this kind. */
export function newId(letter: IdLetter): string {
  const ms = Date.now();
  lastTail = ms === lastMs ? (lastTail + 1) % TAIL_SPACE : randomInt(TAIL_SPACE);
  lastMs = ms;
  return `${letter}${ms.toString(36)}${lastTail.toString(36).padStart(TAIL_CHARS, "0")}`;
}

/** Both shapes: the old counter's digits and the new time-plus-random characters (16 leave room past 2059). */
export function idPattern(letter: IdLetter): RegExp {
  return new RegExp(`^${letter}[0-9a-z]{1,16}$`);
}

/** Whether `id` is an id of this kind, checked before it is put into a key. */
export function isId(letter: IdLetter, id: string): boolean {
  return idPattern(letter).test(id);
}

/** The records a button can name, and the letter of their ids. */
export type RecordKind = "class" | "question" | "faq" | "material" | "announcement";
