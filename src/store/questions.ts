/**
 * Questions from learners to the instructors of their class: the question, its upvotes (for the discussion
 * half-day), the answer, and which instructor message carries which question (so a Telegram reply to it is an
 * answer). Keys are in keys.ts.
 */
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

export class QuestionRepo {
  constructor(private readonly redis: RedisClient) {}

  async create(input: { classId: string; userId: number; text: string; askedAt: string }): Promise<QuestionRecord> {
    const id = `q${await this.redis.incr(keys.questionSeq())}`;
    const record: QuestionRecord = { id, ...input, status: "open" };
    await this.redis
      .multi()
      .set(keys.question(id), JSON.stringify(record))
      .zadd(keys.classQuestions(input.classId), Date.parse(input.askedAt), id)
      .exec();
    return record;
  }

  async get(id: string): Promise<QuestionRecord | undefined> {
    if (!/^q\d{1,12}$/.test(id)) return undefined;
    const raw = await this.redis.get(keys.question(id));
    return raw ? (JSON.parse(raw) as QuestionRecord) : undefined;
  }

  async save(record: QuestionRecord): Promise<void> {
    await this.redis.set(keys.question(record.id), JSON.stringify(record));
  }

  /**
   * Records the answer unless the question already has one (first answer wins when two instructors answer at
   * once); returns the updated record, or undefined when it was already answered.
   */
  async answer(id: string, answer: { text?: string; by: number; at: string }): Promise<QuestionRecord | undefined> {
    const q = await this.get(id);
    if (!q || q.status === "answered") return undefined;
    // Claim the answer atomically: only one caller sets the marker.
    const claimed = await this.redis.set(keys.questionAnswerLock(id), String(answer.by), "NX");
    if (claimed !== "OK") return undefined;
    const updated: QuestionRecord = { ...q, status: "answered", answeredBy: answer.by, answeredAt: answer.at };
    if (answer.text !== undefined) updated.answer = answer.text;
    await this.save(updated);
    return updated;
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
