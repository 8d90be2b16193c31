/**
 * Pure edits on a class schedule, and the questions the bot asks of it (what is on today, what is next).
 *
 * Every edit returns a new, normalised array (sorted, course days renumbered, ceremony flags on the first and
 * last session — see schedule.ts) and never changes a session's id, so check-ins, ratings and reminder keys
 * that refer to ids stay valid. Failures are codes for the bot to render, not sentences.
 *
 * Placement after an edit uses the class's `ScheduleContext` (time zone, session times, skipped days):
 * a session that changes slot gets the standard times of its new half unless explicit times are given.
 */
import {
  compareInstants,
  type Half,
  nextSlot,
  normalizeSchedule,
  type ScheduleContext,
  type Session,
  type Slot,
  sameSlot,
  sessionId,
  slotInstants,
  slotOf,
} from "./schedule.js";
import { type ProgramTemplate, resolveTopic } from "./template.js";
import { isLocalDate, isLocalTime, localDateOf, minutesOf } from "./time.js";

export type EditError =
  | "session_not_found"
  | "slot_taken"
  | "invalid_slot"
  | "invalid_times"
  | "not_a_topic"
  | "unknown_topic"
  | "slot_required";

export type EditResult = { ok: true; sessions: Session[] } | { ok: false; error: EditError };

interface MoveTarget {
  /** Local date `YYYY-MM-DD`. Explicit moves may go to any date, weekends included. */
  date: string;
  half: Half;
  /** `HH:MM` local; default: the context's times for `half`. */
  times?: { start: string; end: string };
}

interface MoveOptions {
  /** When another session holds the target slot: refuse (default) or swap the two sessions' slots. */
  onConflict?: "reject" | "swap";
}

function findIndex(sessions: readonly Session[], id: string): number {
  return sessions.findIndex((s) => s.id === id);
}

function placeAt(session: Session, slot: Slot, context: ScheduleContext, times?: MoveTarget["times"]): Session {
  return { ...session, ...slotInstants(slot, context, times), half: slot.half };
}

function validTimes(times: MoveTarget["times"]): boolean {
  if (!times) return true;
  return isLocalTime(times.start) && isLocalTime(times.end) && minutesOf(times.start) < minutesOf(times.end);
}

/** Move a session to another date and half-day, keeping its id. */
export function moveSession(
  sessions: readonly Session[],
  id: string,
  target: MoveTarget,
  context: ScheduleContext,
  options: MoveOptions = {},
): EditResult {
  const index = findIndex(sessions, id);
  const moving = sessions[index];
  if (!moving) return { ok: false, error: "session_not_found" };
  if (!isLocalDate(target.date) || (target.half !== "morning" && target.half !== "afternoon")) {
    return { ok: false, error: "invalid_slot" };
  }
  if (!validTimes(target.times)) return { ok: false, error: "invalid_times" };

  const to: Slot = { date: target.date, half: target.half };
  const from = slotOf(moving, context.timeZone);
  const holder = sessions.find((s) => s.id !== id && sameSlot(slotOf(s, context.timeZone), to));
  if (holder && options.onConflict !== "swap") return { ok: false, error: "slot_taken" };

  const edited = sessions.map((s) => {
    if (s.id === id) return placeAt(s, to, context, target.times);
    if (holder && s.id === holder.id) return placeAt(s, from, context);
    return s;
  });
  return { ok: true, sessions: normalizeSchedule(edited, context.timeZone) };
}

/** The half-day a session starting at `HH:MM` belongs to: morning before noon. */
export function halfOf(time: string): Half {
  return minutesOf(time) < 12 * 60 ? "morning" : "afternoon";
}

/** The session holding `slot`, other than `exceptId`. */
export function holderOf(
  sessions: readonly Session[],
  slot: Slot,
  timeZone: string,
  exceptId?: string,
): Session | undefined {
  return sessions.find((s) => s.id !== exceptId && sameSlot(slotOf(s, timeZone), slot));
}

