/**
 * The last handler: anything nobody else took gets a short pointer to /help — never silence, never a crash.
 */

import { escapeHtml } from "../api-defaults.js";
import { FastComposer } from "../composer.js";
import type { BotContext } from "../context.js";

export const fallback = new FastComposer<BotContext>();

fallback.on("callback_query", async (ctx) => {
  ctx.log.info({ data: ctx.callbackQuery.data?.slice(0, 64) }, "unknown callback");
  await ctx.answerCallbackQuery({ text: ctx.t("unknown-callback"), show_alert: true });
});

const pm = fallback.chatType("private");

pm.on("message", async (ctx) => {
  const command = ctx.message.entities?.find((e) => e.type === "bot_command" && e.offset === 0);
  if (command && ctx.message.text) {
    const name = ctx.message.text.slice(0, command.length).split("@")[0] ?? "";
    await ctx.reply(ctx.t("unknown-command", { command: escapeHtml(name) }));
    return;
  }
  await ctx.reply(ctx.t("unknown-message"));
});
