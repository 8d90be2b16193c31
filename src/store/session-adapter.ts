/**
 * The storage of grammY's session and of the conversations plugin: @grammyjs/storage-redis's `RedisAdapter`, wrapped
 * from outside (it is handed every call it would get) for two things it cannot do:
 *  - a value the update's first round trip already read (`UpdateRepo.begin` reads the chat's session and scene state
 *    with the profile) is served from there instead of asking Redis again;
 *  - a write of exactly the JSON that was read is skipped (a session read and left unchanged, a scene state that did
 *    not move). Within one process sequentialize runs one update per chat at a time, so "the JSON I read" is this
 *    update's; across processes, skipping an unchanged write can only leave a newer value of another instance in
 *    place, never lose one.
 * The expiry (`ttlSeconds`) is the adapter's own: every write sets it again, so a key lasts that long after its last
 * change (an unchanged value is not written, so reading alone does not extend it).
 */
import { RedisAdapter } from "@grammyjs/storage-redis";
import type { StorageAdapter } from "grammy";
import type { RedisClient } from "./redis.js";

/** Keys read but not yet written back (an update that failed never writes): bounded, oldest dropped first. */
const MAX_PENDING = 10_000;

/**
 * Values already read for the update being handled, per Redis client: the next `read` of that key takes the value
 * instead of asking Redis. Whatever was not taken is dropped when the update ends (`forget`), before the chat's next
 * update (sequentialize runs one update per chat at a time), so a value read for one update never serves another.
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

export class PrimedRedisStorage<T> implements StorageAdapter<T> {
  private readonly pending = new Map<string, string | null>();
  private readonly inner: RedisAdapter<T>;

  constructor(
    private readonly client: RedisClient,
    ttlSeconds?: number,
  ) {
    this.inner = new RedisAdapter<T>({ instance: client, ttl: ttlSeconds });
  }

  async read(key: string): Promise<T | undefined> {
    const primed = primedByClient.get(this.client);
    if (primed?.has(key)) {
      const raw = primed.get(key) as string | null;
      primed.delete(key);
      this.remember(key, raw);
      return raw === null ? undefined : (JSON.parse(raw) as T);
    }
    const value = await this.inner.read(key);
    this.remember(key, value === undefined ? null : JSON.stringify(value));
    return value;
  }

  async write(key: string, value: T): Promise<void> {
    const raw = JSON.stringify(value);
    const before = this.pending.get(key);
    this.pending.delete(key);
    // Unchanged, or still the empty initial value of a session that was never stored (absent reads as `{}`).
    if (before === raw || (before === null && raw === "{}")) return;
    await this.inner.write(key, value);
  }

  async delete(key: string): Promise<void> {
    this.pending.delete(key);
    await this.inner.delete(key);
  }

  private remember(key: string, raw: string | null): void {
    this.pending.delete(key);
    this.pending.set(key, raw);
    if (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value as string);
  }
}
