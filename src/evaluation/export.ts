/**
 * The evaluation as files a coordinator opens in Excel and prints for the class file: an XLSX workbook (one sheet
 * per part, and the list of learners proposed for the certificate laid out as the official list) and a CSV of the
 * learners for other programs. Column titles and values come through a translate function, so the bot and the CLI
 * share the code.
 *
 * Excel-ready means: counts and shares are number cells (never "4/9", which Excel turns into a date), dates and
 * times are date cells with the Vietnamese day-first format, typed text is always a text cell (exceljs writes
 * strings as strings, and the CSV escapes a leading = + - @), no emoji, and every sheet prints landscape or portrait
 * at one page wide with its title and header row repeated.
 */
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { type Evaluation, noteDate } from "../domain/evaluation.js";
import { formatDate, localDateOf, localTimeOf } from "../domain/time.js";
import type { Translate } from "../i18n.js";

export function sessionLabel(t: Translate, s: Evaluation["sessions"][number]["session"]): string {
  if (s.kind === "lesson") return t("eval-session-lesson", { n: s.lesson ?? 0, title: s.title });
  return s.title;
}

/** A session as a column title: what and when, "Bài 1 · 30/11 sáng". */
export function sessionColumn(t: Translate, s: Evaluation["sessions"][number]["session"], timeZone: string): string {
  const what = s.kind === "lesson" ? t("eval-short-lesson", { n: s.lesson ?? 0 }) : t(`eval-short-${s.kind}`);
  const [, month, day] = localDateOf(s.start, timeZone).split("-");
  return `${what} · ${day}/${month} ${t(`eval-half-${s.half}`)}`;
}

/** Where the list comes from, for the title rows and the certificate list (the class's centre, when known). */
export interface ExportHeading {
  centre?: string;
}

/** Pictographs and their joiners go: a cell holds words, and emoji print as boxes on many office printers. */
const plain = (s: string): string =>
  s
    .replace(/\p{Extended_Pictographic}|\u{FE0F}|\u{200D}|\u{20E3}/gu, "")
    .replace(/\s{2,}/g, " ")
    .trim();

/** An instant as Excel keeps dates: the class's local wall clock, with no time zone. */
function excelDate(iso: string, timeZone: string): Date {
  return new Date(`${localDateOf(iso, timeZone)}T${localTimeOf(iso, timeZone)}:00Z`);
}

/** A local date (YYYY-MM-DD) as an Excel date. */
const excelDay = (date: string): Date => new Date(`${date}T00:00:00Z`);

const DATE_TIME_FORMAT = "dd/mm/yyyy hh:mm";
const DATE_FORMAT = "dd/mm/yyyy";
const PERCENT_FORMAT = "0%";

type Cell = string | number | Date;
interface Column {
  title: string;
  /** Widest text expected, in characters; long text wraps beyond it. */
  width?: number;
  numFmt?: string;
  wrap?: boolean;
}

