/**
 * The evaluation of a class after it ends ("đánh giá kết quả, rút kinh nghiệm, báo cáo cấp uỷ"): enrolment,
 * attendance per session, reports submitted / late / graded, grade distribution, ratings and comments,
 * reflections, follow-up answers, and who is eligible for the certificate. Pure: the caller gathers the data.
 *
 * Anonymity: a feedback note carries an author only when it was not anonymous (anonymous ones are stored without
 * one), and rating comments are listed without names, so nothing built from this names an anonymous author.
 */
import {
  type CertificateDecision,
  type CertificateReason,
  type CertificateRuleInput,
  certificateEligibility,
} from "./certificate.js";
import { type Grade, type GradeSummary, summarizeGrades } from "./grading.js";
import type { Session } from "./schedule.js";
import { formatDate, formatInstant, localDateOf } from "./time.js";

interface EvaluationLearner {
  userId: number;
  fullName?: string;
  telegramName?: string;
  unit?: string;
  position?: string;
  registered: boolean;
}

interface EvaluationInput {
  class: { id: string; name: string; timeZone: string; sessions: readonly Session[]; reportDeadline: string | null };
  learners: EvaluationLearner[];
  preRegistered: { total: number; claimed: number };
  /** Session id → learners present. */
  attendance: Map<string, Set<number>>;
  /** Learners who submitted: versions, whether the latest was late, current grade. */
  reports: Map<number, { versions: number; late: boolean; lastAt: string; grade?: Grade; comment?: string }>;
  ratings: Map<string, Map<number, { stars: number; comment?: string }>>;
  notes: { topic: string; text: string; at: string; anonymous: boolean; userId?: number }[];
  reflections: Map<string, Map<number, { text: string; at: string }>>;
  followups: Map<number, { applied: string; text?: string; at: string }>;
  rule?: CertificateRuleInput;
  now: Date;
}

interface SessionEvaluation {
  session: Session;
  present: number;
  ratings: number;
  /** Average stars, one decimal; null without ratings. */
  average: number | null;
  /** Rating comments, without names. */
  comments: string[];
}

interface LearnerEvaluation {
  learner: EvaluationLearner;
  /** The name to show: full name, else Telegram name, else the id. */
  name: string;
  attendedSessionIds: string[];
  report?: { versions: number; late: boolean; lastAt: string; grade?: Grade; comment?: string };
  certificate: CertificateDecision;
}

export interface Evaluation {
  classId: string;
  className: string;
  timeZone: string;
  reportDeadline: string | null;
  enrolment: { enrolled: number; registered: number; preRegistered: number; preRegisteredJoined: number };
  sessions: SessionEvaluation[];
  reports: { submitted: number; missing: number; late: number; graded: number; ungraded: number };
  grades: GradeSummary;
  learners: LearnerEvaluation[];
  eligible: LearnerEvaluation[];
  /** Feedback notes, in `orderNotes` order; `author` only for notes that were not anonymous. */
  notes: { topic: string; text: string; at: string; anonymous: boolean; author?: string }[];
  reflections: { sessionId: string; name: string; text: string; at: string }[];
  followups: { name: string; applied: string; text?: string; at: string }[];
  followupCounts: Record<string, number>;
}

/**
 * Feedback notes as every view and export lists them: the named ones by time, then the anonymous ones apart, by
 * text — so where an anonymous note sits says nothing of when it was written, or next to whose note.
 */
export function orderNotes<N extends { text: string; at: string; anonymous: boolean }>(notes: readonly N[]): N[] {
  const named = notes.filter((n) => !n.anonymous).sort((a, b) => a.at.localeCompare(b.at));
  const anonymous = notes.filter((n) => n.anonymous).sort((a, b) => a.text.localeCompare(b.text, "vi"));
  return [...named, ...anonymous];
}

/** When a note was written, as shown: a named note's moment, an anonymous note's date only. */
export function noteTime(note: { at: string; anonymous: boolean }, timeZone: string): string {
  return note.anonymous ? formatDate(noteDate(note.at, timeZone)) : formatInstant(note.at, timeZone);
}

