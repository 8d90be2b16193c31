/**
 * The bot's knowledge: the loaded `content/` plus the search index over it, swappable as one piece.
 *
 * `reload()` builds a new bundle and index off to the side and swaps them in only when everything loaded; a centre
 * that drops a broken file in `content/` and runs `/reload` keeps the old material and gets the problems listed.
 * Documents that live elsewhere (FAQ entries added by instructors in the bot) come from `extraDocs` and are indexed
 * with the files. A document with a `scope` (a file a centre uploaded) is indexed with the rest but answers only the
 * searches that name its scope.
 */
import { installPath } from "../paths.js";
import { buildSearchIndex, type Passage, type SearchIndex, type SearchResponse } from "../search/index.js";
import { IntentMatcher, type Understanding } from "../search/understand.js";
import { type IntentData, loadIntents } from "./intents.js";
import { loadContent } from "./load.js";
import type { ContentBundle, ContentDoc } from "./types.js";

interface KnowledgeOptions {
  dir: string;
  /** Documents stored outside `content/` (e.g. FAQ entries added in the bot), read at every (re)load. */
  extraDocs?: () => Promise<ContentDoc[]>;
  /** Where `<lang>/intents.yaml` live (default: the repo's locales/, beside the Fluent strings). */
  localesDir?: string;
}

const DEFAULT_LOCALES_DIR = installPath("locales");

interface KnowledgeStats {
  docs: number;
  passages: number;
  vocabulary: number;
  buildMs: number;
}

/** Answers remembered per question (learners of a class ask the same questions); oldest dropped first. */
const SEARCH_CACHE_SIZE = 2_000;

export class Knowledge {
  private current:
    | { bundle: ContentBundle; index: SearchIndex; stats: KnowledgeStats; intents: IntentMatcher }
    | undefined;
  /** The intents of the last successful load (re-read with the files, kept through FAQ rebuilds). */
  private intents: IntentData = { intents: [], words: {}, setting: [] };
  /** `search` answers of the CURRENT index, by limit and question; replaced with the index on every (re)build. */
  private answers = new Map<string, SearchResponse>();
  /** `understand` answers of the current intents, by message (the same messages come back as often as questions). */
  private understood = new Map<string, Understanding>();
  /** The files of the last successful load, so `refreshExtra` rebuilds without reading `content/` again. */
  private files: ContentBundle | undefined;

  constructor(private readonly options: KnowledgeOptions) {}

  /** Loads and indexes; throws `ContentError` (every problem as file:line) and keeps the previous state if any. */
  async reload(): Promise<KnowledgeStats> {
    const started = performance.now();
    const bundle = await loadContent(this.options.dir);
    const intents = await loadIntents(this.options.localesDir ?? DEFAULT_LOCALES_DIR);
    const previous = this.intents;
    this.intents = intents;
    const stats = await this.build(bundle, started).catch((err) => {
      this.intents = previous;
      throw err;
    });
    this.files = bundle;
    return stats;
  }

  /**
   * Re-reads only the extra documents (FAQ entries added in the bot) and rebuilds the index over the files already
   * loaded: a new FAQ entry is searchable at once, without touching `content/`.
   */
  async refreshExtra(): Promise<KnowledgeStats> {
    if (!this.files) return this.reload();
    return this.build(this.files, performance.now());
  }

  private async build(bundle: ContentBundle, started: number): Promise<KnowledgeStats> {
    const extra = (await this.options.extraDocs?.()) ?? [];
    const merged: ContentBundle = { docs: [...bundle.docs, ...extra], lexicon: bundle.lexicon };
    const index = buildSearchIndex(merged).warm();
    const intents = new IntentMatcher(this.intents.intents, merged.lexicon, {
      material: index,
      words: this.intents.words,
      setting: this.intents.setting,
    });
    const stats: KnowledgeStats = {
      docs: merged.docs.length,
      passages: index.passages.length,
      vocabulary: index.vocabularySize,
      buildMs: Math.round(performance.now() - started),
    };
    this.current = { bundle: merged, index, stats, intents };
    this.answers = new Map();
    this.understood = new Map();
    return stats;
  }

  /**
   * `index.search`, remembered per question for the current index (a search costs far more than a lookup, and the same
   * question comes back often). The answer is shared between callers: read it, never change it. A reload or a
   * FAQ change builds a new index and starts a new cache, so an answer never outlives the material it came from.
   */
  search(
    query: string,
    options: { limit?: number; scopes?: readonly string[]; scopedOnly?: boolean } = {},
  ): SearchResponse {
    const index = this.index;
    const scopes = options.scopes ?? [];
    const only = options.scopedOnly === true;
    const key = `${options.limit ?? ""}\u0000${only ? "s" : ""}\u0000${scopes.join("\u0001")}\u0000${query}`;
    const hit = this.answers.get(key);
    if (hit) {
      // Most recently used last, so the oldest is evicted first.
      this.answers.delete(key);
      this.answers.set(key, hit);
      return hit;
    }
    // A passage with a scope (a centre's own file) is for the readers of that scope only; `scopedOnly` asks only
    // the reader's own (a class's FAQ may answer what the program leaves to each centre, such as lodging).
    const allow = (p: Passage) => (p.scope === undefined ? !only : scopes.includes(p.scope));
    const answer = index.search(query, { limit: options.limit, allow });
    this.answers.set(key, answer);
    if (this.answers.size > SEARCH_CACHE_SIZE) this.answers.delete(this.answers.keys().next().value as string);
    return answer;
  }

  /** What a message means before it is searched (understand.ts): its question part, intent and answer type. */
  understand(text: string): Understanding {
    if (!this.current) throw new Error("knowledge not loaded: call reload() first");
    const hit = this.understood.get(text);
    if (hit) return hit;
    const u = this.current.intents.understand(text);
    this.understood.set(text, u);
    if (this.understood.size > SEARCH_CACHE_SIZE) this.understood.delete(this.understood.keys().next().value as string);
    return u;
  }

  /** Some document is for one scope's readers only (a centre's file, a class's FAQ entry): searches must name theirs. */
  get scoped(): boolean {
    return this.current?.bundle.docs.some((d) => d.scope !== undefined) ?? false;
  }

  get index(): SearchIndex {
    if (!this.current) throw new Error("knowledge not loaded: call reload() first");
    return this.current.index;
  }

  get stats(): KnowledgeStats | undefined {
    return this.current?.stats;
  }

  get docs(): readonly ContentDoc[] {
    return this.current?.bundle.docs ?? [];
  }
}

/** Creates and loads in one step. */
export async function loadKnowledge(options: KnowledgeOptions): Promise<Knowledge> {
  const k = new Knowledge(options);
  await k.reload();
  return k;
}
