/**
 * When to remind a class, computed from its sessions. The job queue (src/jobs) schedules one delayed job per
 * reminder, with `key` (prefixed by the class id) as the job id.
 *
 * Keys: `<kind>.<subject>.<at>` — subject is the session id, the local date of the sessions, or `report` — and
 * `at` is the UTC send time as `YYYYMMDDTHHMMZ`. Re-planning an unchanged schedule yields the very same keys,
 * so re-adding jobs never sends twice; when a session moves, its reminders get a new `at` and so a new key, and
 * `diffReminders` tells the queue which old jobs to remove. Keys contain no `:` (BullMQ rejects it in job ids).
 *
 * Kinds:
 * - `evening_before`: at 19:00 local on the evening before each day that has sessions, listing that day's sessions;
 * - `session_soon`: 30 minutes before each session;
 * - `report_deadline_evening`: 19:00 local on the day before the report deadline;
 * - `report_deadline_soon`: 3 hours before the deadline.
 * The default report deadline is 23:59 local on the calendar day after the (last) report-writing session — the
 * learner gets that evening and the next day to finish; a class may set its own deadline.
 * Reminders whose time is before `now` are dropped.
 *
 * The evening-before key is per date, so when its list of sessions changes (a session moved in or out) the key
 * stays: the worker should render the message from the class's current schedule at send time (`date`), which also
 * picks up venue or instructor changes made after the job was queued.
 *
 * A reminder may run late (a restart, an outage, a busy queue): `judgeReminder` decides at send time whether it still
 * makes sense — once the moment it is about has passed it is dropped — and how it reads from the send time.
 */
import { z } from "zod";
import { compareInstants, type Session } from "./schedule.js";
import { addDays, DEFAULT_TIME_ZONE, LocalTimeSchema, localDateOf, TimeZoneSchema, zonedInstant } from "./time.js";

const REMINDER_KINDS = ["evening_before", "session_soon", "report_deadline_evening", "report_deadline_soon"] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface Reminder {
  kind: ReminderKind;
  /** UTC instant, ISO 8601. */
  at: string;
  /** The sessions the reminder is about (evening_before: all of that day's; session_soon: one). */
  sessionIds?: string[];
  /** evening_before: the local date of the sessions. */
  date?: string;
  /** report_deadline_*: the deadline, ISO. */
  deadline?: string;
  /** Stable job id (see the module comment). */
  key: string;
}

const ReminderOptionsSchema = z.object({
  timeZone: TimeZoneSchema.default(DEFAULT_TIME_ZONE),
  /** Local time of the evening-before reminder; `false` turns it off. */
  eveningBefore: z.union([LocalTimeSchema, z.literal(false)]).default("19:00"),
  /** Minutes before each session; `false` turns it off. */
  minutesBefore: z
    .union([
      z
        .number()
        .int()
        .min(1)
        .max(24 * 60),
      z.literal(false),
    ])
    .default(30),
  /** Report deadline (ISO instant); default: see `defaultReportDeadline`. `false`: no deadline reminders. */
  reportDeadline: z.union([z.iso.datetime({ offset: true }), z.literal(false)]).optional(),
  /** Local time of the reminder on the day before the deadline; `false` turns it off. */
  deadlineEvening: z.union([LocalTimeSchema, z.literal(false)]).default("19:00"),
  /** Hours before the deadline for the last reminder; `false` turns it off. */
  deadlineHoursBefore: z.union([z.number().min(0.25).max(72), z.literal(false)]).default(3),
});
export type ReminderOptionsInput = z.input<typeof ReminderOptionsSchema>;

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** `2024-11-25T00:30:00.000Z` → `20241125T0030Z`. */
function compactInstant(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
}

function reminderKey(kind: ReminderKind, subject: string, atMs: number): string {
  return `${kind}.${subject}.${compactInstant(atMs)}`;
}

function sortSessions(sessions: readonly Session[]): Session[] {
  return [...sessions].sort((a, b) => compareInstants(a.start, b.start) || a.id.localeCompare(b.id));
}

/** 23:59 local on the calendar day after the last report-writing session; `null` if there is none. */
export function defaultReportDeadline(
  sessions: readonly Session[],
  timeZone: string = DEFAULT_TIME_ZONE,
): string | null {
  const writing = sortSessions(sessions).filter((s) => s.kind === "report_writing");
  const last = writing[writing.length - 1];
  if (!last) return null;
  const date = addDays(localDateOf(last.end, timeZone), 1);
  return zonedInstant(date, "23:59", timeZone).toISOString();
}

