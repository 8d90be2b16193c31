/**
 * What a learner gets from a class's queued work — reminders and session-rating prompts — judged when the job runs.
 *
 * A job may run late (a restart, an outage, a busy queue). Its reminder is judged by the moment it is about
 * (`judgeReminder`): dropped once that moment passed, otherwise worded from the send time. And a late job takes
 * along everything else of the class that fell due for the same learner between its own time and now, so the
 * prompts that piled up arrive as one message instead of a burst. Every piece keeps its own sent-marker, claimed
 * before sending: the jobs that run next find their piece taken and send nothing, and a retry never sends twice.
 *
 * After an outage every delayed job falls due at once and the queues (reminders, feedback) run side by side, in any
 * order and in several processes. So a late job also looks back for what is still unsent from before its own time
 * (an earlier job that has not run yet), and "collect, claim, send" for one learner runs under a short per-learner
 * lock: the job that comes second waits, then finds every piece sent, and the learner gets one message.
 */
import { type Api, InlineKeyboard } from "grammy";
import { classReminders, type ReminderJobData } from "../classes/service.js";
import { judgeReminder, type Reminder } from "../domain/reminders.js";
import { reportDeadline } from "../domain/reports.js";
import type { Session } from "../domain/schedule.js";
import { localDateOf, localTimeOf } from "../domain/time.js";
import { sessionLabel } from "../evaluation/export.js";
import { isRated } from "../feedback/plan.js";
import { type ClassRecord, reminderSettingOf } from "../store/index.js";
import { SessionRate, SessionReflection } from "./callback-data.js";
import { sessionLine, sessionTitle } from "./class-text.js";
import type { BotDeps } from "./context.js";
import { escapeHtml, formatDay, type Translate } from "./format.js";
import { sendTo, translatorFor } from "./send.js";

/** The job that runs: a reminder (by its key) or the rating prompt of a session that ended. */
export type DueTrigger = { kind: "reminder"; data: ReminderJobData } | { kind: "rate"; sessionId: string };

type Piece =
  | { kind: "reminder"; due: number; reminder: Reminder }
  | { kind: "rate"; due: number; session: Session }
  | { kind: "reflect"; due: number; session: Session };

/** A job this much past its time ran late: the bot, a queue or Redis was held up, and other jobs may be too. */
const LATE_MS = 60_000;
/** How far back a late job looks for unsent pieces whose own job has not run yet; older ones had their turn. */
const LOOK_BACK_MS = 12 * 60 * 60_000;
/** The per-learner lock outlives any one send; should its holder die, it lapses and the next job goes on. */
const LOCK_MS = 15_000;
/** How long a job waits for another's delivery to the same learner; past that it goes on (the markers still hold). */
const LOCK_WAIT_MS = 20_000;
const LOCK_POLL_MS = 50;

/** What every learner's delivery of one job shares, read once per job. */
export interface DuePlan {
  record: ClassRecord;
  now: Date;
  trigger: DueTrigger;
  /** The trigger's own time: pieces due from then until now come along. */
  since: number;
  reminders: Reminder[];
  plannedKeys: Set<string>;
  submitted: Set<number>;
  /** Who is asked to rate each session, read once per job. */
  audiences: Map<string, Promise<number[]>>;
}

export async function duePlan(
  deps: BotDeps,
  record: ClassRecord,
  trigger: DueTrigger,
  now: Date,
): Promise<DuePlan | undefined> {
  const reminders = classReminders(record);
  const plannedKeys = new Set(await deps.store.classes.reminderKeys(record.id));
  let since: number;
  if (trigger.kind === "reminder") {
    const own = reminders.find((r) => r.key === trigger.data.key);
    // A key no longer planned is a session that moved: its new reminder has its own job.
    if (!own || !plannedKeys.has(own.key)) return undefined;
    since = Date.parse(own.at);
  } else {
    const session = record.sessions.find((s) => s.id === trigger.sessionId);
    if (!session || !isRated(session)) return undefined;
    since = Date.parse(session.end);
  }
  const submitted = new Set(await deps.store.reports.submitters(record.id));
  return { record, now, trigger, since, reminders, plannedKeys, submitted, audiences: new Map() };
}

