/**
 * Classes: the schedule and settings of each class, invite codes, who learns and who teaches, pre-registered
 * learners, attendance, check-in windows and their wrong-attempt limiter, reminder settings and the reminder job
 * keys planned per class. Keys are in keys.ts.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { AttemptState, CheckinWindow } from "../domain/checkin.js";
import type { ReminderKind } from "../domain/reminders.js";
import type { ScheduleContext, Session } from "../domain/schedule.js";
import { deleteIfHeld } from "./held.js";
import { newId } from "./ids.js";
import { keys } from "./keys.js";
import { hsetFirst } from "./once.js";
import type { RedisClient } from "./redis.js";

type InviteRole = "learner" | "instructor";

export interface ClassRecord {
  id: string;
  name: string;
  centre?: string;
  venue?: string;
  timeZone: string;
  variant: 4 | 5;
  startDate: string;
  /** How edits place sessions (time zone, session times, skipped days, default venue/instructor). */
  context: ScheduleContext;
  sessions: Session[];
  /** ISO instant; default: the domain's `defaultReportDeadline`. */
  reportDeadline?: string;
  /** Days after the last session when the follow-up survey goes out (default: src/feedback/plan.ts). */
  followupDays?: number;
  learnerCode: string;
  instructorCode: string;
  createdAt: string;
  createdBy?: number;
}

interface InviteRecord {
  classId: string;
  role: InviteRole;
  revoked?: boolean;
}

/** A learner imported from a CSV before they join; matched by Telegram username, else by folded full name. */
export interface PreRegistered {
  fullName: string;
  unit: string;
  phone?: string;
  username?: string;
  /** Set when a user claimed this entry. */
  userId?: number;
  /** Who imported the entry (a Telegram user id), when known: the one to pass a reminder on to the person. */
  importedBy?: number;
}

/** Reminder kinds a learner can mute: the two report-deadline reminders are one setting. */
export const REMINDER_SETTINGS = ["evening_before", "session_soon", "report_deadline"] as const;
export type ReminderSetting = (typeof REMINDER_SETTINGS)[number];

