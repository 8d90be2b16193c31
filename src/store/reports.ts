/**
 * Written reports (bản thu hoạch): every submitted version of a learner's report in a class, and the grades given,
 * with their history. Files are kept as Telegram file_ids (never copied). Keys are in keys.ts.
 *
 * Appends are made once per update: a version or a grade written for an update is not written again when the same
 * command comes a second time (ioredis re-sending it after a lost reply, or the update redelivered after a failure).
 * Only the latest N versions (the centre's quota) keep their parts; older ones are reduced to a summary in place, so
 * numbering stays monotonic and a version's number stays its place in the list.
 */
import type { Grade } from "../domain/grading.js";
import { CentreNumbers } from "./centre-numbers.js";
import { keys } from "./keys.js";
import { appendOnce, OP_TTL_SECONDS } from "./once.js";
import type { RedisClient } from "./redis.js";

export type ReportPart =
  | { kind: "text"; text: string }
  | { kind: "document"; fileId: string; fileName: string; mimeType: string; size: number }
  | { kind: "photo"; fileId: string; size: number };

interface ReportVersion {
  /** 1-based, in submission order. */
  version: number;
  submittedAt: string;
  /** Submitted after the class's report deadline (accepted, but marked). */
  late: boolean;
  parts: ReportPart[];
  /** Set when the version fell outside the quota: its parts were dropped, this is what is left of them. */
  dropped?: DroppedVersion;
}

/** What is kept of a version beyond the quota. */
interface DroppedVersion {
  /** How many parts it had. */
  parts: number;
  /** Bytes of its text and files. */
  bytes: number;
  /** The grade given to this version, if any. */
  grade?: Grade;
}

interface GradeRecord {
  grade: Grade;
  comment?: string;
  /** The instructor (or coordinator) who graded. */
  by: number;
  at: string;
  /** The report version that was graded. */
  version: number;
}

/** What an instructor's list and the evaluation need per learner, without loading every part. */
interface ReportStatus {
  userId: number;
  versions: number;
  lastAt: string;
  /** The latest version was late. */
  latestLate: boolean;
  /**
   * The report as judged: late when the graded version was, or (ungraded) when even the first version was — a later
   * version sent after the deadline does not make an on-time report late.
   */
  late: boolean;
  /** The current grade; `grade.version` below `versions` means a newer version waits ungraded. */
  grade?: GradeRecord;
}

/**
 * One script per submission: numbers the version by its place in the list (so concurrent submissions never share a
 * number), records the submitter and marks the update's op key. A second run for the same update returns the version
 * the first stored.
 *
 * KEYS: op, versions, submitters. ARGV: op TTL, record JSON without its number, user id, "1" when the op key is used.
 */
const ADD_VERSION_SCRIPT = `
if ARGV[4] == '1' then
  local done = redis.call('GET', KEYS[1])
  if done then return redis.call('LINDEX', KEYS[2], tonumber(done) - 1) end
end
local n = redis.call('LLEN', KEYS[2]) + 1
local record = '{"version":' .. n .. ',' .. string.sub(ARGV[2], 2)
redis.call('RPUSH', KEYS[2], record)
redis.call('SADD', KEYS[3], ARGV[3])
if ARGV[4] == '1' then redis.call('SET', KEYS[1], n, 'EX', ARGV[1]) end
return record
`;

type WithReportScripts = RedisClient & { trogiangAddVersion(...keysAndArgs: (string | number)[]): Promise<string> };

export interface AddVersionOptions {
  /** The update that confirmed the submission: the version is stored once for it, however often the call comes. */
  updateId?: number;
  /** Versions kept whole (the centre's quota); older ones are summarised. Absent: all kept. */
  keep?: number;
}

export class ReportRepo {
  private readonly centreKept: CentreNumbers;

  constructor(private readonly redis: RedisClient) {
    this.centreKept = new CentreNumbers(redis, keys.centreReportVersions());
    if (!("trogiangAddVersion" in redis)) {
      redis.defineCommand("trogiangAddVersion", { numberOfKeys: 3, lua: ADD_VERSION_SCRIPT });
    }
  }

  /**
   * Stores a new version; its number is its place in the list, so concurrent submissions never share one. For the
   * same `updateId` again, returns the version stored the first time instead of adding one.
   */
  async addVersion(
    classId: string,
    userId: number,
    input: { parts: ReportPart[]; submittedAt: string; late: boolean },
    { updateId, keep = 0 }: AddVersionOptions = {},
  ): Promise<ReportVersion> {
    const body = JSON.stringify({ submittedAt: input.submittedAt, late: input.late, parts: input.parts });
    const raw = await (this.redis as WithReportScripts).trogiangAddVersion(
      keys.operation(updateId ?? 0, "report-version"),
      keys.reportVersions(classId, userId),
      keys.reportSubmitters(classId),
      OP_TTL_SECONDS,
      body,
      userId,
      updateId === undefined ? "0" : "1",
    );
    const stored = JSON.parse(raw) as ReportVersion;
    if (keep > 0 && stored.version > keep) await this.summariseBefore(classId, userId, stored.version - keep + 1);
    return stored;
  }

