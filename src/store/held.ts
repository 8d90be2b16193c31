/**
 * Giving back a key taken with `SET NX` and a random token (a lock, a claim): it is deleted only while it still holds
 * that token, since a key that lapsed meanwhile may be another holder's by now.
 */
import type { RedisClient } from "./redis.js";

const DELETE_IF_HELD_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

type WithDeleteIfHeld = RedisClient & { trogiangDeleteIfHeld(key: string, token: string): Promise<number> };

/** Deletes `key` if it holds `token`; true when it did. */
export async function deleteIfHeld(redis: RedisClient, key: string, token: string): Promise<boolean> {
  if (!("trogiangDeleteIfHeld" in redis)) {
    redis.defineCommand("trogiangDeleteIfHeld", { numberOfKeys: 1, lua: DELETE_IF_HELD_SCRIPT });
  }
  return (await (redis as WithDeleteIfHeld).trogiangDeleteIfHeld(key, token)) === 1;
}
