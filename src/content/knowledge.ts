/**
 * The bot's knowledge: the loaded `content/` plus the search index over it, swappable as one piece.
 *
 * `reload()` builds a new bundle and index off to the side and swaps them in only when everything loaded; a centre
 * that drops a broken file in `content/` and runs `/reload` keeps the old material and gets the problems listed.
 * Documents that live elsewhere (FAQ entries added by instructors in the bot) come from `extraDocs` and are indexed
 * with the files.
 */
import { buildSearchIndex, type SearchIndex } from "../search/index.js";
import { loadContent } from "./load.js";
import type { ContentBundle, ContentDoc } from "./types.js";

export interface KnowledgeOptions {
  dir: string;
  /** Documents stored outside `content/` (e.g. FAQ entries added in the bot), read at every (re)load. */
  extraDocs?: () => Promise<ContentDoc[]>;
}

export interface KnowledgeStats {
  docs: number;
  passages: number;
  vocabulary: number;
  buildMs: number;
}

export class Knowledge {
  private current: { bundle: ContentBundle; index: SearchIndex; stats: KnowledgeStats } | undefined;
  /** The files of the last successful load, so `refreshExtra` rebuilds without reading `content/` again. */
  private files: ContentBundle | undefined;

  constructor(private readonly options: KnowledgeOptions) {}

  /** Loads and indexes; throws `ContentError` (every problem as file:line) and keeps the previous state if any. */
  async reload(): Promise<KnowledgeStats> {
    const started = performance.now();
    const bundle = await loadContent(this.options.dir);
    const stats = await this.build(bundle, started);
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
    const stats: KnowledgeStats = {
      docs: merged.docs.length,
      passages: index.passages.length,
      vocabulary: index.vocabularySize,
      buildMs: Math.round(performance.now() - started),
    };
    this.current = { bundle: merged, index, stats };
    return stats;
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
