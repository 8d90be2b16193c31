/**
 * Schedule edits as the coordinator makes them: apply a pure domain edit to the stored class, save it, re-plan its
 * reminder jobs (moving a session moves its reminders), and tell the enrolled learners what changed.
 */
import type { Api } from "grammy";
import { loadProgramTemplate, planClassReminders } from "../classes/service.js";
import type { Half, Session } from "../domain/schedule.js";
import {
  addTopicSession,
  type EditError,
  type EditResult,
  moveSession,
  removeTopicSession,
  updateSessionDetails,
} from "../domain/schedule-ops.js";
import type { ClassRecord } from "../store/index.js";
import { sessionTitle, sessionWhen } from "./class-text.js";
import type { BotDeps, SceneContext } from "./context.js";
import { escapeHtml, type Translate, tr } from "./format.js";

export type Edit =
  | { kind: "move"; sessionId: string; date: string; half: Half; times?: { start: string; end: string } }
  | { kind: "venue"; venue: string }
  | { kind: "session_venue"; sessionId: string; venue: string }
  | { kind: "instructor"; sessionId: string | "all"; name: string }
  | { kind: "topic_add"; topic: string }
  | { kind: "topic_remove"; sessionId: string };

/** What changed, for the learners' message (rendered in each learner's language). */
type Change =
  | { kind: "move"; session: Session }
  | { kind: "venue"; venue: string }
  | { kind: "session_venue"; session: Session; venue: string }
  | { kind: "instructor"; session?: Session; name: string }
  | { kind: "topic_add"; session: Session }
  | { kind: "topic_remove"; session: Session };

type EditOutcome = { ok: true; record: ClassRecord; change: Change } | { ok: false; error: EditError | "no_class" };

/** The pure domain edit, and the change to announce once it succeeded (sessions read from the result). */
function domainEdit(
  deps: BotDeps,
  record: ClassRecord,
  edit: Edit,
): { result: EditResult; change: (sessions: Session[]) => Change | undefined } {
  const ctx = record.context;
  const find = (sessions: Session[], id: string) => sessions.find((s) => s.id === id);
  switch (edit.kind) {
    case "move":
      return {
        result: moveSession(
          record.sessions,
          edit.sessionId,
          edit.times ? { date: edit.date, half: edit.half, times: edit.times } : { date: edit.date, half: edit.half },
          ctx,
        ),
        change: (sessions) => {
          const session = find(sessions, edit.sessionId);
          return session && { kind: "move", session };
        },
      };
    case "venue": {
      // A session with a venue of its own (a field visit's address) keeps it when the class moves.
      const own = (s: Session) => s.venue !== undefined && s.venue !== record.venue;
      const sessions = record.sessions.map((s) => (own(s) ? s : { ...s, venue: edit.venue.trim().normalize("NFC") }));
      return {
        result: updateSessionDetails(sessions, "all", {}, record.timeZone),
        change: () => ({ kind: "venue", venue: edit.venue }),
      };
    }
    case "session_venue":
      return {
        result: updateSessionDetails(record.sessions, edit.sessionId, { venue: edit.venue }, record.timeZone),
        change: (sessions) => {
          const session = find(sessions, edit.sessionId);
          return session && { kind: "session_venue", session, venue: edit.venue };
        },
      };
    case "instructor":
      return {
        result: updateSessionDetails(record.sessions, edit.sessionId, { instructor: edit.name }, record.timeZone),
        change: (sessions) => {
          if (edit.sessionId === "all") return { kind: "instructor", name: edit.name };
          return { kind: "instructor", name: edit.name, session: find(sessions, edit.sessionId) };
        },
      };
    case "topic_add": {
      const template = loadProgramTemplate(deps.config.contentDir);
      const added = addTopicSession(record.sessions, template, { topic: edit.topic }, ctx);
      return {
        result: added,
        change: (sessions) => {
          const session = added.id ? find(sessions, added.id) : undefined;
          return session && { kind: "topic_add", session };
        },
      };
    }
    case "topic_remove": {
      const removed = find(record.sessions, edit.sessionId);
      return {
        result: removeTopicSession(record.sessions, edit.sessionId, ctx),
        change: () => removed && { kind: "topic_remove", session: removed },
      };
    }
  }
}