/** An anonymous note's local date (`YYYY-MM-DD`): stored so; older notes kept the instant, cut to its date here. */
export function noteDate(at: string, timeZone: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(at) ? at : localDateOf(at, timeZone);
}

function displayName(l: Pick<EvaluationLearner, "userId" | "fullName" | "telegramName">): string {
  return l.fullName || l.telegramName || `#${l.userId}`;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function evaluateClass(input: EvaluationInput): Evaluation {
  const sessions = [...input.class.sessions].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const learnerIds = new Set(input.learners.map((l) => l.userId));
  const nameOf = new Map(input.learners.map((l) => [l.userId, displayName(l)]));

  const sessionRows: SessionEvaluation[] = sessions.map((s) => {
    const present = [...(input.attendance.get(s.id) ?? [])].filter((id) => learnerIds.has(id)).length;
    const rs = [...(input.ratings.get(s.id)?.values() ?? [])];
    const average = rs.length ? round1(rs.reduce((sum, r) => sum + r.stars, 0) / rs.length) : null;
    const comments = rs.map((r) => r.comment?.trim()).filter((c): c is string => !!c);
    return { session: s, present, ratings: rs.length, average, comments };
  });

  const learners: LearnerEvaluation[] = input.learners.map((l) => {
    const attendedSessionIds = sessions.filter((s) => input.attendance.get(s.id)?.has(l.userId)).map((s) => s.id);
    const report = input.reports.get(l.userId);
    const certificate = certificateEligibility(
      {
        sessions,
        attendedSessionIds,
        report: { submitted: !!report, grade: report?.grade ?? null },
        now: input.now,
      },
      input.rule,
    );
    const row: LearnerEvaluation = { learner: l, name: displayName(l), attendedSessionIds, certificate };
    if (report) row.report = report;
    return row;
  });
  learners.sort((a, b) => a.name.localeCompare(b.name, "vi") || a.learner.userId - b.learner.userId);

  const submitted = learners.filter((l) => l.report);
  const grades = summarizeGrades(submitted.map((l) => l.report?.grade).filter((g): g is Grade => !!g));
  const followupCounts: Record<string, number> = {};
  for (const f of input.followups.values()) followupCounts[f.applied] = (followupCounts[f.applied] ?? 0) + 1;

  return {
    classId: input.class.id,
    className: input.class.name,
    timeZone: input.class.timeZone,
    reportDeadline: input.class.reportDeadline,
    enrolment: {
      enrolled: input.learners.length,
      registered: input.learners.filter((l) => l.registered).length,
      preRegistered: input.preRegistered.total,
      preRegisteredJoined: input.preRegistered.claimed,
    },
    sessions: sessionRows,
    reports: {
      submitted: submitted.length,
      missing: learners.length - submitted.length,
      late: submitted.filter((l) => l.report?.late).length,
      graded: grades.graded,
      ungraded: submitted.length - grades.graded,
    },
    grades,
    learners,
    eligible: learners.filter((l) => l.certificate.eligible),
    notes: orderNotes(input.notes).map((n) => {
      const out: Evaluation["notes"][number] = {
        topic: n.topic,
        text: n.text,
        at: n.anonymous ? noteDate(n.at, input.class.timeZone) : n.at,
        anonymous: n.anonymous,
      };
      if (!n.anonymous && n.userId !== undefined) out.author = nameOf.get(n.userId) ?? `#${n.userId}`;
      return out;
    }),
    reflections: sessions.flatMap((s) =>
      [...(input.reflections.get(s.id) ?? new Map()).entries()].map(([userId, r]) => ({
        sessionId: s.id,
        name: nameOf.get(userId) ?? `#${userId}`,
        text: r.text,
        at: r.at,
      })),
    ),
    followups: [...input.followups.entries()].map(([userId, f]) => {
      const out: { name: string; applied: string; text?: string; at: string } = {
        name: nameOf.get(userId) ?? `#${userId}`,
        applied: f.applied,
        at: f.at,
      };
      if (f.text) out.text = f.text;
      return out;
    }),
    followupCounts,
  };
}

export type { CertificateReason };
