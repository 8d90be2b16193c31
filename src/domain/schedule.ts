/**
 * From program template to a class's sessions.
 *
 * One session is one half-day (buổi). The order follows the 2016 guidance: the lessons in number order, then
 * the chosen local chuyên đề, then the field visit / experience reports, then discussion & Q&A, and the
 * bản thu hoạch is written last.
 *
 * How many half-days:
 * - 4-day variant: lesson sessions (6) + discussion (1) + report writing (1) = 8 half-days; no field visit unless
 *   the class asks for one (then 1 half-day, or `fieldVisitSessions`).
 * - 5-day variant: the field visit fills the course up to 10 half-days, within the template's 1–2 half-days:
 *   2 with no chuyên đề, 1 with one chuyên đề (the seed counts "báo cáo bổ sung, tham quan" together as
 *   0.5–1 day). Further chuyên đề are added beyond that and may push the course into another day.
 * - `fieldVisitSessions` overrides the computed length; `fieldVisit: false` drops the visit in either variant.
 *
 * Ceremonies are flags, not sessions: `opening: true` on the first session (the opening takes its first
 * minutes, `template.opening.minutes`) and `closing: true` on the last one. `normalizeSchedule` keeps them on
 * the first and last session after any edit.
 *
 * Days: `day` is the 1-based index of the course day (the n-th distinct local date that has a session), not the
 * calendar distance from the start, so a weekend in between does not create "empty" days.
 */
import { z } from "zod";
import {
  type ProgramTemplate,
  problemsFromZod,
  resolveTopic,
  type SessionTimes,
  type TemplateProblem,
  TimeRangeSchema,
} from "./template.js";
import {
  addDays,
  DEFAULT_TIME_ZONE,
  isWeekend,
  LocalDateSchema,
  localDateOf,
  minutesOf,
  TimeZoneSchema,
  zonedInstant,
} from "./time.js";

export const SESSION_KINDS = ["lesson", "topic", "field_visit", "discussion", "report_writing"] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

const HALVES = ["morning", "afternoon"] as const;
export type Half = (typeof HALVES)[number];

const IsoInstantSchema = z.iso.datetime({ offset: true });

/** A session as stored with a class; validate persisted data with it. */
export const SessionSchema = z.object({
  /** Stable across edits: `s01`, `s02`, … in the order first built; added sessions get the next free number. */
  id: z.string().regex(/^s\d{2,}$/),
  kind: z.enum(SESSION_KINDS),
  /** Lesson number, for `kind: "lesson"`. */
  lesson: z.number().int().positive().optional(),
  /** Template chuyên đề key, for `kind: "topic"` when it comes from the template (custom topics have none). */
  topicKey: z.string().optional(),
  /** From the template (or the coordinator's own chuyên đề title); the bot adds "Bài n" etc. itself. */
  title: z.string().min(1),
  /** UTC instants, ISO 8601. */
  start: IsoInstantSchema,
  end: IsoInstantSchema,
  /** 1-based course day (see the module comment). */
  day: z.number().int().positive(),
  half: z.enum(HALVES),
  venue: z.string().optional(),
  instructor: z.string().optional(),
  /** The opening ceremony takes place at the start of this session (the first one). */
  opening: z.boolean().optional(),
  /** The closing ceremony takes place at the end of this session (the last one). */
  closing: z.boolean().optional(),
});
export type Session = z.infer<typeof SessionSchema>;

const OptionalText = z
  .string()
  .trim()
  .min(1)
  .transform((s) => s.normalize("NFC"))
  .optional();

const ScheduleOptionsSchema = z.object({
  /** First day of the class, local date. On a skipped day the class starts on the next course day. */
  startDate: LocalDateSchema,
  variant: z.union([z.literal(4), z.literal(5)]),
  timeZone: TimeZoneSchema.default(DEFAULT_TIME_ZONE),
  /** Overrides the template's times for either half. */
  sessionTimes: z.object({ morning: TimeRangeSchema.optional(), afternoon: TimeRangeSchema.optional() }).optional(),
  /** Put the first session on `startDate` even when it is a day skipped otherwise (a class that starts on a Saturday). */
  keepStartDate: z.boolean().default(false),
  /** Skip Saturdays and Sundays when laying out sessions. */
  skipWeekends: z.boolean().default(true),
  /** Further days without sessions (holidays), local dates. */
  skipDates: z.array(LocalDateSchema).default([]),
  /** Template chuyên đề keys or custom titles, one session each, in this order. */
  extraTopics: z.array(z.string()).default([]),
  /** Default: the variant's setting in the template (off for 4 days, on for 5). */
  fieldVisit: z.boolean().optional(),
  /** Half-days for the field visit; default computed (see the module comment). */
  fieldVisitSessions: z.number().int().min(1).max(4).optional(),
  venue: OptionalText,
  /** Default instructor of every session. */
  instructor: OptionalText,
});
type ScheduleOptionsInput = z.input<typeof ScheduleOptionsSchema>;
type ScheduleOptions = z.output<typeof ScheduleOptionsSchema>;

