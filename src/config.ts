/**
 * Configuration from the environment (and `.env` when present), validated once at start-up.
 *
 * A bad or missing value must stop the program with ONE readable message listing every problem and how to fix it,
 * so `loadConfig` never throws a zod error at the caller: it throws a {@link ConfigError} whose message is that list.
 */

import { existsSync } from "node:fs";
import { z } from "zod";
import { GRADES } from "./domain/grading.js";
import { installPath } from "./paths.js";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());

/** Report versions kept whole: a centre's own quota (`/versions`) is held to the same range. */
export const REPORT_VERSIONS_KEPT_RANGE = { min: 1, max: 50 } as const;
const VERSIONS_KEPT_BETWEEN = `must be between ${REPORT_VERSIONS_KEPT_RANGE.min} and ${REPORT_VERSIONS_KEPT_RANGE.max}`;

const schema = z
  .object({
    BOT_TOKEN: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .regex(/^\d+:[A-Za-z0-9_-]+$/, "must look like 123456:ABC-DEF… (the token @BotFather gave you)")
        .optional(),
    ),
    BOT_USERNAME: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .regex(/^@?[A-Za-z0-9_]{3,64}$/, "must be the bot's @username")
        .transform((s) => s.replace(/^@/, ""))
        .optional(),
    ),
    TELEGRAM_API_ROOT: z.preprocess(
      emptyToUndefined,
      z
        .url("must be a URL such as https://api.telegram.org")
        .transform((s) => s.replace(/\/+$/, ""))
        .default("https://api.telegram.org"),
    ),
    REDIS_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^rediss?:\/\/\S+$/, "must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379/0")
        .optional(),
    ),
    STORAGE: z.preprocess(
      emptyToUndefined,
      z.enum(["redis", "memory"], { error: "must be redis or memory" }).optional(),
    ),
    BOT_MODE: z.preprocess(
      emptyToUndefined,
      z.enum(["polling", "webhook", "worker"], { error: "must be polling, webhook or worker" }).default("polling"),
    ),
    WEBHOOK_URL: z.preprocess(emptyToUndefined, z.url("must be the public https URL Telegram posts to").optional()),
    WEBHOOK_SECRET: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16–256 characters of A–Z, a–z, 0–9, _ or -")
        .optional(),
    ),
    PORT: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "must be a port number" })
        .int("must be a whole number")
        .min(0, "must be between 0 and 65535")
        .max(65535, "must be between 0 and 65535")
        .default(8080),
    ),
    HOST: z.preprocess(emptyToUndefined, z.string().default("127.0.0.1")),
    METRICS_PATH: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .regex(/^\/[A-Za-z0-9_\-/]*$/, "must be a path such as /metrics")
        .refine((p) => p !== "/healthz" && p !== "/webhook", "must not be /healthz or /webhook")
        .optional(),
    ),
    COORDINATOR_IDS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default("")
        .transform((s, ctx) => {
          const ids: number[] = [];
          for (const part of s.split(",").map((p) => p.trim())) {
            if (part === "") continue;
            if (!/^\d{1,15}$/.test(part)) {
              ctx.addIssue({ code: "custom", message: `"${part}" is not a Telegram user id (digits only)` });
              continue;
            }
            ids.push(Number(part));
          }
          return ids;
        }),
    ),
    TZ: z.preprocess(
      emptyToUndefined,
      z.string().refine(isTimeZone, "must be an IANA time zone such as Asia/Ho_Chi_Minh").default("Asia/Ho_Chi_Minh"),
    ),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
    ),
    CONTENT_DIR: optionalString,
    LOCALES_DIR: optionalString,
    CHECKIN_MINUTES: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "must be a number of minutes" })
        .int("must be a whole number of minutes")
        .min(1, "must be between 1 and 240")
        .max(240, "must be between 1 and 240")
        .default(15),
    ),
    CERT_MIN_ATTENDANCE: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "must be a percentage" })
        .min(0, "must be between 0 and 100")
        .max(100, "must be between 0 and 100")
        .default(80),
    ),
    CERT_MIN_GRADE: z.preprocess(
      emptyToUndefined,
      z.enum(GRADES, { error: `must be one of ${GRADES.join(", ")}` }).default("trung_binh"),
    ),
    SIMILARITY_PERCENT: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "must be a percentage" })
        .min(1, "must be between 1 and 100")
        .max(100, "must be between 1 and 100")
        .default(60),
    ),
    REPORT_VERSIONS_KEPT: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "must be a number of versions" })
        .int("must be a whole number of versions")
        .min(REPORT_VERSIONS_KEPT_RANGE.min, VERSIONS_KEPT_BETWEEN)
        .max(REPORT_VERSIONS_KEPT_RANGE.max, VERSIONS_KEPT_BETWEEN)
        .default(5),
    ),
    ALLOW_VOLATILE_REDIS: z.preprocess(
      emptyToUndefined,
      z.enum(["0", "1"], { error: "must be 1 (a Redis without persistence is intended) or 0" }).default("0"),
    ),
    DEPLOY_MARKER_FILE: optionalString,
    FOLLOWUP_DAYS: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "must be a number of days" })
        .int("must be a whole number of days")
        .min(1, "must be between 1 and 730")
        .max(730, "must be between 1 and 730")
        .default(90),
    ),
    SESSION_TTL_DAYS: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "must be a number of days" })
        .int("must be a whole number of days")
        .min(30, "must be between 30 and 3650")
        .max(3650, "must be between 30 and 3650")
        .default(180),
    ),
    SCENE_TTL_DAYS: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "must be a number of days" })
        .int("must be a whole number of days")
        .min(1, "must be between 1 and 90")
        .max(90, "must be between 1 and 90")
        .default(14),
    ),
    SCENE_MAX_STEPS: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "must be a number of messages" })
        .int("must be a whole number")
        .min(20, "must be between 20 and 1000")
        .max(1000, "must be between 20 and 1000")
        .default(60),
    ),
    RETENTION_MONTHS_AFTER_FOLLOWUP: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "must be a number of months" })
        .int("must be a whole number of months")
        .min(1, "must be between 1 and 120")
        .max(120, "must be between 1 and 120")
        .default(12),
    ),
    ARCHIVE_DIR: optionalString,
  })
  .superRefine((env, ctx) => {
    if (env.BOT_MODE === "worker" && !env.REDIS_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["REDIS_URL"],
        message: "is required when BOT_MODE=worker (a worker takes its jobs from the shared Redis)",
      });
    }
    if (env.BOT_MODE === "webhook") {
      if (!env.BOT_TOKEN) ctx.addIssue({ code: "custom", path: ["BOT_TOKEN"], message: "is required in webhook mode" });
      if (!env.WEBHOOK_URL)
        ctx.addIssue({ code: "custom", path: ["WEBHOOK_URL"], message: "is required when BOT_MODE=webhook" });
      if (!env.WEBHOOK_SECRET)
        ctx.addIssue({
          code: "custom",
          path: ["WEBHOOK_SECRET"],
          message: "is required when BOT_MODE=webhook (Telegram sends it back so forged updates can be refused)",
        });
    }
    if (env.BOT_TOKEN && !env.REDIS_URL && env.STORAGE !== "memory") {
      ctx.addIssue({
        code: "custom",
        path: ["REDIS_URL"],
        message:
          "is required when BOT_TOKEN is set: without Redis, registrations and written reports would be lost on restart. " +
          "Set REDIS_URL=redis://127.0.0.1:6379/0, or STORAGE=memory if you really want a throw-away bot",
      });
    }
    // The session carries the mark of a running scene, so it must outlive the scene's state to tell of its expiry.
    if (env.SESSION_TTL_DAYS < env.SCENE_TTL_DAYS) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_TTL_DAYS"],
        message: `must be at least SCENE_TTL_DAYS (${env.SCENE_TTL_DAYS})`,
      });
    }
    if (env.STORAGE === "redis" && !env.REDIS_URL) {
      ctx.addIssue({ code: "custom", path: ["REDIS_URL"], message: "is required when STORAGE=redis" });
    }
  })
  .transform((e, ctx) => {
    // Redis is the store exactly when its URL is given and not overridden by STORAGE=memory (STORAGE=redis without
    // a URL was refused above), so `redisUrl` is a string precisely when `storage` is "redis".
    const storage =
      e.REDIS_URL && e.STORAGE !== "memory"
        ? { storage: "redis" as const, redisUrl: e.REDIS_URL }
        : { storage: "memory" as const, redisUrl: undefined };
    const common = {
      botUsername: e.BOT_USERNAME,
      apiRoot: e.TELEGRAM_API_ROOT,
      ...storage,
      port: e.PORT,
      host: e.HOST,
      /** Prometheus metrics on the HTTP server at this path; unset, no metrics are kept. */
      metricsPath: e.METRICS_PATH,
      coordinatorIds: Object.freeze(e.COORDINATOR_IDS),
      timeZone: e.TZ,
      logLevel: e.LOG_LEVEL,
      // Unset: the content/ of the install, whatever the working directory (a service unit, an image).
      contentDir: e.CONTENT_DIR ?? installPath("content"),
      localesDir: e.LOCALES_DIR,
      /** How long a check-in code stays valid. */
      checkinMinutes: e.CHECKIN_MINUTES,
      /** Certificate rule (src/domain/certificate.ts): minimum attendance (% of counted sessions) and report grade. */
      certificate: Object.freeze({ minAttendancePercent: e.CERT_MIN_ATTENDANCE, minGrade: e.CERT_MIN_GRADE }),
      /** Days after a class ends when graduates get the follow-up survey (stored on each class when it is created). */
      followupDays: e.FOLLOWUP_DAYS,
      /**
       * Share of a report's own text (quotes of the material set apart) found in another report above which /reports
       * marks it; the instructor decides what it means (numbers behind the default: npm run bench:similarity).
       */
      similarityPercent: e.SIMILARITY_PERCENT,
      /**
       * Report versions kept whole per learner and class; older ones keep only a summary (number, time, size, grade),
       * their parts dropped, so one learner's resubmissions cannot grow Redis without a bound.
       */
      reportVersionsKept: e.REPORT_VERSIONS_KEPT,
      /** A Redis without persistence is intended (no alarm with a token set). */
      allowVolatileRedis: e.ALLOW_VOLATILE_REDIS === "1",
      /** Where the deployment marker last seen is kept, so a store emptied while no process ran is noticed at start. */
      deployMarkerFile: e.DEPLOY_MARKER_FILE,
      /**
       * How long what Redis keeps per person lasts (src/store/keys.ts names every bound): a chat's session after its
       * last change, a scene's state (an abandoned draft) after its last step, and how many messages one scene takes.
       */
      sessionTtlDays: e.SESSION_TTL_DAYS,
      sceneTtlDays: e.SCENE_TTL_DAYS,
      sceneMaxSteps: e.SCENE_MAX_STEPS,
      /**
       * Class data is archived this many months after the class's follow-up survey (its end + the follow-up days):
       * its exported files written to `archiveDir`, a summary kept, the raw keys removed (src/jobs/retention.ts).
       */
      retention: Object.freeze({
        monthsAfterFollowup: e.RETENTION_MONTHS_AFTER_FOLLOWUP,
        archiveDir: e.ARCHIVE_DIR ?? installPath("archive"),
      }),
    };
    // No token: the local sandbox, whatever BOT_MODE says.
    if (!e.BOT_TOKEN) return Object.freeze({ ...common, mode: "sandbox" as const, botToken: undefined });
    const withToken = { ...common, botToken: e.BOT_TOKEN };
    if (e.BOT_MODE === "polling") return Object.freeze({ ...withToken, mode: "polling" as const });
    // No updates at all, only queued jobs (reminders, announcements …) and GET /healthz.
    if (e.BOT_MODE === "worker") return Object.freeze({ ...withToken, mode: "worker" as const });
    if (!e.WEBHOOK_URL || !e.WEBHOOK_SECRET) {
      // Never reached (the refinement above reports both as missing); it narrows both to strings.
      ctx.addIssue({ code: "custom", path: ["BOT_MODE"], message: "webhook needs WEBHOOK_URL and WEBHOOK_SECRET" });
      return z.NEVER;
    }
    const webhook = Object.freeze({ url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET });
    return Object.freeze({ ...withToken, mode: "webhook" as const, webhook });
  });

export type RawEnv = Record<string, string | undefined>;

/** The parsed configuration, one shape per mode (`config.mode` tells them apart), read-only all the way down. */
export type Config = z.output<typeof schema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      [
        "trogiang cannot start: the configuration has problems.",
        ...problems.map((p) => `  - ${p}`),
        "See .env.example for every variable and its meaning.",
      ].join("\n"),
    );
    this.name = "ConfigError";
  }
}

/** Parses the environment. Throws {@link ConfigError} listing every problem at once. */
export function parseConfig(env: RawEnv): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = issue.path.length > 0 ? String(issue.path[0]) : "environment";
      const value = env[name];
      const shown = value === undefined || value === "" ? "not set" : `got "${name.includes("TOKEN") ? "…" : value}"`;
      return `${name} ${issue.message} (${shown})`;
    });
    throw new ConfigError(problems);
  }
  return result.data;
}

/** Reads `.env` (when present, without overriding the real environment) and parses `process.env`. */
export function loadConfig(envFile = ".env"): Config {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return parseConfig(process.env);
}
