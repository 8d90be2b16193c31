/**
 * Answers to a learner's questions about their own class (`course.*` intents): read from the class, the check-ins,
 * the report and the certificate rule the bot is configured with — the same data /schedule, /next and the
 * evaluation use, never a passage of the material.
 */
import { certificateEligibility, requiredAttendance } from "../../../domain/certificate.js";
import { reportDeadline } from "../../../domain/reports.js";
import type { Session } from "../../../domain/schedule.js";
import { sessionStatus, sessionsOn } from "../../../domain/schedule-ops.js";
import { addDays, localDateOf, localTimeOf, weekdayOf } from "../../../domain/time.js";
import { foldTokens, hasSeq } from "../../../search/fold.js";
import type { ClassRecord } from "../../../store/index.js";
import { hasRole, taughtClasses } from "../../access.js";
import { sessionLine, sessionTitle, sessionWhen } from "../../class-text.js";
import type { BotContext } from "../../context.js";
import { escapeHtml, formatDay, tr } from "../../format.js";

/** Kinds of session the certificate counts (the rule's default; the report-writing half-day is judged by its grade). */
const COUNTED = new Set(["lesson", "topic", "field_visit", "discussion"]);

/** "thứ năm", "thứ 5", "chủ nhật", "thursday" in a question (folded) → the weekday (0 = Sunday), else undefined. */
const WEEKDAYS: Record<string, number> = { hai: 1, ba: 2, tu: 3, nam: 4, sau: 5, bay: 6 };
const EN_WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
function weekdayNamed(words: readonly string[]): number | undefined {
  for (let i = 0; i < words.length; i++) {
    const [a, b] = [words[i]!, words[i + 1]];
    const en = EN_WEEKDAYS.indexOf(a);
    if (en >= 0) return en;
    if (b === undefined) continue;
    if (a === "chu" && b === "nhat") return 0;
    if (a !== "thu") continue;
    if (b in WEEKDAYS) return WEEKDAYS[b];
    const n = Number(b);
    if (Number.isInteger(n) && n >= 2 && n <= 7) return n - 1;
  }
  return undefined;
}

/** The first date from `today` on (today included) that falls on `weekday`. */
function nextWeekday(today: string, weekday: number): string {
  return addDays(today, (weekday - weekdayOf(today) + 7) % 7);
}

/** The days a question asks about, read from its words: today, tomorrow, a weekday, this week or next week. */
type AskedDays =
  | { kind: "today" | "tomorrow" | "day"; day: string; half?: Session["half"] }
  | { kind: "this-week" | "next-week"; from: string; to: string };

function askedDays(question: string, today: string): AskedDays | undefined {
  // "hnay" is the usual shorthand of "hôm nay".
  const words = foldTokens(question).flatMap((w) => (w === "hnay" ? ["hom", "nay"] : [w]));
  const weekday = weekdayNamed(words);
  // Weeks run Monday to Sunday.
  const monday = addDays(today, -((weekdayOf(today) + 6) % 7));
  if (hasSeq(words, ["tuan", "sau"]) || hasSeq(words, ["tuan", "toi"]) || hasSeq(words, ["next", "week"]))
    return { kind: "next-week", from: addDays(monday, 7), to: addDays(monday, 13) };
  // "sáng mai", "chiều thứ năm": that half-day only.
  const half: { half?: Session["half"] } = words.some((w) => w === "sang" || w === "morning")
    ? { half: "morning" }
    : words.some((w) => w === "chieu" || w === "afternoon")
      ? { half: "afternoon" }
      : {};
  if (weekday !== undefined) return { kind: "day", day: nextWeekday(today, weekday), ...half };
  if (hasSeq(words, ["tuan", "nay"]) || hasSeq(words, ["this", "week"]))
    return { kind: "this-week", from: today, to: addDays(monday, 6) };
  if (words.includes("mai") || words.includes("tomorrow")) return { kind: "tomorrow", day: addDays(today, 1), ...half };
  const todayWords = ["hom", "bua", "sang", "trua", "chieu", "toi"];
  if (words.some((w, i) => w === "nay" && todayWords.includes(words[i - 1] ?? "")) || words.includes("today"))
    return { kind: "today", day: today, ...half };
  return undefined;
}

