/**
 * What Telegram tells the bot about its own membership (`my_chat_member`):
 * - a private chat where the user blocked the bot: they are marked unreachable at once (announcements skip them and
 *   coordinators see them in the list), and cleared when they unblock;
 * - a group or channel the bot was added to: one polite line in the language of whoever added it, then the bot
 *   leaves — the course runs in private chats, and a group would see learners' check-ins and questions.
 *
 * It is a middleware layer of its own (src/bot/index.ts), not a capability: capabilities' guards route messages and
 * callbacks, and this update type has neither; handled here, it never reaches sessions, scenes or the router.
 */
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../../context.js";

export const membership: MiddlewareFn<BotContext> = async (ctx, next) => {
  const update = ctx.myChatMember;
  if (!update) return next();
  const status = update.new_chat_member.status;
  if (update.chat.type === "private") {
    if (status === "kicked") {
      await ctx.deps.store.announcements.markUnreachable(update.from.id, {
        at: new Date(update.date * 1000).toISOString(),
        reason: "blocked the bot",
      });
      ctx.log.info({ user: update.from.id }, "the user blocked the bot; marked unreachable");
    } else if (status === "member") {
      await ctx.deps.store.announcements.clearUnreachable(update.from.id);
    }
    return;
  }
  if (status === "member" || status === "administrator") {
    const locale = update.from.language_code?.startsWith("en") ? "en" : "vi";
    await ctx.api
      .sendMessage(update.chat.id, ctx.deps.i18n.t(locale, "group-leave", { bot: ctx.me.username }))
      .catch((err: unknown) => ctx.log.warn({ err: String(err) }, "could not say goodbye to a group"));
    await ctx.api
      .leaveChat(update.chat.id)
      .catch((err: unknown) => ctx.log.warn({ err: String(err) }, "leaveChat failed"));
  }
};
