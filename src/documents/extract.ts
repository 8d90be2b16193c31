/**
 * A centre's file (DOCX, PDF, ODT, Markdown) → its text as blocks: headings with their level and paragraphs, each
 * with the page it is on when the format has pages (PDF). Pure: bytes in, blocks out; the Telegram download and the
 * storage are the callers' business.
 *
 * Each format goes through what understands it best: DOCX through mammoth (styles "Heading 1…6" become headings),
 * PDF through unpdf's text layer (a line set in a clearly larger font than the body is a heading), ODT through its
 * `content.xml` (`text:h` with its outline level), Markdown as it is. A PDF with no text layer (a scan) has nothing to
 * read: it comes back with no blocks and the `scanned` problem, never as an empty document.
 */
import { strFromU8, unzipSync } from "fflate";
import mammoth from "mammoth";
import { extractTextItems, getDocumentProxy } from "unpdf";

export type DocumentFormat = "docx" | "pdf" | "odt" | "md";

export interface Block {
  kind: "heading" | "paragraph";
  /** 1–6 for headings. */
  level?: number;
  text: string;
  /** 1-based page (PDF only). */
  page?: number;
}

/** What can go wrong with a file; each has its message in the locales (`doc-problem-<code>`). */
export type ProblemCode = "scanned" | "no-headings" | "empty" | "unreadable" | "unsupported";

export interface Extracted {
  format: DocumentFormat;
  /** The first heading, else the file name without its extension. */
  title: string;
  blocks: Block[];
  /** Pages of a PDF (0 for formats without pages). */
  pages: number;
  problems: ProblemCode[];
}

const EXTENSIONS: Record<string, DocumentFormat> = {
  docx: "docx",
  pdf: "pdf",
  odt: "odt",
  md: "md",
  markdown: "md",
  txt: "md",
};

/** The format by file name (and MIME type when the name says nothing); undefined when we cannot read it. */
export function formatOf(fileName: string, mime?: string): DocumentFormat | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext && EXTENSIONS[ext]) return EXTENSIONS[ext];
  if (mime === "application/pdf") return "pdf";
  if (mime === "application/vnd.openxmlformats-officedocument.wordprocessingml.document") return "docx";
  if (mime === "application/vnd.oasis.opendocument.text") return "odt";
  if (mime === "text/markdown" || mime === "text/plain") return "md";
  return undefined;
}

const clean = (s: string) => s.replace(/\s+/g, " ").trim().normalize("NFC");

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const stripTags = (s: string) => decodeEntities(s.replace(/<[^>]+>/g, " "));

/** mammoth's HTML: headings, paragraphs and list items in order (tables come as their cells' paragraphs). */
async function docxBlocks(bytes: Uint8Array): Promise<Block[]> {
  // Word's "Title" style is the document's title, above its "Heading 1" chapters.
  const styleMap = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { styleMap });
  const blocks: Block[] = [];
  for (const m of value.matchAll(/<(h[1-6]|p|li)\b[^>]*>([\s\S]*?)<\/\1>/g)) {
    const text = clean(stripTags(m[2]!));
    if (!text) continue;
    const tag = m[1]!;
    if (tag[0] === "h") blocks.push({ kind: "heading", level: Number(tag[1]), text });
    else blocks.push({ kind: "paragraph", text: tag === "li" ? `• ${text}` : text });
  }
  return blocks;
}

/** `content.xml` of an ODT: `text:h` (with `text:outline-level`) and `text:p`, in document order. */
function odtBlocks(bytes: Uint8Array): Block[] {
  const files = unzipSync(bytes, { filter: (f) => f.name === "content.xml" });
  const xml = files["content.xml"];
  if (!xml) throw new Error("content.xml missing");
  const body = strFromU8(xml)
    .replace(/<text:s(?:\s+text:c="(\d+)")?\s*\/>/g, (_m, n?: string) => " ".repeat(Number(n ?? 1)))
    .replace(/<text:(?:tab|line-break)\s*\/>/g, " ");
  const blocks: Block[] = [];
  for (const m of body.matchAll(/<text:(h|p)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/text:\1>)/g)) {
    const text = clean(stripTags(m[3] ?? ""));
    if (!text) continue;
    if (m[1] === "h") {
      const level = Number(/text:outline-level="(\d+)"/.exec(m[2]!)?.[1] ?? 1);
      blocks.push({ kind: "heading", level: Math.min(6, Math.max(1, level)), text });
    } else blocks.push({ kind: "paragraph", text });
  }
  return blocks;
}

function markdownBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    const t = clean(paragraph.join(" "));
    if (t) blocks.push({ kind: "paragraph", text: t });
    paragraph = [];
  };
  // Front matter, if any, is the content/ loader's business, not text to search.
  const body = text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, "");
  for (const line of body.split(/\r?\n/)) {
    const h = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/.exec(line);
    if (h) {
      flush();
      blocks.push({ kind: "heading", level: h[1]!.length, text: clean(h[2]!) });
    } else if (!line.trim()) flush();
    else paragraph.push(line);
  }
  flush();
  return blocks;
}

interface PdfLine {
  text: string;
  size: number;
  y: number;
  height: number;
}

/** Text items of one page → lines (items on one baseline, left to right). */
function pdfLines(
  items: readonly { str: string; x: number; y: number; fontSize: number; height: number }[],
): PdfLine[] {
  const lines: { y: number; parts: { x: number; str: string; size: number; height: number }[] }[] = [];
  for (const it of items) {
    if (!it.str.trim()) continue;
    const line = lines.find((l) => Math.abs(l.y - it.y) < Math.max(2, it.fontSize * 0.3));
    const part = { x: it.x, str: it.str, size: it.fontSize, height: it.height || it.fontSize };
    if (line) line.parts.push(part);
    else lines.push({ y: it.y, parts: [part] });
  }
  lines.sort((a, b) => b.y - a.y);
  return lines.map((l) => {
    l.parts.sort((a, b) => a.x - b.x);
    return {
      text: clean(l.parts.map((p) => p.str).join(" ")),
      size: Math.max(...l.parts.map((p) => p.size)),
      y: l.y,
      height: Math.max(...l.parts.map((p) => p.height)),
    };
  });
}

/**
 * The text layer, page by page: the commonest font size is the body; a line at least 15% larger is a heading, the
 * largest size level 1. A gap wider than a line and a half starts a new paragraph.
 */
async function pdfBlocks(bytes: Uint8Array): Promise<{ blocks: Block[]; pages: number }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { totalPages, items } = await extractTextItems(pdf);
  const pages = items.map((page) => pdfLines(page));
  const weight = new Map<number, number>();
  for (const line of pages.flat()) {
    const size = Math.round(line.size * 2) / 2;
    weight.set(size, (weight.get(size) ?? 0) + line.text.length);
  }
  const body = [...weight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  const headingSizes = [...weight.keys()].filter((s) => s >= body * 1.15).sort((a, b) => b - a);
  const blocks: Block[] = [];
  pages.forEach((lines, i) => {
    const page = i + 1;
    let paragraph: string[] = [];
    let lastY: number | undefined;
    let headingBefore = false;
    const flush = () => {
      const text = clean(paragraph.join(" ").replace(/(\p{L})- (\p{Ll})/gu, "$1$2"));
      if (text) blocks.push({ kind: "paragraph", text, page });
      paragraph = [];
    };
    for (const line of lines) {
      const size = Math.round(line.size * 2) / 2;
      const level = headingSizes.indexOf(size);
      if (level >= 0) {
        flush();
        const prev = blocks.at(-1);
        // A heading too long for one line goes on over the next ones in the same size.
        if (headingBefore && prev?.kind === "heading" && prev.level === Math.min(6, level + 1))
          prev.text += ` ${line.text}`;
        else blocks.push({ kind: "heading", level: Math.min(6, level + 1), text: line.text, page });
        headingBefore = true;
        lastY = undefined;
        continue;
      }
      headingBefore = false;
      if (lastY !== undefined && lastY - line.y > line.height * 1.5 + 1) flush();
      // A bare page number in a header or footer is not text.
      if (!/^\d{1,4}$/.test(line.text)) paragraph.push(line.text);
      lastY = line.y;
    }
    flush();
  });
  return { blocks, pages: totalPages };
}

