/**
 * Announcements: what was broadcast, to whom, and what became of each delivery — the record behind the sender's
 * progress message and final report, a learner's `/announcements`, and the coordinators' list of unreachable
 * learners. Keys are in keys.ts (`ann:` prefix).
 *
 * Delivery outcomes are written once per (announcement, recipient) with HSETNX: the `delivered` entry is the
 * sent-marker, written only after Telegram confirmed the message, so a job that runs again (retry, stalled job
 * after a crash) sees it and sends nothing. The counters are bumped only by the HSETNX that won, so they never
 * count a recipient twice.
 */
import { isId, newId } from "./ids.js";
import { keys } from "./keys.js";
import type { RedisClient } from "./redis.js";

export type AnnouncementMedia = { kind: "photo" | "document"; fileId: string };

export interface Announcement {
  id: string;
  senderId: number;
  /** The sender's name as shown to learners (registered full name, else Telegram name). */
  senderName: string;
  classIds: string[];
  /** Class names at sending time, same order as `classIds` (shown in the header). */
  classNames: string[];
  /** The sender's text, plain (escaped when rendered). */
  text: string;
  media?: AnnouncementMedia;
  createdAt: string;
  /** Number of recipients (learners of the classes, each once). */
  total: number;
  /** The sender's progress message, edited while delivering, and the sender's language. */
  status?: { chatId: number; messageId: number };
  senderLocale?: string;
}

export type DeliveryOutcome = "delivered" | "blocked" | "failed";
const CODE: Record<DeliveryOutcome, string> = { delivered: "d", blocked: "b", failed: "f" };
const OUTCOME: Record<string, DeliveryOutcome> = { d: "delivered", b: "blocked", f: "failed" };

export interface DeliveryCounts {
  delivered: number;
  blocked: number;
  failed: number;
  /** delivered + blocked + failed */
  done: number;
  total: number;
}

interface Unreachable {
  at: string;
  /** Telegram's description ("Forbidden: bot was blocked by the user" …). */
  reason: string;
}

/** How long delivery records are kept (a class lasts a week; its announcements stay readable for a season). */
const ANNOUNCEMENT_TTL_SECONDS = 120 * 24 * 3600;

/**
 * KEYS[1] sliding log, KEYS[2] flood pause; ARGV max, window ms, member. Returns 0 (slot taken) or the ms to wait:
 * the rest of a flood pause (Telegram's retry_after), else until the oldest slot of the window frees.
 */
const SEND_SLOT_SCRIPT = `
local pause = redis.call('PTTL', KEYS[2])
if pause > 0 then return pause end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window + 1000)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now + 1)
`;

/** KEYS[1] sliding log; ARGV member, ms before now, window ms. Moves the member later (never earlier). */
const RESTAMP_SCRIPT = `
local old = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not old then return 0 end
local t = redis.call('TIME')
local at = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) - tonumber(ARGV[2])
if at > tonumber(old) then
  redis.call('ZADD', KEYS[1], at, ARGV[1])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) + 1000)
  return 1
end
return 0
`;

export class AnnouncementRepo {
  constructor(private readonly redis: RedisClient) {}

  async nextId(): Promise<string> {
    return newId("a");
  }

  /** Saves a new announcement and lists it under each of its classes (for `/announcements`). */
  async create(ann: Announcement): Promise<void> {
    const at = Date.parse(ann.createdAt);
    const multi = this.redis
      .multi()
      .set(keys.announcement(ann.id), JSON.stringify(ann), "EX", ANNOUNCEMENT_TTL_SECONDS)
      .hset(keys.announcementCounts(ann.id), "total", ann.total);
    for (const c of ann.classIds) multi.zadd(keys.classAnnouncements(c), at, ann.id);
    multi.expire(keys.announcementCounts(ann.id), ANNOUNCEMENT_TTL_SECONDS);
    await multi.exec();
  }

  async get(id: string): Promise<Announcement | undefined> {
    if (!isId("a", id)) return undefined;
    const raw = await this.redis.get(keys.announcement(id));
    return raw ? (JSON.parse(raw) as Announcement) : undefined;
  }

  async getMany(ids: string[]): Promise<Announcement[]> {
    if (ids.length === 0) return [];
    const raws = await this.redis.mget(ids.map((id) => keys.announcement(id)));
    return raws.filter((r): r is string => !!r).map((r) => JSON.parse(r) as Announcement);
  }

  async setStatusMessage(id: string, status: { chatId: number; messageId: number }): Promise<void> {
    const ann = await this.get(id);
    if (!ann) return;
    ann.status = status;
    await this.redis.set(keys.announcement(id), JSON.stringify(ann), "KEEPTTL");
  }

  /** The last `limit` announcements of these classes, newest first, each once. */
  async latestForClasses(classIds: string[], limit = 10): Promise<Announcement[]> {
    const scored = new Map<string, number>();
    for (const c of classIds) {
      const rows = await this.redis.zrevrange(keys.classAnnouncements(c), 0, limit - 1, "WITHSCORES");
      for (let i = 0; i + 1 < rows.length; i += 2) scored.set(rows[i] as string, Number(rows[i + 1]));
    }
    const ids = [...scored.entries()]
      .sort((a, b) => b[1] - a[1] || b[0].localeCompare(a[0]))
      .slice(0, limit)
      .map(([id]) => id);
    return this.getMany(ids);
  }

  // ------------------------------------------------------------------------------------------ deliveries

  /** True when this recipient's delivery already has an outcome (the job must not send again). */
  async isSettled(id: string, userId: number): Promise<boolean> {
    return (await this.redis.hexists(keys.announcementResults(id), String(userId))) === 1;
  }

