/**
 * Chats and their history as each user's client shows it: the messages both sides sent, with the bot's edits and
 * deletions applied, and the reply keyboard the chat shows now. The Bot API methods that change a chat live here.
 */
import type { Chat, InlineKeyboardMarkup, Message, MessageEntity, ReplyKeyboardMarkup, User } from "grammy/types";
import { bad } from "./errors.js";
import { documentOf, type FileStore, photoSizeOf } from "./files.js";
import { formatted } from "./html.js";
import type { ChatEntry, EmulatorEvent, EmuUser } from "./types.js";

interface ChatState {
  chat: Chat;
  nextMessageId: number;
  entries: ChatEntry[];
  /** The reply keyboard the user's client shows now (Telegram keeps it until replaced or removed). */
  replyKeyboard?: ReplyKeyboardMarkup;
}

/** Reply keyboards are not part of the Message object; sendMessage keeps them on the entry for the sandbox page. */
type EntryWithMarkup = ChatEntry & { markup?: unknown };

type ReplyMessage = NonNullable<Message["reply_to_message"]>;

export class Chats {
  private readonly chats = new Map<number, ChatState>();

  constructor(
    private readonly bot: User,
    private readonly files: FileStore,
    private readonly now: () => Date,
    private readonly emit: (e: EmulatorEvent) => void,
  ) {}

  /** The chat, created as Telegram knows it on first contact: private for a user's id, a supergroup below zero. */
  state(chatId: number, user?: EmuUser): ChatState {
    let state = this.chats.get(chatId);
    if (!state) {
      const chat: Chat =
        chatId > 0
          ? { id: chatId, type: "private", first_name: user?.first_name ?? `User ${chatId}`, username: user?.username }
          : { id: chatId, type: "supergroup", title: `Group ${-chatId}` };
      state = { chat, nextMessageId: 1, entries: [] };
      this.chats.set(chatId, state);
    }
    return state;
  }

  group(chatId: number, title: string): Chat {
    const state = this.state(chatId);
    state.chat = { id: chatId, type: "group", title };
    return state.chat;
  }

  history(chatId: number): ChatEntry[] {
    return this.chats.get(chatId)?.entries ?? [];
  }

  find(chatId: number, messageId: number, user?: EmuUser): ChatEntry | undefined {
    return this.state(chatId, user).entries.find((e) => e.message.message_id === messageId);
  }

  replyKeyboard(chatId: number): ReplyKeyboardMarkup | undefined {
    return this.chats.get(chatId)?.replyKeyboard;
  }

  markupOf(chatId: number, messageId: number): unknown {
    const entry = this.history(chatId).find((e) => e.message.message_id === messageId) as EntryWithMarkup | undefined;
    return entry?.message && "reply_markup" in entry.message ? entry.message.reply_markup : entry?.markup;
  }

  /** A new message from the user, without content yet (the update builders add it). */
  userMessage(user: EmuUser, chatId = user.id): Message {
    return this.newMessage(this.state(chatId, user), { is_bot: false, ...user });
  }

  push(chatId: number, message: Message, from: "bot" | "user"): ChatEntry {
    const entry: ChatEntry = { message, from, edited: false };
    this.state(chatId).entries.push(entry);
    this.emit({ type: "message", chatId, entry });
    return entry;
  }

  /** The message `message` replies to, as Telegram embeds it, when it is in the chat. */
  setReplyTo(message: Message, chatId: number, replyTo: unknown): void {
    if (typeof replyTo !== "number") return;
    const target = this.find(chatId, replyTo);
    if (target) (message as { reply_to_message?: ReplyMessage }).reply_to_message = target.message as ReplyMessage;
  }

  // ---------------------------------------------------------------- the bot's methods

  sendMessage(p: Record<string, unknown>): Message {
    const state = this.requireChat(p);
    checkMarkup(p.reply_markup);
    const { text, entities } = formatted(String(p.text ?? ""), p.parse_mode, 4096, false);
    const message = { ...this.botMessageBase(state, p), text, ...(entities.length ? { entities } : {}) } as Message;
    const entry: EntryWithMarkup = this.push(state.chat.id, message, "bot");
    if (p.reply_markup) entry.markup = p.reply_markup;
    this.applyReplyKeyboard(state, p.reply_markup);
    return message;
  }

  sendFile(p: Record<string, unknown>, kind: "document" | "photo"): Message {
    const state = this.requireChat(p);
    checkMarkup(p.reply_markup);
    const file = this.files.resolve(p[kind]);
    const { text, entities } = formatted(String(p.caption ?? ""), p.parse_mode, 1024, true);
    const media = kind === "document" ? { document: documentOf(file) } : { photo: [photoSizeOf(file, 1280, 960)] };
    const message = {
      ...this.botMessageBase(state, p),
      ...media,
      ...(text ? { caption: text } : {}),
      ...(entities.length ? { caption_entities: entities } : {}),
    } as Message;
    this.push(state.chat.id, message, "bot");
    this.applyReplyKeyboard(state, p.reply_markup);
    return message;
  }

