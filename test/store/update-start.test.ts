/**
 * The update's first round trip (UpdateRepo.begin): the claim, the profile, the role flags, the rate-limit count and
 * the "blocked the bot" mark in one command, and the chat's session and scene state handed to their storage for THIS
 * update only.
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createRedis, keys, Store } from "../../src/store/index.js";

const redis = createRedis({ url: inject("redisUrl"), keyPrefix: `t-${randomUUID()}:` });
const store = new Store(redis);
afterAll(() => store.close());

describe("an update's first round trip", () => {
  it("claims once, reads profile and roles, counts only claimed updates, expires the window", async () => {
    await redis.set(keys.user(7), JSON.stringify({ id: 7, telegramName: "An", createdAt: "2026-01-01" }));
    await redis.sadd(keys.instructs(7), "c1");
    const first = await store.updates.begin(100, 7, 10_000);
    expect(first).toMatchObject({ claimed: true, coordinator: false, instructor: true, hits: 1 });
    expect(JSON.parse(first.profile ?? "null")).toMatchObject({ telegramName: "An" });
    expect(await redis.pttl(`${keys.rateLimitPrefix}7`)).toBeGreaterThan(9_000);
    const again = await store.updates.begin(100, 7, 10_000);
    expect(again).toMatchObject({ claimed: false, hits: 0 });
    expect((await store.updates.begin(101, 7, 10_000)).hits).toBe(2);
    await redis.sadd(keys.coordinators(), 8);
    expect(await store.updates.begin(102, 8, 10_000)).toMatchObject({ profile: null, coordinator: true, hits: 1 });
    expect((await store.updates.begin(103, 8, 10_000)).unreachable).toBe(false);
    await redis.hset(keys.unreachable(), "8", JSON.stringify({ at: "2026-11-01", reason: "blocked" }));
    expect((await store.updates.begin(104, 8, 10_000)).unreachable).toBe(true);
  });

  it("the session read with it serves that update's read once; a duplicate update hands nothing over", async () => {
    const storage = store.sessionStorage<{ v: string }>();
    const key = `${keys.sessionPrefix}43`;
    await redis.set(key, JSON.stringify({ v: "A" }));
    await store.updates.begin(210, 9, 10_000, 43);
    await redis.set(key, JSON.stringify({ v: "B" }));
    expect(await storage.read(key)).toEqual({ v: "A" });
    expect(await storage.read(key)).toEqual({ v: "B" });
    store.updates.finish(43);

    await store.updates.begin(210, 9, 10_000, 43); // the same update_id again: not claimed
    await redis.set(key, JSON.stringify({ v: "C" }));
    expect(await storage.read(key)).toEqual({ v: "C" });
    store.updates.finish(43);
  });

  it("the scene state read with it serves that update's read once, and never a later update", async () => {
    const storage = store.conversationStorage(1).adapter;
    const key = `${keys.conversationPrefix}42`;
    await redis.set(key, JSON.stringify({ v: "A" }));
    await store.updates.begin(200, 9, 10_000, 42);
    await redis.set(key, JSON.stringify({ v: "B" }));
    // This update's read takes what the first round trip read; the next read asks Redis.
    expect(await storage.read(key)).toEqual({ v: "A" });
    expect(await storage.read(key)).toEqual({ v: "B" });
    store.updates.finish(42);

    // An update that never read its scene state (dropped as a duplicate, rate-limited) leaves nothing behind.
    await store.updates.begin(201, 9, 10_000, 42);
    store.updates.finish(42);
    await redis.set(key, JSON.stringify({ v: "C" }));
    expect(await storage.read(key)).toEqual({ v: "C" });
  });

  it("answers the same in memory mode (ioredis-mock), where Lua's nil comes back as false", async () => {
    const memory = new Store(createRedis({}));
    const start = await memory.updates.begin(300, 11, 10_000, 11);
    expect(start).toEqual({
      claimed: true,
      token: expect.any(String),
      profile: null,
      coordinator: false,
      instructor: false,
      unreachable: false,
      hits: 1,
    });
    expect(await memory.conversationStorage(1).adapter.read(`${keys.conversationPrefix}11`)).toBeUndefined();
    await memory.close();
  });
});