/**
 * Order the guidance expects that an edit of session `id` broke, for the coordinator to confirm: the lessons (and
 * every other session) come before the bản thu hoạch is written, and a field visit lies within the course.
 */
export type OrderWarning = "after_report_writing" | "visit_outside_course";

export function orderWarnings(sessions: readonly Session[], id: string): OrderWarning[] {
  const moved = sessions.find((s) => s.id === id);
  if (!moved) return [];
  const others = sessions.filter((s) => s.id !== id);
  const at = Date.parse(moved.start);
  const out: OrderWarning[] = [];
  const writing = others.filter((s) => s.kind === "report_writing");
  if (moved.kind === "report_writing") {
    if (others.some((s) => s.kind !== "report_writing" && Date.parse(s.start) > at)) out.push("after_report_writing");
  } else if (writing.some((s) => Date.parse(s.start) < at)) out.push("after_report_writing");
  if (moved.kind === "field_visit" && others.length > 0) {
    const first = Math.min(...others.map((s) => Date.parse(s.start)));
    const last = Math.max(...others.map((s) => Date.parse(s.end)));
    if (at < first || Date.parse(moved.end) > last) out.push("visit_outside_course");
  }
  return out;
}

interface SessionDetailsPatch {
  /** A new venue; `null` removes it; absent leaves it. */
  venue?: string | null;
  instructor?: string | null;
}

/** Change venue and/or instructor of one session, or of every session with `"all"`. */
export function updateSessionDetails(
  sessions: readonly Session[],
  target: string | "all",
  patch: SessionDetailsPatch,
  timeZone: string,
): EditResult {
  if (target !== "all" && findIndex(sessions, target) < 0) return { ok: false, error: "session_not_found" };
  const edited = sessions.map((s) => {
    if (target !== "all" && s.id !== target) return s;
    const out: Session = { ...s };
    for (const field of ["venue", "instructor"] as const) {
      const value = patch[field];
      if (value === null) delete out[field];
      else if (value !== undefined) {
        const text = value.trim().normalize("NFC");
        if (text === "") delete out[field];
        else out[field] = text;
      }
    }
    return out;
  });
  return { ok: true, sessions: normalizeSchedule(edited, timeZone) };
}

interface AddTopicRequest {
  /** A template chuyên đề key or a custom title. */
  topic: string;
  /** Where to put it; default: just before discussion & Q&A, moving the sessions from there on one half-day later. */
  at?: Slot;
  venue?: string;
  instructor?: string;
}

/** Add a chuyên đề session. The new session gets the next free id (`s09` after `s01`…`s08`). */
export function addTopicSession(
  sessions: readonly Session[],
  template: ProgramTemplate,
  request: AddTopicRequest,
  context: ScheduleContext,
): EditResult & { id?: string } {
  const topic = resolveTopic(template, request.topic);
  if (!topic) return { ok: false, error: "unknown_topic" };
  const tz = context.timeZone;
  const sorted = normalizeSchedule(sessions, tz);
  const id = sessionId(sorted.reduce((max, s) => Math.max(max, Number(s.id.slice(1)) || 0), 0) + 1);

  let slot: Slot;
  const moves = new Map<string, Slot>();
  if (request.at) {
    if (!isLocalDate(request.at.date)) return { ok: false, error: "invalid_slot" };
    const at = request.at;
    if (sorted.some((s) => sameSlot(slotOf(s, tz), at))) return { ok: false, error: "slot_taken" };
    slot = { date: at.date, half: at.half };
  } else {
    const tailStart = sorted.findIndex((s) => s.kind === "discussion" || s.kind === "report_writing");
    const last = sorted[sorted.length - 1];
    if (tailStart < 0) {
      if (!last) return { ok: false, error: "slot_required" };
      slot = nextSlot(slotOf(last, tz), context);
    } else {
      // The tail shifts along its own slots, so gaps the coordinator made inside it are kept.
      const tail = sorted.slice(tailStart);
      const slots = tail.map((s) => slotOf(s, tz));
      slots.push(nextSlot(slots[slots.length - 1]!, context));
      slot = slots[0]!;
      tail.forEach((s, i) => {
        moves.set(s.id, slots[i + 1]!);
      });
    }
  }

  const added: Session = {
    id,
    kind: "topic",
    title: topic.title,
    ...slotInstants(slot, context),
    day: 1,
    half: slot.half,
  };
  if (topic.key) added.topicKey = topic.key;
  const venue = request.venue ?? context.venue;
  const instructor = request.instructor ?? context.instructor;
  if (venue !== undefined) added.venue = venue;
  if (instructor !== undefined) added.instructor = instructor;

  const edited = sorted.map((s) => {
    const to = moves.get(s.id);
    return to ? placeAt(s, to, context) : s;
  });
  edited.push(added);
  return { ok: true, sessions: normalizeSchedule(edited, tz), id };
}