/** One row per learner: the table both files share (the CSV writes the share as a whole percentage). */
function learnerTable(ev: Evaluation, t: Translate): { columns: Column[]; rows: Cell[][]; percentAt: number } {
  const columns: Column[] = [
    { title: t("eval-col-no"), width: 5 },
    { title: t("eval-col-name"), width: 26 },
    { title: t("eval-col-unit"), width: 26, wrap: true },
    { title: t("eval-col-position"), width: 16, wrap: true },
    ...ev.sessions.map((s) => ({ title: sessionColumn(t, s.session, ev.timeZone), width: 9, wrap: true })),
    { title: t("eval-col-attended"), width: 10 },
    { title: t("eval-col-counted"), width: 10 },
    { title: t("eval-col-attendance-share"), width: 10, numFmt: PERCENT_FORMAT },
    { title: t("eval-col-report"), width: 16, wrap: true },
    { title: t("eval-col-late"), width: 9 },
    { title: t("eval-col-grade"), width: 12 },
    { title: t("eval-col-comment"), width: 30, wrap: true },
    { title: t("eval-col-certificate"), width: 12 },
    { title: t("eval-col-reasons"), width: 30, wrap: true },
  ];
  const percentAt = 4 + ev.sessions.length + 2;
  const rows = ev.learners.map((l, i): Cell[] => [
    i + 1,
    l.name,
    l.learner.unit ?? "",
    l.learner.position ? t(`position-${l.learner.position}`) : "",
    ...ev.sessions.map((s) => (l.attendedSessionIds.includes(s.session.id) ? 1 : 0)),
    l.certificate.attended,
    l.certificate.counted,
    l.certificate.counted > 0 ? l.certificate.attended / l.certificate.counted : 0,
    l.report ? t("eval-report-versions", { n: l.report.versions }) : t("eval-report-none"),
    l.report?.late ? t("eval-yes") : "",
    l.report?.grade ? t(`grade-${l.report.grade}`) : "",
    l.report?.comment ?? "",
    l.certificate.eligible ? t("eval-yes") : t("eval-no"),
    l.certificate.reasons.map((r) => t(`cert-reason-${r}`)).join("; "),
  ]);
  return { columns, rows, percentAt };
}

export interface CsvOptions {
  /** `;` for Excel set to Vietnamese (and other locales whose decimal mark is a comma); `,` by default. */
  delimiter?: "," | ";";
}

/** Any table as CSV, written as {@link evaluationCsv} writes (BOM, CRLF, formulas escaped). */
export function tableCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  opts: CsvOptions = {},
): Buffer {
  return csvBytes([header.map(plain), ...rows.map((r) => r.map((v) => (typeof v === "string" ? plain(v) : v)))], opts);
}

function csvBytes(records: Cell[][], opts: CsvOptions): Buffer {
  const text = stringify(records, {
    bom: true,
    delimiter: opts.delimiter ?? ",",
    record_delimiter: "windows",
    escape_formulas: true,
  });
  return Buffer.from(text, "utf8");
}

/**
 * The learner table as CSV: UTF-8 with BOM (without it Excel reads UTF-8 as the local code page), CRLF line ends,
 * and a leading = + - @ of any text escaped, so nothing typed by a user becomes a formula.
 */
export function evaluationCsv(ev: Evaluation, t: Translate, opts: CsvOptions = {}): Buffer {
  const { columns, rows, percentAt } = learnerTable(ev, t);
  const records = rows.map((r) =>
    r.map((v, i) =>
      i === percentAt && typeof v === "number" ? Math.round(v * 100) : typeof v === "string" ? plain(v) : v,
    ),
  );
  const header = columns.map((c, i) => (i === percentAt ? `${plain(c.title)} (%)` : plain(c.title)));
  return csvBytes([header, ...records], opts);
}

/** The class's first and last day, "30/11/2026 – 04/12/2026". */
function classDates(ev: Evaluation): string {
  const first = ev.sessions[0]?.session.start;
  const last = ev.sessions.at(-1)?.session.start;
  if (!first || !last) return "";
  return `${formatDate(localDateOf(first, ev.timeZone))} – ${formatDate(localDateOf(last, ev.timeZone))}`;
}

/**
 * A sheet with a title row (centre · class · dates) above a header row and the data: sized columns, wrapped long
 * text, a filter on the header, the two top rows frozen and repeated on every printed page, one page wide.
 */