/** What edits need to know to place sessions like `buildSchedule` did. Persist it with the class. */
export interface ScheduleContext {
  timeZone: string;
  sessionTimes: SessionTimes;
  skipWeekends: boolean;
  skipDates: string[];
  venue?: string;
  instructor?: string;
}

/** Thrown for invalid schedule options; the message lists every problem with its path. */
export class ScheduleOptionsError extends Error {
  readonly problems: readonly TemplateProblem[];

  constructor(problems: readonly TemplateProblem[]) {
    super(`invalid schedule options:\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join("\n")}`);
    this.name = "ScheduleOptionsError";
    this.problems = problems;
  }
}

/** Validate options against the schema and the template (topic keys, field-visit length, merged times). */
export function parseScheduleOptions(
  template: ProgramTemplate,
  input: ScheduleOptionsInput,
): { options: ScheduleOptions; context: ScheduleContext } {
  const parsed = ScheduleOptionsSchema.safeParse(input);
  if (!parsed.success) throw new ScheduleOptionsError(problemsFromZod(parsed.error));
  const options = parsed.data;
  const problems: TemplateProblem[] = [];

  options.extraTopics.forEach((entry, i) => {
    if (!resolveTopic(template, entry)) problems.push({ path: `extraTopics[${i}]`, message: "unknown topic key" });
  });
  const fv = options.fieldVisitSessions;
  if (fv !== undefined && (fv < template.fieldVisit.minSessions || fv > template.fieldVisit.maxSessions)) {
    problems.push({
      path: "fieldVisitSessions",
      message: `must be between ${template.fieldVisit.minSessions} and ${template.fieldVisit.maxSessions}`,
    });
  }
  const sessionTimes: SessionTimes = {
    morning: options.sessionTimes?.morning ?? template.sessionTimes.morning,
    afternoon: options.sessionTimes?.afternoon ?? template.sessionTimes.afternoon,
  };
  if (minutesOf(sessionTimes.morning.end) > minutesOf(sessionTimes.afternoon.start)) {
    problems.push({ path: "sessionTimes", message: "the morning must end before the afternoon starts" });
  }
  if (problems.length > 0) throw new ScheduleOptionsError(problems);

  const context: ScheduleContext = {
    timeZone: options.timeZone,
    sessionTimes,
    skipWeekends: options.skipWeekends,
    skipDates: [...options.skipDates],
  };
  if (options.venue !== undefined) context.venue = options.venue;
  if (options.instructor !== undefined) context.instructor = options.instructor;
  return { options, context };
}

/** A half-day on a local date. */
export interface Slot {
  date: string;
  half: Half;
}

/** Whether automatic placement may put sessions on this date. */
function isCourseDay(date: string, context: Pick<ScheduleContext, "skipWeekends" | "skipDates">): boolean {
  if (context.skipWeekends && isWeekend(date)) return false;
  return !context.skipDates.includes(date);
}

/** The morning of the first course day on or after `date`. */
function firstSlotFrom(date: string, context: Pick<ScheduleContext, "skipWeekends" | "skipDates">): Slot {
  let d = date;
  // skipDates is finite and at most two weekend days follow each other, so this ends.
  while (!isCourseDay(d, context)) d = addDays(d, 1);
  return { date: d, half: "morning" };
}

/** The half-day after `slot`, skipping non-course days. */
export function nextSlot(slot: Slot, context: Pick<ScheduleContext, "skipWeekends" | "skipDates">): Slot {
  if (slot.half === "morning") return { date: slot.date, half: "afternoon" };
  return firstSlotFrom(addDays(slot.date, 1), context);
}

/** UTC instants (ISO) of a slot, from the context's session times or explicit `HH:MM` times. */
export function slotInstants(
  slot: Slot,
  context: Pick<ScheduleContext, "timeZone" | "sessionTimes">,
  times?: { start: string; end: string },
): { start: string; end: string } {
  const range = times ?? context.sessionTimes[slot.half];
  return {
    start: zonedInstant(slot.date, range.start, context.timeZone).toISOString(),
    end: zonedInstant(slot.date, range.end, context.timeZone).toISOString(),
  };
}

