/**
 * How classes look in messages: session titles, dates in the class time zone, the schedule by day with its
 * done / now / next marks, split under Telegram's message limit. Takes a translate function, so reminders
 * (rendered outside any update, in each learner's language) use the same code.
 */

import type { Session } from "../domain/schedule.js";
import { groupByDay, sessionStatus } from "../domain/schedule-ops.js";
import { localDateOf, localTimeOf } from "../domain/time.js";
import type { ClassRecord } from "../store/index.js";
import { escapeHtml, formatDate, formatDay, packBlocks, type Translate } from "./format.js";

/** What rendering needs of a class (a preview has no id or codes yet). */
type ClassView = Pick<ClassRecord, "name" | "centre" | "venue" | "timeZone" | "sessions">;

export function sessionTitle(t: Translate, s: Session): string {
  const title = escapeHtml(s.title);
  if (s.kind === "lesson") return t("cls-title-lesson", { n: s.lesson ?? 0, title });
  if (s.kind === "topic") return t("cls-title-topic", { title });
  return title;
}

function sessionTimes(s: Session, timeZone: string): string {
  return `${localTimeOf(s.start, timeZone)}–${localTimeOf(s.end, timeZone)}`;
}

/** "sáng Thứ Ba, 01/12/2026 (07:30–11:00)". */
export function sessionWhen(t: Translate, s: Session, timeZone: string): string {
  return t("cls-when", {
    half: t(`cls-half-${s.half}`),
    day: formatDay(t, localDateOf(s.start, timeZone)),
    times: sessionTimes(s, timeZone),
  });
}

/** One line of a schedule, with the venue and instructor when they differ from the class's. */
export function sessionLine(t: Translate, record: ClassView, s: Session, mark = "▫️"): string {
  const extra: string[] = [];
  if (s.venue && s.venue !== record.venue) extra.push(t("cls-at-venue", { venue: escapeHtml(s.venue) }));
  if (s.instructor) extra.push(t("cls-by-instructor", { name: escapeHtml(s.instructor) }));
  const head = `${mark} ${t(`cls-half-${s.half}`)} ${sessionTimes(s, record.timeZone)} · ${sessionTitle(t, s)}`;
  return extra.length > 0 ? `${head}\n     ${extra.join(" · ")}` : head;
}

function classHeader(t: Translate, record: ClassView): string {
  const lines = [t("cls-schedule-title", { name: escapeHtml(record.name) })];
  if (record.centre) lines.push(t("cls-centre-line", { centre: escapeHtml(record.centre) }));
  if (record.venue) lines.push(t("cls-venue-line", { venue: escapeHtml(record.venue) }));
  return lines.join("\n");
}

/**
 * The whole schedule by day. With `now`, sessions are marked ✅ done / ▶️ now / ⏭ next; without it (a preview)
 * every line gets a plain bullet.
 */
export function renderSchedule(t: Translate, record: ClassView, now?: Date): string[] {
  const status = now ? sessionStatus(record.sessions, now) : undefined;
  const done = new Set(status?.done.map((s) => s.id));
  const mark = (s: Session) =>
    !status ? "•" : done.has(s.id) ? "✅" : status.current?.id === s.id ? "▶️" : status.next?.id === s.id ? "⏭" : "▫️";
  const blocks = [classHeader(t, record)];
  for (const day of groupByDay(record.sessions, record.timeZone)) {
    const head = t("cls-schedule-day", { day: day.day, date: formatDay(t, day.date) });
    blocks.push([head, ...day.sessions.map((s) => sessionLine(t, record, s, mark(s)))].join("\n"));
  }
  if (status) blocks.push(t("cls-schedule-legend"));
  return packBlocks(blocks);
}

export function inviteLink(username: string | undefined, code: string): string {
  return username ? `https://t.me/${username}?start=${code}` : code;
}

/** A session as a button label: "01/12/2026 Sáng · Bài 1", within a button's width. */
export function sessionButton(t: Translate, record: Pick<ClassRecord, "timeZone">, s: Session): string {
  const what = s.kind === "lesson" ? t("cls-short-lesson", { n: s.lesson ?? 0 }) : s.title;
  return `${formatDate(localDateOf(s.start, record.timeZone))} ${t(`cls-half-${s.half}`)} · ${what}`.slice(0, 60);
}
