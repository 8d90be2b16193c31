/**
 * Cutting lesson material into passages: the unit the bot answers with and cites.
 *
 * A passage is a heading's worth of text, about 40–150 syllables: long enough to answer a question on its own, short
 * enough to fit a Telegram message and to be ranked precisely. Tiny sections (a parent's one-line intro, a heading
 * with no body) are merged into what follows; very long ones are split at paragraph, then line, then sentence
 * boundaries. Each passage keeps its heading path (title › section › subsection) and file:line for citation.
 *
 * Works on any Markdown a centre drops in: only `#` headings, blank lines and common inline markup are understood.
 */
import type { ContentDoc, ContentKind } from "../content/types.js";
import { foldText, foldTokens } from "./fold.js";

export interface Passage {
  /** Stable id: `docId#n`, n counting from 1 in document order. */
  id: string;
  docId: string;
  kind: ContentKind;
  lesson?: number;
  /** Document title first, then the headings down to this passage's section. */
  headingPath: string[];
  /** Plain text (Markdown markup removed), paragraphs separated by blank lines. */
  text: string;
  /** Document keywords (front matter), searchable with every passage of the document. */
  keywords: string[];
  confidence: ContentDoc["confidence"];
  /** File relative to the content directory, and the 1-based line where the passage starts. */
  file: string;
  line: number;
  /** Syllable count of `text`. */
  words: number;
  /** Who may read it (the document's scope); absent = everyone. */
  scope?: string;
  /** Page of the file where the passage starts, for files that have pages. */
  page?: number;
}

export interface SplitOptions {
  /** Sections shorter than this are merged with their neighbours (default 40 syllables). */
  minWords?: number;
  /** Longer sections are split (default 150 syllables). */
  maxWords?: number;
  /**
   * Minimum for documents made of self-contained entries (FAQ questions, glossary terms), which are better cited
   * one by one even when short (default 12).
   */
  minWordsEntries?: number;
}

interface Line {
  text: string;
  line: number;
}

interface Section {
  path: string[];
  heading: string | null;
  headingLine: number;
  paragraphs: Line[][];
}

interface Chunk {
  section: Section;
  first: boolean;
  lines: Line[][];
  words: number;
}

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const FENCE = /^ {0,3}(```|~~~)/;
const RULE = /^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/** Inline Markdown → plain text (emphasis, code, links, images, HTML tags). */
export function stripInline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/<[^>\n]+>/g, "")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
    .replace(/(^|[^\p{L}\p{N}*_])([*_])(?=\S)([^*_\n]+?)(?<=\S)\2(?![\p{L}\p{N}])/gu, "$1$3")
    .replace(/\\([\\`*_{}[\]()#+\-.!|>])/g, "$1");
}

function cleanLine(raw: string): string | null {
  if (RULE.test(raw) || TABLE_SEPARATOR.test(raw)) return null;
  let s = raw.replace(/^ {0,3}(> ?)+/, "");
  s = s.replace(/^(\s*)[-*+][ \t]+/, "$1• ");
  if (/^\s*\|/.test(s)) {
    s = s
      .trim()
      .replace(/^\||\|$/g, "")
      .split("|")
      .map((c) => c.trim())
      .filter((c) => c.length > 0)
      .join(" | ");
  }
  return stripInline(s).trimEnd();
}

const countWords = (text: string): number => foldTokens(text).length;

function parseSections(doc: ContentDoc): Section[] {
  const titleFolded = foldText(doc.title);
  const sections: Section[] = [];
  let current: Section = { path: [doc.title], heading: null, headingLine: doc.bodyLine, paragraphs: [] };
  const stack: { level: number; text: string }[] = [];
  let paragraph: Line[] = [];
  let fence: string | null = null;
  const flush = () => {
    if (paragraph.length > 0) current.paragraphs.push(paragraph);
    paragraph = [];
  };
  const lines = doc.body.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const lineNo = doc.bodyLine + i;
    const fenceMatch = FENCE.exec(raw);
    if (fence !== null || fenceMatch) {
      if (fence === null) fence = fenceMatch![1]!;
      else if (fenceMatch && fenceMatch[1] === fence) fence = null;
      if (!fenceMatch) paragraph.push({ text: raw, line: lineNo });
      return;
    }
    const h = HEADING.exec(raw);
    if (h) {
      flush();
      sections.push(current);
      const level = h[1]!.length;
      const text = stripInline(h[2]!).trim();
      while (stack.length > 0 && stack[stack.length - 1]!.level >= level) stack.pop();
      // A top heading that repeats the document title adds nothing to the path.
      const repeatsTitle = stack.length === 0 && foldText(text) === titleFolded;
      if (!repeatsTitle && text.length > 0) stack.push({ level, text });
      current = {
        path: [doc.title, ...stack.map((s) => s.text)],
        heading: repeatsTitle || text.length === 0 ? null : text,
        headingLine: lineNo,
        paragraphs: [],
      };
      return;
    }
    if (raw.trim() === "") {
      flush();
      return;
    }
    const clean = cleanLine(raw);
    if (clean !== null && clean.trim() !== "") paragraph.push({ text: clean, line: lineNo });
  });
  flush();
  sections.push(current);
  return sections;
}