/** Learners asked to rate a session: those checked in, or everyone when nobody checked in (no check-in held). */
export async function ratingAudience(deps: BotDeps, record: ClassRecord, sessionId: string): Promise<number[]> {
  const learners = await deps.store.classes.learners(record.id);
  const present = await deps.store.classes.attendance(record.id, sessionId);
  if (present.size === 0) return learners;
  return learners.filter((id) => present.has(id));
}

function reminderText(t: Translate, plan: DuePlan, reminder: Reminder): string | undefined {
  const { record, now } = plan;
  const tz = record.timeZone;
  const deadline = reportDeadline(record);
  const verdict = judgeReminder(reminder, record.sessions, deadline, now, tz);
  if (!verdict.send) return undefined;
  const name = escapeHtml(record.name);
  switch (reminder.kind) {
    case "evening_before": {
      if (!reminder.date || !verdict.sessions) return undefined;
      const lines = verdict.sessions.map((s) => sessionLine(t, record, s, "•"));
      const venue = record.venue ? `\n${t("cls-venue-line", { venue: escapeHtml(record.venue) })}` : "";
      const head = t("cls-remind-evening", { name, when: verdict.day ?? "other", day: formatDay(t, reminder.date) });
      return `${head}\n${lines.join("\n")}${venue}`;
    }
    case "session_soon": {
      const s = record.sessions.find((x) => x.id === reminder.sessionIds?.[0]);
      if (!s) return undefined;
      return t("cls-remind-soon", {
        name,
        minutes: verdict.minutesLeft ?? 30,
        title: sessionTitle(t, s),
        time: localTimeOf(s.start, tz),
        venue: escapeHtml(s.venue ?? record.venue ?? "—"),
      });
    }
    case "report_deadline_evening":
    case "report_deadline_soon": {
      if (!deadline) return undefined;
      return t(reminder.kind === "report_deadline_soon" ? "cls-remind-deadline-soon" : "cls-remind-deadline", {
        name,
        when: verdict.day ?? "other",
        time: localTimeOf(deadline, tz),
        day: formatDay(t, localDateOf(deadline, tz)),
      });
    }
  }
}

/**
 * The pieces due to `userId` for this job, by time: its own and whatever else fell due since its time, and, when it
 * runs late, what is still unsent from the hours before it (an equally late job that has not run yet).
 */
async function piecesFor(deps: BotDeps, plan: DuePlan, userId: number): Promise<Piece[]> {
  const { record, trigger } = plan;
  const until = Math.max(plan.now.getTime(), plan.since);
  const from = until - plan.since > LATE_MS ? plan.since - LOOK_BACK_MS : plan.since;
  const inWindow = (due: number) => due >= from && due <= until;
  const muted = await deps.store.classes.mutedReminders(userId);
  const pieces: Piece[] = [];
  for (const r of plan.reminders) {
    const own = trigger.kind === "reminder" && r.key === trigger.data.key;
    if (!own && !inWindow(Date.parse(r.at))) continue;
    if (!plan.plannedKeys.has(r.key) || muted.has(reminderSettingOf(r.kind))) continue;
    // A learner who handed in the bản thu hoạch needs no reminder of its deadline.
    if (r.kind.startsWith("report_deadline") && plan.submitted.has(userId)) continue;
    pieces.push({ kind: "reminder", due: Date.parse(r.at), reminder: r });
  }
  for (const s of record.sessions) {
    const own = trigger.kind === "rate" && s.id === trigger.sessionId;
    if (!isRated(s) || (!own && !inWindow(Date.parse(s.end)))) continue;
    let audience = plan.audiences.get(s.id);
    if (!audience) {
      audience = ratingAudience(deps, record, s.id);
      plan.audiences.set(s.id, audience);
    }
    if (!(await audience).includes(userId)) continue;
    // After a field visit the learner is also asked for a reflection, rated or not.
    if (s.kind === "field_visit") pieces.push({ kind: "reflect", due: Date.parse(s.end), session: s });
    if (await deps.store.feedback.rating(record.id, s.id, userId)) continue;
    pieces.push({ kind: "rate", due: Date.parse(s.end), session: s });
  }
  return pieces.sort((a, b) => a.due - b.due);
}

