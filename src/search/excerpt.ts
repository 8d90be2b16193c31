/**
 * Excerpts and highlighting for answers: a passage trimmed to fit a message, centred on where the question's words
 * are densest, with those words marked in their original spelling (with diacritics, as the material writes them).
 *
 * Matching is on folded syllables, so "bi thu" marks "Bí thư" and an NFD question marks NFC text. Rendering is left
 * to the caller through `escape` and `wrap`, so the bot can produce HTML (`<b>…</b>`) and nothing here knows about it.
 */
import { foldTokens, type TokenSpan, tokenizeSpans } from "./fold.js";
import { STOPWORDS } from "./stopwords.js";

export interface Mark {
  start: number;
  end: number;
}

export interface Excerpt {
  /** The excerpt, with "…" where the passage was cut. */
  text: string;
  /** Ranges of `text` to emphasise, sorted and non-overlapping. */
  marks: Mark[];
  cutStart: boolean;
  cutEnd: boolean;
}

export interface ExcerptOptions {
  /** Longest excerpt in characters, ellipses included (default 900). */
  maxChars?: number;
  /** Also mark function words (default false: "là", "của" would light up everywhere). */
  markStopwords?: boolean;
}

const ELLIPSIS = "…";

/** Folded syllables to mark, from matched terms or a raw question. */
function termSet(terms: Iterable<string>, markStopwords: boolean): Set<string> {
  const out = new Set<string>();
  for (const t of terms) for (const f of foldTokens(t)) if (markStopwords || !STOPWORDS.has(f)) out.add(f);
  return out;
}

/** Marks over `spans`, joining neighbouring marked syllables separated only by spaces ("Bí thư" as one mark). */
function marksFor(text: string, spans: readonly TokenSpan[], terms: ReadonlySet<string>): Mark[] {
  const marks: Mark[] = [];
  for (const s of spans) {
    if (!terms.has(s.term)) continue;
    const last = marks[marks.length - 1];
    if (last && /^[ \t]+$/.test(text.slice(last.end, s.start))) last.end = s.end;
    else marks.push({ start: s.start, end: s.end });
  }
  return marks;
}

/** Mark every occurrence of `terms` (folded or not) in `text`, without trimming. */
export function findMarks(text: string, terms: Iterable<string>, options: ExcerptOptions = {}): Mark[] {
  return marksFor(text, tokenizeSpans(text), termSet(terms, options.markStopwords ?? false));
}

/**
 * Trim `text` to at most `maxChars` around the densest cluster of `terms`, cutting at word boundaries
 * (preferring a paragraph or sentence start when one is close), and mark the terms.
 */
export function makeExcerpt(text: string, terms: Iterable<string>, options: ExcerptOptions = {}): Excerpt {
  const maxChars = Math.max(20, options.maxChars ?? 900);
  const set = termSet(terms, options.markStopwords ?? false);
  const spans = tokenizeSpans(text);
  if (text.length <= maxChars) return { text, marks: marksFor(text, spans, set), cutStart: false, cutEnd: false };

  // Densest region: the window of a third of the budget holding the most distinct-weighted hits.
  const hits = spans.filter((s) => set.has(s.term));
  let centre = 0;
  if (hits.length > 0) {
    const span = maxChars / 3;
    let best = -1;
    let lo = 0;
    const count = new Map<string, number>();
    let distinct = 0;
    for (let hi = 0; hi < hits.length; hi++) {
      const h = hits[hi]!;
      count.set(h.term, (count.get(h.term) ?? 0) + 1);
      if (count.get(h.term) === 1) distinct++;
      while (h.end - hits[lo]!.start > span) {
        const t = hits[lo]!.term;
        count.set(t, count.get(t)! - 1);
        if (count.get(t) === 0) distinct--;
        lo++;
      }
      // Distinct words count most; raw hits break ties.
      const score = distinct * 1000 + (hi - lo + 1);
      if (score > best) {
        best = score;
        centre = (hits[lo]!.start + h.end) / 2;
      }
    }
  }

  const budget = maxChars - 2 * ELLIPSIS.length - 2;
  let start = Math.max(0, Math.round(centre - budget / 2));
  let end = Math.min(text.length, start + budget);
  start = Math.max(0, end - budget);

  // Snap to word boundaries: start at a syllable start, end at a syllable end, inside the window.
  if (start > 0) {
    const paragraph = text.lastIndexOf("\n", start + 120);
    const sentence = text.slice(start, start + 120).search(/[.!?;:]\s/);
    if (paragraph >= start) start = paragraph + 1;
    else if (sentence >= 0) start = start + sentence + 2;
    else start = spans.find((s) => s.start >= start)?.start ?? start;
  }
  if (end < text.length) {
    let lastEnd = start;
    for (const s of spans) {
      if (s.end > end) break;
      if (s.start >= start) lastEnd = s.end;
    }
    // Include closing punctuation right after the last word.
    const after = /^[.,;:!?)»”"]*/.exec(text.slice(lastEnd, end))![0];
    end = lastEnd + after.length;
  }
  const cutStart = start > 0;
  const cutEnd = end < text.length;
  const body = text.slice(start, end).trim();
  const lead = text.slice(start, end).length - text.slice(start, end).trimStart().length;
  const prefix = cutStart ? `${ELLIPSIS} ` : "";
  const out = `${prefix}${body}${cutEnd ? ` ${ELLIPSIS}` : ""}`;
  const shift = prefix.length - start - lead;
  const marks = marksFor(text, spans, set)
    .filter((m) => m.start >= start + lead && m.end <= start + lead + body.length)
    .map((m) => ({ start: m.start + shift, end: m.end + shift }));
  return { text: out, marks, cutStart, cutEnd };
}

export interface Renderer {
  /** Escape plain text for the output format (e.g. HTML entities). */
  escape: (text: string) => string;
  /** Wrap an already escaped marked run (e.g. `<b>${s}</b>`). */
  wrap: (escaped: string) => string;
}

/** Render text with marks through the caller's escape and wrap. */
export function renderMarked(text: string, marks: readonly Mark[], render: Renderer): string {
  let out = "";
  let at = 0;
  for (const m of marks) {
    if (m.start < at) continue;
    out += render.escape(text.slice(at, m.start));
    out += render.wrap(render.escape(text.slice(m.start, m.end)));
    at = m.end;
  }
  return out + render.escape(text.slice(at));
}

/** Trim and render in one go: `renderExcerpt(p.text, hit.matchedTerms, { escape, wrap })`. */
export function renderExcerpt(
  text: string,
  terms: Iterable<string>,
  render: Renderer,
  options: ExcerptOptions = {},
): string {
  const ex = makeExcerpt(text, terms, options);
  return renderMarked(ex.text, ex.marks, render);
}
