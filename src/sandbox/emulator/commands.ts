/** The bot's command menus, kept per scope and language as `setMyCommands` sets them. */
import type { BotCommand } from "grammy/types";

export class CommandMenus {
  /** By `<scope type>:<chat id>:<language>`. */
  private readonly menus = new Map<string, BotCommand[]>();

  set(p: Record<string, unknown>): true {
    this.menus.set(scopeKey(p), (p.commands as BotCommand[] | undefined) ?? []);
    return true;
  }

  delete(p: Record<string, unknown>): true {
    this.menus.delete(scopeKey(p));
    return true;
  }

  get(p: Record<string, unknown>): BotCommand[] {
    return this.menus.get(scopeKey(p)) ?? [];
  }

  /**
   * Telegram's order for a private chat: the chat's own scope, then all private chats (for the language, then for
   * any), then the default scope (for the language, then for any).
   */
  shownIn(chatId: number, languageCode?: string): BotCommand[] {
    const chat = this.menus.get(`chat:${chatId}:`);
    if (chat) return chat;
    for (const scope of ["all_private_chats", "default"]) {
      const menu =
        (languageCode ? this.menus.get(`${scope}::${languageCode}`) : undefined) ?? this.menus.get(`${scope}::`);
      if (menu && menu.length > 0) return menu;
    }
    return [];
  }
}

function scopeKey(p: Record<string, unknown>): string {
  const scope = (p.scope as { type?: string; chat_id?: number | string } | undefined) ?? { type: "default" };
  const language = typeof p.language_code === "string" ? p.language_code : "";
  return `${scope.type ?? "default"}:${scope.chat_id ?? ""}:${scope.type === "chat" ? "" : language}`;
}
