/**
 * Real DOCX, PDF and ODT files built in the tests (docx, pdfkit, fflate), so extraction is tested on what Word,
 * a PDF printer and LibreOffice write, not on hand-made fixtures. The PDF embeds DejaVu Sans for the Vietnamese
 * glyphs (the standard 14 PDF fonts have none).
 */
import { existsSync } from "node:fs";
import { Document, HeadingLevel, Packer, Paragraph } from "docx";
import { strToU8, zipSync } from "fflate";
import PDFDocument from "pdfkit";

export interface Section {
  heading: string;
  /** 1 = a chapter, 2 = a section under it. */
  level?: 1 | 2;
  paragraphs: string[];
}

const FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

export const hasPdfFont = existsSync(FONT);

export async function buildDocx(title: string, sections: Section[]): Promise<Uint8Array> {
  const children: Paragraph[] = [new Paragraph({ text: title, heading: HeadingLevel.TITLE })];
  for (const s of sections) {
    children.push(
      new Paragraph({ text: s.heading, heading: s.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_1 }),
    );
    for (const p of s.paragraphs) children.push(new Paragraph({ text: p }));
  }
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** One section per page (a page break before every level-1 heading after the first), title in 20 pt, body in 11 pt. */
export function buildPdf(title: string, sections: Section[], options: { text?: boolean } = {}): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4", margin: 56 });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
    if (options.text === false) {
      // A scan: pages that are pictures, no text layer.
      doc.rect(60, 60, 400, 600).fill("#888888");
      doc.addPage();
      doc.rect(60, 60, 400, 600).fill("#777777");
      doc.end();
      return;
    }
    doc.registerFont("body", FONT);
    doc.registerFont("bold", FONT_BOLD);
    doc.font("bold").fontSize(20).text(title);
    doc.moveDown();
    sections.forEach((s, i) => {
      if (i > 0 && s.level !== 2) doc.addPage();
      doc
        .font("bold")
        .fontSize(s.level === 2 ? 14 : 16)
        .text(s.heading);
      doc.moveDown(0.5);
      for (const p of s.paragraphs) {
        doc.font("body").fontSize(11).text(p);
        doc.moveDown();
      }
    });
    doc.end();
  });
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The smallest ODT LibreOffice opens: mimetype first and stored, a manifest, content.xml. */
export function buildOdt(title: string, sections: Section[]): Uint8Array {
  const body = [`<text:h text:outline-level="1">${esc(title)}</text:h>`];
  for (const s of sections) {
    body.push(`<text:h text:outline-level="${(s.level ?? 1) + 1}">${esc(s.heading)}</text:h>`);
    for (const p of s.paragraphs) body.push(`<text:p text:style-name="P1">${esc(p)}</text:p>`);
  }
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:text>${body.join("")}</office:text></office:body></office:document-content>`;
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`;
  return zipSync({
    mimetype: [strToU8("application/vnd.oasis.opendocument.text"), { level: 0 }],
    "META-INF/manifest.xml": strToU8(manifest),
    "content.xml": strToU8(content),
  });
}

/** A local chuyên đề with facts no file in content/ has, so an answer from it can only come from the upload. */
export const LOCAL_TOPIC: { title: string; sections: Section[] } = {
  title: "Chuyên đề: Tình hình tư tưởng ở huyện Đông Anh",
  sections: [
    {
      heading: "Phần I. Đặc điểm tình hình",
      paragraphs: [
        "Huyện Đông Anh có hai mươi ba xã và một thị trấn; năm 2025 toàn huyện có bốn trăm mười hai chi bộ trực thuộc đảng bộ cơ sở.",
        "Đời sống nhân dân được nâng lên, song ở một số thôn vẫn còn tình trạng khiếu kiện đông người về đất đai ven sông Hồng.",
      ],
    },
    {
      heading: "Phần II. Nhiệm vụ của chi bộ thôn",
      paragraphs: [
        "Chi bộ thôn tổ chức đối thoại với nhân dân mỗi quý một lần tại nhà văn hoá thôn, ghi biên bản và báo cáo đảng uỷ xã.",
        "Bí thư chi bộ phân công đảng viên phụ trách từng cụm dân cư để nắm bắt tâm tư nguyện vọng của bà con.",
      ],
    },
    {
      heading: "Mô hình dân vận khéo ở xã Cổ Loa",
      level: 2,
      paragraphs: [
        "Xã Cổ Loa xây dựng mô hình dân vận khéo trong giải phóng mặt bằng đường vành đai bốn, vận động được trăm phần trăm hộ dân bàn giao đất đúng hạn.",
      ],
    },
  ],
};
