/**
 * Messages to someone other than the sender of the update: in THEIR language, and never failing the update because
 * that person blocked the bot or never opened a chat with it.
 */
import { type Api, GrammyError } from "grammy";
import type { BotDeps } from "./context.js";
import type { Translate } from "./format.js";

/** A translate function in `userId`'s language. */
export async function translatorFor(deps: BotDeps, userId: number): Promise<Translate> {
  const locale = (await deps.store.users.get(userId))?.locale ?? "vi";
  return (k, v) => deps.i18n.t(locale, k, v);
}

/** Sends to another user; undefined when they blocked the bot or never opened a chat (never throws for that). */
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
