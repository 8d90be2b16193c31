/**
 * Class operations shared by the bot and the admin CLI: create a class from the program template, plan its
 * reminder jobs, read a CSV of pre-registered learners, export enrolment/schedule/attendance. No Telegram here.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { planReminders, type Reminder, type ReminderOptionsInput } from "../domain/reminders.js";
import { buildSchedule, parseScheduleOptions, type Session } from "../domain/schedule.js";
import { type ProgramTemplate, parseProgramTemplate } from "../domain/template.js";
import { isLocalDate } from "../domain/time.js";
import { planClassFeedback } from "../feedback/plan.js";
import type { Jobs } from "../jobs/index.js";
import { type ClassRecord, generateInviteCode, type PreRegistered, type Store } from "../store/index.js";

const PROGRAM_TEMPLATE_FILE = "program-template.yaml";
export const REMINDER_QUEUE = "reminders";

const templates = new Map<string, ProgramTemplate>();

/** The program template of `contentDir`, parsed once per process. */
export function loadProgramTemplate(contentDir: string): ProgramTemplate {
  let t = templates.get(contentDir);
  if (!t) {
    t = parseProgramTemplate(readFileSync(join(contentDir, PROGRAM_TEMPLATE_FILE), "utf8"));
    templates.set(contentDir, t);
  }
  return t;
}

/** `DD/MM/YYYY` (also with `-` or `.`) or `YYYY-MM-DD` → `YYYY-MM-DD`, or undefined when not a real date. */
export function parseDateInput(text: string): string | undefined {
  const t = text.trim();
  let iso: string | undefined;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (dmy) iso = `${dmy[3]}-${dmy[2]?.padStart(2, "0")}-${dmy[1]?.padStart(2, "0")}`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(t)) iso = t;
  return iso && isLocalDate(iso) ? iso : undefined;
}

interface NewClassInput {
  name: string;
  startDate: string;
  variant: 4 | 5;
  venue?: string;
  centre?: string;
  timeZone: string;
  createdBy?: number;
  /** Days after the class when the follow-up survey goes out (config FOLLOWUP_DAYS). */
  followupDays?: number;
  /** The coordinator confirmed a start on a weekend day: the first session is on that day, not the next Monday. */
  keepStartDate?: boolean;
}

function scheduleInput(input: NewClassInput) {
  return {
    startDate: input.startDate,
    variant: input.variant,
    timeZone: input.timeZone,
    venue: input.venue,
    keepStartDate: input.keepStartDate ?? false,
  };
}

/** Builds the schedule; throws `ScheduleOptionsError` on bad options. Does not save. */
export function previewSchedule(template: ProgramTemplate, input: NewClassInput): Session[] {
  return buildSchedule(template, scheduleInput(input));
}

export async function createClass(
  store: Store,
  template: ProgramTemplate,
  input: NewClassInput,
  now: Date,
): Promise<ClassRecord> {
  const options = scheduleInput(input);
  const { context } = parseScheduleOptions(template, options);
  const sessions = buildSchedule(template, options);
  const record: ClassRecord = {
    id: await store.classes.nextId(),
    name: input.name.trim().normalize("NFC"),
    timeZone: input.timeZone,
    variant: input.variant,
    startDate: input.startDate,
    context,
    sessions,
    learnerCode: generateInviteCode(),
    instructorCode: generateInviteCode(),
    createdAt: now.toISOString(),
  };
  if (input.centre?.trim()) record.centre = input.centre.trim().normalize("NFC");
  if (input.venue?.trim()) record.venue = input.venue.trim().normalize("NFC");
  if (input.createdBy !== undefined) record.createdBy = input.createdBy;
  if (input.followupDays !== undefined) record.followupDays = input.followupDays;
  await store.classes.create(record);
  return record;
}

/** The data a reminder job carries; the worker re-reads the class at send time for everything else. */
export interface ReminderJobData {
  classId: string;
  key: string;
  kind: Reminder["kind"];
  date?: string;
  sessionIds?: string[];
  deadline?: string;
}

export const reminderJobId = (classId: string, key: string) => `${classId}.${key}`;

function reminderOptions(record: ClassRecord): ReminderOptionsInput {
  const options: ReminderOptionsInput = { timeZone: record.timeZone };
  if (record.reportDeadline) options.reportDeadline = record.reportDeadline;
  return options;
}

/** Every reminder of the class's schedule, past ones included (the worker finds a job's reminder by its key). */
export function classReminders(record: ClassRecord): Reminder[] {
  return planReminders(record.sessions, new Date(0), reminderOptions(record));
}

