/**
 * Retention of class data: a class is archived `monthsAfterFollowup` months after its follow-up survey date (its
 * last session's end + its follow-up days). Archiving writes what the coordinator exports — the evaluation as XLSX
 * and CSV and the attendance CSV — into `archiveDir/<classId>/`, keeps a small summary in Redis
 * (`archive:<classId>`, also the class's tombstone), then removes every raw key of the class: the record and its
 * `class:<id>:*` keys, reports, feedback, questions, announcements, fingerprints, reminder markers, invite codes,
 * the class's own uploaded material, and the class in each member's `learns:` / `instructs:` set.
 *
 * Profiles are removed too once nothing needs them: a person in no class (learner or instructor), not a
 * coordinator, with no session or scene state left (both expire, so none means no change for SESSION_TTL_DAYS), and
 * known for longer than the same `monthsAfterFollowup` months.
 *
 * The job runs daily (a repeated job: BullMQ's job scheduler, or the in-process timers), one run at a time. Each
 * class is done in an order that a crash can interrupt anywhere: files, then the summary, then the raw keys, the
 * class record and its place in `classes` last — a class whose summary exists is not exported again (its data may
 * be half removed), only its removal finished.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exportClass, exportCsv } from "../classes/service.js";
import type { Config } from "../config.js";
import type { CertificateRuleInput } from "../domain/certificate.js";
import { writeEvaluation } from "../evaluation/files.js";
import { followupAt } from "../feedback/plan.js";
import type { Logger } from "../logger.js";
import { type ClassRecord, classScope, keys, type Store } from "../store/index.js";
import type { Jobs } from "./index.js";

export const RETENTION_QUEUE = "retention";
const DAY_MS = 24 * 3600 * 1000;

export interface RetentionPolicy {
  monthsAfterFollowup: number;
  archiveDir: string;
  /** Follow-up days of a class that did not store its own (FOLLOWUP_DAYS). */
  followupDays: number;
  /** Coordinators from COORDINATOR_IDS: their profiles are always kept. */
  coordinatorIds: readonly number[];
  certificate?: CertificateRuleInput;
  localesDir?: string;
}

/** The policy as configured (RETENTION_MONTHS_AFTER_FOLLOWUP, ARCHIVE_DIR, FOLLOWUP_DAYS, the certificate rule). */
export function retentionPolicy(config: Config): RetentionPolicy {
  return {
    ...config.retention,
    followupDays: config.followupDays,
    coordinatorIds: config.coordinatorIds,
    certificate: config.certificate,
    localesDir: config.localesDir,
  };
}

export interface RetentionDeps {
  store: Store;
  logger: Logger;
  now: () => Date;
  policy: RetentionPolicy;
}

export interface RetentionResult {
  archived: string[];
  profilesRemoved: number;
}

const addMonths = (d: Date, months: number): Date => {
  const out = new Date(d);
  out.setUTCMonth(out.getUTCMonth() + months);
  return out;
};

/** When a class's raw data is due to be archived; undefined for a class without sessions (never archived). */
function archiveDueAt(
  record: Pick<ClassRecord, "sessions" | "followupDays">,
  policy: Pick<RetentionPolicy, "monthsAfterFollowup" | "followupDays">,
): Date | undefined {
  const at = followupAt(record, record.followupDays ?? policy.followupDays);
  return at && addMonths(at, policy.monthsAfterFollowup);
}

/** Keys that name a class right after their family's prefix (`<family>:<classId>` or `<family>:<classId>:…`). */
const CLASS_KEY = /^(?:class|report|fb|questions|report-print|report-text|remsent|duelock|ann:class):([^:]+)(?::|$)/;
const BATCH = 500;

export class Retention {
  constructor(private readonly deps: RetentionDeps) {}

  private get redis() {
    return this.deps.store.redis;
  }