function claimOf(deps: BotDeps, classId: string, userId: number, p: Piece) {
  if (p.kind === "reminder") {
    return {
      take: () => deps.store.classes.claimReminder(classId, p.reminder.key, userId),
      give: () => deps.store.classes.releaseReminder(classId, p.reminder.key, userId),
    };
  }
  const key = `${p.kind}.${p.session.id}`;
  return {
    take: () => deps.store.feedback.claimPrompt(classId, key, userId),
    give: () => deps.store.feedback.releasePrompt(classId, key, userId),
  };
}

function ratingBlock(t: Translate, record: ClassRecord, sessions: Session[]): { text: string; kb: InlineKeyboard } {
  const kb = new InlineKeyboard();
  const name = escapeHtml(record.name);
  const only = sessions.length === 1 ? sessions[0] : undefined;
  if (only) {
    for (let n = 1; n <= 5; n++) {
      kb.text(`${n}⭐`, SessionRate.pack({ classId: record.id, sessionId: only.id, stars: n }));
    }
    return { text: t("fb-rate-prompt", { session: escapeHtml(sessionLabel(t, only)), name }), kb };
  }
  const lines = sessions.map((s, i) => `${i + 1}. ${escapeHtml(sessionLabel(t, s))}`);
  sessions.forEach((s, i) => {
    for (let n = 1; n <= 5; n++) {
      kb.text(`${i + 1}: ${n}⭐`, SessionRate.pack({ classId: record.id, sessionId: s.id, stars: n }));
    }
    kb.row();
  });
  return { text: `${t("fb-rate-many", { name })}\n${lines.join("\n")}`, kb };
}

/**
 * Runs `fn` holding the per-learner lock of a class, waiting while another job holds it. Past the wait it runs
 * anyway: the sent-markers still keep every piece at most once, only the merge into one message is lost.
 */
async function underLearnerLock<T>(deps: BotDeps, classId: string, userId: number, fn: () => Promise<T>): Promise<T> {
  const giveUp = Date.now() + LOCK_WAIT_MS;
  let token = await deps.store.classes.lockDue(classId, userId, LOCK_MS);
  while (!token && Date.now() < giveUp) {
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    token = await deps.store.classes.lockDue(classId, userId, LOCK_MS);
  }
  try {
    return await fn();
  } finally {
    if (token) await deps.store.classes.unlockDue(classId, userId, token);
  }
}

/**
 * Sends `userId` what is due to them for this job, as one message; true when a message went out. Pieces another job
 * already sent are skipped; when the send fails for a reason worth retrying, the claims are given back and it throws.
 */
export function deliverDue(api: Api, deps: BotDeps, plan: DuePlan, userId: number): Promise<boolean> {
  return underLearnerLock(deps, plan.record.id, userId, () => deliverDueNow(api, deps, plan, userId));
}

async function deliverDueNow(api: Api, deps: BotDeps, plan: DuePlan, userId: number): Promise<boolean> {
  const { record } = plan;
  const t = await translatorFor(deps, userId);
  const texts: string[] = [];
  const rated: Session[] = [];
  const visits: Session[] = [];
  const claimed: (() => Promise<void>)[] = [];
  for (const piece of await piecesFor(deps, plan, userId)) {
    const text = piece.kind === "reminder" ? reminderText(t, plan, piece.reminder) : "";
    if (text === undefined) continue;
    const claim = claimOf(deps, record.id, userId, piece);
    if (!(await claim.take())) continue;
    claimed.push(claim.give);
    if (piece.kind === "reminder") texts.push(text);
    else if (piece.kind === "rate") rated.push(piece.session);
    else visits.push(piece.session);
  }
  if (texts.length === 0 && rated.length === 0 && visits.length === 0) return false;
  let kb: InlineKeyboard | undefined;
  if (rated.length > 0) {
    const block = ratingBlock(t, record, rated);
    texts.push(block.text);
    kb = block.kb;
  }
  for (const s of visits) {
    texts.push(t("fb-reflect-prompt", { session: escapeHtml(sessionLabel(t, s)) }));
    kb = (kb ?? new InlineKeyboard())
      .row()
      .text(t("fb-reflect-button"), SessionReflection.pack({ classId: record.id, sessionId: s.id }));
  }
  try {
    const sent = await sendTo(api, deps, userId, texts.join("\n\n"), kb ? { reply_markup: kb } : undefined);
    return sent !== undefined;
  } catch (err) {
    for (const give of claimed) await give();
    throw err;
  }
}