  editMessageText(p: Record<string, unknown>): Message {
    checkMarkup(p.reply_markup);
    const { text, entities } = formatted(String(p.text ?? ""), p.parse_mode, 4096, false);
    return this.editMessage(p, (m) => {
      const target = m as { text?: string; entities?: MessageEntity[]; reply_markup?: unknown };
      target.text = text;
      if (entities.length) target.entities = entities;
      else delete target.entities;
      if (p.reply_markup) target.reply_markup = p.reply_markup;
      else delete target.reply_markup;
    });
  }

  editMessageReplyMarkup(p: Record<string, unknown>): Message {
    return this.editMessage(p, (m) => {
      checkMarkup(p.reply_markup);
      (m as { reply_markup?: unknown }).reply_markup = p.reply_markup ?? undefined;
    });
  }

  editMessageCaption(p: Record<string, unknown>): Message {
    return this.editMessage(p, (m) => {
      const { text, entities } = formatted(String(p.caption ?? ""), p.parse_mode, 1024, true);
      Object.assign(m, { caption: text, caption_entities: entities, reply_markup: p.reply_markup ?? undefined });
    });
  }

  deleteMessage(p: Record<string, unknown>): true {
    const state = this.requireChat(p);
    const i = state.entries.findIndex((e) => e.message.message_id === Number(p.message_id));
    if (i < 0) throw bad("message to delete not found");
    state.entries.splice(i, 1);
    this.emit({ type: "delete", chatId: state.chat.id, messageId: Number(p.message_id) });
    return true;
  }

  // ---------------------------------------------------------------- internals

  private newMessage(state: ChatState, from: User): Message {
    return {
      message_id: state.nextMessageId++,
      date: Math.floor(this.now().getTime() / 1000),
      chat: state.chat,
      from,
    } as Message;
  }

  private requireChat(p: Record<string, unknown>): ChatState {
    const chatId = Number(p.chat_id);
    if (!Number.isFinite(chatId) || chatId === 0) throw bad("chat not found");
    return this.state(chatId);
  }

  private botMessageBase(state: ChatState, p: Record<string, unknown>): Message {
    const { id, first_name, username } = this.bot;
    const base = this.newMessage(state, { id, is_bot: true, first_name, username });
    const replyTo = (p.reply_parameters as { message_id?: number } | undefined)?.message_id ?? p.reply_to_message_id;
    this.setReplyTo(base, state.chat.id, replyTo);
    if (p.reply_markup && typeof p.reply_markup === "object" && "inline_keyboard" in p.reply_markup) {
      (base as { reply_markup?: InlineKeyboardMarkup }).reply_markup = p.reply_markup as InlineKeyboardMarkup;
    }
    return base;
  }

  /** A message's `keyboard` replaces the chat's reply keyboard, `remove_keyboard` removes it; inline ones don't touch it. */
  private applyReplyKeyboard(state: ChatState, markup: unknown): void {
    if (!markup || typeof markup !== "object") return;
    if ("keyboard" in markup) state.replyKeyboard = markup as ReplyKeyboardMarkup;
    else if ("remove_keyboard" in markup) state.replyKeyboard = undefined;
    else return;
    this.emit({ type: "reply_keyboard", chatId: state.chat.id, markup: state.replyKeyboard });
  }

  private findBotMessage(p: Record<string, unknown>): { state: ChatState; entry: ChatEntry } {
    const state = this.requireChat(p);
    const entry = state.entries.find((e) => e.message.message_id === Number(p.message_id));
    if (!entry) throw bad("message to edit not found");
    if (entry.from !== "bot") throw bad("message can't be edited");
    return { state, entry };
  }

  private editMessage(p: Record<string, unknown>, apply: (m: Message) => void): Message {
    const { state, entry } = this.findBotMessage(p);
    const before = JSON.stringify(entry.message);
    const copy = structuredClone(entry.message);
    apply(copy);
    if (JSON.stringify(copy) === before) {
      throw bad(
        "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
      );
    }
    (copy as { edit_date?: number }).edit_date = Math.floor(this.now().getTime() / 1000);
    entry.message = copy;
    entry.edited = true;
    this.emit({ type: "edit", chatId: state.chat.id, entry });
    return copy;
  }
}

/** Refuses inline keyboards Telegram refuses: buttons without text, callback data over 64 bytes. */
function checkMarkup(markup: unknown): void {
  if (!markup || typeof markup !== "object") return;
  const rows = (markup as { inline_keyboard?: { text?: string; callback_data?: string }[][] }).inline_keyboard;
  if (!rows) return;
  for (const row of rows) {
    for (const button of row) {
      if (!button.text) throw bad("text buttons are unallowed in the inline keyboard");
      if (button.callback_data !== undefined && Buffer.byteLength(button.callback_data) > 64) {
        throw bad("BUTTON_DATA_INVALID");
      }
    }
  }
}
