/**
 * How the bot's text is shaped, defined once: HTML escaping for Telegram's HTML parse mode, the 4,096-character
 * message limit and the one splitter every long message goes through, the user-visible date and time formats, and
 * the `Translate` function type that renderers take (so the same code renders inside an update and in a queued job,
 * in the recipient's language). Pure: imports nothing of the bot, so every floor above the domain may use it.
 */
import { formatDate, weekdayOf } from "../domain/time.js";
import type { Translate } from "../i18n.js";

export { formatDate, formatInstant } from "../domain/time.js";

export type { Translate } from "../i18n.js";

/** The translate function of an update's context (`ctx.t`), as a plain `Translate`. */
export const tr =
  (ctx: { t: (key: string, vars?: Record<string, string | number>) => string }): Translate =>
  (key, vars) =>
    ctx.t(key, vars);

/** Telegram refuses a message (or an edit) longer than this. */
const MESSAGE_LIMIT = 4096;

/** Escapes user-supplied text for Telegram's HTML parse mode. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Where `text` may be cut at or before `at` without breaking it: never between the two halves of a surrogate pair
 * (Telegram refuses a lone surrogate), inside an HTML entity (`&amp;`) or inside a tag (`<b>`).
 */
function safeCut(text: string, at: number): number {
  let cut = at;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  const amp = text.lastIndexOf("&", cut - 1);
  if (amp >= 0 && amp > cut - 10 && !text.slice(amp, cut).includes(";")) cut = amp;
  const open = text.lastIndexOf("<", cut - 1);
  if (open >= 0 && text.lastIndexOf(">", cut - 1) < open) cut = open;
  return cut > 0 ? cut : at;
}

/**
 * Cuts a long text into pieces of at most `limit` characters: at a line end where one falls in the second half of
 * the piece, else at a space, else at the limit itself (moved back to a safe boundary, see `safeCut`).
 */
export function splitText(text: string, limit = MESSAGE_LIMIT): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf("\n", limit);
    if (cut < limit / 2) cut = rest.lastIndexOf(" ", limit);
    if (cut < limit / 2) cut = safeCut(rest, limit);
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\s+/, "");
  }
  if (rest) out.push(rest);
  return out;
}

/**
 * Packs blocks (paragraphs, list lines) into as few messages as fit under `limit`, joined by `separator` (a blank
 * line by default); a block longer than the limit is cut by `splitText`.
 */
export function packBlocks(blocks: string[], options: { separator?: string; limit?: number } = {}): string[] {
  const limit = options.limit ?? MESSAGE_LIMIT;
  const separator = options.separator ?? "\n\n";
  const out: string[] = [];
  let current = "";
  for (const block of blocks.flatMap((b) => (b.length > limit ? splitText(b, limit) : [b]))) {
    const candidate = current === "" ? block : `${current}${separator}${block}`;
    if (candidate.length <= limit) current = candidate;
    else {
      if (current !== "") out.push(current);
      current = block;
    }
  }
  if (current !== "") out.push(current);
  return out;
}

/** "Thứ Ba, 01/12/2026". */
export function formatDay(t: Translate, date: string): string {
  return t("cls-date", { weekday: t(`cls-weekday-${weekdayOf(date)}`), date: formatDate(date) });
}
