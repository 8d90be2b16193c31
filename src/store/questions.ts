/**
 * Questions from learners to the instructors of their class: the question, its upvotes (for the discussion
 * half-day), the answer, and which instructor message carries which question (so a Telegram reply to it is an
 * answer). Keys are in keys.ts.
 */
import { randomUUID } from "node:crypto";
import { deleteIfHeld } from "./held.js";
import { isId, newId } from "./ids.js";
import { keys } from "./keys.js";
import type { RedisClient } from "./redis.js";

export interface QuestionRecord {
  id: string;
  classId: string;
  userId: number;
  text: string;
  askedAt: string;
  status: "open" | "answered";
  answer?: string;
  answeredBy?: number;
  answeredAt?: string;
  /** Set when an instructor added the answer to the FAQ. */
  faqId?: string;
}

const MESSAGE_LINK_SECONDS = 120 * 24 * 3600;
/** Long enough for any delivery of an answer (a few messages), short enough that a crash frees the question soon. */
const ANSWER_CLAIM_SECONDS = 15 * 60;

export type AnswerClaim =
  | { ok: true; record: QuestionRecord; token: string }
  | { ok: false; reason: "gone" | "answered" | "busy" };

export class QuestionRepo {
  constructor(private readonly redis: RedisClient) {}

  async create(input: { classId: string; userId: number; text: string; askedAt: string }): Promise<QuestionRecord> {
    const id = newId("q");
    const record: QuestionRecord = { id, ...input, status: "open" };
    await this.redis
      .multi()
      .set(keys.question(id), JSON.stringify(record))
      .zadd(keys.classQuestions(input.classId), Date.parse(input.askedAt), id)
      .exec();
    return record;
  }

  async get(id: string): Promise<QuestionRecord | undefined> {
    if (!isId("q", id)) return undefined;
    const raw = await this.redis.get(keys.question(id));
    return raw ? (JSON.parse(raw) as QuestionRecord) : undefined;
  }

  async save(record: QuestionRecord): Promise<void> {
    await this.redis.set(keys.question(record.id), JSON.stringify(record));
  }

  /**
   * Takes the right to answer, before the answer is delivered: the first of two instructors answering at once wins
   * it. `answered` when the question has its answer already, `busy` while another instructor's answer is on its way.
   * The claim lapses by itself, so a process that died mid-delivery does not hold the question for ever.
   */
  async claimAnswer(id: string, by: number): Promise<AnswerClaim> {
    const q = await this.get(id);
    if (!q) return { ok: false, reason: "gone" };
    if (q.status === "answered") return { ok: false, reason: "answered" };
    const token = `${by}:${randomUUID()}`;
    const lock = keys.questionAnswerLock(id);
    const claimed = await this.redis.set(lock, token, "EX", ANSWER_CLAIM_SECONDS, "NX");
    // Held by this same instructor: an earlier attempt of theirs that failed after claiming (the store went away
    // before the answer was recorded, and the update is being handled again) — theirs to take over.
    if (claimed !== "OK" && (await this.redis.get(lock))?.startsWith(`${by}:`)) {
      await this.redis.set(lock, token, "EX", ANSWER_CLAIM_SECONDS);
      return { ok: true, record: q, token };
    }
    if (claimed !== "OK") {
      const again = await this.get(id);
      return { ok: false, reason: again?.status === "answered" ? "answered" : "busy" };
    }
    return { ok: true, record: q, token };
  }

  /** Gives a claim back (the delivery failed): the question stays open and anyone may answer it. */
  async releaseAnswer(id: string, token: string): Promise<void> {
    await deleteIfHeld(this.redis, keys.questionAnswerLock(id), token);
  }

  /** Records the answer (or «answered in class» without `text`) of a question claimed with `claimAnswer`. */
  async recordAnswer(
    id: string,
    answer: { text?: string; by: number; at: string },
  ): Promise<QuestionRecord | undefined> {
    const q = await this.get(id);
    if (!q) return undefined;
    const updated: QuestionRecord = { ...q, status: "answered", answeredBy: answer.by, answeredAt: answer.at };
    if (answer.text !== undefined) updated.answer = answer.text;
    await this.save(updated);
    return updated;
  }

  /**
   * Claims and records at once, for an answer whose delivery does not decide it (answered in class); undefined
   * when it was answered already or is being answered.
   */
  async answer(id: string, answer: { text?: string; by: number; at: string }): Promise<QuestionRecord | undefined> {
    const claim = await this.claimAnswer(id, answer.by);
    return claim.ok ? this.recordAnswer(id, answer) : undefined;
  }

  /** The class's questions, oldest first. */
  async ofClass(classId: string): Promise<QuestionRecord[]> {
    const ids = await this.redis.zrange(keys.classQuestions(classId), 0, -1);
    if (ids.length === 0) return [];
    const raws = await this.redis.mget(ids.map((id) => keys.question(id)));
    return raws.filter((r): r is string => !!r).map((r) => JSON.parse(r) as QuestionRecord);
  }

  /** Toggles a learner's upvote; returns whether it is on now. */
  async toggleVote(id: string, userId: number): Promise<boolean> {
    if ((await this.redis.srem(keys.questionVotes(id), userId)) === 1) return false;
    await this.redis.sadd(keys.questionVotes(id), userId);
    return true;
  }

  async votes(ids: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (ids.length === 0) return out;
    const multi = this.redis.multi();
    for (const id of ids) multi.scard(keys.questionVotes(id));
    const res = (await multi.exec()) ?? [];
    ids.forEach((id, i) => {
      out.set(id, Number(res[i]?.[1] ?? 0));
    });
    return out;
  }

  /** Remembers that message `messageId` in `chatId` shows question `id` (so replying to it answers). */
  async linkMessage(chatId: number, messageId: number, id: string): Promise<void> {
    await this.redis.set(keys.questionMessage(chatId, messageId), id, "EX", MESSAGE_LINK_SECONDS);
  }

  async byMessage(chatId: number, messageId: number): Promise<string | undefined> {
    return (await this.redis.get(keys.questionMessage(chatId, messageId))) ?? undefined;
  }
}
