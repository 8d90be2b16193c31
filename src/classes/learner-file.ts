/**
 * A list of learners as a centre has it — a CSV saved by Excel or LibreOffice, or the .xlsx itself — read so that
 * no name is ever stored corrupted: the bytes must be UTF-8 (with or without BOM); a file in one of the old
 * Vietnamese encodings (Windows-1258, TCVN3/ABC) is recognised and refused with what to do instead, never guessed
 * into "Pha�m V�n ���c". A header row (STT, Họ và tên, Đơn vị …) is recognised and skipped, and a leading STT
 * column dropped. Problems come back by row, as codes the caller words in the user's language.
 */
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { cleanProfileText } from "../domain/profile.js";
import { foldText } from "../search/fold.js";
import type { PreRegistered } from "../store/index.js";
import { parseCsv } from "./service.js";

/** Why a file is refused as a whole. */
export type LearnerFileRefusal = "windows_1258" | "tcvn3" | "not_utf8" | "xlsx_unreadable" | "empty";

export interface LearnerProblem {
  /** 1-based row of the file (the header counts). */
  row: number;
  code: "needs_name_and_unit" | "bad_extra";
  value?: string;
}

export type LearnerFile =
  | { ok: true; format: "csv" | "xlsx"; learners: PreRegistered[]; problems: LearnerProblem[]; header: boolean }
  | { ok: false; refusal: LearnerFileRefusal };

const HEADER_CELLS = new Set([
  "stt",
  "tt",
  "so tt",
  "ho va ten",
  "ho ten",
  "ho va ten hoc vien",
  "full name",
  "fullname",
  "name",
  "ten",
  "don vi",
  "unit",
  "chuc vu",
  "so dien thoai",
  "dien thoai",
  "sdt",
  "phone",
  "telegram",
  "username",
]);

/** Reads a learner list from a file's bytes; `fileName` only tells an .xlsx from a CSV when the bytes do not. */
export async function readLearnerFile(bytes: Uint8Array, fileName = ""): Promise<LearnerFile> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (isZip || /\.xlsx$/i.test(fileName)) {
    const rows = await xlsxRows(bytes);
    if (!rows) return { ok: false, refusal: "xlsx_unreadable" };
    return { ok: true, format: "xlsx", ...learnerRows(rows) };
  }
  const text = decodeStrict(bytes);
  if (typeof text !== "string") return { ok: false, refusal: text.refusal };
  const rows = parseCsv(text);
  if (rows.length === 0) return { ok: false, refusal: "empty" };
  return { ok: true, format: "csv", ...learnerRows(rows) };
}

/** UTF-8 or a refusal naming the encoding the bytes are most likely in. */
function decodeStrict(bytes: Uint8Array): string | { refusal: LearnerFileRefusal } {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { refusal: legacyEncoding(bytes) };
  }
}

/**
 * Which old Vietnamese encoding non-UTF-8 bytes look like. TCVN3 (ABC) puts the lower-case letters with tones in
 * 0xA1–0xBF (à = 0xB5, á = 0xB8, đ = 0xAE …), where Windows-1258 has only symbols (¡ « ° ±); Windows-1258 writes
 * tones as combining marks (0xCC, 0xEC, 0xD2, 0xDE, 0xF2) after a letter.
 */
function legacyEncoding(bytes: Uint8Array): LearnerFileRefusal {
  let high = 0;
  let tcvnRange = 0;
  let combining = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) continue;
    high++;
    if (b >= 0xa1 && b <= 0xbf) tcvnRange++;
    const prev = bytes[i - 1] ?? 0;
    const afterLetter = (prev >= 0x41 && prev <= 0x7a) || prev >= 0xc0;
    if ([0xcc, 0xec, 0xd2, 0xde, 0xf2].includes(b) && afterLetter) combining++;
  }
  if (high === 0) return "not_utf8";
  if (tcvnRange / high > 0.4) return "tcvn3";
  if (combining > 0) return "windows_1258";
  return "not_utf8";
}

async function xlsxRows(bytes: Uint8Array): Promise<string[][] | undefined> {
  const wb = new ExcelJS.Workbook();
  try {
    // Read as a stream: exceljs's own `Buffer` type for load() is not Node's.
    await wb.xlsx.read(Readable.from([Buffer.from(bytes)]));
  } catch {
    return undefined;
  }
  const ws = wb.worksheets[0];
  if (!ws) return undefined;
  const rows: string[][] = [];
  ws.eachRow((row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c).text ?? "");
    rows.push(cells);
  });
  return rows;
}

const isHeader = (cells: string[]): boolean => cells.some((c) => HEADER_CELLS.has(foldText(c)));

/**
 * Learners from rows: full name, unit, then optional phone and Telegram username (in either order: a value
 * starting with `@` or containing letters is a username, digits are a phone).
 */
export function learnerRows(input: string[][]): {
  learners: PreRegistered[];
  problems: LearnerProblem[];
  header: boolean;
} {
  const rows = input.filter((r) => r.some((c) => c.trim() !== ""));
  const header = rows.length > 0 && isHeader(rows[0] ?? []);
  const data = header ? rows.slice(1) : rows;
  // A numbering column (STT) first: said by the header, or every row starts with a number.
  const numbered =
    (header && ["stt", "tt", "so tt"].includes(foldText(rows[0]?.[0] ?? ""))) ||
    (data.length > 0 && data.every((r) => /^\d{1,4}\.?$/.test((r[0] ?? "").trim())));
  const learners: PreRegistered[] = [];
  const problems: LearnerProblem[] = [];
  data.forEach((raw, i) => {
    const row = i + 1 + (header ? 1 : 0);
    // Cells become profile fields (name, unit): the same cleaning as what learners type.
    const cells = (numbered ? raw.slice(1) : raw).map(cleanProfileText);
    const [name = "", unit = "", ...rest] = cells;
    if (name.length < 2 || unit.length < 2) {
      problems.push({ row, code: "needs_name_and_unit" });
      return;
    }
    const entry: PreRegistered = { fullName: name, unit };
    for (const extra of rest) {
      if (extra === "") continue;
      if (/^\+?[\d .()-]{6,}$/.test(extra)) entry.phone = extra.replace(/[^\d+]/g, "");
      else if (/^@?[A-Za-z][A-Za-z0-9_]{3,31}$/.test(extra)) entry.username = extra.replace(/^@/, "");
      else problems.push({ row, code: "bad_extra", value: extra });
    }
    learners.push(entry);
  });
  return { learners, problems, header };
}
