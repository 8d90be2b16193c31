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
const DEMO_CENTRE = "Trung tâm Chính trị huyện Hoà Bình";
const DEMO_VENUE = "Hội trường A, Trung tâm Chính trị huyện";

/** The early bản thu hoạch of the demo class (plain text, as a learner would type it). */
const DEMO_REPORT = [
  "BẢN THU HOẠCH — Trần Thị Bình, Chi bộ khu phố 2",
  "1. Những điều tâm đắc: vai trò hạt nhân lãnh đạo của chi bộ ở khu dân cư; sinh hoạt chi bộ phải có nội dung thiết thực, tránh hình thức.",
  "2. Liên hệ thực tế: chi bộ khu phố 2 sẽ đưa tình hình an ninh trật tự và vệ sinh môi trường vào sinh hoạt chuyên đề hằng quý.",
  "3. Đề xuất: tăng cường phân công đảng viên phụ trách hộ gia đình; phối hợp với Mặt trận và các đoàn thể trong công tác dân vận.",
].join("\n\n");

interface SeedResult {
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
 * The second learner has handed in her bản thu hoạch early, for an instructor to grade; the first has not.
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
  if (binh !== undefined && past.length > 0) {
    // One report in early, so an instructor can open and grade one at once; the other learner writes their own.
    await deps.store.reports.addVersion(record.id, binh, {
      parts: [{ kind: "text", text: DEMO_REPORT }],
      submittedAt: new Date(Date.parse(past.at(-1)?.end ?? record.startDate) + 60 * 60_000).toISOString(),
      late: false,
    });
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
