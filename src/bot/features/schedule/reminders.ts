/**
 * The reminder worker. Each job is one reminder of one class (job id `<classId>.<key>`); at send time it re-reads
 * the class — a key no longer planned (the session moved) or a learner who left gets nothing — and hands each
 * learner what is due (../../due-prompts.ts: judged by the moment it is about, merged with what piled up, a
 * sent-marker per piece and user so restarts and retries never send twice).
 */

import type { Api } from "grammy";
import { planAllReminders, REMINDER_QUEUE, type ReminderJobData } from "../../../classes/service.js";
import type { JobInfo } from "../../../jobs/index.js";
import type { BotDeps } from "../../context.js";
import { deliverDue, duePlan } from "../../due-prompts.js";

/** Sends one reminder to every learner still enrolled who has not muted its kind; returns how many got a message. */
export async function runReminder(api: Api, deps: BotDeps, job: JobInfo<ReminderJobData>): Promise<number> {
  const { classId, key } = job.data;
  const record = await deps.store.classes.get(classId);
  if (!record) return 0;
  const plan = await duePlan(deps, record, { kind: "reminder", data: job.data }, deps.now());
  if (!plan) return 0;
  let sent = 0;
  let failed: unknown;
  for (const userId of await deps.store.classes.learners(classId)) {
    try {
      if (await deliverDue(api, deps, plan, userId)) sent++;
    } catch (err) {
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