/** Split a section body into pieces of at most `max` syllables, at paragraph, then line, then sentence boundaries. */
function chunkSection(section: Section, min: number, max: number): Chunk[] {
  // Units that are each ≤ max where the text allows it.
  const units: { lines: Line[]; words: number; paragraphStart: boolean }[] = [];
  for (const para of section.paragraphs) {
    const words = para.reduce((n, l) => n + countWords(l.text), 0);
    if (words <= max) {
      units.push({ lines: para, words, paragraphStart: true });
      continue;
    }
    para.forEach((l, li) => {
      const w = countWords(l.text);
      if (w <= max) {
        units.push({ lines: [l], words: w, paragraphStart: li === 0 });
        return;
      }
      const sentences = l.text.match(/[^.!?…;]+[.!?…;]*\s*/g) ?? [l.text];
      sentences.forEach((s, si) => {
        // A run-on sentence longer than `max` is cut between words into equal pieces, as a last resort.
        const words = s.trim().split(/\s+/);
        const total = countWords(s);
        const pieces = Math.max(1, Math.ceil(total / max));
        const target = total / pieces;
        for (let from = 0; from < words.length; ) {
          let to = from;
          let n = 0;
          while (to < words.length && (to === from || n + countWords(words[to]!) <= target + 1)) {
            n += countWords(words[to++]!);
          }
          const piece = words.slice(from, to).join(" ");
          const paragraphStart = li === 0 && si === 0 && from === 0;
          units.push({ lines: [{ text: piece, line: l.line }], words: n, paragraphStart });
          from = to;
        }
      });
    });
  }
  const chunks: Chunk[] = [];
  let cur: Chunk | null = null;
  for (const u of units) {
    if (cur === null || (cur.words + u.words > max && cur.words > 0)) {
      cur = { section, first: chunks.length === 0, lines: [], words: 0 };
      chunks.push(cur);
    }
    if (u.paragraphStart || cur.lines.length === 0) cur.lines.push([...u.lines]);
    else cur.lines[cur.lines.length - 1]!.push(...u.lines);
    cur.words += u.words;
  }
  // A short tail goes back to the piece before it when that stays reasonable.
  if (chunks.length > 1) {
    const last = chunks[chunks.length - 1]!;
    const prev = chunks[chunks.length - 2]!;
    if (last.words < min && prev.words + last.words <= max + min) {
      prev.lines.push(...last.lines);
      prev.words += last.words;
      chunks.pop();
    }
  }
  if (chunks.length === 0) chunks.push({ section, first: true, lines: [], words: 0 });
  return chunks;
}

function headingWords(section: Section): number {
  return section.heading === null ? 0 : countWords(section.heading);
}

/** Split one document into passages. */
export function splitDocument(doc: ContentDoc, options: SplitOptions = {}): Passage[] {
  const max = options.maxWords ?? 150;
  const entries = doc.kind === "faq" || doc.kind === "glossary";
  const min = entries ? (options.minWordsEntries ?? 12) : (options.minWords ?? 40);
  const chunks = parseSections(doc).flatMap((s) => chunkSection(s, min, max));

  // Greedy packing: a draft below `min` swallows the next piece, otherwise it is emitted.
  const drafts: Chunk[][] = [];
  let draft: Chunk[] = [];
  let draftWords = 0;
  for (const c of chunks) {
    if (c.words === 0 && c.section.heading === null) continue;
    if (draft.length > 0 && draftWords >= min) {
      drafts.push(draft);
      draft = [];
      draftWords = 0;
    }
    draft.push(c);
    draftWords += c.words;
  }
  if (draft.length > 0) {
    const prev = drafts[drafts.length - 1];
    const prevWords = prev?.reduce((n, c) => n + c.words, 0) ?? 0;
    if (prev && draftWords < min && prevWords + draftWords <= max + min) prev.push(...draft);
    else drafts.push(draft);
  }

  const passages: Passage[] = [];
  for (const d of drafts) {
    // Cite the section that contributes most of the text; a parent's short intro defers to its child.
    const bySection = new Map<Section, number>();
    for (const c of d) bySection.set(c.section, (bySection.get(c.section) ?? 0) + c.words + headingWords(c.section));
    let primary = d[0]!.section;
    for (const [s, w] of bySection) if (w > (bySection.get(primary) ?? 0)) primary = s;
    const inPath = new Set(primary.path.slice(1).map(foldText));
    const paragraphs: string[] = [];
    for (const c of d) {
      const heading = c.section.heading;
      const lines = c.lines.map((p) => p.map((l) => l.text).join("\n"));
      if (c.first && heading !== null && !inPath.has(foldText(heading))) paragraphs.push(heading);
      paragraphs.push(...lines);
    }
    const text = paragraphs.join("\n\n").trim();
    if (text === "" && primary.heading === null) continue;
    const firstChunk = d[0]!;
    const line = firstChunk.first ? firstChunk.section.headingLine : (firstChunk.lines[0]?.[0]?.line ?? doc.bodyLine);
    passages.push({
      id: `${doc.id}#${passages.length + 1}`,
      docId: doc.id,
      kind: doc.kind,
      ...(doc.lesson === undefined ? {} : { lesson: doc.lesson }),
      headingPath: primary.path,
      text,
      keywords: doc.keywords,
      confidence: doc.confidence,
      file: doc.file,
      line,
      words: countWords(text),
      ...(doc.scope === undefined ? {} : { scope: doc.scope }),
      ...(doc.pageAt?.[line - doc.bodyLine] ? { page: doc.pageAt[line - doc.bodyLine] } : {}),
    });
  }
  return passages;
}

/** Split every document of a bundle, in order. */
export function splitPassages(docs: readonly ContentDoc[], options: SplitOptions = {}): Passage[] {
  return docs.flatMap((d) => splitDocument(d, options));
}

/** "Title › Section › Subsection", for citations. */
export function formatHeadingPath(passage: Pick<Passage, "headingPath">, separator = " › "): string {
  return passage.headingPath.join(separator);
}
