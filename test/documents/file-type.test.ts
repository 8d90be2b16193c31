import { describe, expect, it } from "vitest";
import { bytesMatch, sniffFileType } from "../../src/documents/file-type.js";
import {
  macroDocx,
  oleNotWord,
  plainZip,
  smallDocx,
  smallOdt,
  smallPdf,
  windowsProgram,
  wordDocHeader,
} from "../helpers/file-bytes.js";

describe("a file's type read from its bytes", () => {
  it("knows a real PDF, DOCX, ODT and a Word 97–2003 file", async () => {
    expect(sniffFileType(await smallPdf())).toBe("pdf");
    expect(sniffFileType(await smallDocx())).toBe("docx");
    expect(sniffFileType(smallOdt())).toBe("odt");
    expect(sniffFileType(wordDocHeader())).toBe("doc");
  });

  it("refuses a Windows program named .pdf, a zip that is no document, an OLE2 file that is not Word", async () => {
    expect(sniffFileType(windowsProgram())).toBeUndefined();
    expect(bytesMatch("pdf", windowsProgram())).toBe(false);
    expect(bytesMatch("docx", plainZip())).toBe(false);
    expect(bytesMatch("docx", macroDocx())).toBe(false);
    expect(bytesMatch("odt", plainZip())).toBe(false);
    expect(bytesMatch("doc", oleNotWord())).toBe(false);
    // A real file under another document's name is refused too: the bytes must say the name's type.
    expect(bytesMatch("docx", await smallPdf())).toBe(false);
    expect(bytesMatch("pdf", await smallPdf())).toBe(true);
    expect(sniffFileType(new Uint8Array())).toBeUndefined();
    expect(sniffFileType(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toBeUndefined();
  });
});
