/**
 * Seeds the sandbox so everything can be tried at once: the personas' profiles (registered, Vietnamese), and the
 * demo class running this week — started two course days ago, so there are past sessions (feedback, evaluation),
 * sessions today (check-in) and sessions to come (schedule, reminders) — with both learners enrolled and the
 * instructor teaching it, and the attendance and ratings of the sessions already held. Its reminders are planned like any
 * class's, on the sandbox's in-process queue.
 *
 * Seeds only through the store and domain APIs (never raw keys), and only what is missing, so a sandbox on a real
 * Redis (`REDIS_URL`) can be restarted without duplicating anything.
 */
import type { BotDeps } from "../bot/context.js";
import { createClass, loadProgramTemplate, planClassReminders } from "../classes/service.js";
import { addDays, isWeekend, localDateOf } from "../domain/time.js";
import type { ClassRecord } from "../store/index.js";
import type { Persona } from "./personas.js";

export const DEMO_CLASS_NAME = "Lớp thử: Bồi dưỡng công tác đảng cho bí thư chi bộ và cấp uỷ viên cơ sở";
export const DEMO_CENTRE = "Trung tâm Chính trị huyện Hoà Bình";
export const DEMO_VENUE = "Hội trường A, Trung tâm Chính trị huyện";

export interface SeedResult {
  /** Personas whose profile was created now (the others were there already). */
  profiles: number;
  /** The demo class (created now or found from an earlier run). */
  demoClass: ClassRecord;
  created: boolean;
}

/** Two course days (Monday–Friday) before `today`: the class is mid-way through this week. */
export function demoStartDate(now: Date, timeZone: string): string {
  let date = localDateOf(now, timeZone);
  for (let back = 0; back < 2; ) {
    date = addDays(date, -1);
    if (!isWeekend(date)) back += 1;
  }
  return date;
}

/**
 * What the sessions already over left behind, as check-in and the feedback prompts would have recorded it: every
 * learner was there (except that the second learner missed the latest one) and rated the sessions they attended,
 * with a comment and one suggestion — so attendance lists, feedback and the evaluation have something to show.
 * Reports are left for the personas to submit themselves.
 */
async function seedPastSessions(
  deps: Pick<BotDeps, "store">,
  record: ClassRecord,
  personas: readonly Persona[],
  now: Date,
): Promise<void> {
  const learners = personas.filter((p) => p.role === "learner").map((p) => p.user.id);
  const past = record.sessions.filter((s) => Date.parse(s.end) <= now.getTime());
  for (const [i, session] of past.entries()) {
    const at = new Date(Date.parse(session.start) + 5 * 60_000);
    for (const [j, userId] of learners.entries()) {
      if (j === 1 && i === past.length - 1) continue;
      await deps.store.classes.markPresent(record.id, session.id, userId, at);
      const ratedAt = new Date(Date.parse(session.end) + 10 * 60_000);
      await deps.store.feedback.rate(record.id, session.id, userId, j === 0 ? 5 - (i % 2) : 4, ratedAt);
    }
  }
  const first = past[0];
  const [an, binh] = learners;
  if (first && an !== undefined) {
    await deps.store.feedback.commentRating(
      record.id,
      first.id,
      an,
      "Bài giảng rõ ràng, nhiều ví dụ gần với công việc của chi bộ.",
    );
  }
  if (first && binh !== undefined) {
    await deps.store.feedback.addNote(record.id, {
      topic: "suggestion",
      text: "Đề nghị lớp dành thêm thời gian thảo luận tình huống thực tế về sinh hoạt chi bộ.",
      at: new Date(Date.parse(first.end) + 30 * 60_000).toISOString(),
      anonymous: false,
      userId: binh,
    });
  }
}

export async function seedSandbox(
  deps: Pick<BotDeps, "store" | "now" | "config" | "logger" | "jobs">,
  personas: readonly Persona[],
): Promise<SeedResult> {
  const { store, config } = deps;
  const now = deps.now();
  let profiles = 0;
  for (const p of personas) {
    const existing = await store.users.get(p.user.id);
    if (existing?.fullName) continue;
    await store.users.update(p.user.id, {
      telegramName: [p.user.first_name, p.user.last_name].filter(Boolean).join(" "),
      username: p.user.username,
      fullName: p.profile.fullName,
      unit: p.profile.unit,
      position: p.profile.position,
      locale: "vi",
      registeredAt: now.toISOString(),
    });
    profiles += 1;
  }

  let demoClass = (await store.classes.list()).find((c) => c.name === DEMO_CLASS_NAME);
  const created = !demoClass;
  if (!demoClass) {
    demoClass = await createClass(
      store,
      loadProgramTemplate(config.contentDir),
      {
        name: DEMO_CLASS_NAME,
        startDate: demoStartDate(now, config.timeZone),
        variant: 5,
        venue: DEMO_VENUE,
        centre: DEMO_CENTRE,
        timeZone: config.timeZone,
        createdBy: personas.find((p) => p.role === "coordinator")?.user.id,
      },
      now,
    );
  }
  for (const p of personas) {
    if (p.role === "learner") await store.classes.addLearner(demoClass.id, p.user.id);
    if (p.role === "instructor") await store.classes.addInstructor(demoClass.id, p.user.id);
  }
  if (created) await seedPastSessions(deps, demoClass, personas, now);
  if (deps.jobs) await planClassReminders(store, deps.jobs, demoClass, now);
  return { profiles, demoClass, created };
}
