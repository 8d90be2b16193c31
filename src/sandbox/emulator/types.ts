/**
 * The shapes the emulator hands out: its users, files, recorded calls, chat history and events. Types only, with
 * nothing from Node, so the sandbox page's own project can read them through `view.ts`.
 */
import type { Message, ReplyKeyboardMarkup, User } from "grammy/types";

export type EmuUser = Pick<User, "id" | "first_name" | "last_name" | "username" | "language_code">;

export interface EmuFile {
  file_id: string;
  file_unique_id: string;
  file_size: number;
  file_name?: string;
  mime_type?: string;
  /** Bytes, when the bot uploaded them (exports) or a sandbox user did. */
  data?: Uint8Array;
}

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
  ok: boolean;
  result?: unknown;
  error?: ApiErrorSpec;
}

export interface ApiErrorSpec {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** A message in a chat's history, as the user's client would show it now (edits applied). */
export interface ChatEntry {
  message: Message;
  from: "bot" | "user";
  edited: boolean;
}

export type EmulatorEvent =
  | { type: "message"; chatId: number; entry: ChatEntry }
  | { type: "edit"; chatId: number; entry: ChatEntry }
  | { type: "delete"; chatId: number; messageId: number }
  | { type: "callback_answer"; chatId: number; text?: string; show_alert?: boolean }
  /** The chat's reply keyboard changed (sent, replaced or removed: `markup` undefined). */
  | { type: "reply_keyboard"; chatId: number; markup?: ReplyKeyboardMarkup };
