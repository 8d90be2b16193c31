/**
 * FAQ entries (answers instructors added with «add to FAQ») and the files centres uploaded live in Redis; each process
 * keeps them in its own search index. Before a search, or before showing a passage from an earlier answer, a process
 * checks `faq-version` and `material-version` — at most every FAQ_SYNC_MS — and rebuilds its index when another process
 * changed either. Only updates that search pay this, not every message.
 */
import type { BotContext, BotDeps } from "./context.js";

/** How often a process looks for FAQ entries added elsewhere. */
const FAQ_SYNC_MS = 3000;
const faqState = new WeakMap<object, { checkedAt: number; version: number }>();

/** Rebuilds this process's index when the stored FAQ changed (checked at most every FAQ_SYNC_MS). */
export async function syncFaq(deps: BotDeps, force = false): Promise<boolean> {
  const knowledge = deps.knowledge;
  if (!knowledge) return false;
  const state = faqState.get(knowledge) ?? { checkedAt: 0, version: 0 };
  const now = deps.now().getTime();
  if (!force && now - state.checkedAt < FAQ_SYNC_MS) return false;
  state.checkedAt = now;
  faqState.set(knowledge, state);
  // Both counters only go up, so their sum moves whenever either does.
  const [faq, materials] = await Promise.all([deps.store.faq.version(), deps.store.materials.version()]);
  const version = faq + materials;
  if (version === state.version) return false;
  await knowledge.refreshExtra();
  state.version = version;
  return true;
}

/** `syncFaq` for a search about to run: a failure is logged and the search answers from the index it has. */
export async function syncFaqBeforeSearch(ctx: BotContext): Promise<void> {
  try {
    await syncFaq(ctx.deps);
  } catch (err) {
    ctx.log.warn({ err: String(err) }, "FAQ sync failed; answering from the current index");
  }
}
