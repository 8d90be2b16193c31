/**
 * The store: repositories over one ioredis connection. See `keys.ts` for the key schema.
 */
import type { VersionedState } from "@grammyjs/conversations";
import type { StorageAdapter } from "grammy";
import { AnnouncementRepo } from "./announcements.js";
import { ArchiveRepo } from "./archive.js";
import { ClassRepo } from "./classes.js";
import { FaqRepo } from "./faq.js";
import { FeedbackRepo } from "./feedback.js";
import type { RecordKind } from "./ids.js";
import { keys } from "./keys.js";
import { MarkerRepo } from "./marker.js";
import { MaterialRepo } from "./materials.js";
import { QuestionRepo } from "./questions.js";
import { closeRedis, type RedisClient } from "./redis.js";
import { ReportRepo } from "./reports.js";
import { PrimedRedisStorage } from "./session-adapter.js";
import { SimilarityRepo } from "./similarity.js";
import { UpdateRepo } from "./updates.js";
import { UserRepo } from "./users.js";

const RECORD_KEYS: Record<RecordKind, (id: string) => string> = {
  class: keys.class,
  question: keys.question,
  faq: keys.faq,
  material: keys.material,
  announcement: keys.announcement,
};

export class Store {
  readonly users: UserRepo;
  readonly reports: ReportRepo;
  readonly feedback: FeedbackRepo;
  readonly questions: QuestionRepo;
  readonly faq: FaqRepo;
  readonly materials: MaterialRepo;
  readonly prints: SimilarityRepo;
  readonly classes: ClassRepo;
  readonly updates: UpdateRepo;
  readonly announcements: AnnouncementRepo;
  readonly archive: ArchiveRepo;
  readonly marker: MarkerRepo;

  constructor(readonly redis: RedisClient) {
    this.users = new UserRepo(redis);
    this.reports = new ReportRepo(redis);
    this.feedback = new FeedbackRepo(redis);
    this.questions = new QuestionRepo(redis);
    this.faq = new FaqRepo(redis);
    this.materials = new MaterialRepo(redis);
    this.prints = new SimilarityRepo(redis);
    this.classes = new ClassRepo(redis);
    this.updates = new UpdateRepo(redis);
    this.announcements = new AnnouncementRepo(redis);
    this.archive = new ArchiveRepo(redis);
    this.marker = new MarkerRepo(redis);
  }

  /**
   * Session storage for grammY's `session()`; keys are prefixed by the session middleware with `sess:`. A session
   * expires `ttlSeconds` after its last change (none: kept).
   */
  sessionStorage<T>(ttlSeconds?: number): StorageAdapter<T> {
    return new PrimedRedisStorage<T>(this.redis, ttlSeconds);
  }

  /** Conversation state storage for @grammyjs/conversations v2, under `conv:`, expiring `ttlSeconds` after a step. */
  conversationStorage<S>(
    version: number,
    ttlSeconds?: number,
  ): {
    type: "key";
    version: number;
    prefix: string;
    adapter: StorageAdapter<VersionedState<S>>;
  } {
    return {
      type: "key",
      version,
      prefix: keys.conversationPrefix,
      adapter: new PrimedRedisStorage<VersionedState<S>>(this.redis, ttlSeconds),
    };
  }

  /** Whether the record a button names is still stored (a press on a button whose record is gone is told so). */
  async exists(kind: RecordKind, id: string): Promise<boolean> {
    return (await this.redis.exists(RECORD_KEYS[kind](id))) === 1;
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === "PONG";
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await closeRedis(this.redis);
  }
}

export * from "./announcements.js";
export * from "./archive.js";
export * from "./classes.js";
export * from "./faq.js";
export * from "./feedback.js";
export type { RecordKind } from "./ids.js";
export { keys } from "./keys.js";
export * from "./marker.js";
export * from "./materials.js";
export * from "./questions.js";
export type { RedisClient } from "./redis.js";
export { createRedis } from "./redis.js";
export * from "./reports.js";
export * from "./similarity.js";
export * from "./updates.js";
export * from "./users.js";
