/**
 * Helpers shared by the coursework features (reports, feedback, questions, evaluation): which classes the sender
 * learns in or teaches, class-scoped permission, messages to another user in THEIR language, long texts split
 * under Telegram's limit.
 */
import { type Api, GrammyError } from "grammy";
import type { ClassRecord } from "../../../store/index.js";
import type { BotContext, BotDeps } from "../../context.js";
import { hasRole } from "../../middleware/guard.js";

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

export const ClassIdPattern = "c\\d{1,9}";
export const SessionIdPattern = "s\\d{2,4}";

export const tr =
  (ctx: { t: (key: string, vars?: Record<string, string | number>) => string }): Translate =>
  (k, v) =>
    ctx.t(k, v);

/** A translate function in `userId`'s language (for messages the bot sends to someone other than the sender). */
export async function translatorFor(deps: BotDeps, userId: number): Promise<Translate> {
  const locale = (await deps.store.users.get(userId))?.locale ?? "vi";
  return (k, v) => deps.i18n.t(locale, k, v);
}

/** Sends to another user; false when they blocked the bot or never opened a chat (never throws for that). */
export async function sendTo(
  api: Api,
  deps: BotDeps,
  userId: number,
  text: string,
  other?: Parameters<Api["sendMessage"]>[2],
): Promise<{ message_id: number } | undefined> {
  try {
    return await api.sendMessage(userId, text, other);
  } catch (err) {
    if (err instanceof GrammyError && (err.error_code === 403 || err.error_code === 400)) {
      deps.logger.info({ user: userId, err: err.description }, "message not deliverable; skipped");
      return undefined;
    }
    throw err;
  }
}

export async function learnerClasses(ctx: BotContext): Promise<ClassRecord[]> {
  if (!ctx.from) return [];
  return ctx.deps.store.classes.classesOfLearner(ctx.from.id);
}

/** Classes the sender may grade and read feedback of: those they teach; every class for coordinators. */
export async function taughtClasses(ctx: BotContext): Promise<ClassRecord[]> {
  if (!ctx.from) return [];
  if (hasRole(ctx, "coordinator")) return ctx.deps.store.classes.list();
  return ctx.deps.store.classes.classesOfInstructor(ctx.from.id);
}

export async function mayTeach(ctx: BotContext, classId: string): Promise<boolean> {
  if (!ctx.from) return false;
  if (hasRole(ctx, "coordinator")) return true;
  return (await ctx.deps.store.classes.instructors(classId)).includes(ctx.from.id);
}

export const MESSAGE_LIMIT = 4096;

/** Cuts a long text into pieces under the limit, at line ends where possible. */
export function splitText(text: string, limit = MESSAGE_LIMIT): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf("\n", limit);
    if (cut < limit / 2) cut = rest.lastIndexOf(" ", limit);
    if (cut < limit / 2) {
      cut = limit;
      // Never split an HTML entity (`&amp;`) of escaped text.
      const amp = rest.lastIndexOf("&", cut);
      if (amp > cut - 10 && !rest.slice(amp, cut).includes(";")) cut = amp;
    }
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\s+/, "");
  }
  if (rest) out.push(rest);
  return out;
}

/** Packs blocks into messages under the limit (blocks joined by a blank line; a long block is split). */
export function packBlocks(blocks: string[], limit = MESSAGE_LIMIT): string[] {
  const out: string[] = [];
  let current = "";
  for (const block of blocks.flatMap((b) => (b.length > limit ? splitText(b, limit) : [b]))) {
    const candidate = current === "" ? block : `${current}\n\n${block}`;
    if (candidate.length <= limit) current = candidate;
    else {
      if (current !== "") out.push(current);
      current = block;
    }
  }
  if (current !== "") out.push(current);
  return out;
}
