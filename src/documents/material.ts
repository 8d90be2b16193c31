/**
 * An uploaded file → what a coordinator sees before confirming (title, headings found, passages, problems) and what
 * is stored (the Markdown and the page of each line). Pure: the bytes come from Telegram or the CLI.
 */
import type { ContentDoc } from "../content/types.js";
import { splitPassages } from "../search/passages.js";
import { extractDocument, type ProblemCode, toMarkdown } from "./extract.js";

/** Telegram's limit on files a bot can download; the CLI keeps it too, so a file works the same both ways. */
export const MAX_MATERIAL_BYTES = 20 * 1024 * 1024;

export interface MaterialPreview {
  fileName: string;
  format: string;
  title: string;
  headings: string[];
  passages: number;
  pages: number;
  problems: ProblemCode[];
  /** False when nothing can be stored (a scan, an empty or unreadable file). */
  usable: boolean;
  body: string;
  pageAt: number[];
}

const BLOCKING: readonly ProblemCode[] = ["scanned", "empty", "unreadable", "unsupported"];

export async function prepareMaterial(bytes: Uint8Array, fileName: string, mime?: string): Promise<MaterialPreview> {
  const doc = await extractDocument(bytes, fileName, mime);
  const usable = !doc.problems.some((p) => BLOCKING.includes(p));
  const { body, pageAt } = usable ? toMarkdown(doc) : { body: "", pageAt: [] };
  const asDoc: ContentDoc = {
    id: "preview",
    title: doc.title,
    kind: "reading",
    keywords: [],
    confidence: "high",
    file: fileName,
    body,
    bodyLine: 1,
  };
  return {
    fileName,
    format: doc.format,
    title: doc.title,
    headings: doc.blocks.filter((b) => b.kind === "heading" && b.text !== doc.title).map((b) => b.text),
    passages: usable ? splitPassages([asDoc]).length : 0,
    pages: doc.pages,
    problems: doc.problems,
    usable,
    body,
    pageAt,
  };
}
