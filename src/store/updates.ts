/**
 * Update de-duplication and the first round trip of every update.
 *
 * Telegram delivers an update at least once: a webhook that answers late (or not at all, because the process died)
 * gets the update again, maybe on another instance behind the load balancer; a polling process that crashed before
 * confirming its offset fetches the same batch again. `claim` makes the first delivery win everywhere at once
 * (`SET NX` on the shared Redis), so each `update_id` is handled once across every process.
 *
 * The claim holds the handling attempt's own random token. When a reply is lost after Redis ran the command (a
 * connection cut by a proxy), ioredis sends the same command again: the second `SET NX` fails, but the stored token
 * is ours, so the attempt still counts as the claimant instead of dropping its own update as a duplicate. Giving a
 * claim back deletes it only while it still holds our token.
 */
import { randomBytes } from "node:crypto";
import { deleteIfHeld } from "./held.js";
import { keys } from "./keys.js";
import type { RedisClient } from "./redis.js";
import { forget, prime } from "./session-adapter.js";

/** How long a handled update id is remembered. Telegram gives up redelivering long before (24 h at most). */
const UPDATE_CLAIM_TTL_SECONDS = 24 * 60 * 60;

/** What the first middleware needs to know about an update from a user, read (and claimed) at once. */
export interface UpdateStart {
  /** True when this process is the first to see the update id (the dedupe claim was taken). */
  claimed: boolean;
  /** The token the claim was taken with (the attempt's own), for giving it back. */
  token: string;
  /** The sender's stored profile as JSON (`user:<id>`), null for a new user. */
  profile: string | null;
  /** Appointed coordinator in the bot (`coordinators`). */
  coordinator: boolean;
  /** Teaches at least one class (`instructs:<id>` not empty). */
  instructor: boolean;
  /** Marked unreachable by a broadcast (`ann:unreachable`): they had blocked the bot, and now write to it again. */
  unreachable: boolean;
  /** Updates of this user in the current rate-limit window, this one included; 0 when not claimed. */
  hits: number;
}

/**
 * One round trip and ONE command per update instead of nine (profile, two role flags, dedupe claim, rate-limit
 * counter and its expiry, the "blocked the bot" mark, the chat's session and scene state): every update pays Redis
 * client work per command, and this runs on every update. The claim is `SET NX EX`, as `claim` does it; the counter
 * is only incremented for a claimed update (a redelivery is not counted against the user), and gets its expiry on
 * the window's first hit. A claim already holding our token is a re-sent BEGIN (its first reply was lost): ours, and
 * the counter it already incremented is read, not counted again.
 */
const BEGIN_SCRIPT = `
local claimed = redis.call('SET', KEYS[1], ARGV[4], 'EX', ARGV[1], 'NX')
local resent = false
if not claimed and redis.call('GET', KEYS[1]) == ARGV[4] then resent = true end
local profile = redis.call('GET', KEYS[2])
local coordinator = redis.call('SISMEMBER', KEYS[3], ARGV[2])
local teaches = redis.call('SCARD', KEYS[4])
local unreachable = redis.call('HEXISTS', KEYS[5], ARGV[2])
local hits = 0
if claimed then
  hits = redis.call('INCR', KEYS[6])
  if hits == 1 then redis.call('PEXPIRE', KEYS[6], ARGV[3]) end
elseif resent then
  hits = tonumber(redis.call('GET', KEYS[6]) or '1')
end
local scenes = false
local session = false
if KEYS[7] then
  scenes = redis.call('GET', KEYS[7])
  session = redis.call('GET', KEYS[8])
end
return {(claimed or resent) and 1 or 0, profile, coordinator, teaches, unreachable, hits, scenes, session}
`;

/** `SET NX` that also counts a claim already holding our token (a re-sent claim whose reply was lost) as ours. */
const CLAIM_SCRIPT = `
if redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2], 'NX') then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then return 1 end
return 0
`;

/** A fresh token for one handling attempt of an update. */
export function newClaimToken(): string {
  return randomBytes(9).toString("base64url");
}

/** The update id goes into a key: only what Telegram sends (a non-negative integer) gets that far. */
function updateKey(updateId: number): string {
  if (!Number.isSafeInteger(updateId) || updateId < 0) throw new TypeError(`not an update id: ${String(updateId)}`);
  return keys.update(updateId);
}

