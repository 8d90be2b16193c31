/**
 * The reminder worker. Each job is one reminder of one class (job id `<classId>.<key>`); at send time it re-reads
 * the class — a key no longer planned (the session moved) or a learner who left gets nothing — renders the
 * message from the current schedule in each learner's language, and claims a sent-marker per (class, key, user)
 * with SET NX before sending, so restarts and retries never send a reminder twice.
 */

import type { Api } from "grammy";
import { GrammyError } from "grammy";
import { planAllReminders, REMINDER_QUEUE, type ReminderJobData } from "../../../classes/service.js";
import { sessionsOn } from "../../../domain/schedule-ops.js";
import { localDateOf, localTimeOf } from "../../../domain/time.js";
import type { JobInfo } from "../../../jobs/index.js";
import { type ClassRecord, reminderSettingOf } from "../../../store/index.js";
import { sessionLine, sessionTitle } from "../../class-text.js";
import type { BotDeps } from "../../context.js";
import { escapeHtml, formatDay, type Translate } from "../../format.js";

function renderReminder(t: Translate, record: ClassRecord, data: ReminderJobData): string | undefined {
  const name = escapeHtml(record.name);
  const tz = record.timeZone;
  switch (data.kind) {
    case "evening_before": {
      if (!data.date) return undefined;
      const sessions = sessionsOn(record.sessions, data.date, tz);
      if (sessions.length === 0) return undefined;
      const lines = sessions.map((s) => sessionLine(t, record, s, "•"));
      const venue = record.venue ? `\n${t("cls-venue-line", { venue: escapeHtml(record.venue) })}` : "";
      return `${t("cls-remind-evening", { name, day: formatDay(t, data.date) })}\n${lines.join("\n")}${venue}`;
    }
    case "session_soon": {
      const s = record.sessions.find((x) => x.id === data.sessionIds?.[0]);
      if (!s) return undefined;
      return t("cls-remind-soon", {
        name,
        title: sessionTitle(t, s),
        time: localTimeOf(s.start, tz),
        venue: escapeHtml(s.venue ?? record.venue ?? "—"),
      });
    }
    case "report_deadline_evening":
    case "report_deadline_soon": {
      if (!data.deadline) return undefined;
      return t(data.kind === "report_deadline_soon" ? "cls-remind-deadline-soon" : "cls-remind-deadline", {
        name,
        time: localTimeOf(data.deadline, tz),
        day: formatDay(t, localDateOf(data.deadline, tz)),
      });
    }
  }
}

/** Sends one reminder to every learner still enrolled who has not muted its kind. */
export async function runReminder(api: Api, deps: BotDeps, job: JobInfo<ReminderJobData>): Promise<number> {
  const { classId, key } = job.data;
  const classes = deps.store.classes;
  const record = await classes.get(classId);
  if (!record) return 0;
  if (!(await classes.reminderKeys(classId)).includes(key)) return 0;
  const learners = await classes.learners(classId);
  const profiles = await deps.store.users.getMany(learners);
  const setting = reminderSettingOf(job.data.kind);
  let sent = 0;
  let failed: unknown;
  for (const userId of learners) {
    if ((await classes.mutedReminders(userId)).has(setting)) continue;
    const locale = profiles.get(userId)?.locale ?? "vi";
    const text = renderReminder((k, v) => deps.i18n.t(locale, k, v), record, job.data);
    if (!text) continue;
    if (!(await classes.claimReminder(classId, key, userId))) continue;
    try {
      await api.sendMessage(userId, text);
      sent++;
    } catch (err) {
      // Blocked or deleted: never retry that user. Anything else: give the marker back so a retry can send.
      if (err instanceof GrammyError && (err.error_code === 403 || err.error_code === 400)) {
        deps.logger.info({ user: userId, class: classId, key }, "reminder not deliverable; skipped");
        continue;
      }
      await classes.releaseReminder(classId, key, userId);
      failed = err;
    }
  }
  deps.logger.info({ class: classId, key, sent }, "reminder sent");
  if (failed) throw failed;
  return sent;
}

/** Starts the class workers in this process and re-plans every class's reminders (idempotent). */
export async function startClassJobs(api: Api, deps: BotDeps): Promise<void> {
  const jobs = deps.jobs;
  if (!jobs) return;
  jobs.process<ReminderJobData>(REMINDER_QUEUE, async (job) => {
    await runReminder(api, deps, job);
  });
  const n = await planAllReminders(deps.store, jobs, deps.now());
  deps.logger.info({ reminders: n, jobs: jobs.kind }, "reminders planned");
}
