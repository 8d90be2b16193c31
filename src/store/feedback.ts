/**
 * Learners' feedback: a 1–5 rating per session (once), free feedback (optionally anonymous), reflections after a
 * field visit, answers to the follow-up survey, and the "prompt sent" markers that make the queued prompts
 * at-most-once per learner. Keys are in keys.ts.
 *
 * Anonymous feedback is stored WITHOUT the author's id: no view, export or database reader can name its author.
 */
import { keys } from "./keys.js";
import { appendOnce, hsetFirst } from "./once.js";
import type { RedisClient } from "./redis.js";

export const FEEDBACK_TOPICS = ["discussion", "class", "suggestion"] as const;
export type FeedbackTopic = (typeof FEEDBACK_TOPICS)[number];

export const FOLLOWUP_APPLIED = ["much", "some", "not_yet"] as const;
export type FollowupApplied = (typeof FOLLOWUP_APPLIED)[number];

interface SessionRating {
  stars: number;
  comment?: string;
  at: string;
}

interface FeedbackNote {
  topic: FeedbackTopic;
  text: string;
  at: string;
  anonymous: boolean;
  /** Absent when anonymous — never stored. */
  userId?: number;
}

interface Reflection {
  text: string;
  at: string;
}

interface FollowupAnswer {
  applied: FollowupApplied;
  text?: string;
  at: string;
}

const SENT_MARKER_SECONDS = 400 * 24 * 3600;

export class FeedbackRepo {
  constructor(private readonly redis: RedisClient) {}

  /**
   * Records a learner's rating of a session once; false when they had rated it already (a re-sent write of this very
   * rating, its reply lost, is still true).
   */
  async rate(classId: string, sessionId: string, userId: number, stars: number, at: Date): Promise<boolean> {
    const rating: SessionRating = { stars, at: at.toISOString() };
    return hsetFirst(this.redis, keys.feedbackRatings(classId, sessionId), String(userId), JSON.stringify(rating));
  }

  async rating(classId: string, sessionId: string, userId: number): Promise<SessionRating | undefined> {
    const raw = await this.redis.hget(keys.feedbackRatings(classId, sessionId), String(userId));
    return raw ? (JSON.parse(raw) as SessionRating) : undefined;
  }

  /** Adds (or replaces) the comment of an existing rating; false when there is no rating to comment on. */
  async commentRating(classId: string, sessionId: string, userId: number, comment: string): Promise<boolean> {
    const existing = await this.rating(classId, sessionId, userId);
    if (!existing) return false;
    await this.redis.hset(
      keys.feedbackRatings(classId, sessionId),
      String(userId),
      JSON.stringify({ ...existing, comment }),
    );
    return true;
  }

  async ratings(classId: string, sessionId: string): Promise<Map<number, SessionRating>> {
    const raw = await this.redis.hgetall(keys.feedbackRatings(classId, sessionId));
    return new Map(Object.entries(raw).map(([k, v]) => [Number(k), JSON.parse(v) as SessionRating]));
  }

  /**
   * Free feedback; the author's id is dropped when `anonymous`. With `updateId` (the update that carried the note),
   * stored once for that update however often the call comes. The op marker names the update, never the author.
   */
  async addNote(
    classId: string,
    note: Omit<FeedbackNote, "userId"> & { userId: number },
    updateId?: number,
  ): Promise<void> {
    const stored: FeedbackNote = { topic: note.topic, text: note.text, at: note.at, anonymous: note.anonymous };
    if (!note.anonymous) stored.userId = note.userId;
    await appendOnce(this.redis, keys.feedbackNotes(classId), JSON.stringify(stored), updateId, "note");
  }

  async notes(classId: string): Promise<FeedbackNote[]> {
    return (await this.redis.lrange(keys.feedbackNotes(classId), 0, -1)).map((r) => JSON.parse(r) as FeedbackNote);
  }

  async addReflection(classId: string, sessionId: string, userId: number, reflection: Reflection): Promise<void> {
    await this.redis.hset(keys.feedbackReflections(classId, sessionId), String(userId), JSON.stringify(reflection));
  }

  async reflections(classId: string, sessionId: string): Promise<Map<number, Reflection>> {
    const raw = await this.redis.hgetall(keys.feedbackReflections(classId, sessionId));
    return new Map(Object.entries(raw).map(([k, v]) => [Number(k), JSON.parse(v) as Reflection]));
  }

  async addFollowup(classId: string, userId: number, answer: FollowupAnswer): Promise<void> {
    await this.redis.hset(keys.feedbackFollowup(classId), String(userId), JSON.stringify(answer));
  }

  async followups(classId: string): Promise<Map<number, FollowupAnswer>> {
    const raw = await this.redis.hgetall(keys.feedbackFollowup(classId));
    return new Map(Object.entries(raw).map(([k, v]) => [Number(k), JSON.parse(v) as FollowupAnswer]));
  }

  /** Claims sending prompt `key` of a class to a user (SET NX): true exactly once. */
  async claimPrompt(classId: string, key: string, userId: number): Promise<boolean> {
    return (
      (await this.redis.set(keys.feedbackPromptSent(classId, key, userId), "1", "EX", SENT_MARKER_SECONDS, "NX")) ===
      "OK"
    );
  }

  async releasePrompt(classId: string, key: string, userId: number): Promise<void> {
    await this.redis.del(keys.feedbackPromptSent(classId, key, userId));
  }
}