export function reminderSettingOf(kind: ReminderKind): ReminderSetting {
  return kind === "report_deadline_evening" || kind === "report_deadline_soon" ? "report_deadline" : kind;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** An unguessable invite code: `length` base62 characters from the OS CSPRNG, without modulo bias. */
export function generateInviteCode(length = 12): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

/** Lower-case, without diacritics (đ → d), single spaces: how pre-registered names are matched. */
export function foldName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const SENT_MARKER_SECONDS = 60 * 24 * 3600;

export class ClassRepo {
  constructor(private readonly redis: RedisClient) {}

  // ------------------------------------------------------------------------------------------ classes

  async nextId(): Promise<string> {
    return newId("c");
  }

  /** Saves a new class with its two active invite codes. */
  async create(record: ClassRecord): Promise<void> {
    await this.redis
      .multi()
      .set(keys.class(record.id), JSON.stringify(record))
      .zadd(keys.classes(), Date.parse(record.createdAt), record.id)
      .set(keys.invite(record.learnerCode), JSON.stringify({ classId: record.id, role: "learner" }))
      .set(keys.invite(record.instructorCode), JSON.stringify({ classId: record.id, role: "instructor" }))
      .exec();
  }

  async get(id: string): Promise<ClassRecord | undefined> {
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) return undefined;
    const raw = await this.redis.get(keys.class(id));
    return raw ? (JSON.parse(raw) as ClassRecord) : undefined;
  }

  async getMany(ids: string[]): Promise<ClassRecord[]> {
    if (ids.length === 0) return [];
    const raws = await this.redis.mget(ids.map((id) => keys.class(id)));
    return raws.filter((r): r is string => !!r).map((r) => JSON.parse(r) as ClassRecord);
  }

  async save(record: ClassRecord): Promise<void> {
    await this.redis.set(keys.class(record.id), JSON.stringify(record));
  }

  /** All classes, oldest first. */
  async list(): Promise<ClassRecord[]> {
    return this.getMany(await this.redis.zrange(keys.classes(), 0, -1));
  }

  // ------------------------------------------------------------------------------------------ invites

  async invite(code: string): Promise<InviteRecord | undefined> {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(code)) return undefined;
    const raw = await this.redis.get(keys.invite(code));
    return raw ? (JSON.parse(raw) as InviteRecord) : undefined;
  }

  /** Revokes a class's code for `role` and issues a new one; the old code then answers "revoked". */
  async regenerateCode(classId: string, role: InviteRole): Promise<ClassRecord | undefined> {
    const record = await this.get(classId);
    if (!record) return undefined;
    const old = role === "learner" ? record.learnerCode : record.instructorCode;
    const code = generateInviteCode();
    if (role === "learner") record.learnerCode = code;
    else record.instructorCode = code;
    await this.redis
      .multi()
      .set(keys.invite(old), JSON.stringify({ classId, role, revoked: true }))
      .set(keys.invite(code), JSON.stringify({ classId, role }))
      .set(keys.class(classId), JSON.stringify(record))
      .exec();
    return record;
  }

  // ------------------------------------------------------------------------------------------ membership

  /** Adds a learner; false when they were already in the class. */
  async addLearner(classId: string, userId: number): Promise<boolean> {
    const res = await this.redis
      .multi()
      .sadd(keys.classLearners(classId), userId)
      .sadd(keys.learns(userId), classId)
      .exec();
    return Number(res?.[0]?.[1] ?? 0) === 1;
  }

  async removeLearner(classId: string, userId: number): Promise<boolean> {
    const res = await this.redis
      .multi()
      .srem(keys.classLearners(classId), userId)
      .srem(keys.learns(userId), classId)
      .exec();
    return Number(res?.[0]?.[1] ?? 0) === 1;
  }

  async learners(classId: string): Promise<number[]> {
    return (await this.redis.smembers(keys.classLearners(classId))).map(Number).sort((a, b) => a - b);
  }

  async isLearner(classId: string, userId: number): Promise<boolean> {
    return (await this.redis.sismember(keys.classLearners(classId), userId)) === 1;
  }

  /** Adds an instructor and keeps `instructs:<userId>` (which makes them an instructor) up to date. */
  async addInstructor(classId: string, userId: number): Promise<boolean> {
    const res = await this.redis
      .multi()
      .sadd(keys.classInstructors(classId), userId)
      .sadd(keys.instructs(userId), classId)
      .exec();
    return Number(res?.[0]?.[1] ?? 0) === 1;
  }

  /** Records that a person opened the instructor link; false when they were already waiting for an answer. */
  async askToInstruct(classId: string, userId: number, at: Date): Promise<boolean> {
    return hsetFirst(this.redis, keys.classInstructorAsks(classId), String(userId), at.toISOString());
  }

  async instructorAsks(classId: string): Promise<number[]> {
    return (await this.redis.hkeys(keys.classInstructorAsks(classId))).map(Number).sort((a, b) => a - b);
  }

  /** Ends a pending request; true for exactly one caller, so two coordinators cannot both answer it. */
  async endInstructorAsk(classId: string, userId: number): Promise<boolean> {
    return (await this.redis.hdel(keys.classInstructorAsks(classId), String(userId))) === 1;
  }

  async isInstructor(classId: string, userId: number): Promise<boolean> {
    return (await this.redis.sismember(keys.classInstructors(classId), userId)) === 1;
  }

  async removeInstructor(classId: string, userId: number): Promise<void> {
    await this.redis.multi().srem(keys.classInstructors(classId), userId).srem(keys.instructs(userId), classId).exec();
  }

  async instructors(classId: string): Promise<number[]> {
    return (await this.redis.smembers(keys.classInstructors(classId))).map(Number).sort((a, b) => a - b);
  }

  async classesOfLearner(userId: number): Promise<ClassRecord[]> {
    return this.getMany((await this.redis.smembers(keys.learns(userId))).sort());
  }

  async classesOfInstructor(userId: number): Promise<ClassRecord[]> {
    return this.getMany((await this.redis.smembers(keys.instructs(userId))).sort());
  }

  // ------------------------------------------------------------------------------------------ pre-registration

  /** Adds imported learners (replacing entries with the same folded name); returns how many are stored. */
  async importLearners(classId: string, entries: PreRegistered[]): Promise<number> {
    const multi = this.redis.multi();
    for (const e of entries) multi.hset(keys.classPrereg(classId), foldName(e.fullName), JSON.stringify(e));
    await multi.exec();
    return this.redis.hlen(keys.classPrereg(classId));
  }

  async preRegistered(classId: string): Promise<PreRegistered[]> {
    return Object.values(await this.redis.hgetall(keys.classPrereg(classId))).map(
      (v) => JSON.parse(v) as PreRegistered,
    );
  }

  /** The unclaimed entry for a Telegram username, else for a full name (folded). */
  async matchPreRegistered(
    classId: string,
    by: { username?: string; fullName?: string },
  ): Promise<PreRegistered | undefined> {
    const all = (await this.preRegistered(classId)).filter((p) => p.userId === undefined);
    const username = by.username?.replace(/^@/, "").toLowerCase();
    if (username) {
      const hit = all.find((p) => p.username?.replace(/^@/, "").toLowerCase() === username);
      if (hit) return hit;
    }
    if (by.fullName) {
      const folded = foldName(by.fullName);
      return all.find((p) => foldName(p.fullName) === folded);
    }
    return undefined;
  }

  async claimPreRegistered(classId: string, entry: PreRegistered, userId: number): Promise<void> {
    await this.redis.hset(keys.classPrereg(classId), foldName(entry.fullName), JSON.stringify({ ...entry, userId }));
  }

  // ------------------------------------------------------------------------------------------ attendance

  /**
   * Records a learner once per session; false when they were already recorded. A repeat of this very write (its
   * reply lost, the command re-sent) still answers true, so the learner is not told they had checked in before.
   */
  async markPresent(classId: string, sessionId: string, userId: number, at: Date): Promise<boolean> {
    return hsetFirst(this.redis, keys.classAttendance(classId, sessionId), String(userId), at.toISOString());
  }

  async attendance(classId: string, sessionId: string): Promise<Map<number, string>> {
    const raw = await this.redis.hgetall(keys.classAttendance(classId, sessionId));
    return new Map(Object.entries(raw).map(([k, v]) => [Number(k), v]));
  }

  async isPresent(classId: string, sessionId: string, userId: number): Promise<boolean> {
    return (await this.redis.hexists(keys.classAttendance(classId, sessionId), String(userId))) === 1;
  }

  /** Opens a check-in window; it disappears by itself when it expires. */
  async openCheckin(classId: string, window: CheckinWindow, now: Date): Promise<void> {
    const ttl = Math.max(1000, Date.parse(window.expiresAt) - now.getTime());
    await this.redis
      .multi()
      .set(keys.classCheckin(classId), JSON.stringify(window), "PX", ttl)
      .set(keys.classLastCheckin(classId), window.sessionId)
      .exec();
  }

  async checkinWindow(classId: string): Promise<CheckinWindow | undefined> {
    const raw = await this.redis.get(keys.classCheckin(classId));
    return raw ? (JSON.parse(raw) as CheckinWindow) : undefined;
  }

  async closeCheckin(classId: string): Promise<void> {
    await this.redis.del(keys.classCheckin(classId));
  }

  /** The session of the last check-in opened in the class. */
  async lastCheckinSession(classId: string): Promise<string | undefined> {
    return (await this.redis.get(keys.classLastCheckin(classId))) ?? undefined;
  }

  async attempts(classId: string, userId: number): Promise<AttemptState> {
    const raw = await this.redis.get(keys.classCheckinTries(classId, userId));
    return raw ? (JSON.parse(raw) as AttemptState) : { failures: [] };
  }

  async saveAttempts(classId: string, userId: number, state: AttemptState): Promise<void> {
    // A day covers any attempt window or block the policy allows.
    await this.redis.set(keys.classCheckinTries(classId, userId), JSON.stringify(state), "EX", 24 * 3600);
  }

  // ------------------------------------------------------------------------------------------ reminders

  async reminderKeys(classId: string): Promise<string[]> {
    return (await this.redis.smembers(keys.classReminders(classId))).sort();
  }

  async setReminderKeys(classId: string, reminderKeys: string[]): Promise<void> {
    const multi = this.redis.multi().del(keys.classReminders(classId));
    if (reminderKeys.length > 0) multi.sadd(keys.classReminders(classId), ...reminderKeys);
    await multi.exec();
  }

  /**
   * Claims the right to send reminder `key` of a class to a user (SET NX): true exactly once, whatever restarts
   * or retries happen. `releaseReminder` gives it back when the send failed and should be retried.
   */
  async claimReminder(classId: string, key: string, userId: number): Promise<boolean> {
    const res = await this.redis.set(keys.reminderSent(classId, key, userId), "1", "EX", SENT_MARKER_SECONDS, "NX");
    return res === "OK";
  }

  async releaseReminder(classId: string, key: string, userId: number): Promise<void> {
    await this.redis.del(keys.reminderSent(classId, key, userId));
  }

  /**
   * Takes the lock on sending a learner what fell due in a class (SET NX PX with a fresh token), so jobs of
   * different queues or processes that run together merge their pieces instead of racing for them. The token, or
   * undefined while another job holds it; it lapses by itself after `ms` should its holder die.
   */
  async lockDue(classId: string, userId: number, ms: number): Promise<string | undefined> {
    const token = randomUUID();
    const res = await this.redis.set(keys.dueLock(classId, userId), token, "PX", ms, "NX");
    return res === "OK" ? token : undefined;
  }

  /** Gives the lock back only if it is still ours (a lapsed lock may be another job's by now). */
  async unlockDue(classId: string, userId: number, token: string): Promise<void> {
    await deleteIfHeld(this.redis, keys.dueLock(classId, userId), token);
  }

  async mutedReminders(userId: number): Promise<Set<ReminderSetting>> {
    return new Set((await this.redis.smembers(keys.reminderMutes(userId))) as ReminderSetting[]);
  }

  /** Flips one reminder setting; returns whether it is muted now. */
  async toggleReminder(userId: number, setting: ReminderSetting): Promise<boolean> {
    if ((await this.redis.srem(keys.reminderMutes(userId), setting)) === 1) return false;
    await this.redis.sadd(keys.reminderMutes(userId), setting);
    return true;
  }
}
