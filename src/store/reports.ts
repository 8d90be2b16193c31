/**
 * Written reports (bản thu hoạch): every submitted version of a learner's report in a class, and the grades given,
 * with their history. Files are kept as Telegram file_ids (never copied). Keys are in keys.ts.
 */
import type { Grade } from "../domain/grading.js";
import { keys } from "./keys.js";
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

export class ReportRepo {
  constructor(private readonly redis: RedisClient) {}

  /** Stores a new version; its number is its place in the list, so concurrent submissions never share one. */
  async addVersion(
    classId: string,
    userId: number,
    input: { parts: ReportPart[]; submittedAt: string; late: boolean },
  ): Promise<ReportVersion> {
    const key = keys.reportVersions(classId, userId);
    // RPUSH a placeholder first to claim the number, then write the full record in its place.
    const n = await this.redis.rpush(key, "{}");
    const record: ReportVersion = { version: n, ...input };
    await this.redis
      .multi()
      .lset(key, n - 1, JSON.stringify(record))
      .sadd(keys.reportSubmitters(classId), userId)
      .exec();
    return record;
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

  /** Appends a grade; the last one is current, earlier ones are the history. */
  async addGrade(classId: string, userId: number, grade: GradeRecord): Promise<void> {
    await this.redis.rpush(keys.reportGrades(classId, userId), JSON.stringify(grade));
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