  /** One pass: every class due is archived, then profiles nobody needs are removed. */
  async run(): Promise<RetentionResult> {
    const now = this.deps.now();
    const due = await this.dueClasses(now);
    const archived: string[] = [];
    if (due.length > 0) {
      const found = await this.scanClassKeys(new Set(due.map((c) => c.id)));
      // Read once a run: a material record holds its whole text.
      const materials = await this.deps.store.materials.list();
      for (const record of due) {
        try {
          const own = materials.filter((m) => m.scope === classScope(record.id)).map((m) => m.id);
          await this.archive(record, found.get(record.id) ?? [], own, now);
          archived.push(record.id);
        } catch (err) {
          // Left as it is; the next run tries again.
          this.deps.logger.error({ err: String(err), class: record.id }, "retention: could not archive a class");
        }
      }
    }
    const profilesRemoved = await this.removeIdleProfiles(now);
    if (archived.length > 0 || profilesRemoved > 0)
      this.deps.logger.info({ archived, profilesRemoved }, "retention: class data archived, idle profiles removed");
    return { archived, profilesRemoved };
  }

  /**
   * Classes whose archive date has passed. Only classes created at least `monthsAfterFollowup` months ago can be
   * (a class ends after it is created, give or take one typed in late), so the rest are not read.
   */
  private async dueClasses(now: Date): Promise<ClassRecord[]> {
    const createdBefore = addMonths(now, -this.deps.policy.monthsAfterFollowup).getTime();
    const ids = await this.redis.zrangebyscore(keys.classes(), "-inf", createdBefore);
    const out: ClassRecord[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      for (const record of await this.deps.store.classes.getMany(ids.slice(i, i + BATCH))) {
        const at = archiveDueAt(record, this.deps.policy);
        if (at && at.getTime() <= now.getTime()) out.push(record);
      }
    }
    return out;
  }

  /** One SCAN of the keyspace: the keys of each class in `ids` (by family prefix) and every invite code's key. */
  private async scanClassKeys(ids: Set<string>): Promise<Map<string, string[]>> {
    const prefix = this.redis.options.keyPrefix ?? "";
    const byClass = new Map<string, string[]>();
    const add = (id: string, key: string) => {
      const list = byClass.get(id);
      if (list) list.push(key);
      else byClass.set(id, [key]);
    };
    const invites: string[] = [];
    let cursor = "0";
    do {
      const [next, batch] = await this.redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      cursor = next;
      for (const full of batch) {
        const key = full.slice(prefix.length);
        if (key.startsWith("invite:")) {
          invites.push(key);
          continue;
        }
        const id = CLASS_KEY.exec(key)?.[1];
        if (id !== undefined && ids.has(id)) add(id, key);
      }
    } while (cursor !== "0");
    for (let i = 0; i < invites.length; i += BATCH) {
      const slice = invites.slice(i, i + BATCH);
      const raws = await this.redis.mget(slice);
      raws.forEach((raw, j) => {
        const classId = raw ? (JSON.parse(raw) as { classId?: string }).classId : undefined;
        const key = slice[j];
        if (classId !== undefined && ids.has(classId) && key) add(classId, key);
      });
    }
    return byClass;
  }

  private async archive(record: ClassRecord, classKeys: string[], materialIds: string[], now: Date): Promise<void> {
    const { store } = this.deps;
    const id = record.id;
    if (!(await store.archive.has(id))) await this.writeArchive(record, now);

    const learners = await store.classes.learners(id);
    const instructors = await store.classes.instructors(id);
    const questionIds = await this.redis.zrange(keys.classQuestions(id), 0, -1);
    const annIds = await this.redis.zrange(keys.classAnnouncements(id), 0, -1);
    const doomed = classKeys.filter((k) => k !== keys.class(id));
    for (const q of questionIds) doomed.push(keys.question(q), keys.questionVotes(q), keys.questionAnswerLock(q));
    for (const a of await store.announcements.getMany(annIds)) {
      // An announcement to several classes stays while one of them does (it expires by itself anyway).
      const others = a.classIds.filter((c) => c !== id);
      const live = others.length > 0 ? await store.classes.getMany(others) : [];
      if (live.length > 0) continue;
      doomed.push(
        keys.announcement(a.id),
        keys.announcementResults(a.id),
        keys.announcementCounts(a.id),
        keys.announcementErrors(a.id),
        keys.announcementReported(a.id),
      );
    }
    for (const m of materialIds) await store.materials.remove(m);

    const multi = this.redis.multi();
    for (const u of learners) multi.srem(keys.learns(u), id);
    for (const u of instructors) multi.srem(keys.instructs(u), id);
    await multi.exec();
    for (let i = 0; i < doomed.length; i += BATCH) await this.redis.del(...doomed.slice(i, i + BATCH));
    // Last, so a run cut short finds the class again and finishes.
    await this.redis.multi().del(keys.class(id)).zrem(keys.classes(), id).exec();
  }

