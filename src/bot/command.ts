/**
 * The command an update carries, read as grammY's `command()` filter reads one — a `bot_command` entity at offset 0
 * of a message's (or channel post's) text entities; `/name@bot` counts only when `bot` is this bot (any case) — so
 * that a capability's guard and grammY's handler always agree on what is a command and whose it is. Computed once
 * per update and kept on the context; test/bot/guards.test.ts holds it against grammY's own predicate.
 */
import type { Context } from "grammy";

const TYPED = Symbol("typed command");

/** The command as typed, without the slash (`help`, `help@some_bot`), or null when the update starts with none. */
export function typedCommand(ctx: Context): string | null {
  const memo = ctx as Context & { [TYPED]?: string | null };
  let cmd = memo[TYPED];
  if (cmd === undefined) {
    cmd = null;
    const msg = ctx.message ?? ctx.channelPost;
    const first = msg?.entities?.find((e) => e.type === "bot_command" && e.offset === 0);
    const text = msg?.text ?? msg?.caption;
    if (first && text !== undefined) cmd = text.substring(1, first.length);
    memo[TYPED] = cmd;
  }
  return cmd;
}

/** The command's name when it is for this bot (`help` for `/help` and `/help@this_bot`), else null. */
export function commandName(ctx: Context): string | null {
  const cmd = typedCommand(ctx);
  if (cmd === null) return null;
  const at = cmd.indexOf("@");
  if (at === -1) return cmd;
  return cmd.substring(at + 1).toLowerCase() === ctx.me.username.toLowerCase() ? cmd.substring(0, at) : null;
}

/** True when the update starts with a command, this bot's or not: such text is never a question or an answer. */
export function isCommand(ctx: Context): boolean {
  return typedCommand(ctx) !== null;
}

/** The text after the command (`c1 now` of `/deadline c1 now`), trimmed; "" when there is none or no command. */
export function commandPayload(ctx: Context): string {
  const cmd = typedCommand(ctx);
  if (cmd === null) return "";
  const msg = ctx.message ?? ctx.channelPost;
  const text = msg?.text ?? msg?.caption ?? "";
  return text.substring(cmd.length + 1).trim();
}
