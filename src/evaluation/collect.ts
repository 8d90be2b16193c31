/**
 * Gathers everything the evaluation of a class needs from the store and hands it to the pure
 * `evaluateClass`. Shared by the bot (/evaluation) and the CLI (`class export`). No Telegram here.
 */
import type { CertificateRuleInput } from "../domain/certificate.js";
import { type Evaluation, evaluateClass } from "../domain/evaluation.js";
import { reportDeadline } from "../domain/reports.js";
import { isRegistered, type Store } from "../store/index.js";

export async function collectEvaluation(
  store: Store,
  classId: string,
  now: Date,
  rule?: CertificateRuleInput,
): Promise<Evaluation | undefined> {
  const record = await store.classes.get(classId);
  if (!record) return undefined;
  const learnerIds = await store.classes.learners(classId);
  const profiles = await store.users.getMany(learnerIds);
  const prereg = await store.classes.preRegistered(classId);

  const attendance = new Map<string, Set<number>>();
  const ratings = new Map<string, Map<number, { stars: number; comment?: string }>>();
  const reflections = new Map<string, Map<number, { text: string; at: string }>>();
  for (const s of record.sessions) {
    attendance.set(s.id, new Set((await store.classes.attendance(classId, s.id)).keys()));
    ratings.set(s.id, await store.feedback.ratings(classId, s.id));
    if (s.kind === "field_visit") reflections.set(s.id, await store.feedback.reflections(classId, s.id));
  }

  const reports = new Map<number, { versions: number; late: boolean; lastAt: string; grade?: never }>();
  for (const [userId, st] of await store.reports.statuses(classId)) {
    const row: { versions: number; late: boolean; lastAt: string; grade?: never; comment?: string } = {
      versions: st.versions,
      late: st.late,
      lastAt: st.lastAt,
    };
    if (st.grade) {
      Object.assign(row, { grade: st.grade.grade });
      if (st.grade.comment) row.comment = st.grade.comment;
    }
    reports.set(userId, row);
  }

  return evaluateClass({
    class: {
      id: record.id,
      name: record.name,
      timeZone: record.timeZone,
      sessions: record.sessions,
      reportDeadline: reportDeadline(record),
    },
    learners: learnerIds.map((userId) => {
      const p = profiles.get(userId);
      return {
        userId,
        fullName: p?.fullName,
        telegramName: p?.telegramName,
        unit: p?.unit,
        position: p?.position,
        registered: isRegistered(p),
      };
    }),
    preRegistered: { total: prereg.length, claimed: prereg.filter((p) => p.userId !== undefined).length },
    attendance,
    reports,
    ratings,
    notes: await store.feedback.notes(classId),
    reflections,
    followups: await store.feedback.followups(classId),
    rule,
    now,
  });
}
