/**
 * Calendar arithmetic for class schedules, on plain strings so it stays pure and serialisable.
 *
 * A *local date* is `YYYY-MM-DD` and a *local time* `HH:MM`, both meant in the class's IANA time zone.
 * Instants are converted with `Intl.DateTimeFormat` only (no tz library): the zone's offset is read
 * for a guessed instant and corrected once, which is exact for zones without DST (Asia/Ho_Chi_Minh)
 * and right on both sides of a DST change elsewhere.
 */
import { z } from "zod";

export const DEFAULT_TIME_ZONE = "Asia/Ho_Chi_Minh";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `YYYY-MM-DD` and a real calendar date (no 2024-02-30). */
export function isLocalDate(value: string): boolean {
  const m = LOCAL_DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** `HH:MM`, 24-hour clock. */
export function isLocalTime(value: string): boolean {
  return LOCAL_TIME_RE.test(value);
}

function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

export const LocalDateSchema = z.string().refine(isLocalDate, { message: "expected a date YYYY-MM-DD" });
export const LocalTimeSchema = z.string().refine(isLocalTime, { message: "expected a time HH:MM (24-hour)" });
export const TimeZoneSchema = z.string().refine(isValidTimeZone, { message: "unknown IANA time zone" });

/** Minutes since midnight of an `HH:MM` string. */
export function minutesOf(time: string): number {
  const m = LOCAL_TIME_RE.exec(time);
  if (!m) throw new Error(`invalid local time: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function dateParts(date: string): [number, number, number] {
  const m = LOCAL_DATE_RE.exec(date);
  if (!m || !isLocalDate(date)) throw new Error(`invalid local date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** The local date `days` calendar days after (or before, if negative) `date`. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = dateParts(date);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Day of the week of a local date: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  const [y, m, d] = dateParts(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const w = weekdayOf(date);
  return w === 0 || w === 6;
}

// Formatters are costly to build; caching them per zone is memoisation, not state.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(utcMs: number, timeZone: string): WallClock {
  const out: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(new Date(utcMs))) {
    if (part.type in out) out[part.type as keyof WallClock] = Number(part.value);
  }
  // Some engines still print midnight as 24 even with h23.
  if (out.hour === 24) out.hour = 0;
  return out;
}

/** Offset of the zone from UTC at an instant, in milliseconds (Asia/Ho_Chi_Minh: +7 h). */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const whole = Math.floor(utcMs / 1000) * 1000;
  const w = wallClock(whole, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole;
}

/** The instant at which the wall clock in `timeZone` shows `date` `time`. */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = dateParts(date);
  const minutes = minutesOf(time);
  const asUtc = Date.UTC(y, m - 1, d) + minutes * MINUTE_MS;
  const first = asUtc - zoneOffsetMs(asUtc, timeZone);
  const offset = zoneOffsetMs(first, timeZone);
  return new Date(asUtc - offset);
}

/** The local date (`YYYY-MM-DD`) of an instant in `timeZone`. */
export function localDateOf(instant: Date | string, timeZone: string): string {
  const w = wallClock(new Date(instant).getTime(), timeZone);
  return `${w.year.toString().padStart(4, "0")}-${pad2(w.month)}-${pad2(w.day)}`;
}

/** The local wall-clock time (`HH:MM`) of an instant in `timeZone`. */
export function localTimeOf(instant: Date | string, timeZone: string): string {
  const w = wallClock(new Date(instant).getTime(), timeZone);
  return `${pad2(w.hour)}:${pad2(w.minute)}`;
}

function pad2(n: number): string {
  return n.toString().padStart(2, "0");
}

/** `2026-12-01` → `01/12/2026`: a date as users read it everywhere (messages, exports). */
export function formatDate(date: string): string {
  const [y, m, d] = date.split("-");
  return `${d}/${m}/${y}`;
}

/** An instant in a time zone as users read it everywhere: `01/12/2026 07:30`. */
export function formatInstant(iso: string, timeZone: string): string {
  return `${formatDate(localDateOf(iso, timeZone))} ${localTimeOf(iso, timeZone)}`;
}
