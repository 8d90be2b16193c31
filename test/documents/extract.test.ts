import { describe, expect, it } from "vitest";
import { extractDocument, plainText, toMarkdown } from "../../src/documents/extract.js";
import { buildDocx, buildOdt, buildPdf, hasPdfFont, LOCAL_TOPIC } from "../helpers/documents.js";

const { title, sections } = LOCAL_TOPIC;
const headings = (blocks: { kind: string; text: string }[]) =>
  blocks.filter((b) => b.kind === "heading").map((b) => b.text);

describe("reading a centre's files", () => {
  it("a DOCX keeps its headings, levels and Vietnamese text", async () => {
    const doc = await extractDocument(await buildDocx(title, sections), "chuyen-de.docx");
    expect(doc.problems).toEqual([]);
    expect(doc.title).toBe(title);
    expect(headings(doc.blocks)).toEqual([title, ...sections.map((s) => s.heading)]);
    expect(plainText(doc)).toContain("bốn trăm mười hai chi bộ");
    const md = toMarkdown(doc).body;
    expect(md).toContain("## Phần I. Đặc điểm tình hình");
    expect(md).toContain("### Mô hình dân vận khéo ở xã Cổ Loa");
  });

  it.skipIf(!hasPdfFont)("a PDF keeps its headings (by font size) and the page of every block", async () => {
    const doc = await extractDocument(await buildPdf(title, sections), "chuyen-de.pdf");
    expect(doc.problems).toEqual([]);
    expect(doc.pages).toBe(2);
    expect(doc.title).toBe(title);
    expect(headings(doc.blocks)).toEqual([title, ...sections.map((s) => s.heading)]);
    const page = (needle: string) => doc.blocks.find((b) => b.text.includes(needle))?.page;
    expect(page("bốn trăm mười hai chi bộ")).toBe(1);
    expect(page("đối thoại với nhân dân")).toBe(2);
    expect(page("vành đai bốn")).toBe(2);
    const { body, pageAt } = toMarkdown(doc);
    const line = body.split("\n").findIndex((l) => l.includes("đối thoại với nhân dân"));
    expect(pageAt[line]).toBe(2);
  });

  it("a scanned PDF (no text layer) is refused, not read as empty", async () => {
    const doc = await extractDocument(await buildPdf(title, [], { text: false }), "scan.pdf");
    expect(doc.problems).toEqual(["scanned"]);
    expect(doc.blocks).toEqual([]);
  });

  it("an ODT keeps its outline levels", async () => {
    const doc = await extractDocument(buildOdt(title, sections), "chuyen-de.odt");
    expect(doc.problems).toEqual([]);
    expect(headings(doc.blocks)).toEqual([title, ...sections.map((s) => s.heading)]);
    expect(doc.blocks.find((b) => b.kind === "heading" && b.text.startsWith("Mô hình"))?.level).toBe(3);
  });

  it("Markdown, a file it cannot read, and a broken DOCX", async () => {
    const md = await extractDocument(new TextEncoder().encode("# Tiêu đề\n\nMột đoạn văn.\n"), "a.md");
    expect(md.title).toBe("Tiêu đề");
    expect((await extractDocument(new Uint8Array([1, 2]), "a.xlsx")).problems).toEqual(["unsupported"]);
    expect((await extractDocument(new Uint8Array([1, 2, 3]), "a.docx")).problems).toEqual(["unreadable"]);
  });
});