type BeginReply = [unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown];
type WithBegin = RedisClient & {
  trogiangBegin(...keysAndArgs: (string | number)[]): Promise<BeginReply>;
  trogiangBeginChat(...keysAndArgs: (string | number)[]): Promise<BeginReply>;
  trogiangClaim(key: string, token: string, ttlSeconds: number): Promise<number>;
};

function stringOrNull(x: unknown): string | null {
  return typeof x === "string" ? x : null;
}

export class UpdateRepo {
  constructor(private readonly redis: RedisClient) {
    if (!("trogiangBegin" in redis)) {
      redis.defineCommand("trogiangBegin", { numberOfKeys: 6, lua: BEGIN_SCRIPT });
      redis.defineCommand("trogiangBeginChat", { numberOfKeys: 8, lua: BEGIN_SCRIPT });
      redis.defineCommand("trogiangClaim", { numberOfKeys: 1, lua: CLAIM_SCRIPT });
    }
  }

  /**
   * Claims `updateId` and reads what every update from `userId` needs, counting it in the user's rate-limit window
   * of `windowMs` (only when claimed). With `chatId`, the chat's session and scene
   * state come in the same round trip and are handed to their storage for this update (see `prime`), so neither
   * grammY's session nor the conversations plugin asks Redis again; call `finish(chatId)` when the update ends.
   * `token` is the handling attempt's own (see `newClaimToken`).
   */
  async begin(
    updateId: number,
    userId: number,
    windowMs: number,
    chatId?: number,
    token = newClaimToken(),
  ): Promise<UpdateStart> {
    const redis = this.redis as WithBegin;
    const userKeys = [
      updateKey(updateId),
      keys.user(userId),
      keys.coordinators(),
      keys.instructs(userId),
      keys.unreachable(),
      `${keys.rateLimitPrefix}${userId}`,
    ];
    const argv = [UPDATE_CLAIM_TTL_SECONDS, userId, windowMs, token];
    const [claimed, profile, coordinator, teaches, unreachable, hits, scenes, session] =
      chatId === undefined
        ? await redis.trogiangBegin(...userKeys, ...argv)
        : await redis.trogiangBeginChat(
            ...userKeys,
            `${keys.conversationPrefix}${chatId}`,
            `${keys.sessionPrefix}${chatId}`,
            ...argv,
          );
    // Lua's nil comes back as null from Redis, as false from ioredis-mock (memory mode): normalised here. A value is
    // only handed over for a claimed update: a redelivery is dropped before anything reads it.
    if (chatId !== undefined && Number(claimed) === 1) {
      prime(this.redis, `${keys.conversationPrefix}${chatId}`, stringOrNull(scenes));
      prime(this.redis, `${keys.sessionPrefix}${chatId}`, stringOrNull(session));
    }
    return {
      claimed: Number(claimed) === 1,
      token,
      profile: stringOrNull(profile),
      coordinator: Number(coordinator) === 1,
      instructor: Number(teaches) > 0,
      unreachable: Number(unreachable) === 1,
      hits: Number(hits) || 0,
    };
  }

  /** The update of `chatId` is over: drops what `begin` read for it and nobody took. */
  finish(chatId: number): void {
    forget(this.redis, `${keys.conversationPrefix}${chatId}`);
    forget(this.redis, `${keys.sessionPrefix}${chatId}`);
  }

  /**
   * True when this attempt (holding `token`) is the first to see `updateId`; false for a redelivery already claimed
   * by another attempt.
   */
  async claim(updateId: number, token: string, ttlSeconds = UPDATE_CLAIM_TTL_SECONDS): Promise<boolean> {
    return (await (this.redis as WithBegin).trogiangClaim(updateKey(updateId), token, ttlSeconds)) === 1;
  }

  /**
   * Gives a claim back (handling failed because the store was down or refused), so a redelivery is handled; a claim
   * taken by another attempt meanwhile is left alone.
   */
  async release(updateId: number, token: string): Promise<void> {
    await deleteIfHeld(this.redis, updateKey(updateId), token);
  }

  async isClaimed(updateId: number): Promise<boolean> {
    return (await this.redis.exists(updateKey(updateId))) === 1;
  }
}