/**
 * Brings the class's reminder jobs in line with its schedule: cancels jobs no longer planned and schedules every
 * future one (idempotent by job id, so calling it again — e.g. at every start-up — adds nothing twice).
 */
export async function planClassReminders(
  store: Store,
  jobs: Jobs,
  record: ClassRecord,
  now: Date,
): Promise<{ planned: Reminder[]; cancelled: string[] }> {
  // Every reminder of the schedule, past ones included: a past key stays "planned" (a late retry may still send
  // it, never twice) and is not cancelled; only keys the schedule no longer has are. Only future ones are queued.
  const all = classReminders(record);
  const planned = all.filter((r) => Date.parse(r.at) >= now.getTime());
  const previous = await store.classes.reminderKeys(record.id);
  const wanted = new Set(all.map((r) => r.key));
  const cancelled = previous.filter((k) => !wanted.has(k));
  for (const key of cancelled) await jobs.cancel(REMINDER_QUEUE, reminderJobId(record.id, key));
  for (const r of planned) {
    const data: ReminderJobData = { classId: record.id, key: r.key, kind: r.kind };
    if (r.date) data.date = r.date;
    if (r.sessionIds) data.sessionIds = r.sessionIds;
    if (r.deadline) data.deadline = r.deadline;
    await jobs.schedule(REMINDER_QUEUE, {
      name: r.kind,
      jobId: reminderJobId(record.id, r.key),
      data,
      runAt: new Date(r.at),
    });
  }
  await store.classes.setReminderKeys(record.id, [...wanted]);
  // The rating prompts after each session and the follow-up survey follow the same schedule.
  await planClassFeedback(jobs, record, now);
  return { planned, cancelled };
}

/** Re-plans every class (start-up): jobs lost with an in-process queue come back, existing ones are kept. */
export async function planAllReminders(store: Store, jobs: Jobs, now: Date): Promise<number> {
  let n = 0;
  for (const record of await store.classes.list()) {
    n += (await planClassReminders(store, jobs, record, now)).planned.length;
  }
  return n;
}

// ------------------------------------------------------------------------------------------------ CSV

class CsvError extends Error {}

/** RFC 4180-ish CSV (quotes, doubled quotes, CRLF), `,` or `;` separated (auto-detected), BOM stripped. */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, "");
  const firstLine = src.split(/\r?\n/, 1)[0] ?? "";
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i] as string;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (quoted) throw new CsvError("unterminated quoted field");
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ""));
}

// ------------------------------------------------------------------------------------------------ export

interface ClassExport {
  class: Omit<ClassRecord, "learnerCode" | "instructorCode" | "context">;
  learners: { userId: number; fullName?: string; unit?: string; position?: string; username?: string }[];
  instructors: { userId: number; name?: string }[];
  preRegistered: PreRegistered[];
  attendance: { sessionId: string; present: number[] }[];
}

export async function exportClass(store: Store, classId: string): Promise<ClassExport | undefined> {
  const record = await store.classes.get(classId);
  if (!record) return undefined;
  const learnerIds = await store.classes.learners(classId);
  const instructorIds = await store.classes.instructors(classId);
  const profiles = await store.users.getMany([...learnerIds, ...instructorIds]);
  const attendance = [];
  for (const s of record.sessions) {
    attendance.push({ sessionId: s.id, present: [...(await store.classes.attendance(classId, s.id)).keys()] });
  }
  const { learnerCode: _l, instructorCode: _i, context: _c, ...cls } = record;
  return {
    class: cls,
    learners: learnerIds.map((id) => {
      const p = profiles.get(id);
      return { userId: id, fullName: p?.fullName, unit: p?.unit, position: p?.position, username: p?.username };
    }),
    instructors: instructorIds.map((id) => ({
      userId: id,
      name: profiles.get(id)?.fullName ?? profiles.get(id)?.telegramName,
    })),
    preRegistered: await store.classes.preRegistered(classId),
    attendance,
  };
}

const csvCell = (v: unknown) => {
  const s = v === undefined || v === null ? "" : String(v);
  return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One row per learner, one column per session (1 = present). */
export function exportCsv(data: ClassExport): string {
  const sessions = data.class.sessions;
  const header = ["user_id", "full_name", "unit", "position", "username", ...sessions.map((s) => s.id)];
  const present = new Map(data.attendance.map((a) => [a.sessionId, new Set(a.present)]));
  const lines = [header.map(csvCell).join(",")];
  for (const l of data.learners) {
    lines.push(
      [
        l.userId,
        l.fullName,
        l.unit,
        l.position,
        l.username,
        ...sessions.map((s) => (present.get(s.id)?.has(l.userId) ? 1 : 0)),
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
