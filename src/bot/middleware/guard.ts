/**
 * The one guard every privileged handler uses. It refuses politely (a message, or an alert for a button) and
 * stops the update, so nothing downstream can change state for someone without the role.
 */

import type { I18nFlavor } from "@grammyjs/i18n";
import type { Context, MiddlewareFn } from "grammy";
import { type AppFlavor, ROLE_RANK, type Role } from "../context.js";

export function hasRole(ctx: AppFlavor, min: Role): boolean {
  return ROLE_RANK[ctx.role] >= ROLE_RANK[min];
}

export async function refuse(ctx: Context & I18nFlavor, min: Role): Promise<void> {
  const text = ctx.t("not-allowed", { role: ctx.t(`role-${min}`) });
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
  else await ctx.reply(text);
}

export function requireRole<C extends Context & I18nFlavor & AppFlavor>(min: Role): MiddlewareFn<C> {
  return async (ctx, next) => {
    if (hasRole(ctx, min)) return next();
    ctx.log.warn({ role: ctx.role, needed: min }, "refused a privileged action");
    await refuse(ctx, min);
  };
}
