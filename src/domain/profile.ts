/**
 * Validation of what a learner types about themselves. Pure: the bot turns a failure into a polite re-ask.
 */
import { z } from "zod";

/** Collapses runs of white space and trims; the stored value is always NFC. */
const tidy = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();

export const FullNameSchema = z
  .string()
  .transform(tidy)
  .pipe(
    z
      .string()
      .min(2)
      .max(100)
      .regex(/^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u),
  );

export const UnitSchema = z
  .string()
  .transform(tidy)
  .pipe(
    z
      .string()
      .min(2)
      .max(150)
      .refine((s) => /\p{L}/u.test(s) && !s.startsWith("/")),
  );
