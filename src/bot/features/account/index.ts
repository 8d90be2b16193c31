/**
 * The first things everyone meets: /start (without an invite code), /help, /language, /profile, /register, and the
 * main menu's buttons for them. In groups the bot only points people to a private chat.
 */
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { REGISTER_SCENE, registerScene } from "../../../../scenes/account/register.js";
import { isRegistered, LOCALES, type Locale } from "../../../store/index.js";
import { callbackData } from "../../callback-data.js";
import { CapabilityBuilder } from "../../capability.js";
import { commandPayload } from "../../command.js";
import { commandsFor, publishChatCommands } from "../../commands.js";
import type { BotContext } from "../../context.js";
import { escapeHtml } from "../../format.js";
import { rendered } from "../../i18n.js";
import { mainMenu } from "../../menu.js";

const ProfileEdit = callbackData("profile:edit", {});
const LanguagePick = callbackData("lang", { locale: z.string().max(8) });

async function showWelcome(ctx: BotContext) {
  const name = escapeHtml(ctx.profile?.fullName ?? ctx.from?.first_name ?? "");
  const hint = isRegistered(ctx.profile) ? ctx.t("welcome-back", { name }) : ctx.t("welcome-register-hint");
  await ctx.reply(`${ctx.t("welcome", { name })}\n\n${hint}`, { reply_markup: mainMenu(ctx, ctx.role) });
}

async function showHelp(ctx: BotContext) {
  const text = rendered(ctx, `help\u0000${ctx.role}`, () => {
    const lines = commandsFor(ctx.role).map((c) => `/${c.command} — ${ctx.t(c.description)}`);
    return [ctx.t("help-title", { role: ctx.t(`role-${ctx.role}`) }), "", ...lines, "", ctx.t("help-footer")].join(
      "\n",
    );
  });
  await ctx.reply(text, { reply_markup: mainMenu(ctx, ctx.role) });
}

async function showLanguage(ctx: BotContext) {
  const kb = new InlineKeyboard();
  for (const l of LOCALES) kb.text(ctx.t(`language-name-${l}`), LanguagePick.pack({ locale: l }));
  await ctx.reply(ctx.t("language-choose"), { reply_markup: kb });
}

async function showProfile(ctx: BotContext) {
  const p = ctx.profile;
  if (!isRegistered(p)) {
    await ctx.reply(ctx.t("profile-not-registered"), {
      reply_markup: new InlineKeyboard().text(ctx.t("menu-register"), ProfileEdit.pack({})),
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
    reply_markup: new InlineKeyboard().text(ctx.t("profile-edit"), ProfileEdit.pack({})),
  });
}

async function startRegistration(ctx: BotContext) {
  if (isRegistered(ctx.profile)) {
    await ctx.reply(ctx.t("reg-already"), {
      reply_markup: new InlineKeyboard().text(ctx.t("profile-edit"), ProfileEdit.pack({})),
    });
    return;
  }
  await ctx.conversation.enter(REGISTER_SCENE);
}

export const account = new CapabilityBuilder("account")
  .scene(REGISTER_SCENE, registerScene)
  .groupCommand(["start", "help"], (ctx) => ctx.reply(ctx.t("group-only-private")))
  // `/start <invite code>` belongs to joining.
  .commandWhen("start", (ctx) => commandPayload(ctx) === "", showWelcome)
  .command("help", showHelp)
  .command("language", showLanguage)
  .command("profile", showProfile)
  .command("register", startRegistration)
  .label("menu-help", showHelp)
  .label("menu-language", showLanguage)
  .label("menu-profile", showProfile)
  .label("menu-register", startRegistration)
  .callback(ProfileEdit, {}, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(REGISTER_SCENE);
  })
  .callback(LanguagePick, { invalid: "language-unknown" }, async (ctx, { locale }) => {
    if (!LOCALES.includes(locale as Locale)) {
      await ctx.answerCallbackQuery({ text: ctx.t("language-unknown") });
      return;
    }
    if (!ctx.from) return;
    ctx.profile = await ctx.deps.store.users.update(ctx.from.id, { locale: locale as Locale });
    await ctx.i18n.renegotiateLocale();
    await ctx.answerCallbackQuery({ text: ctx.t("language-set") });
    await ctx.editMessageText(ctx.t("language-set"));
    await ctx.reply(ctx.t("menu-placeholder"), { reply_markup: mainMenu(ctx, ctx.role) });
    // The "/" menu too, in the chosen language (the shared lists follow the app's language).
    await publishChatCommands(ctx.api, ctx.deps.i18n, ctx.log, [{ userId: ctx.from.id, role: ctx.role, locale }]);
  })
  .build();
