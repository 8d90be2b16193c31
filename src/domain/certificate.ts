/**
 * Certificate (giấy chứng nhận) eligibility. The 2016 guidance leaves the rule to "the regulations in force";
 * this is the common practice, configurable per centre:
 * - attendance: at least 80% of the sessions that count. Counted by default: lessons, chuyên đề, field visit,
 *   discussion. The report-writing half-day is NOT counted: the bản thu hoạch itself is its evidence and is judged
 *   by the grade rule below (some centres let learners write it at home), so counting it would judge it twice.
 * - the bản thu hoạch is submitted and graded trung_binh or better.
 * All failed conditions are reported, as codes, so the bot can tell a learner everything that is missing.
 */
import { z } from "zod";
import { type Grade, GradeSchema, isAtLeast } from "./grading.js";
import { SESSION_KINDS, type Session, type SessionKind } from "./schedule.js";

const CertificateRuleSchema = z.object({
  minAttendancePercent: z.number().min(0).max(100).default(80),
  countedKinds: z.array(z.enum(SESSION_KINDS)).default(["lesson", "topic", "field_visit", "discussion"]),
  minGrade: GradeSchema.default("trung_binh"),
});
export type CertificateRuleInput = z.input<typeof CertificateRuleSchema>;

const CERTIFICATE_REASONS = [
  /** A counted session or the report writing has not ended yet at `now`: the decision is provisional. */
  "course_in_progress",
  "attendance_below_minimum",
  "report_not_submitted",
  "report_not_graded",
  "grade_below_minimum",
] as const;
export type CertificateReason = (typeof CERTIFICATE_REASONS)[number];

interface CertificateInput {
  sessions: readonly Session[];
  /** Ids of sessions the learner attended (checked in or marked by the instructor); unknown ids are ignored. */
  attendedSessionIds: Iterable<string>;
  /** A grade implies the report was submitted. */
  report: { submitted?: boolean; grade?: Grade | null };
  /** When given, a course that has not finished yet adds `course_in_progress`. */
  now?: Date;
}

export interface CertificateDecision {
  eligible: boolean;
  reasons: CertificateReason[];
  /** Counted sessions attended. */
  attended: number;
  /** Sessions that count. */
  counted: number;
  /** Counted sessions needed to satisfy the attendance rule. */
  required: number;
}

/** Sessions needed: ⌈counted × percent / 100⌉ (80% of 9 → 8). */
export function requiredAttendance(counted: number, percent: number): number {
  const exact = (counted * percent) / 100;
  const nearest = Math.round(exact);
  // A fractional percent (two thirds: 66.666…) can land a hair above an integer (15 × ⅔ → 10.000000000000002),
  // which must not demand an extra session: snap near-integers before rounding up.
  return Math.abs(exact - nearest) < 1e-9 ? nearest : Math.ceil(exact);
}

export function certificateEligibility(
  input: CertificateInput,
  ruleInput: CertificateRuleInput = {},
): CertificateDecision {
  const rule = CertificateRuleSchema.parse(ruleInput);
  const kinds = new Set<SessionKind>(rule.countedKinds);
  const countedSessions = input.sessions.filter((s) => kinds.has(s.kind));
  const attendedIds = new Set(input.attendedSessionIds);
  const attended = countedSessions.filter((s) => attendedIds.has(s.id)).length;
  const counted = countedSessions.length;
  const required = requiredAttendance(counted, rule.minAttendancePercent);

  const reasons: CertificateReason[] = [];
  if (input.now) {
    const t = input.now.getTime();
    const relevant = input.sessions.filter((s) => kinds.has(s.kind) || s.kind === "report_writing");
    if (relevant.some((s) => Date.parse(s.end) > t)) reasons.push("course_in_progress");
  }
  if (attended < required) reasons.push("attendance_below_minimum");
  const grade = input.report.grade ?? null;
  if (grade === null) {
    reasons.push(input.report.submitted ? "report_not_graded" : "report_not_submitted");
  } else if (!isAtLeast(grade, rule.minGrade)) {
    reasons.push("grade_below_minimum");
  }
  return { eligible: reasons.length === 0, reasons, attended, counted, required };
}
