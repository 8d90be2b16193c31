/**
 * FAQ entries added in the bot by instructors (from an answered question). They are searched together with
 * `content/` (see `faqDocs` and Knowledge's `extraDocs`). `faq-version` goes up with every change, so every bot
 * process on this Redis can notice a new entry cheaply and rebuild its index. Keys are in keys.ts.
 */
import type { ContentDoc } from "../content/types.js";
import { keys } from "./keys.js";
import type { RedisClient } from "./redis.js";

interface FaqEntry {
  id: string;
  question: string;
  answer: string;
  classId?: string;
  questionId?: string;
  addedBy: number;
  addedAt: string;
}

export class FaqRepo {
  constructor(private readonly redis: RedisClient) {}

  async add(input: Omit<FaqEntry, "id">): Promise<FaqEntry> {
    const id = `f${await this.redis.incr(keys.faqSeq())}`;
    const entry: FaqEntry = { id, ...input };
    await this.redis
      .multi()
      .set(keys.faq(id), JSON.stringify(entry))
      .zadd(keys.faqs(), Date.parse(input.addedAt), id)
      .incr(keys.faqVersion())
      .exec();
    return entry;
  }

  async list(): Promise<FaqEntry[]> {
    const ids = await this.redis.zrange(keys.faqs(), 0, -1);
    if (ids.length === 0) return [];
    const raws = await this.redis.mget(ids.map((id) => keys.faq(id)));
    return raws.filter((r): r is string => !!r).map((r) => JSON.parse(r) as FaqEntry);
  }

  /** A number that changes whenever an entry is added. */
  async version(): Promise<number> {
    return Number((await this.redis.get(keys.faqVersion())) ?? 0);
  }
}

/** Markdown heading text: one line, no leading `#`. */
function headingText(s: string): string {
  return s
    .replace(/\s+/g, " ")
    .replace(/^#+\s*/, "")
    .trim();
}

/** The stored entries as one searchable FAQ document (each entry a `##` section, like content/hoi-dap.md). */
function faqDocs(entries: FaqEntry[], title: string): ContentDoc[] {
  if (entries.length === 0) return [];
  const body = [`# ${title}`, ""];
  for (const e of entries) body.push(`## ${headingText(e.question)}`, "", e.answer.trim(), "");
  return [
    {
      id: "faq-bot",
      title,
      kind: "faq",
      keywords: [],
      confidence: "high",
      file: "bot:faq",
      body: body.join("\n").normalize("NFC"),
      bodyLine: 1,
    },
  ];
}

/** `extraDocs` for Knowledge: the stored entries, read at every (re)build. */
export async function faqExtraDocs(store: { faq: FaqRepo }, title: string): Promise<ContentDoc[]> {
  return faqDocs(await store.faq.list(), title);
}
