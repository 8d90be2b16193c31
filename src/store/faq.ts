/**
 * FAQ entries added in the bot by instructors (from an answered question). They are searched together with
 * `content/` (see `faqDocs` and Knowledge's `extraDocs`). `faq-version` goes up with every change, so every bot
 * process on this Redis can notice a new entry cheaply and rebuild its index. Keys are in keys.ts.
 *
 * An entry belongs to a scope, as a centre's own files do (materials.ts): the class it was answered in (the default),
 * its centre, or — chosen by a coordinator — everyone; only readers of that scope are answered from it.
 */
import type { ContentDoc } from "../content/types.js";
import { newId } from "./ids.js";
import { keys } from "./keys.js";
import type { RedisClient } from "./redis.js";

interface FaqEntry {
  id: string;
  question: string;
  answer: string;
  classId?: string;
  /** Who is answered from it: `class:<id>` or `centre:<name>`; absent = every learner. */
  scope?: string;
  questionId?: string;
  addedBy: number;
  addedAt: string;
}

export class FaqRepo {
  constructor(private readonly redis: RedisClient) {}

  async add(input: Omit<FaqEntry, "id">): Promise<FaqEntry> {
    const id = newId("f");
    const entry: FaqEntry = { id, ...input };
    await this.redis
      .multi()
      .set(keys.faq(id), JSON.stringify(entry))
      .zadd(keys.faqs(), Date.parse(input.addedAt), id)
      .incr(keys.faqVersion())
      .exec();
    return entry;
  }

  async get(id: string): Promise<FaqEntry | undefined> {
    const raw = await this.redis.get(keys.faq(id));
    return raw ? (JSON.parse(raw) as FaqEntry) : undefined;
  }

  /** Moves an entry to another scope (undefined = everyone). */
  async setScope(id: string, scope: string | undefined): Promise<FaqEntry | undefined> {
    const entry = await this.get(id);
    if (!entry) return undefined;
    const { scope: _old, ...rest } = entry;
    const next: FaqEntry = scope === undefined ? rest : { ...rest, scope };
    await this.redis.multi().set(keys.faq(id), JSON.stringify(next)).incr(keys.faqVersion()).exec();
    return next;
  }

  async remove(id: string): Promise<boolean> {
    const res = await this.redis.multi().del(keys.faq(id)).zrem(keys.faqs(), id).incr(keys.faqVersion()).exec();
    return Number(res?.[0]?.[1] ?? 0) > 0;
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

/**
 * The stored entries as searchable FAQ documents, one per scope (each entry a `##` section, like
 * content/hoi-dap.md); a scoped document answers only the readers of its scope.
 */
function faqDocs(entries: FaqEntry[], title: string): ContentDoc[] {
  const byScope = new Map<string | undefined, FaqEntry[]>();
  for (const e of entries) byScope.set(e.scope, [...(byScope.get(e.scope) ?? []), e]);
  return [...byScope].map(([scope, list], n) => {
    const body = [`# ${title}`, ""];
    for (const e of list) body.push(`## ${headingText(e.question)}`, "", e.answer.trim(), "");
    return {
      id: scope === undefined ? "faq-bot" : `faq-bot-${n}`,
      title,
      kind: "faq",
      keywords: [],
      confidence: "high",
      file: "bot:faq",
      body: body.join("\n").normalize("NFC"),
      bodyLine: 1,
      ...(scope === undefined ? {} : { scope }),
    } satisfies ContentDoc;
  });
}

/** `extraDocs` for Knowledge: the stored entries, read at every (re)build. */
export async function faqExtraDocs(store: { faq: FaqRepo }, title: string): Promise<ContentDoc[]> {
  return faqDocs(await store.faq.list(), title);
}
