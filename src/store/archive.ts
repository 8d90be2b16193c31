/**
 * What is left of a class after the retention job removed its raw keys (src/jobs/retention.ts): a small summary
 * (`archive:<classId>`), which also stands as the class's tombstone — a button naming the class can say it was
 * archived rather than that it never existed — and, outside Redis, the exported files it names.
 */
import { keys } from "./keys.js";
import type { RedisClient } from "./redis.js";

/** How long a summary is kept: long past any button or message that could still name the class. */
export const ARCHIVE_SUMMARY_TTL_SECONDS = 5 * 366 * 24 * 3600;

export interface ArchiveSummary {
  classId: string;
  name: string;
  centre?: string;
  startDate: string;
  /** The follow-up survey date (the class's end + its follow-up days), ISO. */
  followupAt: string;
  archivedAt: string;
  /** The exported files written for the class (names inside the archive directory). */
  files: string[];
  enrolled: number;
  registered: number;
  reportsSubmitted: number;
  reportsGraded: number;
  certificates: number;
  notes: number;
  followups: number;
}

export class ArchiveRepo {
  constructor(private readonly redis: RedisClient) {}

  async save(summary: ArchiveSummary): Promise<void> {
    await this.redis.set(keys.archive(summary.classId), JSON.stringify(summary), "EX", ARCHIVE_SUMMARY_TTL_SECONDS);
  }

  async get(classId: string): Promise<ArchiveSummary | undefined> {
    const raw = await this.redis.get(keys.archive(classId));
    return raw ? (JSON.parse(raw) as ArchiveSummary) : undefined;
  }

  /** Whether the class was archived (its raw data removed by the retention job). */
  async has(classId: string): Promise<boolean> {
    return (await this.redis.exists(keys.archive(classId))) === 1;
  }
}
