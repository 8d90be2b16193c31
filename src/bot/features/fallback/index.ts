/**
 * The last handler: anything no capability took gets a short pointer to /help — never silence, never a crash.
 * Not a capability: it owns what nobody else does, so the router runs it after them.
 */
import { Composer } from "grammy";
import { typedCommand } from "../../command.js";
import type { BotContext } from "../../context.js";
import { escapeHtml } from "../../format.js";

export const fallback = new Composer<BotContext>();

fallback.on("callback_query", async (ctx) => {
  ctx.log.info({ data: ctx.callbackQuery.data?.slice(0, 64) }, "unknown callback");
  await ctx.answerCallbackQuery({ text: ctx.t("unknown-callback"), show_alert: true });
});

fallback.chatType("private").on("message", async (ctx) => {
  const typed = typedCommand(ctx);
  if (typed !== null) {
    await ctx.reply(ctx.t("unknown-command", { command: escapeHtml(`/${typed.split("@")[0] ?? ""}`) }));
    return;
  }
  await ctx.reply(ctx.t("unknown-message"));
});