  /** The coordinator's exports of the class into `archiveDir/<classId>/`, and its summary in Redis. */
  private async writeArchive(record: ClassRecord, now: Date): Promise<void> {
    const { store, policy } = this.deps;
    const dir = join(policy.archiveDir, record.id);
    const ev = await writeEvaluation(store, record.id, now, policy.localesDir, dir, "vi", policy.certificate);
    if (!ev) throw new Error(`class ${record.id} has no evaluation`);
    const data = await exportClass(store, record.id);
    const files = (ev.files ?? []).map((f) => f.slice(dir.length + 1));
    if (data) {
      mkdirSync(dir, { recursive: true });
      const name = `diem-danh-lop-${record.id}.csv`;
      writeFileSync(join(dir, name), exportCsv(data));
      files.push(name);
    }
    const followup = followupAt(record, record.followupDays ?? policy.followupDays);
    await store.archive.save({
      classId: record.id,
      name: record.name,
      ...(record.centre ? { centre: record.centre } : {}),
      startDate: record.startDate,
      followupAt: (followup ?? now).toISOString(),
      archivedAt: now.toISOString(),
      files,
      enrolled: ev.enrolment.enrolled,
      registered: ev.enrolment.registered,
      reportsSubmitted: ev.reports.submitted,
      reportsGraded: ev.reports.graded,
      certificates: ev.eligible.length,
      notes: ev.notes.length,
      followups: ev.followups.length,
    });
  }

  /** Profiles of people nothing needs any more (see the module comment); returns how many were removed. */
  private async removeIdleProfiles(now: Date): Promise<number> {
    const knownBefore = addMonths(now, -this.deps.policy.monthsAfterFollowup).getTime();
    const configured = new Set(this.deps.policy.coordinatorIds);
    let removed = 0;
    let cursor = "0";
    do {
      const [next, members] = await this.redis.sscan(keys.users(), cursor, "COUNT", BATCH);
      cursor = next;
      const ids = members.map(Number).filter((id) => Number.isSafeInteger(id) && !configured.has(id));
      if (ids.length === 0) continue;
      const check = this.redis.multi();
      for (const id of ids) {
        check
          .exists(keys.learns(id), keys.instructs(id), keys.session(String(id)), `${keys.conversationPrefix}${id}`)
          .sismember(keys.coordinators(), id)
          .get(keys.user(id));
      }
      const replies = (await check.exec()) ?? [];
      const idle: number[] = [];
      ids.forEach((id, i) => {
        const [inUse, coordinator, raw] = replies.slice(i * 3, i * 3 + 3).map((r) => r[1]);
        if (inUse !== 0 || coordinator !== 0) return;
        const createdAt = raw ? Date.parse((JSON.parse(raw as string) as { createdAt?: string }).createdAt ?? "") : 0;
        if (!(createdAt > knownBefore)) idle.push(id);
      });
      if (idle.length === 0) continue;
      const drop = this.redis.multi();
      for (const id of idle) {
        drop.del(keys.user(id), keys.reminderMutes(id)).srem(keys.users(), id).hdel(keys.unreachable(), String(id));
      }
      await drop.exec();
      removed += idle.length;
    } while (cursor !== "0");
    return removed;
  }
}

/** Declares the daily retention job and runs it in this process (one run at a time). */
export async function startRetention(jobs: Jobs, deps: RetentionDeps): Promise<void> {
  const retention = new Retention(deps);
  jobs.process(RETENTION_QUEUE, async () => void (await retention.run()), { concurrency: 1 });
  await jobs.repeat(RETENTION_QUEUE, { name: "retention", id: "daily", data: {}, everyMs: DAY_MS });
}