function tableSheet(
  wb: ExcelJS.Workbook,
  name: string,
  title: string,
  columns: Column[],
  rows: Cell[][],
  opts: { freezeColumns?: number; orientation?: "landscape" | "portrait" } = {},
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: opts.orientation ?? "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "1:2",
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: "&L&A&R&P / &N" },
    views: [{ state: "frozen", ySplit: 2, xSplit: opts.freezeColumns ?? 0 }],
  });
  const widths = columns.map((c, i) => widthOf(c, rows, i));
  ws.columns = widths.map((width) => ({ width }));
  const titleRow = ws.addRow([plain(title)]);
  titleRow.font = { bold: true, size: 13 };
  ws.mergeCells(1, 1, 1, Math.max(columns.length, 1));
  titleRow.alignment = { wrapText: true, vertical: "middle" };
  // Neither Excel nor LibreOffice grows a row for wrapped text on opening: heights are set from the text.
  titleRow.height = 20 * linesIn(plain(title), widths.reduce((a, b) => a + b, 0) * 0.85);
  const header = ws.addRow(columns.map((c) => plain(c.title)));
  header.font = { bold: true };
  header.height = rowHeight(
    columns.map((c) => plain(c.title)),
    widths,
  );
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } };
    cell.border = { bottom: { style: "thin" } };
  });
  for (const r of rows) {
    const cells = r.map((v) => (typeof v === "string" ? plain(v) : v));
    const row = ws.addRow(cells);
    row.alignment = { vertical: "top" };
    const wrapped = cells.map((v, i) => (columns[i]?.wrap && typeof v === "string" ? v : ""));
    if (wrapped.some((v) => v !== "")) row.height = rowHeight(wrapped, widths);
  }
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    if (c.numFmt) col.numFmt = c.numFmt;
    if (c.wrap) col.alignment = { wrapText: true, vertical: "top" };
  });
  header.alignment = { wrapText: true, vertical: "middle", horizontal: "center" };
  if (columns.length > 0) ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: columns.length } };
  return ws;
}

/** How many lines a text takes in a column of `width` characters (a bold or accented letter is a bit wider). */
const linesIn = (text: string, width: number): number =>
  Math.max(1, ...text.split("\n").map((part) => Math.ceil((part.length * 1.1) / Math.max(1, width - 1))));

/** A row's height in points: 15 a line, for the cell that needs most lines. */
const rowHeight = (cells: Cell[], widths: number[]): number =>
  15 * Math.max(1, ...cells.map((v, i) => (typeof v === "string" ? linesIn(v, widths[i] ?? 10) : 1))) + 3;

/** A column as wide as its widest cell (within the column's limit), never narrower than 6 characters. */
function widthOf(c: Column, rows: Cell[][], i: number): number {
  const limit = c.width ?? 40;
  // Wrapped columns keep their width: their text breaks into lines instead.
  if (c.wrap) return limit;
  let widest = Math.min(plain(c.title).length, limit);
  for (const r of rows) {
    const v = r[i];
    const n = v instanceof Date ? 16 : typeof v === "number" ? String(v).length : plain(String(v ?? "")).length;
    widest = Math.max(widest, n);
  }
  return Math.max(6, Math.min(limit, widest + 2));
}

