/**
 * API transformers every `Api` instance of the bot gets — the bot's own and the fresh ones that conversations
 * create (they do not inherit `bot.api.config.use`).
 */
import { autoRetry } from "@grammyjs/auto-retry";
import type { Api, RawApi, Transformer } from "grammy";

const HTML_METHODS = new Set(["sendMessage", "editMessageText", "sendPhoto", "sendDocument", "editMessageCaption"]);

/** All our strings are HTML (user text is escaped where it is inserted), so HTML is the default parse mode. */
export const htmlByDefault: Transformer<RawApi> = (prev, method, payload, signal) => {
  if (HTML_METHODS.has(method) && payload && typeof payload === "object" && !("parse_mode" in payload)) {
    const withMode = { ...payload, parse_mode: "HTML" } as typeof payload;
    return prev(method, withMode, signal);
  }
  return prev(method, payload, signal);
};

export function installApiDefaults(api: Api): void {
  api.config.use(htmlByDefault);
  // Waits out 429 retry_after and retries 5xx/network errors a few times; never for longer than a minute.
  api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowInternalServerErrors: false }));
}

/** Escapes user-supplied text for Telegram's HTML parse mode. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
