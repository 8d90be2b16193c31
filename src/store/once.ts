/**
 * Appends made once per update. A list append (RPUSH) is not idempotent: when its reply is lost and ioredis sends it
 * again, or when the update is redelivered after a failure further on, a second copy lands. The append and a marker
 * `op:<updateId>:<kind>` go together in one script; a second run for the same update and kind finds the marker and
 * leaves the list as it is.
 */
import { keys } from "./keys.js";
import type { RedisClient } from "./redis.js";

/** How long an update's op marker lasts: longer than Telegram keeps redelivering an update (24 h at most). */
export const OP_TTL_SECONDS = 26 * 60 * 60;

/**
 * KEYS: op, list. ARGV: op TTL, value. Returns 1 when it appended, 0 when this update had. The marker holds no
 * position in the list: for an anonymous note, an update id (which logs tie to a user) must not point at its entry.
 */
const APPEND_ONCE_SCRIPT = `
if redis.call('SET', KEYS[1], '1', 'EX', ARGV[1], 'NX') then
  redis.call('RPUSH', KEYS[2], ARGV[2])
  return 1
end
return 0
`;

type WithAppendOnce = RedisClient & {
  trogiangAppendOnce(op: string, list: string, ttlSeconds: number, value: string): Promise<number>;
};

/**
 * RPUSHes `value` to `list`, once for `updateId` and `kind` (an append without an update id happens every time).
 * True when this call appended.
 */
export async function appendOnce(
  redis: RedisClient,
  list: string,
  value: string,
  updateId: number | undefined,
  kind: string,
): Promise<boolean> {
  if (updateId === undefined) return (await redis.rpush(list, value)) > 0;
  if (!("trogiangAppendOnce" in redis)) {
    redis.defineCommand("trogiangAppendOnce", { numberOfKeys: 2, lua: APPEND_ONCE_SCRIPT });
  }
  return (
    (await (redis as WithAppendOnce).trogiangAppendOnce(
      keys.operation(updateId, kind),
      list,
      OP_TTL_SECONDS,
      value,
    )) === 1
  );
}

/**
 * HSETNX that also answers "set" when the field already holds exactly `value`: the same command re-sent after its
 * reply was lost. The values written this way carry their time to the millisecond, so an equal one is this write.
 */
const HSET_FIRST_SCRIPT = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then return 1 end
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return 1 end
return 0
`;

type WithHsetFirst = RedisClient & { trogiangHsetFirst(key: string, field: string, value: string): Promise<number> };

/** Sets `field` of hash `key` unless it is set already; true when this write (or its lost-reply repeat) set it. */
export async function hsetFirst(redis: RedisClient, key: string, field: string, value: string): Promise<boolean> {
  if (!("trogiangHsetFirst" in redis)) {
    redis.defineCommand("trogiangHsetFirst", { numberOfKeys: 1, lua: HSET_FIRST_SCRIPT });
  }
  return (await (redis as WithHsetFirst).trogiangHsetFirst(key, field, value)) === 1;
}
