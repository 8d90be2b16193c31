/**
 * Ids of the records people point at with buttons: classes `c…`, questions `q…`, FAQ entries `f…`, uploaded material
 * `m…`, announcements `a…`. A new id is the letter, the creation time in base 36 (milliseconds, 8 characters until
 * 2059) and 4 random base-36 characters, e.g. `cmj5k2x1a7q9`: unlike a Redis counter it does not start again at 1
 * when Redis comes back empty, so a button under an old message can never name a record made after a wipe. Ids
 * made by the counter before (`c1`, `q42`) keep working: every check accepts both shapes.
 */
import { randomInt } from "node:crypto";

export type IdLetter = "c" | "q" | "f" | "m" | "a";

const RANDOM_CHARS = 4;

/** A new id of this kind. */
export function newId(letter: IdLetter): string {
  let random = "";
  for (let i = 0; i < RANDOM_CHARS; i++) random += randomInt(36).toString(36);
  return `${letter}${Date.now().toString(36)}${random}`;
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
