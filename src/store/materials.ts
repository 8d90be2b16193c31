/**
 * A centre's own material: files a coordinator uploaded (DOCX, PDF, ODT, Markdown), kept as the Markdown their text
 * became, with the page of every line and who may read it — `centre:<name>` (every class of that centre) or
 * `class:<id>`. They are searched with `content/` (Knowledge's `extraDocs`); `material-version` goes up with every
 * change so every bot process rebuilds its index, as for FAQ entries. Keys are in keys.ts.
 */
import type { ContentDoc } from "../content/types.js";
import { CentreNumbers } from "./centre-numbers.js";
import { newId } from "./ids.js";
import { keys } from "./keys.js";
import type { RedisClient } from "./redis.js";

/** Who may read a file: `centre:<name>` or `class:<classId>`. */
export type MaterialScope = `centre:${string}` | `class:${string}`;

export interface MaterialRecord {
  id: string;
  scope: MaterialScope;
  fileName: string;
  title: string;
  format: string;
  /** Pages of a PDF, 0 otherwise. */
  pages: number;
  /** The text as Markdown (headings as `#` lines) and the page of each of its lines (0 = none). */
  body: string;
  pageAt: number[];
  /** Telegram file_id of the upload, when it came through the bot. */
  fileId?: string;
  addedBy: number;
  addedAt: string;
}

export const centreScope = (centre: string): MaterialScope => `centre:${centre}`;
export const classScope = (classId: string): MaterialScope => `class:${classId}`;

export class MaterialRepo {
  private readonly similarity: CentreNumbers;

  constructor(private readonly redis: RedisClient) {
    this.similarity = new CentreNumbers(redis, keys.centreSimilarity());
  }

  /** Stores a new file, or replaces the file `replaces` (same id: its old passages go with the next rebuild). */
  async put(input: Omit<MaterialRecord, "id">, replaces?: string): Promise<MaterialRecord> {
    const id = replaces ?? newId("m");
    const record: MaterialRecord = { id, ...input };
    await this.redis
      .multi()
      .set(keys.material(id), JSON.stringify(record))
      .zadd(keys.materials(), Date.parse(input.addedAt), id)
      .incr(keys.materialVersion())
      .exec();
    return record;
  }

  async get(id: string): Promise<MaterialRecord | undefined> {
    const raw = await this.redis.get(keys.material(id));
    return raw ? (JSON.parse(raw) as MaterialRecord) : undefined;
  }

  async remove(id: string): Promise<boolean> {
    const [[, removed] = []] =
      (await this.redis
        .multi()
        .del(keys.material(id))
        .zrem(keys.materials(), id)
        .incr(keys.materialVersion())
        .exec()) ?? [];
    return removed === 1;
  }

  /** Every stored file, oldest first. */
  async list(): Promise<MaterialRecord[]> {
    const ids = await this.redis.zrange(keys.materials(), 0, -1);
    if (ids.length === 0) return [];
    const raws = await this.redis.mget(ids.map((id) => keys.material(id)));
    return raws.filter((r): r is string => !!r).map((r) => JSON.parse(r) as MaterialRecord);
  }

  /** The files a centre manages: its own and those of its classes (`classIds`). */
  async ofCentre(centre: string, classIds: readonly string[]): Promise<MaterialRecord[]> {
    const scopes = new Set<string>([centreScope(centre), ...classIds.map(classScope)]);
    return (await this.list()).filter((m) => scopes.has(m.scope));
  }

  /** The similarity threshold (percent) a centre's coordinator set, or undefined when it keeps the default. */
  similarityPercent(centre: string): Promise<number | undefined> {
    return this.similarity.get(centre);
  }

  /** Every centre's own similarity threshold (percent), by centre name. */
  similarityPercents(): Promise<Map<string, number>> {
    return this.similarity.all();
  }

  setSimilarityPercent(centre: string, percent: number): Promise<void> {
    return this.similarity.set(centre, percent);
  }

  /** A number that changes whenever a file is added, replaced or removed. */
  async version(): Promise<number> {
    return Number((await this.redis.get(keys.materialVersion())) ?? 0);
  }
}

/** A stored file as a document of the search index, readable only in its scope. */
export function materialDoc(m: MaterialRecord): ContentDoc {
  return {
    id: `material-${m.id}`,
    title: m.title,
    kind: "reading",
    keywords: [],
    confidence: "high",
    file: m.fileName,
    body: m.body,
    bodyLine: 1,
    scope: m.scope,
    pageAt: m.pageAt,
  };
}

/** `extraDocs` for Knowledge: every stored file, read at every (re)build. */
export async function materialExtraDocs(store: { materials: MaterialRepo }): Promise<ContentDoc[]> {
  return (await store.materials.list()).map(materialDoc);
}

/** The scopes a user reads: the classes they learn in or teach, and those classes' centres. */
export async function readerScopes(
  store: {
    classes: {
      classesOfLearner(u: number): Promise<ClassLike[]>;
      classesOfInstructor(u: number): Promise<ClassLike[]>;
    };
  },
  userId: number,
): Promise<MaterialScope[]> {
  const [learns, teaches] = await Promise.all([
    store.classes.classesOfLearner(userId),
    store.classes.classesOfInstructor(userId),
  ]);
  const scopes = new Set<MaterialScope>();
  for (const c of [...learns, ...teaches]) {
    scopes.add(classScope(c.id));
    if (c.centre) scopes.add(centreScope(c.centre));
  }
  return [...scopes];
}

interface ClassLike {
  id: string;
  centre?: string;
}
