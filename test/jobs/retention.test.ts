/**
 * Retention: a whole course, then the clock past its follow-up survey + RETENTION_MONTHS_AFTER_FOLLOWUP (and every
 * Redis expiry that time would have run out), then the daily job: what is left under the test's prefix is what the
 * policy keeps — the class's summary (its tombstone) and its exported files on disk — while an unrelated class, its
 * learner and her profile are untouched. And the same job taken from BullMQ's job scheduler, as in production.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { createClass, loadProgramTemplate } from "../../src/classes/service.js";
import { BullJobs } from "../../src/jobs/index.js";
import { RETENTION_QUEUE, retentionPolicy, startRetention } from "../../src/jobs/retention.js";
import { classScope } from "../../src/store/index.js";
import { clock } from "../helpers/coursework.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";
import { runWholeCourse } from "../helpers/whole-course.js";

let h: Harness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  h = undefined;
});

/** Every key under the harness's prefix, without it. */
async function allKeys(harness: Harness): Promise<string[]> {
  const out: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await harness.redis.scan(cursor, "MATCH", `${harness.prefix}*`, "COUNT", 1000);
    cursor = next;
    out.push(...batch.map((k) => k.slice(harness.prefix.length)));
  } while (cursor !== "0");
  return out.sort();
}

/** What Redis itself would have dropped by now: every key whose expiry falls within `elapsedMs`. */
async function letTimePass(harness: Harness, elapsedMs: number): Promise<void> {
  for (const key of await allKeys(harness)) {
    const ttl = await harness.redis.pttl(key);
    if (ttl > 0 && ttl <= elapsedMs) await harness.redis.del(key);
  }
}

async function dump(harness: Harness, keys: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const k of keys) out[k] = JSON.stringify(await harness.redis.dump(k));
  return out;
}

