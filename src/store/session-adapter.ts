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

export class SkipUnchangedRedisAdapter<T> extends RedisAdapter<T> {
  private readonly pending = new Map<string, string | null>();
  private readonly client: RedisClient;

  constructor(redis: RedisClient) {
    super({ instance: redis });
    this.client = redis;
  }

  override async read(key: string): Promise<T | undefined> {
    const raw = await this.client.get(key);
    this.pending.delete(key);
    this.pending.set(key, raw);
    if (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value as string);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  }

  override async write(key: string, value: T): Promise<void> {
    const raw = JSON.stringify(value);
    const before = this.pending.get(key);
    this.pending.delete(key);
    if (before === raw) return;
    await this.client.set(key, raw);
  }

  override async delete(key: string): Promise<void> {
    this.pending.delete(key);
    await this.client.del(key);
  }
}
