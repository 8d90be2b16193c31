import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config.js";
import { installPath } from "../src/paths.js";

describe("configuration", () => {
  it("has working defaults for a polling bot on Redis", () => {
    const c = parseConfig({ BOT_TOKEN: "123:abc", REDIS_URL: "redis://127.0.0.1:6379/0" });
    expect(c).toMatchObject({
      mode: "polling",
      storage: "redis",
      apiRoot: "https://api.telegram.org",
      timeZone: "Asia/Ho_Chi_Minh",
      contentDir: installPath("content"),
      port: 8080,
      coordinatorIds: [],
    });
  });

  it("requires a Redis with persistence unless ALLOW_VOLATILE_REDIS=1; DEPLOY_MARKER_FILE is optional", () => {
    const env = { BOT_TOKEN: "123:abc", REDIS_URL: "redis://127.0.0.1:6379/0" };
    expect(parseConfig(env)).toMatchObject({ allowVolatileRedis: false, deployMarkerFile: undefined });
    expect(
      parseConfig({ ...env, ALLOW_VOLATILE_REDIS: "1", DEPLOY_MARKER_FILE: "/var/lib/trogiang/marker.json" }),
    ).toMatchObject({ allowVolatileRedis: true, deployMarkerFile: "/var/lib/trogiang/marker.json" });
    expect(() => parseConfig({ ...env, ALLOW_VOLATILE_REDIS: "yes" })).toThrow(/ALLOW_VOLATILE_REDIS must be 1/);
  });

  it("bounds what Redis keeps: session and scene TTLs, a scene's steps, retention of class data", () => {
    const env = { BOT_TOKEN: "123:abc", REDIS_URL: "redis://127.0.0.1:6379/0" };
    expect(parseConfig(env)).toMatchObject({
      sessionTtlDays: 180,
      sceneTtlDays: 14,
      sceneMaxSteps: 60,
      retention: { monthsAfterFollowup: 12, archiveDir: installPath("archive") },
    });
    expect(parseConfig({ ...env, RETENTION_MONTHS_AFTER_FOLLOWUP: "3", ARCHIVE_DIR: "/srv/archive" })).toMatchObject({
      retention: { monthsAfterFollowup: 3, archiveDir: "/srv/archive" },
    });
    expect(() => parseConfig({ ...env, SESSION_TTL_DAYS: "30", SCENE_TTL_DAYS: "60" })).toThrow(
      /SESSION_TTL_DAYS must be at least SCENE_TTL_DAYS \(60\)/,
    );
    expect(() => parseConfig({ ...env, SCENE_MAX_STEPS: "5" })).toThrow(/SCENE_MAX_STEPS must be between 20 and 1000/);
  });

  it("runs the sandbox when there is no token, in memory", () => {
    expect(parseConfig({})).toMatchObject({ mode: "sandbox", storage: "memory" });
  });

  it("lists every problem at once, each with what to do", () => {
    try {
      parseConfig({
        BOT_TOKEN: "nonsense",
        REDIS_URL: "http://localhost",
        BOT_MODE: "hook",
        COORDINATOR_IDS: "1, two",
        TZ: "Moon/Base",
        LOG_LEVEL: "loud",
      });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems;
      expect(problems).toHaveLength(6);
      expect(problems.join("\n")).toMatch(/BOT_TOKEN must look like/);
      expect(problems.join("\n")).toMatch(/COORDINATOR_IDS "two" is not a Telegram user id/);
      expect((err as ConfigError).message).toContain("See .env.example");
    }
  });

  it("refuses a real token without Redis, unless STORAGE=memory is explicit", () => {
    expect(() => parseConfig({ BOT_TOKEN: "123:abc" })).toThrow(/REDIS_URL is required when BOT_TOKEN is set/);
    expect(parseConfig({ BOT_TOKEN: "123:abc", STORAGE: "memory" }).storage).toBe("memory");
  });

  it("requires the URL and secret in webhook mode", () => {
    expect(() => parseConfig({ BOT_TOKEN: "123:abc", REDIS_URL: "redis://x", BOT_MODE: "webhook" })).toThrow(
      /WEBHOOK_URL is required[\s\S]*WEBHOOK_SECRET is required/,
    );
  });

  it("gives webhook mode its URL and secret, and nothing can change the result afterwards", () => {
    const c = parseConfig({
      BOT_TOKEN: "123:abc",
      REDIS_URL: "redis://x",
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://bot.example.vn/webhook",
      WEBHOOK_SECRET: "s3cret-token_for-tests",
      COORDINATOR_IDS: "7",
    });
    expect(c).toMatchObject({
      mode: "webhook",
      botToken: "123:abc",
      webhook: { url: "https://bot.example.vn/webhook" },
    });
    if (c.mode !== "webhook") return expect.unreachable();
    for (const part of [c, c.webhook, c.coordinatorIds, c.certificate]) expect(Object.isFrozen(part)).toBe(true);
  });

  it("stops the program with exit code 1 and one readable message, no stack trace", () => {
    const r = spawnSync("npx", ["tsx", "src/main.ts"], {
      env: { ...process.env, BOT_TOKEN: "123:abc", REDIS_URL: "", STORAGE: "", PORT: "70000" },
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("trogiang cannot start: the configuration has problems.");
    expect(r.stderr).toContain("PORT must be between 0 and 65535");
    expect(r.stderr).toContain("REDIS_URL is required");
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
