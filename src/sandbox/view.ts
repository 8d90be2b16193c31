/**
 * What the sandbox page is told about a chat: a plain, stable shape derived from the emulator's Telegram objects.
 * Text stays text plus entities (never HTML): the page builds DOM from them, so bot text cannot inject markup.
 * Shared by the server (which builds it) and the page (which only imports the types).
 */
import type { Message, MessageEntity, ReplyKeyboardMarkup } from "grammy/types";
import type { ChatEntry } from "./emulator/types.js";

export interface EntityView {
  type: MessageEntity["type"];
  offset: number;
  length: number;
  url?: string;
  language?: string;
}

export interface InlineButtonView {
  text: string;
  data?: string;
  url?: string;
}

export interface MessageView {
  id: number;
  from: "bot" | "user";
  edited: boolean;
  /** Unix seconds. */
  date: number;
  text?: string;
  entities?: EntityView[];
  document?: { fileId: string; name: string; size: number; mimeType?: string };
  photo?: { fileId: string; width: number; height: number };
  inline?: InlineButtonView[][];
  replyTo?: { id: number; text: string };
}

export interface KeyboardView {
  rows: string[][];
  placeholder?: string;
  oneTime: boolean;
}

export type ChatEvent =
  | { type: "message" | "edit"; chatId: number; message: MessageView }
  | { type: "delete"; chatId: number; messageId: number }
  | { type: "callback_answer"; chatId: number; text?: string; alert: boolean }
  | { type: "keyboard"; chatId: number; keyboard: KeyboardView | null };

const entitiesView = (entities: MessageEntity[] | undefined): EntityView[] | undefined =>
  entities?.map((e) => ({
    type: e.type,
    offset: e.offset,
    length: e.length,
    ...("url" in e && e.url ? { url: e.url } : {}),
    ...("language" in e && e.language ? { language: e.language } : {}),
  }));

function summary(m: Message): string {
  if (m.text) return m.text;
  if (m.caption) return m.caption;
  if (m.document) return `📄 ${m.document.file_name ?? ""}`;
  if (m.photo) return "🖼";
  return "";
}

export function messageView(entry: ChatEntry): MessageView {
  const m = entry.message;
  const view: MessageView = { id: m.message_id, from: entry.from, edited: entry.edited, date: m.date };
  if (m.text !== undefined) {
    view.text = m.text;
    view.entities = entitiesView(m.entities);
  } else if (m.caption !== undefined) {
    view.text = m.caption;
    view.entities = entitiesView(m.caption_entities);
  }
  if (m.document) {
    view.document = {
      fileId: m.document.file_id,
      name: m.document.file_name ?? "tệp",
      size: m.document.file_size ?? 0,
      mimeType: m.document.mime_type,
    };
  }
  const photo = m.photo?.at(-1);
  if (photo) view.photo = { fileId: photo.file_id, width: photo.width, height: photo.height };
  const rows = m.reply_markup?.inline_keyboard?.filter((row) => row.length > 0);
  if (rows?.length) {
    view.inline = rows.map((row) =>
      row.map((b) => ({
        text: b.text,
        ...("callback_data" in b && b.callback_data !== undefined ? { data: b.callback_data } : {}),
        ...("url" in b && b.url ? { url: b.url } : {}),
      })),
    );
  }
  if (m.reply_to_message) {
    view.replyTo = { id: m.reply_to_message.message_id, text: summary(m.reply_to_message as Message).slice(0, 120) };
  }
  return view;
}

export function keyboardView(markup: ReplyKeyboardMarkup | undefined): KeyboardView | null {
  if (!markup?.keyboard?.length) return null;
  return {
    rows: markup.keyboard.map((row) => row.map((b) => (typeof b === "string" ? b : b.text))),
    placeholder: markup.input_field_placeholder,
    oneTime: markup.one_time_keyboard ?? false,
  };
}
