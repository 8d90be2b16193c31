/**
 * Small real files for the file-type checks: a PDF written by pdfkit, a DOCX by the docx package, an ODT and other
 * zips by fflate, a Word 97–2003 header, and a Windows program's first bytes.
 */
import { strToU8, zipSync } from "fflate";
import PDFDocument from "pdfkit";
import { buildDocx } from "./documents.js";

export function smallPdf(text = "Bao cao thu hoach"): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4" });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
    doc.text(text);
    doc.end();
  });
}

export const smallDocx = () =>
  buildDocx("Bản thu hoạch", [{ heading: "Phần 1", paragraphs: ["Những điều tâm đắc về công tác chi bộ."] }]);

export const smallOdt = () =>
  zipSync({
    mimetype: strToU8("application/vnd.oasis.opendocument.text"),
    "content.xml": strToU8('<?xml version="1.0"?><office:document-content/>'),
    "META-INF/manifest.xml": strToU8('<?xml version="1.0"?><manifest:manifest/>'),
  });

/** A macro-enabled Word file (.docm) renamed .docx: its main part is declared macro-enabled, and the macros are in. */
export const macroDocx = () =>
  zipSync({
    "[Content_Types].xml": strToU8(
      '<?xml version="1.0"?><Types><Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
    ),
    "word/document.xml": strToU8("<w:document/>"),
    "word/vbaProject.bin": new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]),
  });

/** A zip that is no document (a photo album, an archive renamed .docx). */
export const plainZip = () => zipSync({ "anh-1.txt": strToU8("không phải tài liệu Word") });

/** The start of an OLE2 compound file whose directory names Word's stream, as every .doc has. */
export function wordDocHeader(): Uint8Array {
  const head = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(head, 0);
  Buffer.from("WordDocument", "utf16le").copy(head, 512);
  return new Uint8Array(head);
}

/** An OLE2 file that is not Word (an installer, a spreadsheet). */
export function oleNotWord(): Uint8Array {
  const head = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(head, 0);
  Buffer.from("Workbook", "utf16le").copy(head, 512);
  return new Uint8Array(head);
}

/** The first bytes of a Windows program (the DOS header, then the PE signature). */
export function windowsProgram(): Uint8Array {
  const exe = Buffer.alloc(512);
  exe.write("MZ", 0, "latin1");
  exe.writeUInt32LE(0x80, 0x3c);
  exe.write("PE\0\0", 0x80, "latin1");
  return new Uint8Array(exe);
}
