/**
 * API transformers every `Api` instance of the bot gets — the bot's own and the fresh ones that conversations
 * create (they do not inherit `bot.api.config.use`).
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { type Api, HttpError, type RawApi, type Transformer } from "grammy";

const HTML_METHODS = new Set(["sendMessage", "editMessageText", "sendPhoto", "sendDocument", "editMessageCaption"]);

/** All our strings are HTML (user text is escaped where it is inserted, format.ts), so HTML is the default parse mode. */
const htmlByDefault: Transformer<RawApi> = (prev, method, payload, signal) => {
  if (HTML_METHODS.has(method) && payload && typeof payload === "object" && !("parse_mode" in payload)) {
    const withMode = { ...payload, parse_mode: "HTML" } as typeof payload;
    return prev(method, withMode, signal);
  }
  return prev(method, payload, signal);
};

/**
 * Retries a call that failed on the network (no answer from the Bot API) a bounded number of times with a short
 * backoff. auto-retry alone retries network errors forever (up to an hour apart), which during a long outage would
 * pile up handlers; after `attempts` the error reaches the update's error boundary instead.
 */
export function networkRetry(attempts = 3, baseDelayMs = 500): Transformer<RawApi> {
  return async (prev, method, payload, signal) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await prev(method, payload, signal);
      } catch (err) {
        if (!(err instanceof HttpError) || attempt >= attempts || signal?.aborted) throw err;
        await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** attempt));
      }
    }
  };
}

/**
 * An update handled again (redelivered after a 503, or retried in-process after the store refused it) answers a
 * button press its first attempt already answered, and Telegram refuses a second answer (or one past its time limit)
 * with 400. The spinner is gone either way, so that refusal is taken as done instead of failing the update.
 */
const staleCallbackAnswer: Transformer<RawApi> = async (prev, method, payload, signal) => {
  const res = await prev(method, payload, signal);
  if (
    method === "answerCallbackQuery" &&
    !res.ok &&
    res.error_code === 400 &&
    /query is too old|query ID is invalid/i.test(res.description)
  ) {
    return { ok: true, result: true } as unknown as typeof res;
  }
  return res;
};

/** `observe` (the metrics' 429 counter) goes in first, innermost, to see each raw answer before auto-retry. */
export function installApiDefaults(api: Api, observe?: Transformer<RawApi>): void {
  if (observe) api.config.use(observe);
  api.config.use(htmlByDefault);
  api.config.use(staleCallbackAnswer);
  api.config.use(networkRetry());
  // Waits out 429 retry_after and retries 5xx a few times, never waiting more than a minute; network errors are
  // left to networkRetry above (bounded).
  api.config.use(
    autoRetry({
      maxRetryAttempts: 3,
      maxDelaySeconds: 60,
      rethrowInternalServerErrors: false,
      rethrowHttpErrors: true,
    }),
  );
}
