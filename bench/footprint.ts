/**
 * What a course costs in Redis, and what Redis holds at a national load (npm run bench:footprint).
 *
 * On its own redis-server: a class of `--learners` (default 50) goes through a whole course with the real bot
 * (test/helpers/whole-course.ts: join, check-ins, ratings, notes, questions, reports of `--report-chars`, grades,
 * an announcement, the follow-up survey). Then:
 *  - bytes per learner: MEMORY USAGE of every key the course left, summed (by family), and the INFO used_memory
 *    delta, divided by the learners;
 *  - one BullMQ announcement delivery job, measured the same way (the queue keeps at most its count bound);
 *  - after the retention job: what the archived class keeps (its summary);
 *  - the steady state for `--classes-per-year` (default 10,000) classes of that size: classes alive at once =
 *    classes per year × (creation to archive: the course, FOLLOWUP_DAYS, RETENTION_MONTHS_AFTER_FOLLOWUP) / 12
 *    months, each at the measured size, plus the five years of summaries and the BullMQ bounds.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BROADCAST_FINISHED_JOBS, BullBroadcast } from "../src/jobs/broadcast/bullmq.js";
import { Retention, retentionPolicy } from "../src/jobs/retention.js";
import type { RedisClient } from "../src/store/index.js";
import { ARCHIVE_SUMMARY_TTL_SECONDS } from "../src/store/index.js";
import { clock } from "../test/helpers/coursework.js";
import { createHarness, type Harness, users } from "../test/helpers/harness.js";
import { startRedisServer } from "../test/helpers/redis-server.js";
import { runWholeCourse } from "../test/helpers/whole-course.js";
import { numberArg } from "./setup.js";

const LEARNERS = numberArg("--learners", 50);
const REPORT_CHARS = numberArg("--report-chars", 6000);
const CLASSES_PER_YEAR = numberArg("--classes-per-year", 10_000);
const ANNOUNCEMENTS_PER_CLASS = numberArg("--announcements-per-class", 3);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function keysUnder(redis: RedisClient, prefix: string): Promise<string[]> {
  const out: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
    cursor = next;
    out.push(...batch);
  } while (cursor !== "0");
  return out;
}

/** MEMORY USAGE (all samples) of each key, by family (the key's first segment, ids folded). */
async function usage(redis: RedisClient, fullKeys: string[], prefix: string): Promise<Map<string, number>> {
  const byFamily = new Map<string, number>();
  for (const full of fullKeys) {
    const bytes = Number(await redis.call("MEMORY", "USAGE", full, "SAMPLES", "0"));
    const family = full
      .slice(prefix.length)
      .replace(/:\d+(?=:|$)/g, ":<n>")
      .replace(/\b[cqam][0-9a-z]{8,16}\b/g, "<id>")
      .replace(/:s\d\d\b/g, ":<session>")
      .replace(/^(remsent:<id>:|fb:<id>:sent:)[^:]+/, "$1<key>")
      .replace(/^invite:.*/, "invite:<code>");
    byFamily.set(family, (byFamily.get(family) ?? 0) + bytes);
  }
  return byFamily;
}

