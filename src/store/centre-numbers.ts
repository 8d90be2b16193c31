/**
 * A number each centre's coordinator may set for the centre's classes (the similarity threshold, the report versions
 * kept whole): one hash of centre name → value. A centre that never set one has no field and takes the default.
 */
import type { RedisClient } from "./redis.js";

export class CentreNumbers {
  constructor(
    private readonly redis: RedisClient,
    private readonly key: string,
  ) {}

  /** The centre's own value, or undefined when it keeps the default. */
  async get(centre: string | undefined): Promise<number | undefined> {
    const raw = centre ? await this.redis.hget(this.key, centre) : null;
    return raw === null ? undefined : Number(raw);
  }

  /** Every centre's own value, by centre name. */
  async all(): Promise<Map<string, number>> {
    const all = await this.redis.hgetall(this.key);
    return new Map(Object.entries(all).map(([centre, raw]) => [centre, Number(raw)]));
  }

  async set(centre: string, value: number): Promise<void> {
    await this.redis.hset(this.key, centre, String(value));
  }
}