interface RemoveTopicOptions {
  /** Pull the later sessions back one step along their own slots to close the gap (default true). */
  compact?: boolean;
}

/** Remove a chuyên đề session (only `kind: "topic"` may be removed). */
export function removeTopicSession(
  sessions: readonly Session[],
  id: string,
  context: ScheduleContext,
  options: RemoveTopicOptions = {},
): EditResult {
  const tz = context.timeZone;
  const sorted = normalizeSchedule(sessions, tz);
  const index = findIndex(sorted, id);
  const removed = sorted[index];
  if (!removed) return { ok: false, error: "session_not_found" };
  if (removed.kind !== "topic") return { ok: false, error: "not_a_topic" };

  const before = sorted.slice(0, index);
  const after = sorted.slice(index + 1);
  if (options.compact === false) return { ok: true, sessions: normalizeSchedule([...before, ...after], tz) };

  const slots = [removed, ...after].map((s) => slotOf(s, tz));
  const shifted = after.map((s, i) => placeAt(s, slots[i]!, context));
  return { ok: true, sessions: normalizeSchedule([...before, ...shifted], tz) };
}

interface SessionStatus {
  /** Sessions that have ended, in order. */
  done: Session[];
  /** The session going on at `now`, if any. */
  current: Session | null;
  /** The first session that starts after `now`. */
  next: Session | null;
}

export function sessionStatus(sessions: readonly Session[], now: Date): SessionStatus {
  const t = now.getTime();
  const sorted = [...sessions].sort((a, b) => compareInstants(a.start, b.start) || a.id.localeCompare(b.id));
  const done = sorted.filter((s) => Date.parse(s.end) <= t);
  const current = sorted.find((s) => Date.parse(s.start) <= t && t < Date.parse(s.end)) ?? null;
  const next = sorted.find((s) => Date.parse(s.start) > t) ?? null;
  return { done, current, next };
}

interface ScheduleDay {
  /** Local date `YYYY-MM-DD`. */
  date: string;
  /** 1-based course day. */
  day: number;
  sessions: Session[];
}

/** Sessions grouped by local date, in order. */
export function groupByDay(sessions: readonly Session[], timeZone: string): ScheduleDay[] {
  const days: ScheduleDay[] = [];
  const sorted = [...sessions].sort((a, b) => compareInstants(a.start, b.start) || a.id.localeCompare(b.id));
  for (const s of sorted) {
    const date = localDateOf(s.start, timeZone);
    const last = days[days.length - 1];
    if (last && last.date === date) last.sessions.push(s);
    else days.push({ date, day: days.length + 1, sessions: [s] });
  }
  return days;
}

/** The sessions on a local date (or on the local date of an instant, e.g. `now` for /today), in order. */
export function sessionsOn(sessions: readonly Session[], date: string | Date, timeZone: string): Session[] {
  const day = typeof date === "string" ? date : localDateOf(date, timeZone);
  return sessions
    .filter((s) => localDateOf(s.start, timeZone) === day)
    .sort((a, b) => compareInstants(a.start, b.start) || a.id.localeCompare(b.id));
}
