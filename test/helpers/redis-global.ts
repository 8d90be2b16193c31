/**
 * vitest global setup: one private redis-server for the whole run (each test isolates itself with its own key
 * prefix). Falls back to REDIS_URL only when this machine has no redis-server.
 */
import type { TestProject } from "vitest/node";
import { hasRedisServer, type RedisServer, startRedisServer } from "./redis-server.js";

let server: RedisServer | undefined;

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

export async function setup(project: TestProject): Promise<void> {
  if (hasRedisServer()) {
    server = await startRedisServer();
    project.provide("redisUrl", server.url);
    return;
  }
  const fallback = process.env.REDIS_URL;
  if (!fallback) {
    throw new Error("Tests need Redis: install redis-server (apt-get install redis-server) or set REDIS_URL.");
  }
  project.provide("redisUrl", fallback);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
