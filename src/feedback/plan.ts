/**
 * Queued feedback prompts of a class: when a session ends, its rating prompt (and, after a field visit, the
 * reflection prompt); N days after the class ends, the follow-up survey. Planning is idempotent (stable job ids;
 * a pending job is re-timed when the schedule moved). No Telegram here: the worker is in src/bot/features/feedback/.
 */
import type { Session } from "../domain/schedule.js";
import type { Jobs } from "../jobs/index.js";
import type { ClassRecord } from "../store/index.js";

export const FEEDBACK_QUEUE = "feedback";
/** Days after the last session when graduates are asked how they apply what they learned. */
const DEFAULT_FOLLOWUP_DAYS = 90;

/** Sessions learners rate: everything but the report-writing half-day (the report is its outcome). */
export function isRated(s: Session): boolean {
  return s.kind !== "report_writing";
}

export type FeedbackJobData =
  | { kind: "session_end"; classId: string; sessionId: string }
  | { kind: "followup"; classId: string };

export const sessionEndJobId = (classId: string, sessionId: string) => `${classId}.end.${sessionId}`;
const followupJobId = (classId: string) => `${classId}.followup`;

/** The follow-up survey date of a class: its last session's end + `days`. */
export function followupAt(record: Pick<ClassRecord, "sessions">, days = DEFAULT_FOLLOWUP_DAYS): Date | undefined {
  const ends = record.sessions.map((s) => Date.parse(s.end));
  if (ends.length === 0) return undefined;
  return new Date(Math.max(...ends) + days * 24 * 3600 * 1000);
}

/** Schedules the class's feedback jobs still in the future; returns how many. */
export async function planClassFeedback(
  jobs: Jobs,
  record: ClassRecord,
  now: Date,
  followupDays = record.followupDays ?? DEFAULT_FOLLOWUP_DAYS,
): Promise<number> {
  let n = 0;
  for (const s of record.sessions) {
    if (!isRated(s) || Date.parse(s.end) <= now.getTime()) continue;
    const jobId = sessionEndJobId(record.id, s.id);
    // Re-time a pending job when the session moved (a job that already ran stays as the dedupe marker).
    await jobs.cancel(FEEDBACK_QUEUE, jobId);
    const data: FeedbackJobData = { kind: "session_end", classId: record.id, sessionId: s.id };
    await jobs.schedule(FEEDBACK_QUEUE, { name: "session_end", jobId, data, runAt: new Date(s.end) });
    n++;
  }
  const at = followupAt(record, followupDays);
  if (at && at.getTime() > now.getTime()) {
    await jobs.cancel(FEEDBACK_QUEUE, followupJobId(record.id));
    const data: FeedbackJobData = { kind: "followup", classId: record.id };
    await jobs.schedule(FEEDBACK_QUEUE, { name: "followup", jobId: followupJobId(record.id), data, runAt: at });
    n++;
  }
  return n;
}