describe("the retention job", () => {
  it("runs from BullMQ's job scheduler: a class long past its retention is archived", async () => {
    dir = mkdtempSync(join(tmpdir(), "trogiang-archive-"));
    h = await createHarness({ env: { ARCHIVE_DIR: dir } });
    const old = await createClass(
      h.store,
      loadProgramTemplate("content"),
      { name: "Lớp bồi dưỡng khoá 2023", startDate: "2023-01-03", variant: 5, timeZone: "Asia/Ho_Chi_Minh" },
      new Date("2023-01-02T02:00:00Z"),
    );
    const jobs = new BullJobs({ url: inject("redisUrl"), prefix: `${h.prefix}bull`, logger: h.deps.logger });
    try {
      await startRetention(jobs, {
        store: h.store,
        logger: h.deps.logger,
        now: () => new Date(),
        policy: retentionPolicy(h.deps.config),
      });
      // The class record goes last, after the files and the summary.
      const deadline = Date.now() + 15_000;
      while ((await h.store.classes.get(old.id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await h.store.classes.get(old.id)).toBeUndefined();
      expect(await h.store.archive.get(old.id)).toMatchObject({ classId: old.id, name: "Lớp bồi dưỡng khoá 2023" });
      expect(readdirSync(join(dir, old.id))).toHaveLength(3);
    } finally {
      await jobs.close();
    }
  });

  it("leaves only what the policy keeps after a whole course", async () => {
    dir = mkdtempSync(join(tmpdir(), "trogiang-archive-"));
    const c = clock();
    h = await createHarness({
      now: c.now,
      env: { RETENTION_MONTHS_AFTER_FOLLOWUP: "12", ARCHIVE_DIR: dir },
      rateLimit: { limit: 10_000, windowMs: 1000 },
    });
    const course = await runWholeCourse(h, c, {
      name: "Lớp bồi dưỡng khoá I",
      startDate: "2026-12-01",
      learners: [users.an, users.binh],
      instructor: users.lan,
      coordinator: users.coordinator,
      reportChars: 3000,
    });
    const before = await allKeys(h);
    // The course left its data: reports, grades, ratings, notes, questions, the announcement.
    const made = ["report:", "fb:", "questions:", "ann:class:", "class:", "report-print:", "remsent:"];
    expect(made.filter((f) => !before.some((k) => k.startsWith(`${f}${course.id}`)))).toEqual([]);
    for (const family of ["question:", "invite:", `learns:${users.an.id}`, `user:${users.an.id}`, "ann:a"])
      expect(before.some((k) => k.startsWith(family))).toBe(true);

    // Another class, much later, with Bình in it too and a learner of its own.
    const later = await createClass(
      h.store,
      loadProgramTemplate("content"),
      { name: "Lớp bồi dưỡng khoá IX", startDate: "2028-03-07", variant: 5, timeZone: "Asia/Ho_Chi_Minh" },
      c.now(),
    );
    h.emu.openChat(users.stranger);
    await h.say(users.stranger, "/start");
    await h.store.classes.addLearner(later.id, users.stranger.id);
    await h.store.classes.addLearner(later.id, users.binh.id);
    // Each class has a file of its own uploaded by the instructor.
    const material = (classId: string) => ({
      scope: classScope(classId),
      fileName: "ghi-chu.md",
      title: "Ghi chú của giảng viên",
      format: "md",
      pages: 0,
      body: "# Ghi chú\nNội dung ôn tập.",
      pageAt: [0, 0],
      addedBy: users.lan.id,
      addedAt: c.now().toISOString(),
    });
    const ownMaterial = await h.store.materials.put(material(course.id));
    const laterMaterial = await h.store.materials.put(material(later.id));
    const laterKeys = [...(await allKeys(h)).filter((k) => k.includes(later.id)), `material:${laterMaterial.id}`];
    const laterBefore = await dump(h, laterKeys);

    // A year and a day past the follow-up survey; the job runs daily.
    await startRetention(h.jobs, {
      store: h.store,
      logger: h.deps.logger,
      now: c.now,
      policy: retentionPolicy(h.deps.config),
    });
    const start = c.now().getTime();
    const lastEnd = Math.max(...course.sessions.map((s) => Date.parse(s.end)));
    c.set(new Date(lastEnd + 90 * 24 * 3600_000 + 366 * 24 * 3600_000 + 2 * 24 * 3600_000));
    await letTimePass(h, c.now().getTime() - start);
    const ran = await h.runJobs();
    expect(ran.some((id) => id.startsWith("repeat-daily-"))).toBe(true);
    expect(h.pendingJobs(RETENTION_QUEUE)).toHaveLength(1); // the next day's run

    const after = await allKeys(h);
    // Nothing of the archived class but its summary.
    expect(after.filter((k) => k.includes(course.id))).toEqual([`archive:${course.id}`]);
    const summary = await h.store.archive.get(course.id);
    expect(summary).toMatchObject({ classId: course.id, enrolled: 2, registered: 2, reportsSubmitted: 2 });
    expect(summary?.reportsGraded).toBe(2);
    // The exported files are on disk.
    const files = readdirSync(join(dir, course.id)).sort();
    expect(files).toEqual([
      `danh-gia-lop-${course.id}.csv`,
      `danh-gia-lop-${course.id}.xlsx`,
      `diem-danh-lop-${course.id}.csv`,
    ]);
    expect(summary?.files.sort()).toEqual(files);
    expect(existsSync(join(dir, course.id, `danh-gia-lop-${course.id}.xlsx`))).toBe(true);
    expect(await h.store.materials.get(ownMaterial.id)).toBeUndefined();
    // Its questions and announcements went with it.
    expect(after.filter((k) => k.startsWith("question:") || /^ann:a/.test(k))).toEqual([]);
    // An and Lan were only in that class and have been idle since: no profile, no per-person key.
    for (const u of [users.an, users.lan]) {
      expect(after.filter((k) => k.endsWith(`:${u.id}`) || k.includes(`:${u.id}:`))).toEqual([]);
      expect(await h.redis.sismember("users", u.id)).toBe(0);
    }
    // Bình is in the later class: kept, with that class only.
    expect(await h.store.users.get(users.binh.id)).toBeDefined();
    expect(await h.redis.smembers(`learns:${users.binh.id}`)).toEqual([later.id]);
    // An old button naming the archived class (under a message of the course) says the class was archived.
    const old = h.emu
      .botMessages(users.binh.id)
      .flatMap((m) => h?.inlineButtons(m).map((b) => ({ m, data: b.data })) ?? [])
      .find((b) => b.data?.includes(course.id));
    expect(old?.data).toBeDefined();
    const press = await h.run(h.emu.click(users.binh, old?.m.message_id ?? 0, old?.data ?? ""));
    const answer = press.find((call) => call.method === "answerCallbackQuery");
    expect(String(answer?.payload.text)).toContain("Lớp này đã kết thúc và đã được lưu trữ");
    // The unrelated class is untouched, key for key and value for value.
    expect(await dump(h, laterKeys)).toEqual(laterBefore);
    expect(await h.redis.zrange("classes", 0, -1)).toEqual([later.id]);
    // All that remains: the summary, the later class with its codes, its two learners, and the lists.
    expect(after).toEqual(
      [
        `archive:${course.id}`,
        `class:${later.id}`,
        `class:${later.id}:learners`,
        "classes",
        `invite:${later.learnerCode}`,
        `invite:${later.instructorCode}`,
        `learns:${users.binh.id}`,
        `material:${laterMaterial.id}`,
        "material-version",
        "materials",
        `learns:${users.stranger.id}`,
        `user:${users.binh.id}`,
        `user:${users.stranger.id}`,
        "users",
      ].sort(),
    );
  });
});
