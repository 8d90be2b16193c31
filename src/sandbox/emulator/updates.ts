/**
 * What users do, as the updates Telegram would deliver: texts, button taps, documents, photos, and raw updates for
 * robustness tests. Each gets the next update_id; the caller hands it to the bot (`bot.handleUpdate`). A tap stays
 * pending until the bot answers it with answerCallbackQuery.
 */
import type { CallbackQuery, Message, MessageEntity, Update } from "grammy/types";
import type { Chats } from "./chats.js";
import { bad } from "./errors.js";
import { documentOf, type FileStore, guessMime, photoSizeOf } from "./files.js";
import { commandEntities } from "./html.js";
import type { EmulatorEvent, EmuUser } from "./types.js";

export class Updates {
  private nextUpdateId: number;
  private nextCallbackId = 1;
  /** Callback query id → the chat it came from, until the bot answers it. */
  private readonly pendingCallbacks = new Map<string, number>();

  constructor(
    private readonly chats: Chats,
    private readonly files: FileStore,
    private readonly emit: (e: EmulatorEvent) => void,
    firstUpdateId: number,
  ) {
    this.nextUpdateId = firstUpdateId;
  }

  text(user: EmuUser, text: string, opts: { chatId?: number; replyTo?: number } = {}): Update {
    const message = { ...this.chats.userMessage(user, opts.chatId), text } as Message;
    const entities = commandEntities(text);
    if (entities.length) (message as { entities?: MessageEntity[] }).entities = entities;
    this.chats.setReplyTo(message, opts.chatId ?? user.id, opts.replyTo);
    return this.sent(message);
  }

  click(user: EmuUser, messageId: number, data: string, chatId = user.id): Update {
    const entry = this.chats.find(chatId, messageId, user);
    const id = String(this.nextCallbackId++);
    this.pendingCallbacks.set(id, chatId);
    const query: CallbackQuery = {
      id,
      from: { is_bot: false, ...user },
      chat_instance: `ci${chatId}`,
      data,
      ...(entry ? { message: entry.message } : {}),
    };
    return this.raw({ callback_query: query });
  }

  document(
    user: EmuUser,
    doc: { file_name: string; mime_type?: string; file_size?: number; data?: Uint8Array },
    caption?: string,
  ): Update {
    const file = this.files.store({
      file_name: doc.file_name,
      mime_type: doc.mime_type ?? guessMime(doc.file_name),
      file_size: doc.file_size ?? doc.data?.byteLength ?? 1024,
      data: doc.data,
    });
    const message = {
      ...this.chats.userMessage(user),
      document: documentOf(file),
      ...(caption ? { caption } : {}),
    } as Message;
    return this.sent(message);
  }

  photo(
    user: EmuUser,
    opts: { file_size?: number; data?: Uint8Array; caption?: string; mime_type?: string } = {},
  ): Update {
    const size = opts.file_size ?? opts.data?.byteLength ?? 200_000;
    const mime_type = opts.mime_type ?? "image/jpeg";
    // The sandbox has no image scaler: the small size shows the same bytes, as a thumbnail would.
    const small = this.files.store({ file_size: Math.ceil(size / 10), mime_type, data: opts.data });
    const large = this.files.store({ file_size: size, mime_type, data: opts.data });
    const message = {
      ...this.chats.userMessage(user),
      photo: [photoSizeOf(small, 320, 240), photoSizeOf(large, 1280, 960)],
      ...(opts.caption ? { caption: opts.caption } : {}),
    } as Message;
    return this.sent(message);
  }

  raw(partial: Record<string, unknown>): Update {
    return { update_id: this.nextUpdateId++, ...partial } as Update;
  }

  /** The bot answers a tap; an id it never got, or answered already, is refused as Telegram refuses it. */
  answerCallbackQuery(p: Record<string, unknown>): true {
    const id = String(p.callback_query_id ?? "");
    const chatId = this.pendingCallbacks.get(id);
    if (chatId === undefined) throw bad("query is too old and response timeout expired or query ID is invalid");
    this.pendingCallbacks.delete(id);
    if (p.text !== undefined && String(p.text).length > 200) throw bad("MESSAGE_TOO_LONG");
    this.emit({
      type: "callback_answer",
      chatId,
      text: p.text === undefined ? undefined : String(p.text),
      show_alert: Boolean(p.show_alert),
    });
    return true;
  }

  /** Updates reach the bot through `handleUpdate`, never by polling: getUpdates has nothing to hand out. */
  getUpdates(): Update[] {
    return [];
  }

  /** The user's message goes into their chat and out as an update. */
  private sent(message: Message): Update {
    this.chats.push(message.chat.id, message, "user");
    return this.raw({ message });
  }
}
