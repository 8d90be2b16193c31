/**
 * The command an update starts with, as grammY reads one: a `bot_command` entity at offset 0 of a message (or channel
 * post). Returned without the slash, as typed (`help`, `help@some_bot`), or null — text that merely starts with "/"
 * is not a command. Computed once per update and kept on the context.
 */
import type { Context } from "grammy";

const COMMAND = Symbol("command");

export function commandOf(ctx: Context): string | null {
  const memo = ctx as Context & { [COMMAND]?: string | null };
  let cmd = memo[COMMAND];
  if (cmd === undefined) {
    cmd = null;
    const msg = ctx.message ?? ctx.channelPost;
    const first = msg?.entities?.find((e) => e.type === "bot_command" && e.offset === 0);
    const text = msg?.text ?? msg?.caption;
    if (first && text !== undefined) cmd = text.substring(1, first.length);
    memo[COMMAND] = cmd;
  }
  return cmd;
}

/** The command's name without `@botname` (`help` for `/help@some_bot`), or null. */
export function commandName(ctx: Context): string | null {
  const cmd = commandOf(ctx);
  return cmd === null ? null : (cmd.split("@")[0] ?? "");
}
