/**
 * Rules of the bản thu hoạch submission: which files are accepted, the size limit, the deadline and lateness.
 * Pure: no I/O, time passed in.
 */
import { defaultReportDeadline } from "./reminders.js";
import type { Session } from "./schedule.js";

/** Telegram lets a bot download files up to 20 MB; a larger one could never be opened by the instructor's bot. */
const MAX_REPORT_FILE_BYTES = 20 * 1024 * 1024;

/** Extension → MIME types Telegram clients send for it. Both must agree for a document to be accepted. */
const REPORT_FILE_TYPES: Record<string, readonly string[]> = {
  pdf: ["application/pdf"],
  doc: ["application/msword"],
  docx: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  odt: ["application/vnd.oasis.opendocument.text"],
};

type FileCheck = { ok: true; ext: string } | { ok: false; reason: "type" | "size" };

/** Accepts a PDF/DOC/DOCX/ODT by extension AND MIME type, within the size limit. */
export function checkReportDocument(doc: { file_name?: string; mime_type?: string; file_size?: number }): FileCheck {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(doc.file_name ?? "")?.[1]?.toLowerCase() ?? "";
  const mimes = REPORT_FILE_TYPES[ext];
  const mime = (doc.mime_type ?? "").toLowerCase();
  if (!mimes?.includes(mime)) return { ok: false, reason: "type" };
  if ((doc.file_size ?? 0) > MAX_REPORT_FILE_BYTES) return { ok: false, reason: "size" };
  return { ok: true, ext };
}

/** Photos of handwritten pages: only the size matters (Telegram sends JPEGs). */
export function checkReportPhoto(photo: { file_size?: number }): FileCheck {
  if ((photo.file_size ?? 0) > MAX_REPORT_FILE_BYTES) return { ok: false, reason: "size" };
  return { ok: true, ext: "jpg" };
}

/** The deadline the coordinator set, else the default (end of the day after the report-writing session). */
export function reportDeadline(cls: {
  reportDeadline?: string;
  sessions: readonly Session[];
  timeZone: string;
}): string | null {
  return cls.reportDeadline ?? defaultReportDeadline(cls.sessions, cls.timeZone);
}

export function isLate(submittedAt: Date, deadline: string | null): boolean {
  return deadline !== null && submittedAt.getTime() > Date.parse(deadline);
}

/**
 * The bounds of one report draft, so that one learner cannot grow the store without end:
 * - a text part is one message, and Telegram's client sends at most 4,096 characters in one; a longer one did not
 *   come from a person typing;
 * - the text of a whole report: 60,000 characters is some 25 pages, well beyond any bản thu hoạch (longer ones
 *   come as a file, which is stored as Telegram's file_id only);
 * - parts: texts, files and photos together (each file or photo is a small record).
 */
export const MAX_REPORT_PART_CHARS = 4_096;
export const MAX_REPORT_TEXT_CHARS = 60_000;
export const MAX_REPORT_PARTS = 40;
