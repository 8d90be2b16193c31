/**
 * Messages to someone other than the sender of the update: in THEIR language, and never failing the update because
 * that person blocked the bot or never opened a chat with it. A long text (built from what people wrote) goes out
 * as the splitter's pieces, in order.
 */
import { type Api, GrammyError } from "grammy";
import type { Update } from "grammy/types";
import type { BotDeps } from "./context.js";
import { splitText, type Translate } from "./format.js";

/** A translate function in `userId`'s language. */
export async function translatorFor(deps: BotDeps, userId: number): Promise<Translate> {
  const locale = (await deps.store.users.get(userId))?.locale ?? "vi";
  return (k, v) => deps.i18n.t(locale, k, v);
}

type SendOptions = Parameters<Api["sendMessage"]>[2];

/**
 * Sends `pieces` (one message each, from `splitText` / `quoteAndBody`) to `chatId` in order; the keyboard goes with
 * the last one, so it sits under the whole text. Throws what Telegram answered.
 */
export async function sendPieces(
  api: Api,
  chatId: number,
  pieces: readonly string[],
  other: SendOptions = {},
): Promise<{ message_id: number }[]> {
  const { reply_markup, ...rest } = other;
  const sent: { message_id: number }[] = [];
  for (const [i, piece] of pieces.entries()) {
    const last = i === pieces.length - 1;
    sent.push(await api.sendMessage(chatId, piece, last && reply_markup ? { ...rest, reply_markup } : rest));
  }
  return sent;
}

/**
 * How a delivery went: sent, `blocked` (403: they blocked the bot or their account is gone; 400 chat not found:
 * they never opened a chat with it), or `failed` (anything else — too long, a network cut — worth trying again).
 */
export type Delivery =
  | { ok: true; messages: { message_id: number }[] }
  | { ok: false; reason: "blocked" | "failed"; description: string };

/** `sendPieces` that says how it went instead of throwing Telegram's refusal. */
export async function deliver(
  api: Api,
  deps: BotDeps,
  chatId: number,
  pieces: readonly string[],
  other?: SendOptions,
): Promise<Delivery> {
  try {
    return { ok: true, messages: await sendPieces(api, chatId, pieces, other) };
  } catch (err) {
    const description = err instanceof Error ? err.message : String(err);
    const blocked =
      err instanceof GrammyError &&
      (err.error_code === 403 || (err.error_code === 400 && /chat not found/i.test(err.description)));
    deps.logger.info({ user: chatId, err: description }, blocked ? "recipient unreachable" : "delivery failed");
    return { ok: false, reason: blocked ? "blocked" : "failed", description };
  }
}

/**
 * Sends to another user; undefined when they blocked the bot or never opened a chat (never throws for that). A
 * text over Telegram's limit is sent in pieces (`text` may be the pieces already); the last message is returned.
 */
export async function sendTo(
  api: Api,
  deps: BotDeps,
  userId: number,
  text: string | readonly string[],
  other?: SendOptions,
): Promise<{ message_id: number } | undefined> {
  const pieces = typeof text === "string" ? splitText(text) : text;
  try {
    return (await sendPieces(api, userId, pieces, other)).at(-1);
  } catch (err) {
    if (err instanceof GrammyError && (err.error_code === 403 || err.error_code === 400)) {
      deps.logger.info({ user: userId, err: err.description }, "message not deliverable; skipped");
      return undefined;
    }
    throw err;
  }
}

/**
 * What to tell someone whose update the store could not take (Redis down or refusing writes): a private message
 * that carries something — an answer to a scene's step, a report part, a file — is named as not saved, to be sent
 * again (the report scene knows a part it already has, so Telegram's redelivery and the resend make one); anything
 * else (a command, a button) gets the plain "busy".
 */
export function busyReplyKey(update: Update): "error-busy-part" | "error-busy" {
  const msg = update.message;
  if (msg?.chat.type !== "private") return "error-busy";
  const carries =
    msg.document !== undefined || msg.photo !== undefined || (msg.text !== undefined && !msg.text.startsWith("/"));
  return carries ? "error-busy-part" : "error-busy";
}
