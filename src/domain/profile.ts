/**
 * Validation of what a learner types about themselves. Pure: the bot turns a failure into a polite re-ask.
 */
import { z } from "zod";

/**
 * Characters that change how the text around them is shown while showing nothing themselves: bidi embeddings,
 * overrides and isolates (a unit typed with U+202E reads backwards to everyone who sees it), directional marks,
 * zero-width spaces and joiners, the byte-order mark, word joiners and invisible operators, the soft hyphen. A name
 * or a unit needs none of them (a joiner inside an emoji is lost too: names and units carry none worth keeping).
 */
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\uFEFF\u2060-\u2064\u00AD\u180E]/g;

/**
 * The one cleaning of every profile field people type or Telegram hands over (full name, unit, Telegram's name, an
 * imported list's cells): NFC, invisible and control characters removed, runs of white space made one, trimmed.
 */
export function cleanProfileText(s: string): string {
  return s
    .normalize("NFC")
    .replace(INVISIBLE, "")
    .replace(/\p{Cc}/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export const FullNameSchema = z
  .string()
  .transform(cleanProfileText)
  .pipe(
    z
      .string()
      .min(2)
      .max(100)
      .regex(/^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u),
  );

export const UnitSchema = z
  .string()
  .transform(cleanProfileText)
  .pipe(
    z
      .string()
      .min(2)
      .max(150)
      .refine((s) => /\p{L}/u.test(s) && !s.startsWith("/")),
  );
