/**
 * Update de-duplication and per-user rate-limit counters: the per-update keys of the store.
 *
 * Telegram delivers an update at least once: a webhook that answers late (or not at all, because the process died)
 * gets the update again, maybe on another instance behind the load balancer; a polling process that crashed before
 * confirming its offset fetches the same batch again. `claim` makes the first delivery win everywhere at once
 * (`SET NX` on the shared Redis), so each `update_id` is handled once across every process.
 */
import { keys } from "./keys.js";
import type { RedisClient } from "./redis.js";

/** How long a handled update id is remembered. Telegram gives up redelivering long before (24 h at most). */
export const UPDATE_CLAIM_TTL_SECONDS = 24 * 60 * 60;

export class UpdateRepo {
  constructor(private readonly redis: RedisClient) {}

  /** True when this process is the first to see `updateId`; false for a redelivery already claimed. */
  async claim(updateId: number, ttlSeconds = UPDATE_CLAIM_TTL_SECONDS): Promise<boolean> {
    return (await this.redis.set(keys.update(updateId), "1", "EX", ttlSeconds, "NX")) === "OK";
  }

  /** Gives a claim back (processing failed before anything was confirmed), so a redelivery is handled. */
  async release(updateId: number): Promise<void> {
    await this.redis.del(keys.update(updateId));
  }

  async isClaimed(updateId: number): Promise<boolean> {
    return (await this.redis.exists(keys.update(updateId))) === 1;
  }
}

/** The two commands @grammyjs/ratelimiter needs from a Redis client (`incr`, `pexpire`). */
export interface CounterClient {
  incr(key: string): Promise<number>;
  pexpire(key: string, milliseconds: number): Promise<number>;
}

/**
 * Per-user rate-limit counters for @grammyjs/ratelimiter, under `rl:` (the plugin is given an empty key prefix and
 * the user id as its key; this adapter adds the store's prefix, so only the store spells keys).
 */
export function rateLimitCounters(redis: RedisClient): CounterClient {
  return {
    incr: (key) => redis.incr(`${keys.rateLimitPrefix}${key}`),
    pexpire: (key, ms) => redis.pexpire(`${keys.rateLimitPrefix}${key}`, ms),
  };
}
