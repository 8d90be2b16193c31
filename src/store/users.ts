import { cleanProfileText } from "../domain/profile.js";
import { keys } from "./keys.js";
import type { RedisClient } from "./redis.js";

export const POSITIONS = ["bi_thu", "pho_bi_thu", "chi_uy_vien", "dang_uy_vien", "khac"] as const;
export type Position = (typeof POSITIONS)[number];
export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export interface UserProfile {
  id: number;
  /** Telegram's first/last name and @username as last seen; kept for instructors' lists before registration. */
  telegramName: string;
  username?: string;
  fullName?: string;
  unit?: string;
  position?: Position;
  locale?: Locale;
  registeredAt?: string;
  createdAt: string;
}

export function isRegistered(
  p: UserProfile | undefined,
): p is UserProfile & { fullName: string; unit: string; position: Position } {
  return !!p?.fullName && !!p.unit && !!p.position;
}

export class UserRepo {
  constructor(private readonly redis: RedisClient) {}

  async get(id: number): Promise<UserProfile | undefined> {
    const raw = await this.redis.get(keys.user(id));
    return raw ? (JSON.parse(raw) as UserProfile) : undefined;
  }

  async getMany(ids: number[]): Promise<Map<number, UserProfile>> {
    const out = new Map<number, UserProfile>();
    if (ids.length === 0) return out;
    const raws = await this.redis.mget(ids.map((id) => keys.user(id)));
    raws.forEach((raw, i) => {
      if (raw) out.set(ids[i] as number, JSON.parse(raw) as UserProfile);
    });
    return out;
  }

  /**
   * Records that a Telegram user talked to the bot, refreshing the name Telegram shows; returns the profile. `raw` is
   * the profile's JSON when the caller already read it (the update's first round trip, `UpdateRepo.begin`).
   */
  async touch(
    from: { id: number; first_name: string; last_name?: string; username?: string },
    now: Date,
    raw?: string | null,
  ): Promise<UserProfile> {
    if (raw === undefined) raw = await this.redis.get(keys.user(from.id));
    const existing = raw ? (JSON.parse(raw) as UserProfile) : undefined;
    // Shown to instructors and coordinators: cleaned as every profile field is (no bidi overrides, no invisibles).
    const telegramName = cleanProfileText([from.first_name, from.last_name].filter(Boolean).join(" "));
    if (existing && existing.telegramName === telegramName && existing.username === from.username) return existing;
    const profile: UserProfile = {
      ...(existing ?? { id: from.id, createdAt: now.toISOString() }),
      telegramName,
      username: from.username,
    };
    await this.redis.multi().set(keys.user(from.id), JSON.stringify(profile)).sadd(keys.users(), from.id).exec();
    return profile;
  }

  async update(id: number, patch: Partial<Omit<UserProfile, "id" | "createdAt">>): Promise<UserProfile> {
    const existing = (await this.get(id)) ?? { id, telegramName: "", createdAt: new Date().toISOString() };
    const profile: UserProfile = { ...existing, ...patch, id };
    await this.redis.multi().set(keys.user(id), JSON.stringify(profile)).sadd(keys.users(), id).exec();
    return profile;
  }

  /** Both role facts in one round trip: appointed coordinator, and teaching at least one class. */
  async roleFlags(id: number): Promise<{ coordinator: boolean; instructor: boolean }> {
    // Two reads sent together (auto-pipelined), not a MULTI: no atomicity is needed to read two flags, and this runs
    // on every update.
    const [member, teaches] = await Promise.all([
      this.redis.sismember(keys.coordinators(), id),
      this.redis.scard(keys.instructs(id)),
    ]);
    return { coordinator: member === 1, instructor: teaches > 0 };
  }

  async isCoordinator(id: number): Promise<boolean> {
    return (await this.redis.sismember(keys.coordinators(), id)) === 1;
  }

  /** A user who has talked to the bot, by Telegram @username (case-insensitive); a scan of `users`, fine for a centre. */
  async findByUsername(username: string): Promise<UserProfile | undefined> {
    const wanted = username.replace(/^@/, "").toLowerCase();
    const ids = (await this.redis.smembers(keys.users())).map(Number);
    for (let i = 0; i < ids.length; i += 500) {
      const profiles = await this.getMany(ids.slice(i, i + 500));
      for (const p of profiles.values()) if (p.username?.toLowerCase() === wanted) return p;
    }
    return undefined;
  }

  /** A user named as a coordinator types them: a Telegram id, or an @username (the @ optional). */
  async findByHandle(handle: string): Promise<UserProfile | undefined> {
    const who = handle.trim();
    if (/^\d{1,15}$/.test(who)) return this.get(Number(who));
    if (/^@?[A-Za-z0-9_]{3,64}$/.test(who)) return this.findByUsername(who);
    return undefined;
  }

  /** Coordinators appointed in the bot (those of config come on top). */
  async appointedCoordinators(): Promise<number[]> {
    return (await this.redis.smembers(keys.coordinators())).map(Number).sort((a, b) => a - b);
  }

  /** The `limit` people who first wrote to the bot most recently; a scan of `users`, fine for a centre. */
  async recent(limit: number): Promise<UserProfile[]> {
    const ids = (await this.redis.smembers(keys.users())).map(Number);
    const all: UserProfile[] = [];
    for (let i = 0; i < ids.length; i += 500) all.push(...(await this.getMany(ids.slice(i, i + 500))).values());
    return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id).slice(0, limit);
  }

  /** Returns false when the user was not an appointed coordinator. */
  async removeCoordinator(id: number): Promise<boolean> {
    return (await this.redis.srem(keys.coordinators(), id)) === 1;
  }

  async addCoordinator(id: number): Promise<void> {
    await this.redis.sadd(keys.coordinators(), id);
  }
}