/** The slot a session occupies: its local date and half. */
export function slotOf(session: Pick<Session, "start" | "half">, timeZone: string): Slot {
  return { date: localDateOf(session.start, timeZone), half: session.half };
}

export function sameSlot(a: Slot, b: Slot): boolean {
  return a.date === b.date && a.half === b.half;
}

/** `s01`, `s02`, … */
export function sessionId(n: number): string {
  return `s${n.toString().padStart(2, "0")}`;
}

/**
 * Sort by start (then id), renumber course days and put the ceremony flags on the first and last session.
 * Returns new objects; every edit ends with it.
 */
export function normalizeSchedule(sessions: readonly Session[], timeZone: string): Session[] {
  const sorted = [...sessions].sort((a, b) => compareInstants(a.start, b.start) || a.id.localeCompare(b.id));
  const dayOf = new Map<string, number>();
  return sorted.map((s, i) => {
    const date = localDateOf(s.start, timeZone);
    let day = dayOf.get(date);
    if (day === undefined) {
      day = dayOf.size + 1;
      dayOf.set(date, day);
    }
    const { opening: _o, closing: _c, ...rest } = s;
    const out: Session = { ...rest, day };
    if (i === 0) out.opening = true;
    if (i === sorted.length - 1) out.closing = true;
    return out;
  });
}

export function compareInstants(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}

type Planned = Pick<Session, "kind" | "title"> & { lesson?: number; topicKey?: string };

/** The sequence of sessions (without times) for a class, per the rules in the module comment. */
function planSessions(template: ProgramTemplate, options: ScheduleOptions): Planned[] {
  const plan: Planned[] = [];
  const lessons = [...template.lessons].sort((a, b) => a.number - b.number);
  for (const lesson of lessons) {
    for (let i = 0; i < lesson.sessions; i++) plan.push({ kind: "lesson", lesson: lesson.number, title: lesson.title });
  }
  const topics = options.extraTopics.map((entry) => resolveTopic(template, entry));
  for (const topic of topics) {
    if (!topic) continue;
    plan.push(
      topic.key ? { kind: "topic", topicKey: topic.key, title: topic.title } : { kind: "topic", title: topic.title },
    );
  }

  const variant = template.variants[String(options.variant) as "4" | "5"];
  const withVisit = options.fieldVisit ?? variant.fieldVisit;
  if (withVisit) {
    const lessonSessions = lessons.reduce((n, l) => n + l.sessions, 0);
    const base = lessonSessions + template.discussion.sessions + template.reportWriting.sessions + topics.length;
    const { minSessions, maxSessions } = template.fieldVisit;
    const visit = options.fieldVisitSessions ?? Math.min(maxSessions, Math.max(minSessions, variant.days * 2 - base));
    for (let i = 0; i < visit; i++) plan.push({ kind: "field_visit", title: template.fieldVisit.title });
  }
  for (let i = 0; i < template.discussion.sessions; i++) {
    plan.push({ kind: "discussion", title: template.discussion.title });
  }
  for (let i = 0; i < template.reportWriting.sessions; i++) {
    plan.push({ kind: "report_writing", title: template.reportWriting.title });
  }
  return plan;
}

/**
 * Lay out a class's sessions on consecutive half-days from `startDate` (the next course day when that day is skipped,
 * unless `keepStartDate`).
 * Throws `ScheduleOptionsError` for invalid options.
 */
export function buildSchedule(template: ProgramTemplate, input: ScheduleOptionsInput): Session[] {
  const { options, context } = parseScheduleOptions(template, input);
  const plan = planSessions(template, options);
  let slot: Slot = options.keepStartDate
    ? { date: options.startDate, half: "morning" }
    : firstSlotFrom(options.startDate, context);
  const sessions: Session[] = plan.map((p, i) => {
    if (i > 0) slot = nextSlot(slot, context);
    const session: Session = {
      id: sessionId(i + 1),
      kind: p.kind,
      title: p.title,
      ...slotInstants(slot, context),
      day: 1,
      half: slot.half,
    };
    if (p.lesson !== undefined) session.lesson = p.lesson;
    if (p.topicKey !== undefined) session.topicKey = p.topicKey;
    if (context.venue !== undefined) session.venue = context.venue;
    if (context.instructor !== undefined) session.instructor = context.instructor;
    return session;
  });
  return normalizeSchedule(sessions, context.timeZone);
}