/** The sessions of the day asked about; of its half-day alone ("sáng mai") when that half has some. */
function sessionsOfDay(record: ClassRecord, asked: Extract<AskedDays, { day: string }>): Session[] {
  const day = sessionsOn(record.sessions, asked.day, record.timeZone);
  const inHalf = day.filter((s) => s.half === asked.half);
  return inHalf.length > 0 ? inHalf : day;
}

/**
 * The sessions a question names: «bài 4» (that lesson), a day («sáng mai», «thứ năm»), else the next one; a day
 * with no session, the next one after it.
 */
function askedSessions(record: ClassRecord, question: string, now: Date): Session[] {
  const tz = record.timeZone;
  const words = foldTokens(question);
  const n = lessonNamed(record, words);
  if (n !== undefined) {
    const lesson = record.sessions.filter((s) => s.kind === "lesson" && s.lesson === n);
    if (lesson.length > 0) return lesson;
  }
  const asked = askedDays(question, localDateOf(now, tz));
  if (asked && "day" in asked) {
    const on = sessionsOfDay(record, asked);
    if (on.length > 0) return on;
  }
  const next = sessionStatus(record.sessions, now).next;
  return next ? [next] : [];
}

/** «bài ba», «bài thứ tư»: a lesson's number in words, folded («năm» and «sáu» fold like other words: only after «bài»). */
const LESSON_NUMBERS: Record<string, number> = { mot: 1, nhat: 1, hai: 2, ba: 3, bon: 4, tu: 4, nam: 5, sau: 6 };

/**
 * The lesson a question names, by number («bài 4», «bài số 4», «bài thứ tư», «lesson 4») or by the words of its title
 * after «bài» («bài dân vận», «bài công tác tư tưởng»): a word pair of one lesson's title and of no other's.
 */
function lessonNamed(record: ClassRecord, words: readonly string[]): number | undefined {
  const titles = new Map<number, Set<string>>();
  for (const s of record.sessions) {
    if (s.kind !== "lesson" || s.lesson === undefined || titles.has(s.lesson)) continue;
    const t = foldTokens(s.title);
    titles.set(s.lesson, new Set(t.slice(1).map((w, i) => `${t[i]} ${w}`)));
  }
  for (let at = 0; at < words.length; at++) {
    if (words[at] !== "bai" && words[at] !== "lesson") continue;
    let i = at + 1;
    if (words[i] === "so" || words[i] === "thu") i++;
    const w = words[i] ?? "";
    if (/^\d+$/.test(w)) return Number(w);
    if (words[at] === "bai" && LESSON_NUMBERS[w] !== undefined && (i > at + 1 || !titleWord(titles, w)))
      return LESSON_NUMBERS[w];
    const pairs = words.slice(at + 1, at + 6).flatMap((x, k, ws) => (k > 0 ? [`${ws[k - 1]} ${x}`] : []));
    const named = [...titles].filter(([, own]) =>
      pairs.some((p) => own.has(p) && [...titles.values()].filter((o) => o.has(p)).length === 1),
    );
    if (named.length === 1) return named[0]![0];
  }
  return undefined;
}

/** Is a folded word in some lesson's title («bài tư tưởng»: «tư» is the title's, not the number four)? */
function titleWord(titles: ReadonlyMap<number, ReadonlySet<string>>, w: string): boolean {
  for (const pairs of titles.values()) for (const p of pairs) if (p.split(" ").includes(w)) return true;
  return false;
}

/** Calendar days from one local date to another. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function instant(t: ReturnType<typeof tr>, iso: string, timeZone: string): string {
  return `${localTimeOf(iso, timeZone)} ${formatDay(t, localDateOf(iso, timeZone))}`;
}

async function attendedIds(ctx: BotContext, record: ClassRecord, sessions: readonly Session[]): Promise<string[]> {
  const userId = ctx.from?.id ?? 0;
  const present = await Promise.all(sessions.map((s) => ctx.deps.store.classes.isPresent(record.id, s.id, userId)));
  return sessions.filter((_, i) => present[i]).map((s) => s.id);
}

/** Where a session is held, for a line of its own; sessionLine already names a venue other than the class's. */
function venueOf(t: ReturnType<typeof tr>, record: ClassRecord, s: Session): string {
  const venue = s.venue ?? record.venue;
  return venue ? t("course-venue", { venue: escapeHtml(venue) }) : "";
}