/** Applies an edit to the stored class, saves it and re-plans its reminders. */
export async function applyEdit(deps: BotDeps, classId: string, edit: Edit, now: Date): Promise<EditOutcome> {
  const record = await deps.store.classes.get(classId);
  if (!record) return { ok: false, error: "no_class" };
  const { result, change: changeOf } = domainEdit(deps, record, edit);
  if (!result.ok) return { ok: false, error: result.error };
  const change = changeOf(result.sessions);
  if (!change) return { ok: false, error: "session_not_found" };
  record.sessions = result.sessions;
  if (edit.kind === "venue") {
    record.venue = edit.venue;
    record.context = { ...record.context, venue: edit.venue };
  }
  if (edit.kind === "instructor" && edit.sessionId === "all") {
    record.context = { ...record.context, instructor: edit.name };
  }
  await deps.store.classes.save(record);
  if (deps.jobs) await planClassReminders(deps.store, deps.jobs, record, now);
  return { ok: true, record, change };
}

function renderChange(t: Translate, record: ClassRecord, change: Change): string {
  const tz = record.timeZone;
  switch (change.kind) {
    case "move":
      return t("cls-change-move", { title: sessionTitle(t, change.session), when: sessionWhen(t, change.session, tz) });
    case "venue":
      return t("cls-change-venue", { venue: escapeHtml(change.venue) });
    case "session_venue":
      return t("cls-change-venue-one", { title: sessionTitle(t, change.session), venue: escapeHtml(change.venue) });
    case "instructor":
      return change.session
        ? t("cls-change-instructor-one", { title: sessionTitle(t, change.session), name: escapeHtml(change.name) })
        : t("cls-change-instructor-all", { name: escapeHtml(change.name) });
    case "topic_add":
      return t("cls-change-topic-add", {
        title: sessionTitle(t, change.session),
        when: sessionWhen(t, change.session, tz),
      });
    case "topic_remove":
      return t("cls-change-topic-remove", { title: sessionTitle(t, change.session) });
  }
}

/** Sends "Thay đổi lịch học: …" to every enrolled learner, each in their language; returns how many got it. */
async function notifyLearners(api: Api, deps: BotDeps, record: ClassRecord, change: Change): Promise<number> {
  const ids = await deps.store.classes.learners(record.id);
  const profiles = await deps.store.users.getMany(ids);
  let sent = 0;
  for (const id of ids) {
    const locale = profiles.get(id)?.locale ?? "vi";
    const t: Translate = (key, vars) => deps.i18n.t(locale, key, vars);
    const text = t("cls-change-notice", { name: escapeHtml(record.name), change: renderChange(t, record, change) });
    try {
      await api.sendMessage(id, text);
      sent++;
    } catch (err) {
      deps.logger.warn({ err: String(err), user: id, class: record.id }, "could not tell a learner about a change");
    }
  }
  return sent;
}

/**
 * Tells the coordinator how an edit went: why it was refused, or — after the learners were told — the change and how
 * many of them it reached. For the /classes buttons and the class-edit scene alike.
 */
export async function reportEdit(ctx: SceneContext, outcome: EditOutcome): Promise<void> {
  if (!outcome.ok) {
    await ctx.reply(ctx.t(`cls-edit-error-${outcome.error}`));
    return;
  }
  const sent = await notifyLearners(ctx.api, ctx.deps, outcome.record, outcome.change);
  await ctx.reply(
    ctx.t("cls-edit-done", {
      change: renderChange(tr(ctx), outcome.record, outcome.change),
      count: sent,
      name: escapeHtml(outcome.record.name),
    }),
  );
}
