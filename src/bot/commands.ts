/**
 * The command list, per role. `/help` and Telegram's command menu (setMyCommands) are both rendered from it, and a
 * capability registering a command takes its role from here (CapabilityBuilder.command guards it), so a command's
 * right is declared once. Order is the order users see.
 */
import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Logger } from "../logger.js";
import { ROLE_RANK, type Role } from "./context.js";

interface CommandSpec {
  command: string;
  /** Fluent key of the one-line description. */
  description: string;
  /** The lowest role that may use it. */
  role: Role;
}

export const COMMANDS: CommandSpec[] = [
  { command: "start", description: "cmd-start", role: "learner" },
  { command: "help", description: "cmd-help", role: "learner" },
  { command: "ask", description: "cmd-ask", role: "learner" },
  { command: "register", description: "cmd-register", role: "learner" },
  { command: "profile", description: "cmd-profile", role: "learner" },
  { command: "language", description: "cmd-language", role: "learner" },
  { command: "schedule", description: "cmd-schedule", role: "learner" },
  { command: "today", description: "cmd-today", role: "learner" },
  { command: "next", description: "cmd-next", role: "learner" },
  { command: "checkin", description: "cmd-checkin", role: "learner" },
  { command: "settings", description: "cmd-settings", role: "learner" },
  { command: "leave", description: "cmd-leave", role: "learner" },
  { command: "report", description: "cmd-report", role: "learner" },
  { command: "status", description: "cmd-status", role: "learner" },
  { command: "feedback", description: "cmd-feedback", role: "learner" },
  { command: "question", description: "cmd-question", role: "learner" },
  { command: "questions", description: "cmd-questions", role: "learner" },
  { command: "announcements", description: "cmd-announcements", role: "learner" },
  { command: "cancel", description: "cmd-cancel", role: "learner" },
  { command: "checkin_open", description: "cmd-checkin-open", role: "instructor" },
  { command: "attendance", description: "cmd-attendance", role: "instructor" },
  { command: "announce", description: "cmd-announce", role: "instructor" },
  { command: "newclass", description: "cmd-newclass", role: "coordinator" },
  { command: "classes", description: "cmd-classes", role: "coordinator" },
  { command: "reports", description: "cmd-reports", role: "instructor" },
  { command: "feedbacks", description: "cmd-feedbacks", role: "instructor" },
  { command: "evaluation", description: "cmd-evaluation", role: "coordinator" },
  { command: "deadline", description: "cmd-deadline", role: "coordinator" },
  { command: "unreachable", description: "cmd-unreachable", role: "coordinator" },
  { command: "reload", description: "cmd-reload", role: "coordinator" },
  { command: "material", description: "cmd-material", role: "coordinator" },
  { command: "materials", description: "cmd-materials", role: "coordinator" },
  { command: "similarity", description: "cmd-similarity", role: "coordinator" },
  { command: "versions", description: "cmd-versions", role: "coordinator" },
  { command: "import", description: "cmd-import", role: "coordinator" },
  { command: "appoint", description: "cmd-appoint", role: "coordinator" },
  { command: "unappoint", description: "cmd-unappoint", role: "coordinator" },
];

export function commandsFor(role: Role): CommandSpec[] {
  return COMMANDS.filter((c) => ROLE_RANK[role] >= ROLE_RANK[c.role]);
}

/** What rendering the command menu needs of the translations (an `I18n` instance has it). */
interface Translations {
  t(locale: string, key: string): string;
}

function botCommands(i18n: Translations, locale: string, role: Role): BotCommand[] {
  return commandsFor(role).map((c) => ({ command: c.command, description: i18n.t(locale, c.description) }));
}

/** Telegram refusing (or an emulator lacking the method) is logged, never fatal: the bot works without it. */
function attempter(logger: Logger) {
  return async (what: string, call: () => Promise<unknown>) => {
    try {
      await call();
    } catch (err) {
      logger.warn({ err: String(err), what }, "setMyCommands refused; going on without that command menu");
    }
  };
}

/**
 * Publishes the command menus: the learner list in every private chat (vi by default, en for English clients) —
 * not in groups, where the bot does not work — and a chat-scoped list for each privileged user. The default scope
 * is emptied, so groups show no menu.
 */
export async function publishCommands(
  api: Api,
  i18n: Translations,
  logger: Logger,
  privileged: { userId: number; role: Role; locale?: string }[] = [],
): Promise<void> {
  const attempt = attempter(logger);
  const privateChats = { type: "all_private_chats" } as const;
  await attempt("private vi", () => api.setMyCommands(botCommands(i18n, "vi", "learner"), { scope: privateChats }));
  await attempt("private en", () =>
    api.setMyCommands(botCommands(i18n, "en", "learner"), { scope: privateChats, language_code: "en" }),
  );
  await attempt("default", () => api.deleteMyCommands());
  await attempt("default en", () => api.deleteMyCommands({ language_code: "en" }));
  await publishChatCommands(api, i18n, logger, privileged);
}

/**
 * One menu per chat: a privileged user's role menu, or a learner's menu in the language they chose (/language) —
 * Telegram's language-keyed lists follow the app's language, not the bot's setting.
 */
export async function publishChatCommands(
  api: Api,
  i18n: Translations,
  logger: Logger,
  chats: { userId: number; role: Role; locale?: string }[],
): Promise<void> {
  const attempt = attempter(logger);
  for (const p of chats) {
    await attempt(`user ${p.userId}`, () =>
      api.setMyCommands(botCommands(i18n, p.locale ?? "vi", p.role), {
        scope: { type: "chat", chat_id: p.userId },
      }),
    );
  }
}

/**
 * The bot's description (the empty chat's "What can this bot do?") and short description (its profile), in
 * Vietnamese by default and in English for English apps; each set only when Telegram has a different text, so a
 * restart costs reads, not writes.
 */
export async function publishBotTexts(api: Api, i18n: Translations, logger: Logger): Promise<void> {
  for (const locale of ["vi", "en"] as const) {
    const language_code = locale === "vi" ? undefined : locale;
    try {
      const description = i18n.t(locale, "bot-description");
      if ((await api.getMyDescription({ language_code })).description !== description) {
        await api.setMyDescription(description, { language_code });
      }
      const short = i18n.t(locale, "bot-short-description");
      if ((await api.getMyShortDescription({ language_code })).short_description !== short) {
        await api.setMyShortDescription(short, { language_code });
      }
    } catch (err) {
      logger.warn({ err: String(err), locale }, "bot description not set; going on without it");
    }
  }
}