async function usedMemory(redis: RedisClient): Promise<number> {
  const info = await redis.info("memory");
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

const sum = (m: Map<string, number>, keep: (family: string) => boolean = () => true) =>
  [...m].filter(([f]) => keep(f)).reduce((n, [, b]) => n + b, 0);

async function main(): Promise<void> {
  const server = await startRedisServer();
  const archiveDir = mkdtempSync(join(tmpdir(), "trogiang-footprint-"));
  let h: Harness | undefined;
  try {
    const c = clock();
    h = await createHarness({
      redisUrl: server.url,
      now: c.now,
      env: { ARCHIVE_DIR: archiveDir },
      rateLimit: { limit: 1_000_000, windowMs: 1000 },
    });
    const redis = h.redis;
    const learners = Array.from({ length: LEARNERS }, (_, i) => ({
      id: 100_000 + i,
      first_name: "Học viên",
      last_name: String(i + 1).padStart(2, "0"),
      language_code: "vi",
    }));
    const before = await usedMemory(redis);
    const record = await runWholeCourse(h, c, {
      name: "Lớp bồi dưỡng đo dung lượng",
      startDate: "2026-12-01",
      learners,
      instructor: users.lan,
      coordinator: users.coordinator,
      reportChars: REPORT_CHARS,
    });
    const after = await usedMemory(redis);
    const courseKeys = await keysUnder(redis, h.prefix);
    const families = await usage(redis, courseKeys, h.prefix);
    const total = sum(families);
    // What outlives the class: profiles and the lists of users (the rest goes with the class or expires by itself).
    const perPerson = (f: string) => /^(user|sess|conv|remmute|rl|upd|op):/.test(f) || f === "users";
    const personBytes = sum(families, (f) => /^user:/.test(f) || f === "users");
    const classBytes = sum(families, (f) => !perPerson(f));

    // One announcement delivery job in BullMQ (the broadcast queue keeps completed ones up to its count bound).
    const bullPrefix = `${h.prefix}bull`;
    const broadcast = new BullBroadcast({ url: server.url, prefix: bullPrefix, logger: h.deps.logger });
    await broadcast.enqueue(
      "a1footprint",
      learners.map((u) => u.id),
    );
    await broadcast.close();
    const bull = await usage(redis, await keysUnder(redis, bullPrefix), "");
    const perDelivery = sum(bull) / LEARNERS;

    // A scene at its step cap: a learner writing a report sends a short message per step until the cap ends it.
    const writer = learners[0] as (typeof learners)[number];
    const convKey = `${h.prefix}conv:${writer.id}`;
    await h.say(writer, "/cancel");
    await h.say(writer, "/report");
    let sceneBytes = 0;
    for (let step = 1; step <= h.deps.config.sceneMaxSteps; step++) {
      await h.say(writer, `Ý ${step}: chi bộ cần bám sát cơ sở, nắm chắc tình hình từng hộ.`);
      sceneBytes = Math.max(sceneBytes, Number(await redis.call("MEMORY", "USAGE", convKey, "SAMPLES", "0")));
    }
    const ended = (await h.say(writer, "Ý cuối.")).join("\n");
    const endedByCap = ended.includes(String(h.deps.config.sceneMaxSteps));

    // The retention job, past the policy: what the archived class keeps.
    const policy = retentionPolicy(h.deps.config);
    const lastEnd = Math.max(...record.sessions.map((s) => Date.parse(s.end)));
    const followupDays = record.followupDays ?? h.deps.config.followupDays;
    c.set(new Date(lastEnd + (followupDays + 31 * policy.monthsAfterFollowup + 1) * 24 * 3600_000));
    await new Retention({ store: h.store, logger: h.deps.logger, now: c.now, policy }).run();
    const summaryBytes = Number(await redis.call("MEMORY", "USAGE", `${h.prefix}archive:${record.id}`, "SAMPLES", "0"));

    console.log(`\nA whole course, ${LEARNERS} learners, reports of ${REPORT_CHARS} characters:`);
    const rows = [...families].sort((a, b) => b[1] - a[1]);
    for (const [family, bytes] of rows.slice(0, 16)) console.log(`  ${family.padEnd(40)} ${kb(bytes).padStart(10)}`);
    if (rows.length > 16) console.log(`  … ${rows.length - 16} more families`);
    console.log(`  ${"keys".padEnd(40)} ${String(courseKeys.length).padStart(10)}`);
    console.log(
      `  ${"MEMORY USAGE, all keys".padEnd(40)} ${kb(total).padStart(10)}  = ${kb(total / LEARNERS)} per learner`,
    );
    console.log(
      `  ${"INFO used_memory delta".padEnd(40)} ${kb(after - before).padStart(10)}  = ${kb((after - before) / LEARNERS)} per learner`,
    );
    console.log(`  ${"of which the class's data".padEnd(40)} ${kb(classBytes).padStart(10)}`);
    console.log(`  ${"profiles and the users list".padEnd(40)} ${kb(personBytes).padStart(10)}`);
    console.log(`  one BullMQ announcement delivery job: ${kb(perDelivery)}`);
    console.log(`  after retention, the archived class keeps: ${summaryBytes} B (its summary)`);
    console.log(
      `  a report scene at its cap of ${h.deps.config.sceneMaxSteps} steps: ${kb(sceneBytes)} of scene state ` +
        `(the next message ended it: ${endedByCap ? "yes" : "NO"})`,
    );

    // Steady state.
    const courseDays = (lastEnd - Date.parse(record.createdAt)) / (24 * 3600_000);
    const aliveMonths = (courseDays + followupDays) / 30.44 + policy.monthsAfterFollowup;
    const classesAlive = (CLASSES_PER_YEAR * aliveMonths) / 12;
    const summariesKept = CLASSES_PER_YEAR * (ARCHIVE_SUMMARY_TTL_SECONDS / (365.25 * 24 * 3600));
    const deliveriesPerWeek = (CLASSES_PER_YEAR * ANNOUNCEMENTS_PER_CLASS * LEARNERS) / 52;
    const bullJobs = Math.min(BROADCAST_FINISHED_JOBS.removeOnComplete.count, deliveriesPerWeek);
    const steadyClasses = classesAlive * classBytes;
    const steadyProfiles = classesAlive * personBytes;
    const steadySummaries = summariesKept * summaryBytes;
    const steadyBull = bullJobs * perDelivery;
    console.log(
      `\nSteady state, ${CLASSES_PER_YEAR} classes of ${LEARNERS} a year, archived ${policy.monthsAfterFollowup} months after ` +
        `the follow-up survey (${followupDays} days after the end):`,
    );
    console.log(
      `  a class lives ${aliveMonths.toFixed(1)} months in Redis → ${Math.round(classesAlive)} classes at once`,
    );
    console.log(`  class data          ${mb(steadyClasses).padStart(8)}`);
    console.log(`  profiles            ${mb(steadyProfiles).padStart(8)}  (every learner of those classes)`);
    console.log(
      `  archive summaries   ${mb(steadySummaries).padStart(8)}  (${Math.round(summariesKept)} kept 5 years)`,
    );
    console.log(
      `  BullMQ deliveries   ${mb(steadyBull).padStart(8)}  (${Math.round(bullJobs)} completed jobs: a week at ` +
        `${ANNOUNCEMENTS_PER_CLASS} announcements a class)`,
    );
    const steady = steadyClasses + steadyProfiles + steadySummaries + steadyBull;
    // Redis's own overhead (dictionaries, expiry table, allocator) on top of the keys, as this run measured it.
    const overhead = (after - before) / total;
    console.log(`  total (MEMORY USAGE) ${mb(steady).padStart(7)}`);
    console.log(`  total × used_memory/MEMORY USAGE of this run (${overhead.toFixed(2)}) ${mb(steady * overhead)}`);
    console.log(
      `  each month of retention adds ${mb((CLASSES_PER_YEAR / 12) * (classBytes + personBytes) * overhead)} ` +
        "(RETENTION_MONTHS_AFTER_FOLLOWUP)",
    );
  } finally {
    await h?.close();
    await server.stop();
    rmSync(archiveDir, { recursive: true, force: true });
  }
}

await main();
