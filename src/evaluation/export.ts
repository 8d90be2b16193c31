/**
 * The evaluation as files a coordinator opens in Excel: an XLSX workbook (one sheet per part) and a CSV of the
 * learners with a UTF-8 byte-order mark (without it Excel reads UTF-8 as the local code page and garbles
 * Vietnamese). Column titles and values come through a translate function, so the bot and the CLI share the code.
 */
import ExcelJS from "exceljs";
import { type Evaluation, noteTime } from "../domain/evaluation.js";
import { formatInstant } from "../domain/time.js";
import type { Translate } from "../i18n.js";

export function sessionLabel(t: Translate, s: Evaluation["sessions"][number]["session"]): string {
  if (s.kind === "lesson") return t("eval-session-lesson", { n: s.lesson ?? 0, title: s.title });
  return s.title;
}

/** One row per learner: the table both files share. */
function learnerTable(ev: Evaluation, t: Translate): { header: string[]; rows: (string | number)[][] } {
  const header = [
    t("eval-col-no"),
    t("eval-col-name"),
    t("eval-col-unit"),
    t("eval-col-position"),
    ...ev.sessions.map((s) => s.session.id),
    t("eval-col-attended"),
    t("eval-col-report"),
    t("eval-col-late"),
    t("eval-col-grade"),
    t("eval-col-comment"),
    t("eval-col-certificate"),
    t("eval-col-reasons"),
  ];
  const rows = ev.learners.map((l, i) => [
    i + 1,
    l.name,
    l.learner.unit ?? "",
    l.learner.position ? t(`position-${l.learner.position}`) : "",
    ...ev.sessions.map((s) => (l.attendedSessionIds.includes(s.session.id) ? 1 : 0)),
    `${l.certificate.attended}/${l.certificate.counted}`,
    l.report ? t("eval-report-versions", { n: l.report.versions }) : t("eval-report-none"),
    l.report?.late ? t("eval-yes") : "",
    l.report?.grade ? t(`grade-${l.report.grade}`) : "",
    l.report?.comment ?? "",
    l.certificate.eligible ? t("eval-yes") : t("eval-no"),
    l.certificate.reasons.map((r) => t(`cert-reason-${r}`)).join("; "),
  ]);
  return { header, rows };
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The learner table as CSV: UTF-8 with BOM, CRLF line ends, `,` separated. */
export function evaluationCsv(ev: Evaluation, t: Translate): Buffer {
  const { header, rows } = learnerTable(ev, t);
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(","));
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
}

export async function evaluationXlsx(ev: Evaluation, t: Translate): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "trogiang";

  const summary = wb.addWorksheet(t("eval-sheet-summary"));
  summary.columns = [{ width: 42 }, { width: 20 }];
  const kv = (k: string, v: string | number) => summary.addRow([k, v]);
  kv(t("eval-col-class"), `${ev.className} (${ev.classId})`);
  kv(t("eval-enrolled"), ev.enrolment.enrolled);
  kv(t("eval-registered"), ev.enrolment.registered);
  kv(t("eval-preregistered"), `${ev.enrolment.preRegisteredJoined}/${ev.enrolment.preRegistered}`);
  kv(t("eval-deadline"), ev.reportDeadline ? formatInstant(ev.reportDeadline, ev.timeZone) : "");
  kv(t("eval-reports-submitted"), ev.reports.submitted);
  kv(t("eval-reports-missing"), ev.reports.missing);
  kv(t("eval-reports-late"), ev.reports.late);
  kv(t("eval-reports-graded"), ev.reports.graded);
  for (const g of ["gioi", "kha", "trung_binh", "khong_dat"] as const) kv(t(`grade-${g}`), ev.grades.counts[g]);
  kv(t("eval-eligible"), ev.eligible.length);
  summary.getColumn(1).font = { bold: true };

  const learners = wb.addWorksheet(t("eval-sheet-learners"));
  const table = learnerTable(ev, t);
  learners.addRow(table.header).font = { bold: true };
  for (const r of table.rows) learners.addRow(r);
  learners.getColumn(2).width = 28;
  learners.getColumn(3).width = 24;
  learners.views = [{ state: "frozen", ySplit: 1, xSplit: 2 }];

  const sessions = wb.addWorksheet(t("eval-sheet-sessions"));
  sessions.addRow([
    t("eval-col-session"),
    t("eval-col-title"),
    t("eval-col-time"),
    t("eval-col-present"),
    t("eval-col-ratings"),
    t("eval-col-average"),
  ]).font = { bold: true };
  for (const s of ev.sessions) {
    sessions.addRow([
      s.session.id,
      sessionLabel(t, s.session),
      formatInstant(s.session.start, ev.timeZone),
      s.present,
      s.ratings,
      s.average ?? "",
    ]);
  }
  sessions.getColumn(2).width = 50;
  sessions.getColumn(3).width = 18;

  const comments = wb.addWorksheet(t("eval-sheet-comments"));
  comments.addRow([t("eval-col-kind"), t("eval-col-time"), t("eval-col-author"), t("eval-col-text")]).font = {
    bold: true,
  };
  for (const n of ev.notes) {
    comments.addRow([t(`fb-topic-${n.topic}`), noteTime(n, ev.timeZone), n.author ?? t("eval-anonymous"), n.text]);
  }
  for (const s of ev.sessions) {
    for (const c of s.comments) {
      comments.addRow([t("eval-kind-rating", { session: s.session.id }), "", t("eval-anonymous"), c]);
    }
  }
  for (const r of ev.reflections) {
    comments.addRow([
      t("eval-kind-reflection", { session: r.sessionId }),
      formatInstant(r.at, ev.timeZone),
      r.name,
      r.text,
    ]);
  }
  comments.getColumn(4).width = 80;

  const followups = wb.addWorksheet(t("eval-sheet-followup"));
  followups.addRow([t("eval-col-name"), t("eval-col-applied"), t("eval-col-text"), t("eval-col-time")]).font = {
    bold: true,
  };
  for (const f of ev.followups) {
    followups.addRow([f.name, t(`fu-applied-${f.applied}`), f.text ?? "", formatInstant(f.at, ev.timeZone)]);
  }

  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function exportFileNames(ev: Evaluation): { xlsx: string; csv: string } {
  const base = `danh-gia-lop-${ev.classId}`;
  return { xlsx: `${base}.xlsx`, csv: `${base}.csv` };
}
