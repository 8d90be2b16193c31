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

/** User-perceived characters: a cut between two code points of one (👨‍👩‍👧, 🇻🇳, "é" as e + ◌́) breaks it. */
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * The last grapheme boundary at or before `at`. Segmenting a window is enough (clusters are short); one longer than
 * the window, or a window that starts inside a cluster, falls back to `at`, which is still surrogate-safe.
 */
function graphemeCut(text: string, at: number): number {
  if (at <= 0 || at >= text.length) return at;
  const from = Math.max(0, at - 64);
  let cut = from;
  for (const { index } of graphemes.segment(text.slice(from, Math.min(text.length, at + 16)))) {
    if (from + index > at) break;
    cut = from + index;
  }
  return cut > from || from === 0 ? cut : at;
}

/**
 * Where `text` may be cut at or before `at` without breaking it: never inside a grapheme cluster or between the two
 * halves of a surrogate pair (Telegram refuses a lone surrogate), inside an HTML entity (`&amp;`) or inside a tag
 * (`<b>`).
 */
function safeCut(text: string, at: number): number {
  let cut = at;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  cut = graphemeCut(text, cut);
  const amp = text.lastIndexOf("&", cut - 1);
  if (amp >= 0 && amp > cut - 10 && !text.slice(amp, cut).includes(";")) cut = amp;
  const open = text.lastIndexOf("<", cut - 1);
  if (open >= 0 && text.lastIndexOf(">", cut - 1) < open) cut = open;
  return cut > 0 ? cut : at;
}

/**
 * The first piece of `text` that fits `limit` and what is left after it: cut at a line end where one falls in the
 * second half of the piece, else at a space, else at the limit itself (moved back to a safe boundary, `safeCut`).
 */
function takePiece(text: string, limit: number): [string, string] {
  if (text.length <= limit) return [text, ""];
  let cut = text.lastIndexOf("\n", limit);
  if (cut < limit / 2) cut = text.lastIndexOf(" ", limit);
  if (cut < limit / 2) cut = safeCut(text, limit);
  return [text.slice(0, cut), text.slice(cut).replace(/^\s+/, "")];
}

/** The tags still open at the end of `html`, outermost first, as written (to open them again). */
function openTags(html: string): { name: string; tag: string }[] {
  const stack: { name: string; tag: string }[] = [];
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*>/g)) {
    const name = (m[2] ?? "").toLowerCase();
    if (!m[1]) stack.push({ name, tag: m[0] });
    else {
      const at = stack.map((t) => t.name).lastIndexOf(name);
      if (at >= 0) stack.splice(at);
    }
  }
  return stack;
}

/**
 * Cuts a long text into pieces of at most `limit` characters, in order, each cut at a safe place (`takePiece`). A
 * tag open at a cut (a long quote) is closed at the end of its piece and opened again at the start of the next, so
 * every piece is HTML Telegram takes (its limit counts the text, not the tags).
 */
export function splitText(text: string, limit = MESSAGE_LIMIT): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const [piece, tail] = takePiece(rest, limit);
    const open = openTags(piece);
    out.push(
      piece +
        open
          .map((t) => `</${t.name}>`)
          .reverse()
          .join(""),
    );
    rest = open.map((t) => t.tag).join("") + tail;
  }
  if (rest) out.push(rest);
  return out;
}

/** `text` cut to at most `max` characters at a safe place, with "…" when it was cut. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${takePiece(text, max - 1)[0].trimEnd()}…`;
}

/** How much of a quoted question stays when the message would not fit otherwise: enough to recognise it. */
const SHORT_QUOTE = 300;

/**
 * A message that quotes someone's text (`quote`, escaped) and carries a longer one (`body`, escaped), rendered by
 * `render(quote, body)`; `body` must stand outside any tag of the template. When it is over the limit the quote is
 * shortened first (with "…"), and a body still too long continues in as many messages as it needs, in order and
 * whole.
 */
export function quoteAndBody(
  render: (quote: string, body: string) => string,
  quote: string,
  body: string,
  limit = MESSAGE_LIMIT,
): string[] {
  const whole = render(quote, body);
  if (whole.length <= limit) return [whole];
  const short = shorten(quote, SHORT_QUOTE);
  const room = limit - render(short, "").length;
  // A frame that leaves little room (a long class name) goes alone, the body after it.
  if (room < limit / 4) return [render(short, ""), ...splitText(body, limit)];
  const [first, rest] = takePiece(body, room);
  return [render(short, first), ...splitText(rest, limit)];
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