export async function evaluationXlsx(ev: Evaluation, t: Translate, heading: ExportHeading = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "trogiang";
  const title = [heading.centre, `${ev.className} (${ev.classId})`, classDates(ev)].filter(Boolean).join(" · ");

  tableSheet(
    wb,
    t("eval-sheet-summary"),
    title,
    [
      { title: t("eval-col-item"), width: 42 },
      { title: t("eval-col-value"), width: 18 },
    ],
    [
      [t("eval-col-class"), `${ev.className} (${ev.classId})`],
      [t("eval-enrolled"), ev.enrolment.enrolled],
      [t("eval-registered"), ev.enrolment.registered],
      [t("eval-preregistered-total"), ev.enrolment.preRegistered],
      [t("eval-preregistered"), ev.enrolment.preRegisteredJoined],
      [t("eval-deadline"), ev.reportDeadline ? excelDate(ev.reportDeadline, ev.timeZone) : ""],
      [t("eval-reports-submitted"), ev.reports.submitted],
      [t("eval-reports-missing"), ev.reports.missing],
      [t("eval-reports-late"), ev.reports.late],
      [t("eval-reports-graded"), ev.reports.graded],
      ...(["gioi", "kha", "trung_binh", "khong_dat"] as const).map((g): Cell[] => [
        t(`grade-${g}`),
        ev.grades.counts[g],
      ]),
      [t("eval-eligible"), ev.eligible.length],
    ],
    { orientation: "portrait" },
  ).eachRow((row) => {
    const value = row.getCell(2);
    if (value.value instanceof Date) value.numFmt = DATE_TIME_FORMAT;
    value.alignment = { horizontal: "left" };
  });

  const table = learnerTable(ev, t);
  tableSheet(wb, t("eval-sheet-learners"), title, table.columns, table.rows, { freezeColumns: 2 });

  const enrolled = ev.learners.length;
  tableSheet(
    wb,
    t("eval-sheet-sessions"),
    title,
    [
      { title: t("eval-col-session"), width: 22 },
      { title: t("eval-col-title"), width: 50, wrap: true },
      { title: t("eval-col-time"), width: 17, numFmt: DATE_TIME_FORMAT },
      { title: t("eval-col-present"), width: 9 },
      { title: t("eval-col-ratings"), width: 10 },
      { title: t("eval-col-average"), width: 10, numFmt: "0.0" },
      { title: t("eval-col-attendance-share"), width: 10, numFmt: PERCENT_FORMAT },
    ],
    ev.sessions.map((s): Cell[] => [
      sessionColumn(t, s.session, ev.timeZone),
      sessionLabel(t, s.session),
      excelDate(s.session.start, ev.timeZone),
      s.present,
      s.ratings,
      s.average ?? "",
      enrolled > 0 ? s.present / enrolled : 0,
    ]),
  );

  const comments: Cell[][] = [
    ...ev.notes.map((n): Cell[] => [
      t(`fb-topic-${n.topic}`),
      n.anonymous ? excelDay(noteDate(n.at, ev.timeZone)) : excelDate(n.at, ev.timeZone),
      n.author ?? t("eval-anonymous"),
      n.text,
    ]),
    ...ev.sessions.flatMap((s) =>
      s.comments.map((c): Cell[] => [
        t("eval-kind-rating", { session: sessionColumn(t, s.session, ev.timeZone) }),
        "",
        t("eval-anonymous"),
        c,
      ]),
    ),
    ...ev.reflections.map((r): Cell[] => {
      const session = ev.sessions.find((s) => s.session.id === r.sessionId)?.session;
      const label = session ? sessionColumn(t, session, ev.timeZone) : r.sessionId;
      return [t("eval-kind-reflection", { session: label }), excelDate(r.at, ev.timeZone), r.name, r.text];
    }),
  ];
  tableSheet(
    wb,
    t("eval-sheet-comments"),
    title,
    [
      { title: t("eval-col-kind"), width: 30, wrap: true },
      { title: t("eval-col-time"), width: 17 },
      { title: t("eval-col-author"), width: 24 },
      { title: t("eval-col-text"), width: 80, wrap: true },
    ],
    comments,
  ).eachRow((row) => {
    const when = row.getCell(2);
    if (when.value instanceof Date) {
      // An anonymous note keeps its date only (midnight): shown without a time that would say when it was written.
      when.numFmt = when.value.getUTCHours() + when.value.getUTCMinutes() === 0 ? DATE_FORMAT : DATE_TIME_FORMAT;
    }
  });

  tableSheet(
    wb,
    t("eval-sheet-followup"),
    title,
    [
      { title: t("eval-col-name"), width: 26 },
      { title: t("eval-col-applied"), width: 20 },
      { title: t("eval-col-text"), width: 60, wrap: true },
      { title: t("eval-col-time"), width: 17, numFmt: DATE_TIME_FORMAT },
    ],
    ev.followups.map((f): Cell[] => [f.name, t(`fu-applied-${f.applied}`), f.text ?? "", excelDate(f.at, ev.timeZone)]),
  );

  certificateSheet(wb, ev, t, heading);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The list of learners proposed for the certificate, as the official list is laid out: the centre and the place
 * and date line, the title, the class and its dates, the table (STT, họ và tên, đơn vị, chức vụ, số buổi, xếp loại
 * thu hoạch, ghi chú) with its header repeated on each page, the count, and the signature block. Portrait, one page
 * wide, as many pages as the list needs.
 */
const CERT_WIDTHS = [5, 26, 30, 16, 8, 12, 12];

function certificateSheet(wb: ExcelJS.Workbook, ev: Evaluation, t: Translate, heading: ExportHeading): void {
  const HEADER_ROW = 6;
  const ws = wb.addWorksheet(t("cert-list-sheet"), {
    pageSetup: {
      paperSize: 9,
      orientation: "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      margins: { left: 0.6, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: "&C&P / &N" },
    views: [{ state: "frozen", ySplit: HEADER_ROW }],
  });
  ws.columns = CERT_WIDTHS.map((width) => ({ width }));
  const center = { horizontal: "center", vertical: "middle", wrapText: true } as const;
  const line = (row: number, from: number, to: number, text: string, font: Partial<ExcelJS.Font> = {}) => {
    ws.mergeCells(row, from, row, to);
    const cell = ws.getCell(row, from);
    cell.value = plain(text);
    cell.font = font;
    cell.alignment = center;
  };
  line(1, 1, 3, (heading.centre ?? t("cert-list-centre-placeholder")).toUpperCase(), { bold: true });
  line(1, 4, 7, t("cert-list-place-date"), { italic: true });
  line(3, 1, 7, t("cert-list-title"), { bold: true, size: 14 });
  line(4, 1, 7, t("cert-list-class", { name: ev.className }), { bold: true });
  line(5, 1, 7, t("cert-list-dates", { dates: classDates(ev) }), { italic: true });
  ws.getRow(1).height = 32;

  const header = ws.getRow(HEADER_ROW);
  header.values = [
    t("eval-col-no"),
    t("cert-list-col-name"),
    t("eval-col-unit"),
    t("eval-col-position"),
    t("cert-list-col-sessions"),
    t("cert-list-col-grade"),
    t("cert-list-col-note"),
  ].map(plain);
  header.font = { bold: true };
  header.alignment = center;
  header.height = 32;
  const thin = { style: "thin" } as const;
  const box = { top: thin, left: thin, bottom: thin, right: thin };
  header.eachCell((cell) => {
    cell.border = box;
  });
  ev.eligible.forEach((l, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i);
    row.values = [
      i + 1,
      plain(l.name),
      plain(l.learner.unit ?? ""),
      l.learner.position ? plain(t(`position-${l.learner.position}`)) : "",
      l.certificate.attended,
      l.report?.grade ? plain(t(`grade-${l.report.grade}`)) : "",
      "",
    ];
    row.alignment = { vertical: "middle", wrapText: true };
    row.height = rowHeight(row.values as Cell[], [0, ...CERT_WIDTHS]);
    for (let c = 1; c <= 7; c++) row.getCell(c).border = box;
    for (const c of [1, 5, 6]) row.getCell(c).alignment = center;
  });

  const after = HEADER_ROW + ev.eligible.length + 2;
  line(after, 1, 7, t("cert-list-count", { n: ev.eligible.length }), { italic: true });
  ws.getCell(after, 1).alignment = { horizontal: "left" };
  line(after + 2, 1, 3, t("cert-list-sign-maker"), { bold: true });
  line(after + 2, 4, 7, t("cert-list-sign-head"), { bold: true });
  line(after + 3, 1, 3, t("cert-list-sign-note"), { italic: true });
  line(after + 3, 4, 7, t("cert-list-sign-note"), { italic: true });
}

export function exportFileNames(ev: Evaluation): { xlsx: string; csv: string } {
  const base = `danh-gia-lop-${ev.classId}`;
  return { xlsx: `${base}.xlsx`, csv: `${base}.csv` };
}