  /**
   * Records the outcome for a recipient, once: returns false (and changes nothing) when one was recorded already.
   * For `delivered` this is the sent-marker — call it only after Telegram confirmed the message.
   */
  async settle(id: string, userId: number, outcome: DeliveryOutcome, error?: string): Promise<boolean> {
    const won = (await this.redis.hsetnx(keys.announcementResults(id), String(userId), CODE[outcome])) === 1;
    if (!won) return false;
    const multi = this.redis
      .multi()
      .hincrby(keys.announcementCounts(id), outcome, 1)
      .hincrby(keys.announcementCounts(id), "done", 1)
      .expire(keys.announcementResults(id), ANNOUNCEMENT_TTL_SECONDS);
    if (error !== undefined) {
      multi.hset(keys.announcementErrors(id), String(userId), error.slice(0, 200));
      multi.expire(keys.announcementErrors(id), ANNOUNCEMENT_TTL_SECONDS);
    }
    await multi.exec();
    return true;
  }

  async counts(id: string): Promise<DeliveryCounts> {
    const raw = await this.redis.hgetall(keys.announcementCounts(id));
    const n = (k: string) => Number(raw[k] ?? 0);
    return {
      delivered: n("delivered"),
      blocked: n("blocked"),
      failed: n("failed"),
      done: n("done"),
      total: n("total"),
    };
  }

  /** Every recorded outcome (user id → outcome) and the error text of failures. */
  async results(id: string): Promise<{ outcomes: Map<number, DeliveryOutcome>; errors: Map<number, string> }> {
    const [raw, errs] = await Promise.all([
      this.redis.hgetall(keys.announcementResults(id)),
      this.redis.hgetall(keys.announcementErrors(id)),
    ]);
    const outcomes = new Map<number, DeliveryOutcome>();
    for (const [k, v] of Object.entries(raw)) {
      const o = OUTCOME[v];
      if (o) outcomes.set(Number(k), o);
    }
    return { outcomes, errors: new Map(Object.entries(errs).map(([k, v]) => [Number(k), v])) };
  }

  /** Claims the right to send the final report (once, whichever worker records the last outcome). */
  async claimReport(id: string): Promise<boolean> {
    return (await this.redis.set(keys.announcementReported(id), "1", "EX", ANNOUNCEMENT_TTL_SECONDS, "NX")) === "OK";
  }

  /**
   * Per-chat pacing (Telegram: about one message a second per chat): true when nothing was sent to this chat in
   * the last `ms`; otherwise the milliseconds left to wait.
   */
  /** Restarts a claimed chat slot's interval from now (called right before the request goes out). */
  async rearmChatSlot(chatId: number, ms = 1000): Promise<void> {
    await this.redis.pexpire(keys.announcementChatSlot(chatId), ms);
  }

  async claimChatSlot(chatId: number, ms = 1000): Promise<true | number> {
    const ok = await this.redis.set(keys.announcementChatSlot(chatId), "1", "PX", ms, "NX");
    if (ok === "OK") return true;
    const left = await this.redis.pttl(keys.announcementChatSlot(chatId));
    return left > 0 ? left : 1;
  }

  /**
   * The global send window (a sliding log of send times, on Redis time so every process agrees): takes one of
   * `max` slots of the last `windowMs` and returns 0, or returns the milliseconds until the oldest slot frees.
   */
  async takeSendSlot(max: number, windowMs: number, member: string): Promise<number> {
    const wait = await this.redis.eval(
      SEND_SLOT_SCRIPT,
      2,
      keys.announcementSendWindow(),
      keys.announcementFlood(),
      max,
      windowMs,
      member,
    );
    return Number(wait);
  }

  /**
   * Moves a slot to when Telegram most likely counted the message: `sinceMs` before now (Redis time), if that is
   * later than when the slot was taken. Slots taken before a stall of this process would otherwise age too early.
   */
  async restampSendSlot(member: string, sinceMs: number, windowMs: number): Promise<void> {
    await this.redis.eval(
      RESTAMP_SCRIPT,
      1,
      keys.announcementSendWindow(),
      member,
      Math.max(0, Math.round(sinceMs)),
      windowMs,
    );
  }

  /** Gives a slot back (Telegram refused the message, so it did not count against the limit). */
  async releaseSendSlot(member: string): Promise<void> {
    await this.redis.zrem(keys.announcementSendWindow(), member);
  }

  /** Telegram answered 429: no broadcast message goes out for `ms` (every process asks `takeSendSlot` first). */
  async floodPause(ms: number): Promise<void> {
    await this.redis.set(keys.announcementFlood(), "1", "PX", Math.max(1, Math.round(ms)));
  }

  async releaseChatSlot(chatId: number): Promise<void> {
    await this.redis.del(keys.announcementChatSlot(chatId));
  }

  // ------------------------------------------------------------------------------------------ unreachable

  async markUnreachable(userId: number, info: Unreachable): Promise<void> {
    await this.redis.hset(keys.unreachable(), String(userId), JSON.stringify(info));
  }

  /** The user talked to the bot again (so they unblocked it): deliver to them again. */
  async clearUnreachable(userId: number): Promise<boolean> {
    return (await this.redis.hdel(keys.unreachable(), String(userId))) === 1;
  }

  async unreachable(userIds: number[]): Promise<Map<number, Unreachable>> {
    const out = new Map<number, Unreachable>();
    if (userIds.length === 0) return out;
    const raws = await this.redis.hmget(keys.unreachable(), ...userIds.map(String));
    raws.forEach((raw, i) => {
      if (raw) out.set(userIds[i] as number, JSON.parse(raw) as Unreachable);
    });
    return out;
  }
}
