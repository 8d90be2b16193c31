/**
 * What a file is, read from its bytes rather than its name or the type the sender's phone declared: a PDF starts
 * `%PDF-`, a Word 97–2003 file is an OLE2 compound file, a DOCX and an ODT are zip archives with their own inner
 * parts. A Windows program renamed `bai.pdf` (it starts `MZ`) is none of these, nor is an installer (OLE2 too, but
 * without Word's stream). Pure: bytes in, a type out.
 */
import { strFromU8, unzipSync } from "fflate";

export type SniffedType = "pdf" | "doc" | "docx" | "odt" | "jpg" | "png";

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4, a local file header first
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ODT_MIME = "application/vnd.oasis.opendocument.text";
/** The stream every Word 97–2003 file has, as its directory names it (UTF-16LE); Excel and installers have none. */
const WORD_STREAM = Buffer.from("WordDocument", "utf16le");

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) =>
  bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);

/** The content type a Word document's main part declares; a macro-enabled one (.docm) declares another. */
const DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

/**
 * A zip's kind by its inner parts: a DOCX's `[Content_Types].xml` declares a Word document's main part (not a
 * macro-enabled one, and no macros are inside); an ODT's `mimetype` entry says it is a text document. Only those two
 * small entries are inflated; the rest is read from the central directory (names only), so a large or hostile
 * archive costs nothing more.
 */
function zipKind(bytes: Uint8Array): "docx" | "odt" | undefined {
  const names = new Set<string>();
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        names.add(f.name);
        if (f.name === "mimetype") return f.originalSize <= 256;
        return f.name === "[Content_Types].xml" && f.originalSize <= 256 * 1024;
      },
    });
  } catch {
    return undefined;
  }
  const types = files["[Content_Types].xml"];
  const macros = [...names].some((n) => /vbaProject\.bin$/i.test(n));
  if (types && strFromU8(types).includes(DOCX_MAIN) && names.has("word/document.xml") && !macros) return "docx";
  const mimetype = files.mimetype;
  if (mimetype && strFromU8(mimetype).trim() === ODT_MIME) return "odt";
  return undefined;
}

/** The type the bytes say, or undefined when they are none of those the bot accepts. */
export function sniffFileType(bytes: Uint8Array): SniffedType | undefined {
  if (startsWith(bytes, PDF)) return "pdf";
  if (startsWith(bytes, OLE2))
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(WORD_STREAM) ? "doc" : undefined;
  if (startsWith(bytes, ZIP)) return zipKind(bytes);
  if (startsWith(bytes, JPEG)) return "jpg";
  if (startsWith(bytes, PNG)) return "png";
  return undefined;
}

/** Whether a file named with extension `ext` really is that (its bytes say the same type). */
export function bytesMatch(ext: string, bytes: Uint8Array): boolean {
  const sniffed = sniffFileType(bytes);
  return sniffed !== undefined && sniffed === (ext === "jpeg" ? "jpg" : ext);
}
