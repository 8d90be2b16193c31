/**
 * Which updates get grammY's session (`ctx.session`, stored under `sess:` in Redis).
 *
 * The session holds little: the last Q&A answer (for its «other results» and «did you mean» buttons) and a pending
 * check-in. So only the updates that can read or change that run the session middleware: plain text in a private
 * chat (a question, a check-in code), `/ask` and `/checkin`, and the Q&A buttons (`qa:…`). Every other update —
 * most commands and buttons — skips it: grammY's session middleware wraps the rest of the update (a read before, a
 * write after) and measured about a seventh of the CPU time of a `/help` answer.
 *
 * A handler that starts using `ctx.session` for another kind of update must be added here; on the others
 * `ctx.session` is undefined, which the error boundary would report (and the fuzz test, which counts generic errors,
 * would see).
 */
import type { Context } from "grammy";
import { commandName } from "./command-of.js";

/** Commands whose handlers use the session. */
export const SESSION_COMMANDS: ReadonlySet<string> = new Set(["ask", "checkin"]);

/** Callback data prefixes whose handlers use the session. */
const SESSION_CALLBACK_PREFIX = "qa:";

export function usesSession(ctx: Context): boolean {
  if (ctx.chat?.type !== "private") return false;
  const data = ctx.callbackQuery?.data;
  if (data !== undefined) return data.startsWith(SESSION_CALLBACK_PREFIX);
  if (ctx.message?.text === undefined) return false;
  // A command as grammY sees one (text merely starting with "/" is plain text).
  const name = commandName(ctx);
  return name === null || SESSION_COMMANDS.has(name);
}
