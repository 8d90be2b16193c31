/**
 * The last handler: anything nobody else took gets a short pointer to /help — never silence, never a crash.
 */

import { escapeHtml } from "../api-defaults.js";
import { commandName } from "../command-of.js";
import { FastComposer } from "../composer.js";
import type { BotContext } from "../context.js";

export const fallback = new FastComposer<BotContext>();

fallback.on("callback_query", async (ctx) => {
  ctx.log.info({ data: ctx.callbackQuery.data?.slice(0, 64) }, "unknown callback");
  await ctx.answerCallbackQuery({ text: ctx.t("unknown-callback"), show_alert: true });
});

const pm = fallback.chatType("private");

pm.on("message", async (ctx) => {
  const name = commandName(ctx);
  if (name !== null) {
    await ctx.reply(ctx.t("unknown-command", { command: escapeHtml(`/${name}`) }));
    return;
  }
  await ctx.reply(ctx.t("unknown-message"));
});