/** A venue other than the class's, after a session's title (the class's own is said once, under the list). */
function ownVenue(t: ReturnType<typeof tr>, record: ClassRecord, s: Session): string {
  return s.venue && s.venue !== record.venue ? t("course-venue", { venue: escapeHtml(s.venue) }) : "";
}

/** The class's venue once under a list of sessions, when some of them are held there (a phone's line is short). */
function classVenue(t: ReturnType<typeof tr>, record: ClassRecord, sessions: readonly Session[]): string[] {
  const there = sessions.some((s) => !s.venue || s.venue === record.venue);
  return record.venue && there ? [t("course-venue-all", { venue: escapeHtml(record.venue) })] : [];
}

/** What only a learner has: their attendance, report, certificate and absences. */
const LEARNERS_OWN = new Set(["course.attendance", "course.report", "course.certificate", "course.absence"]);

/** The reply to a `course.*` intent for the learner of `ctx` (or the class an instructor runs), in their language. */
export async function courseAnswer(ctx: BotContext, intent: string, question: string): Promise<string> {
  const t = tr(ctx);
  const userId = ctx.from?.id ?? 0;
  const learning = await ctx.deps.store.classes.classesOfLearner(userId);
  // An instructor or coordinator asking «hôm nay lớp mình học gì» means the class they run, not one to join.
  let classes = learning.length > 0 ? learning : await ctx.deps.store.classes.classesOfInstructor(userId);
  if (classes.length === 0 && hasRole(ctx, "coordinator")) {
    // A coordinator runs every class: which one is meant is not for the bot to guess when there are several.
    classes = await taughtClasses(ctx);
    if (classes.length > 1) return t("course-staff-many");
  }
  const record = classes[0];
  if (!record) return t("course-no-class");
  if (learning.length === 0 && LEARNERS_OWN.has(intent)) return t("course-staff", { name: escapeHtml(record.name) });
  const now = ctx.deps.now();
  const tz = record.timeZone;
  const head = classes.length > 1 ? `${t("course-class-head", { name: escapeHtml(record.name) })}\n` : "";
  const lines: string[] = [];
  switch (intent) {
    case "course.today":
    case "course.next": {
      const today = localDateOf(now, tz);
      const asked: AskedDays | undefined =
        askedDays(question, today) ?? (intent === "course.today" ? { kind: "today", day: today } : undefined);
      if (asked && "from" in asked) {
        lines.push(t(`course-${asked.kind}`, { from: formatDay(t, asked.from), to: formatDay(t, asked.to) }));
        const inWeek = record.sessions
          .filter((s) => {
            const d = localDateOf(s.start, tz);
            return d >= asked.from && d <= asked.to && Date.parse(s.end) > now.getTime();
          })
          .sort((a, b) => a.start.localeCompare(b.start));
        for (const s of inWeek)
          lines.push(`▫️ ${sessionWhen(t, s, tz)} · ${sessionTitle(t, s)}${ownVenue(t, record, s)}`);
        if (inWeek.length > 0) {
          lines.push(...classVenue(t, record, inWeek));
          break;
        }
        lines.push(t("course-no-session-week"));
      } else if (asked) {
        const on = sessionsOfDay(record, asked);
        const key = asked.kind === "day" ? "course-on-day" : `course-${asked.kind}`;
        lines.push(t(key, { day: formatDay(t, asked.day) }));
        if (on.length > 0) {
          for (const s of on) lines.push(sessionLine(t, record, s));
          lines.push(...classVenue(t, record, on));
          break;
        }
        lines.push(t("course-no-session-day"));
      }
      const next = sessionStatus(record.sessions, now).next;
      if (!next) lines.push(t("course-none-left"));
      else
        lines.push(
          t("course-next", {
            when: sessionWhen(t, next, tz),
            title: sessionTitle(t, next),
            venue: venueOf(t, record, next),
          }),
        );
      break;
    }
    case "course.deadline": {
      const deadline = reportDeadline(record);
      lines.push(deadline ? t("course-deadline", { when: instant(t, deadline, tz) }) : t("course-deadline-none"));
      const latest = await ctx.deps.store.reports.latest(record.id, userId);
      if (latest) lines.push(t("course-deadline-submitted", { when: instant(t, latest.submittedAt, tz) }));
      else if (deadline && Date.parse(deadline) < now.getTime()) lines.push(t("course-deadline-passed"));
      else if (deadline)
        lines.push(t("course-deadline-left", { days: daysBetween(localDateOf(now, tz), localDateOf(deadline, tz)) }));
      break;
    }
    case "course.attendance": {
      const counted = record.sessions.filter((s) => COUNTED.has(s.kind));
      const done = counted.filter((s) => Date.parse(s.end) <= now.getTime() || Date.parse(s.start) <= now.getTime());
      const attended = (await attendedIds(ctx, record, done)).length;
      lines.push(
        done.length === 0
          ? t("course-attendance-none", { counted: counted.length })
          : t("course-attendance", {
              attended,
              missed: done.length - attended,
              done: done.length,
              counted: counted.length,
            }),
      );
      break;
    }
    case "course.report": {
      const latest = await ctx.deps.store.reports.latest(record.id, userId);
      const grade = latest && (await ctx.deps.store.reports.currentGrade(record.id, userId));
      if (!latest) lines.push(t("course-report-none"));
      else if (!grade)
        lines.push(t("course-report-submitted", { version: latest.version, when: instant(t, latest.submittedAt, tz) }));
      else {
        lines.push(t("course-report-graded", { grade: t(`grade-${grade.grade}`) }));
        // A version sent after the grading waits for its own.
        if (grade.version < latest.version)
          lines.push(t("course-report-newer", { version: latest.version, graded: grade.version }));
      }
      break;
    }
    case "course.instructor": {
      const sessions = askedSessions(record, question, now);
      if (sessions.length === 0) {
        lines.push(t("course-none-left"));
        break;
      }
      for (const s of sessions) {
        const vars = { when: sessionWhen(t, s, tz), title: sessionTitle(t, s) };
        lines.push(
          s.instructor
            ? t("course-instructor", { ...vars, name: escapeHtml(s.instructor) })
            : t("course-instructor-unset", vars),
        );
      }
      if (sessions.some((s) => !s.instructor)) lines.push(t("course-instructor-ask"));
      break;
    }
    case "course.roster": {
      const [learners, listed] = await Promise.all([
        ctx.deps.store.classes.learners(record.id),
        ctx.deps.store.classes.preRegistered(record.id),
      ]);
      lines.push(
        listed.length > learners.length
          ? t("course-roster-listed", { n: learners.length, listed: listed.length })
          : t("course-roster", { n: learners.length }),
      );
      break;
    }
    case "course.venue": {
      lines.push(record.venue ? t("course-venue-class", { venue: escapeHtml(record.venue) }) : t("course-venue-unset"));
      // The next session may be held elsewhere (a field visit).
      const next = sessionStatus(record.sessions, now).next;
      if (next?.venue && next.venue !== record.venue)
        lines.push(t("course-venue-session", { when: sessionWhen(t, next, tz), venue: escapeHtml(next.venue) }));
      break;
    }
    case "course.certificate":
    case "course.absence": {
      const rule = ctx.deps.config.certificate;
      const counted = record.sessions.filter((s) => COUNTED.has(s.kind));
      const attendedList = await attendedIds(ctx, record, counted);
      const latest = await ctx.deps.store.reports.latest(record.id, userId);
      const grade = latest ? await ctx.deps.store.reports.currentGrade(record.id, userId) : undefined;
      const decision = certificateEligibility(
        {
          sessions: record.sessions,
          attendedSessionIds: attendedList,
          report: { submitted: !!latest, grade: grade?.grade ?? null },
          now,
        },
        rule,
      );
      if (intent === "course.certificate") {
        if (decision.eligible) {
          lines.push(t("course-certificate-yes", { attended: decision.attended, counted: decision.counted }));
        } else {
          const reasons = decision.reasons.map((r) => t(`cert-reason-${r}`)).join("; ");
          lines.push(t("course-certificate-no", { reasons, required: decision.required, counted: decision.counted }));
        }
        break;
      }
      const left = counted.filter((s) => Date.parse(s.start) > now.getTime()).length;
      const required = requiredAttendance(counted.length, rule.minAttendancePercent ?? 80);
      const reachable = decision.attended + left;
      const vars = { required, counted: counted.length, attended: decision.attended, left };
      lines.push(
        reachable >= required
          ? t("course-absence", { ...vars, canMiss: reachable - required })
          : t("course-absence-lost", vars),
      );
      break;
    }
    default:
      return t("intent-declined");
  }
  return head + lines.join("\n");
}
