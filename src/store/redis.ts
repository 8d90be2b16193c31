/**
 * Opens the Redis connection the whole app shares: a real ioredis client for `REDIS_URL`, or an in-process
 * ioredis-mock (same API, same store code) for the local sandbox and `STORAGE=memory`.
 *
 * ioredis-mock is a development dependency, loaded only when memory mode asks for it, so a production install
 * (`npm ci --omit=dev`) runs on Redis without it.
 */
import { createRequire } from "node:module";
import { Redis } from "ioredis";

type RedisMockClass = typeof import("ioredis-mock");

function loadRedisMock(): RedisMockClass {
  try {
    return createRequire(import.meta.url)("ioredis-mock");
  } catch {
    throw new Error(
      "memory mode (no REDIS_URL, or STORAGE=memory) needs the development dependencies (npm ci without --omit=dev); " +
        "set REDIS_URL to run on Redis",
    );
  }
}

export type RedisClient = Redis;

interface RedisOptions {
  url?: string;
  /** Prefix for every key (tests give each bot its own, on one shared test server). */
  keyPrefix?: string;
  /** Called when the connection goes down or comes back, so the app can log it. */
  onStatus?: (status: "ready" | "error", error?: Error) => void;
}

export function createRedis({ url, keyPrefix, onStatus }: RedisOptions): RedisClient {
  if (!url) return new (loadRedisMock())({ keyPrefix }) as unknown as Redis;
  const redis = new Redis(url, {
    keyPrefix,
    // While Redis is down a command fails after one reconnect attempt — within about 2 s — so the user gets a short
    // "busy, retry" instead of a long silence; reconnecting goes on in the background (every second at most), and
    // the bot recovers by itself when Redis is back. (BullMQ workers need their own connection with
    // maxRetriesPerRequest: null; this one is for request/response work.)
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    lazyConnect: false,
    enableAutoPipelining: true,
    retryStrategy: (times) => Math.min(times * 100, 1000),
  });
  redis.on("ready", () => onStatus?.("ready"));
  redis.on("error", (err: Error) => onStatus?.("error", err));
  return redis;
}

/** Closes a connection politely (QUIT lets pending replies arrive), or drops it when it is already broken. */
export async function closeRedis(client: Redis): Promise<void> {
  // QUIT waits for its reply; a Redis that went away (or a link in the middle of a reconnect) would hold a shutdown.
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), 3_000);
  });
  try {
    if ((await Promise.race([client.quit(), late])) === "late") client.disconnect();
  } catch {
    client.disconnect();
  } finally {
    clearTimeout(timer);
  }
}