/** All reminders due at or after `now`, sorted by time (then key). */
export function planReminders(sessions: readonly Session[], now: Date, input: ReminderOptionsInput = {}): Reminder[] {
  const options = ReminderOptionsSchema.parse(input);
  const tz = options.timeZone;
  const out: Reminder[] = [];
  const sorted = sortSessions(sessions);

  if (options.eveningBefore !== false) {
    const byDate = new Map<string, string[]>();
    for (const s of sorted) {
      const date = localDateOf(s.start, tz);
      const ids = byDate.get(date);
      if (ids) ids.push(s.id);
      else byDate.set(date, [s.id]);
    }
    for (const [date, sessionIds] of byDate) {
      const at = zonedInstant(addDays(date, -1), options.eveningBefore, tz).getTime();
      out.push({
        kind: "evening_before",
        at: new Date(at).toISOString(),
        date,
        sessionIds,
        key: reminderKey("evening_before", date, at),
      });
    }
  }

  if (options.minutesBefore !== false) {
    for (const s of sorted) {
      const at = Date.parse(s.start) - options.minutesBefore * MINUTE_MS;
      out.push({
        kind: "session_soon",
        at: new Date(at).toISOString(),
        sessionIds: [s.id],
        key: reminderKey("session_soon", s.id, at),
      });
    }
  }

  const deadline =
    options.reportDeadline === false
      ? null
      : options.reportDeadline !== undefined
        ? new Date(options.reportDeadline).toISOString()
        : defaultReportDeadline(sorted, tz);
  if (deadline) {
    const deadlineMs = Date.parse(deadline);
    if (options.deadlineEvening !== false) {
      const at = zonedInstant(addDays(localDateOf(deadline, tz), -1), options.deadlineEvening, tz).getTime();
      out.push({
        kind: "report_deadline_evening",
        at: new Date(at).toISOString(),
        deadline,
        key: reminderKey("report_deadline_evening", "report", at),
      });
    }
    if (options.deadlineHoursBefore !== false) {
      const at = deadlineMs - Math.round(options.deadlineHoursBefore * HOUR_MS);
      out.push({
        kind: "report_deadline_soon",
        at: new Date(at).toISOString(),
        deadline,
        key: reminderKey("report_deadline_soon", "report", at),
      });
    }
  }

  const t = now.getTime();
  return out
    .filter((r) => Date.parse(r.at) >= t)
    .sort((a, b) => compareInstants(a.at, b.at) || a.key.localeCompare(b.key));
}

/**
 * What the queue must change to go from the reminders it holds (`previousKeys`) to a new plan:
 * jobs to add (new keys) and job ids to remove (keys no longer planned).
 */
export function diffReminders(
  previousKeys: Iterable<string>,
  next: readonly Reminder[],
): { add: Reminder[]; remove: string[] } {
  const before = new Set(previousKeys);
  const after = new Set(next.map((r) => r.key));
  return {
    add: next.filter((r) => !before.has(r.key)),
    remove: [...before].filter((k) => !after.has(k)),
  };
}

/** A day as the learner reads it on the day the message is sent. */
export type RelativeDay = "today" | "tomorrow" | "other";

/** Calendar days from local date `from` to local date `to`. */
function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `date` relative to the local date of `now`. */
export function relativeDay(date: string, now: Date, timeZone: string): RelativeDay {
  const d = daysFrom(localDateOf(now, timeZone), date);
  return d === 0 ? "today" : d === 1 ? "tomorrow" : "other";
}

export type ReminderVerdict =
  | { send: false }
  | {
      send: true;
      /** evening_before: the sessions still to come (a late run on the day itself leaves out those begun). */
      sessions?: Session[];
      /** The day the reminder is about, from the send date. */
      day?: RelativeDay;
      /** session_soon: whole minutes left until the start (never more than planned, should a job run early). */
      minutesLeft?: number;
    };

/**
 * Whether a reminder still makes sense at `now`, judged by the moment it is about in the class's current schedule:
 * a session reminder after its start, a day's reminder once all its sessions began, a deadline reminder after the
 * deadline — dropped. `deadline` is the class's deadline as it is now.
 */
export function judgeReminder(
  reminder: Pick<Reminder, "kind" | "date" | "sessionIds">,
  sessions: readonly Session[],
  deadline: string | null,
  now: Date,
  timeZone: string,
  minutesBefore = 30,
): ReminderVerdict {
  const t = now.getTime();
  switch (reminder.kind) {
    case "evening_before": {
      const date = reminder.date;
      if (!date) return { send: false };
      const ahead = sortSessions(sessions).filter(
        (s) => localDateOf(s.start, timeZone) === date && Date.parse(s.start) > t,
      );
      if (ahead.length === 0) return { send: false };
      return { send: true, sessions: ahead, day: relativeDay(date, now, timeZone) };
    }
    case "session_soon": {
      const s = sessions.find((x) => x.id === reminder.sessionIds?.[0]);
      if (!s || Date.parse(s.start) <= t) return { send: false };
      return { send: true, minutesLeft: Math.min(minutesBefore, Math.ceil((Date.parse(s.start) - t) / MINUTE_MS)) };
    }
    case "report_deadline_evening":
    case "report_deadline_soon": {
      if (!deadline || Date.parse(deadline) <= t) return { send: false };
      return { send: true, day: relativeDay(localDateOf(deadline, timeZone), now, timeZone) };
    }
  }
}
