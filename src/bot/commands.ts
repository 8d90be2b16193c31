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

/**
 * Publishes the command menus: the learner list for everyone (vi by default, en for English clients), and a
 * chat-scoped list for each privileged user. Telegram refusing (or an emulator lacking the method) is logged,
 * never fatal: the bot works without a command menu.
 */
export async function publishCommands(
  api: Api,
  i18n: Translations,
  logger: Logger,
  privileged: { userId: number; role: Role; locale?: string }[] = [],
): Promise<void> {
  const attempt = async (what: string, call: () => Promise<unknown>) => {
    try {
      await call();
    } catch (err) {
      logger.warn({ err: String(err), what }, "setMyCommands refused; going on without that command menu");
    }
  };
  await attempt("default vi", () => api.setMyCommands(botCommands(i18n, "vi", "learner")));
  await attempt("default en", () => api.setMyCommands(botCommands(i18n, "en", "learner"), { language_code: "en" }));
  for (const p of privileged) {
    await attempt(`user ${p.userId}`, () =>
      api.setMyCommands(botCommands(i18n, p.locale ?? "vi", p.role), {
        scope: { type: "chat", chat_id: p.userId },
      }),
    );
  }
}
