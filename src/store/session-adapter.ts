/**
 * grammY's Redis storage adapter, minus the writes that change nothing.
 *
 * grammY writes a session back after every update that READ it, even when nothing changed, and features read the
 * session on most messages — one needless `SET` per update. This adapter remembers the JSON it read for a key and
 * skips the write when the JSON to write is the same. Within one process sequentialize runs one update per chat at
 * a time, so "the JSON I read" is this update's; across processes, skipping an unchanged write can only leave a
 * newer value written by another instance in place, never lose one.
 */
import { RedisAdapter } from "@grammyjs/storage-redis";
import type { RedisClient } from "./redis.js";

/** Keys read but not yet written back (an update that failed never writes): bounded, oldest dropped first. */
const MAX_PENDING = 10_000;

/**
 * Values already read for the update being handled (`UpdateRepo.begin` reads the chat's session and scene state in
 * the update's first round trip), per Redis client: the next `read` of that key takes the value instead of asking
 * Redis again. Whatever was not taken is dropped when the update ends (`forget`), before the chat's next update
 * (sequentialize runs one update per chat at a time), so a value read for one update never serves another.
 */
const primedByClient = new WeakMap<RedisClient, Map<string, string | null>>();

export function prime(redis: RedisClient, key: string, raw: string | null): void {
  let primed = primedByClient.get(redis);
  if (!primed) {
    primed = new Map();
    primedByClient.set(redis, primed);
  }
  primed.set(key, raw);
}

export function forget(redis: RedisClient, key: string): void {
  primedByClient.get(redis)?.delete(key);
}

export class SkipUnchangedRedisAdapter<T> extends RedisAdapter<T> {
  private readonly pending = new Map<string, string | null>();
  private readonly client: RedisClient;

  constructor(redis: RedisClient) {
    super({ instance: redis });
    this.client = redis;
  }

  override async read(key: string): Promise<T | undefined> {
    const primed = primedByClient.get(this.client);
    let raw: string | null;
    if (primed?.has(key)) {
      raw = primed.get(key) as string | null;
      primed.delete(key);
    } else {
      raw = await this.client.get(key);
    }
    this.pending.delete(key);
    this.pending.set(key, raw);
    if (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value as string);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  }

  override async write(key: string, value: T): Promise<void> {
    const raw = JSON.stringify(value);
    const before = this.pending.get(key);
    this.pending.delete(key);
    // Unchanged, or still the empty initial value of a session that was never stored (absent reads as `{}`).
    if (before === raw || (before === null && raw === "{}")) return;
    await this.client.set(key, raw);
  }

  override async delete(key: string): Promise<void> {
    this.pending.delete(key);
    await this.client.del(key);
  }
}