/** Reads a file; never throws for a bad file (it comes back with a problem instead). */
export async function extractDocument(bytes: Uint8Array, fileName: string, mime?: string): Promise<Extracted> {
  const format = formatOf(fileName, mime);
  const fallbackTitle = clean(fileName.replace(/\.[a-z0-9]+$/i, "")) || fileName;
  const out = (f: DocumentFormat, blocks: Block[], pages: number, problems: ProblemCode[]): Extracted => {
    const title = blocks.find((b) => b.kind === "heading")?.text ?? fallbackTitle;
    if (blocks.length > 0 && !blocks.some((b) => b.kind === "heading")) problems.push("no-headings");
    return { format: f, title, blocks, pages, problems };
  };
  if (!format) return { format: "md", title: fallbackTitle, blocks: [], pages: 0, problems: ["unsupported"] };
  try {
    if (format === "pdf") {
      const { blocks, pages } = await pdfBlocks(bytes);
      const words = blocks.reduce((n, b) => n + b.text.split(" ").length, 0);
      // Pages but (almost) no text: an image of a document, which only OCR could read.
      if (pages > 0 && words < 5 * pages && words < 20)
        return { format, title: fallbackTitle, blocks: [], pages, problems: ["scanned"] };
      return out(format, blocks, pages, []);
    }
    const blocks =
      format === "docx"
        ? await docxBlocks(bytes)
        : format === "odt"
          ? odtBlocks(bytes)
          : markdownBlocks(new TextDecoder().decode(bytes));
    if (blocks.length === 0) return { format, title: fallbackTitle, blocks, pages: 0, problems: ["empty"] };
    return out(format, blocks, 0, []);
  } catch {
    return { format, title: fallbackTitle, blocks: [], pages: 0, problems: ["unreadable"] };
  }
}

/** The plain text of a file (for a report's similarity check): its blocks joined, headings included. */
export function plainText(doc: Pick<Extracted, "blocks">): string {
  return doc.blocks.map((b) => b.text).join("\n\n");
}

/**
 * The blocks as Markdown (the form content/ and the search index read), with the page of every body line so a
 * passage can cite its page: `pageAt[i]` is the page of line `i + 1`, 0 where there is none.
 */
export function toMarkdown(doc: Pick<Extracted, "blocks" | "title">): { body: string; pageAt: number[] } {
  const lines: string[] = [];
  const pageAt: number[] = [];
  const push = (line: string, page: number) => {
    lines.push(line);
    pageAt.push(page);
  };
  const blocks = doc.blocks;
  // The title is the document's `#`; when the file's first heading is the title, it is not repeated.
  const first = blocks[0];
  const skipFirst = first?.kind === "heading" && first.text === doc.title;
  push(`# ${doc.title}`, first?.page ?? 0);
  push("", first?.page ?? 0);
  const minLevel = Math.min(
    ...blocks.filter((b, i) => b.kind === "heading" && !(skipFirst && i === 0)).map((b) => b.level ?? 1),
  );
  blocks.forEach((b, i) => {
    if (skipFirst && i === 0) return;
    const page = b.page ?? 0;
    // Headings move one level below the title, keeping their relative depth.
    const text = b.kind === "heading" ? `${"#".repeat(Math.min(6, (b.level ?? 1) - minLevel + 2))} ${b.text}` : b.text;
    push(b.kind === "paragraph" ? text.replace(/^#/, "\\#") : text, page);
    push("", page);
  });
  return { body: lines.join("\n"), pageAt };
}