  /**
   * Reduces every version numbered below `first` to its summary (number, time, size, grade) and drops its
   * fingerprint and checked text; stops at the first one already summarised (those before it were done earlier).
   * Writing the same summary twice is harmless, so two submissions racing here agree.
   */
  private async summariseBefore(classId: string, userId: number, first: number): Promise<void> {
    const key = keys.reportVersions(classId, userId);
    const [versions, grades] = await Promise.all([this.redis.lrange(key, 0, first - 2), this.grades(classId, userId)]);
    const multi = this.redis.multi();
    let summarised = 0;
    for (let i = versions.length - 1; i >= 0; i--) {
      const raw = versions[i];
      if (!raw || raw === "{}") continue;
      const old = JSON.parse(raw) as ReportVersion;
      if (old.dropped) break;
      const dropped: DroppedVersion = {
        parts: old.parts.length,
        bytes: old.parts.reduce((n, p) => n + (p.kind === "text" ? Buffer.byteLength(p.text) : p.size), 0),
      };
      const grade = grades.findLast((g) => g.version === old.version)?.grade;
      if (grade) dropped.grade = grade;
      const summary: ReportVersion = { ...old, parts: [], dropped };
      multi.lset(key, i, JSON.stringify(summary));
      multi.hdel(keys.reportPrints(classId), `${userId}:${old.version}`);
      multi.hdel(keys.reportTexts(classId), `${userId}:${old.version}`);
      summarised++;
    }
    if (summarised > 0) await multi.exec();
    else multi.discard();
  }

  /** Versions kept whole in a class of `centre`: the centre's own quota when its coordinator set one, else `fallback`. */
  async versionsKept(centre: string | undefined, fallback: number): Promise<number> {
    return (await this.centreKept.get(centre)) ?? fallback;
  }

  /** Every centre's own quota of versions kept whole, by centre name. */
  centreVersionsKept(): Promise<Map<string, number>> {
    return this.centreKept.all();
  }

  setCentreVersionsKept(centre: string, kept: number): Promise<void> {
    return this.centreKept.set(centre, kept);
  }

  /** How many versions the learner has submitted in the class (summarised ones included). */
  async versionCount(classId: string, userId: number): Promise<number> {
    return this.redis.llen(keys.reportVersions(classId, userId));
  }

  async versions(classId: string, userId: number): Promise<ReportVersion[]> {
    return (await this.redis.lrange(keys.reportVersions(classId, userId), 0, -1)).map(
      (raw) => JSON.parse(raw) as ReportVersion,
    );
  }

  /** One version by its number (1-based), or undefined. */
  async version(classId: string, userId: number, version: number): Promise<ReportVersion | undefined> {
    const raw = await this.redis.lindex(keys.reportVersions(classId, userId), version - 1);
    if (!raw || raw === "{}") return undefined;
    return JSON.parse(raw) as ReportVersion;
  }

  async latest(classId: string, userId: number): Promise<ReportVersion | undefined> {
    const raw = await this.redis.lindex(keys.reportVersions(classId, userId), -1);
    return raw ? (JSON.parse(raw) as ReportVersion) : undefined;
  }

  async submitters(classId: string): Promise<number[]> {
    return (await this.redis.smembers(keys.reportSubmitters(classId))).map(Number).sort((a, b) => a - b);
  }

  /**
   * Appends a grade; the last one is current, earlier ones are the history. With `updateId`, once for that update:
   * false when that update had appended it already.
   */
  async addGrade(classId: string, userId: number, grade: GradeRecord, updateId?: number): Promise<boolean> {
    return appendOnce(this.redis, keys.reportGrades(classId, userId), JSON.stringify(grade), updateId, "grade");
  }

  async grades(classId: string, userId: number): Promise<GradeRecord[]> {
    return (await this.redis.lrange(keys.reportGrades(classId, userId), 0, -1)).map(
      (raw) => JSON.parse(raw) as GradeRecord,
    );
  }

  async currentGrade(classId: string, userId: number): Promise<GradeRecord | undefined> {
    const raw = await this.redis.lindex(keys.reportGrades(classId, userId), -1);
    return raw ? (JSON.parse(raw) as GradeRecord) : undefined;
  }

  /**
   * Status of every learner who submitted: one round trip for the counts, first and latest versions and grades, one
   * more for the graded versions.
   */
  async statuses(classId: string): Promise<Map<number, ReportStatus>> {
    const ids = await this.submitters(classId);
    const out = new Map<number, ReportStatus>();
    if (ids.length === 0) return out;
    const multi = this.redis.multi();
    for (const id of ids) {
      multi.llen(keys.reportVersions(classId, id));
      multi.lindex(keys.reportVersions(classId, id), 0);
      multi.lindex(keys.reportVersions(classId, id), -1);
      multi.lindex(keys.reportGrades(classId, id), -1);
    }
    const res = (await multi.exec()) ?? [];
    const graded: ReportStatus[] = [];
    ids.forEach((id, i) => {
      const versions = Number(res[i * 4]?.[1] ?? 0);
      const first = res[i * 4 + 1]?.[1] as string | null;
      const last = res[i * 4 + 2]?.[1] as string | null;
      const grade = res[i * 4 + 3]?.[1] as string | null;
      if (!first || !last || last === "{}" || versions === 0) return;
      const v = JSON.parse(last) as ReportVersion;
      const firstLate = first === "{}" ? v.late : (JSON.parse(first) as ReportVersion).late;
      const status: ReportStatus = { userId: id, versions, lastAt: v.submittedAt, latestLate: v.late, late: firstLate };
      if (grade) {
        status.grade = JSON.parse(grade) as GradeRecord;
        graded.push(status);
      }
      out.set(id, status);
    });
    if (graded.length > 0) {
      const again = this.redis.multi();
      for (const st of graded) again.lindex(keys.reportVersions(classId, st.userId), (st.grade?.version ?? 1) - 1);
      const rows = (await again.exec()) ?? [];
      graded.forEach((st, i) => {
        const raw = rows[i]?.[1] as string | null;
        if (raw && raw !== "{}") st.late = (JSON.parse(raw) as ReportVersion).late;
      });
    }
    return out;
  }
}
