/**
 * The first things everyone meets: /start, /help, /language, /profile, /register, /cancel, and the main menu.
 */
import { hears } from "@grammyjs/i18n";
import { InlineKeyboard } from "grammy";
import { REGISTER_SCENE } from "../../../scenes/register.js";
import { isRegistered, LOCALES, type Locale } from "../../store/index.js";
import { escapeHtml } from "../api-defaults.js";
import { commandsFor } from "../commands.js";
import { FastComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import { rendered } from "../i18n.js";
import { mainMenu } from "../keyboards.js";

export const core = new FastComposer<BotContext>();

/** Outside private chats the bot only points people to a private chat. */
const groups = core.filter((ctx) => ctx.chat !== undefined && ctx.chat.type !== "private");
groups.command(["start", "help"], (ctx) => ctx.reply(ctx.t("group-only-private")));

const pm = core.chatType("private");

async function showWelcome(ctx: BotContext) {
  const name = escapeHtml(ctx.profile?.fullName ?? ctx.from?.first_name ?? "");
  if (isRegistered(ctx.profile)) {
    await ctx.reply(`${ctx.t("welcome", { name })}\n\n${ctx.t("welcome-back", { name })}`, {
      reply_markup: mainMenu(ctx),
    });
    return;
  }
  await ctx.reply(`${ctx.t("welcome", { name })}\n\n${ctx.t("welcome-register-hint")}`, {
    reply_markup: mainMenu(ctx),
  });
}

async function showHelp(ctx: BotContext) {
  const text = rendered(ctx, `help\u0000${ctx.role}`, () => {
    const lines = commandsFor(ctx.role).map((c) => `/${c.command} — ${ctx.t(c.description)}`);
    return [ctx.t("help-title", { role: ctx.t(`role-${ctx.role}`) }), "", ...lines, "", ctx.t("help-footer")].join(
      "\n",
    );
  });
  await ctx.reply(text, { reply_markup: mainMenu(ctx) });
}

async function showLanguage(ctx: BotContext) {
  const kb = new InlineKeyboard();
  for (const l of LOCALES) kb.text(ctx.t(`language-name-${l}`), `lang:${l}`);
  await ctx.reply(ctx.t("language-choose"), { reply_markup: kb });
}

async function showProfile(ctx: BotContext) {
  const p = ctx.profile;
  if (!isRegistered(p)) {
    await ctx.reply(ctx.t("profile-not-registered"), {
      reply_markup: new InlineKeyboard().text(ctx.t("menu-register"), "profile:edit"),
    });
    return;
  }
  const body = ctx.t("profile-body", {
    name: escapeHtml(p.fullName),
    unit: escapeHtml(p.unit),
    position: ctx.t(`position-${p.position}`),
    language: ctx.t(`language-name-${p.locale ?? "vi"}`),
  });
  await ctx.reply(`${ctx.t("profile-title")}\n${body}`, {
    reply_markup: new InlineKeyboard().text(ctx.t("profile-edit"), "profile:edit"),
  });
}

async function startRegistration(ctx: BotContext) {
  if (isRegistered(ctx.profile)) {
    await ctx.reply(ctx.t("reg-already"), {
      reply_markup: new InlineKeyboard().text(ctx.t("profile-edit"), "profile:edit"),
    });
    return;
  }
  await ctx.conversation.enter(REGISTER_SCENE);
}

// /start with a payload (an invite code) is taken by the classes feature, installed before this one.
pm.command("start", showWelcome);
pm.command("help", showHelp);
pm.command("language", showLanguage);
pm.command("profile", showProfile);
pm.command("register", startRegistration);
pm.filter(hears("menu-help"), showHelp);
pm.filter(hears("menu-language"), showLanguage);
pm.filter(hears("menu-profile"), showProfile);
pm.filter(hears("menu-register"), startRegistration);

pm.callbackQuery("profile:edit", async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(REGISTER_SCENE);
});

pm.callbackQuery(/^lang:(.+)$/, async (ctx) => {
  const wanted = ctx.match[1];
  if (!LOCALES.includes(wanted as Locale)) {
    await ctx.answerCallbackQuery({ text: ctx.t("language-unknown") });
    return;
  }
  ctx.profile = await ctx.deps.store.users.update(ctx.from.id, { locale: wanted as Locale });
  await ctx.i18n.renegotiateLocale();
  await ctx.answerCallbackQuery({ text: ctx.t("language-set") });
  await ctx.editMessageText(ctx.t("language-set"));
  await ctx.reply(ctx.t("menu-placeholder"), { reply_markup: mainMenu(ctx) });
});
