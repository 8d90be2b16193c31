/**
 * An in-process Telegram Bot API emulator, plugged into grammY at the `client.fetch` level.
 *
 * One emulator serves both the tests and the local sandbox (`npm start` without a token): it answers the methods
 * the bot uses with realistic results (real `Message` objects with ids, dates, entities, keyboards and files),
 * keeps every chat's history with edits applied, and refuses what Telegram refuses (malformed HTML, empty or
 * over-long text, callback data over 64 bytes) so that tests catch what production would reject.
 *
 * Because it sits under `fetch`, it sees calls made through any `Api` instance — including the fresh ones that
 * conversations create — exactly as Telegram would.
 */
import type {
  BotCommand,
  CallbackQuery,
  Chat,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  ReplyKeyboardMarkup,
  Update,
  User,
  UserFromGetMe,
} from "grammy/types";

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

const ALLOWED_TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "a",
  "code",
  "pre",
  "tg-spoiler",
  "span",
  "blockquote",
  "tg-emoji",
]);

class EmuApiError extends Error {
  constructor(readonly spec: ApiErrorSpec) {
    super(spec.description);
  }
}

const bad = (description: string) => new EmuApiError({ error_code: 400, description: `Bad Request: ${description}` });

/** Checks HTML the way Telegram does (closely enough to catch unescaped user text) and returns the plain text. */
export function parseTelegramHtml(html: string): { text: string; entities: MessageEntity[] } {
  const stack: { tag: string; offset: number; url?: string }[] = [];
  const entities: MessageEntity[] = [];
  let text = "";
  const re =
    /<(\/?)([a-zA-Z-]+)((?:\s+[a-zA-Z-]+(?:="[^"]*"|='[^']*')?)*)\s*>|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);|[<>&]/g;
  let last = 0;
  for (let m = re.exec(html); m !== null; m = re.exec(html)) {
    text += html.slice(last, m.index);
    last = re.lastIndex;
    const token = m[0];
    if (token === "<" || token === ">" || token === "&") {
      if (token === ">") {
        text += ">";
        continue;
      }
      throw bad(`can't parse entities: unexpected "${token}" at byte offset ${m.index}`);
    }
    if (token.startsWith("&")) {
      const name = m[4] ?? "";
      const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
      if (name.startsWith("#x")) text += String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      else if (name.startsWith("#")) text += String.fromCodePoint(Number.parseInt(name.slice(1), 10));
      else if (named[name] !== undefined) text += named[name];
      else throw bad(`can't parse entities: unsupported entity "&${name};"`);
      continue;
    }
    const closing = m[1] === "/";
    const tag = (m[2] ?? "").toLowerCase();
    if (!ALLOWED_TAGS.has(tag)) throw bad(`can't parse entities: unsupported start tag "${tag}"`);
    if (!closing) {
      const url = /href="([^"]*)"/.exec(m[3] ?? "")?.[1];
      stack.push({ tag, offset: text.length, url });
      continue;
    }
    const open = stack.pop();
    if (!open || open.tag !== tag) throw bad(`can't parse entities: unmatched end tag "${tag}"`);
    const type = (
      {
        b: "bold",
        strong: "bold",
        i: "italic",
        em: "italic",
        u: "underline",
        ins: "underline",
        s: "strikethrough",
        strike: "strikethrough",
        del: "strikethrough",
        a: "text_link",
        code: "code",
        pre: "pre",
        "tg-spoiler": "spoiler",
        span: "spoiler",
        blockquote: "blockquote",
        "tg-emoji": "custom_emoji",
      } as const
    )[tag as "b"] as MessageEntity["type"];
    const length = text.length - open.offset;
    if (length > 0) {
      entities.push(
        type === "text_link"
          ? { type, offset: open.offset, length, url: open.url ?? "" }
          : ({ type, offset: open.offset, length } as MessageEntity),
      );
    }
  }
  text += html.slice(last);
  if (stack.length > 0)
    throw bad(`can't parse entities: can't find end tag corresponding to start tag "${stack[0]?.tag}"`);
  return { text, entities: entities.sort((a, b) => a.offset - b.offset) };
}

function commandEntities(text: string): MessageEntity[] {
  const m = /^\/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{3,64})?/.exec(text);
  return m ? [{ type: "bot_command", offset: 0, length: m[0].length }] : [];
}

interface ChatState {
  chat: Chat;
  nextMessageId: number;
  entries: ChatEntry[];
  /** The reply keyboard the user's client shows now (Telegram keeps it until replaced or removed). */
  replyKeyboard?: ReplyKeyboardMarkup;
}

export interface EmulatorOptions {
  botInfo?: Partial<UserFromGetMe>;
  /** Clock for message dates (seconds are derived from it). */
  now?: () => Date;
  /**
   * How many recent calls `calls` keeps (default: all, for tests). The long-running sandbox keeps a few hundred,
   * so a day of clicking does not pile up every payload in memory.
   */
  maxCalls?: number;
  /**
   * The first `update_id` (default 1). The bot remembers handled ids in Redis for a day (de-duplication), so a
   * sandbox restarted on the same Redis must not count from 1 again: it starts from the clock.
   */
  firstUpdateId?: number;
}

export class BotApiEmulator {
  readonly botInfo: UserFromGetMe;
  readonly calls: ApiCall[] = [];
  readonly files = new Map<string, EmuFile>();
  private readonly chats = new Map<number, ChatState>();
  /** setMyCommands by scope and language (`<scope type>:<chat id>:<language>`). */
  private readonly commands = new Map<string, BotCommand[]>();
  private readonly failures: { method: string; error: ApiErrorSpec; times: number }[] = [];
  private readonly listeners = new Set<(e: EmulatorEvent) => void>();
  private nextUpdateId = 1;
  private nextFileId = 1;
  private nextCallbackId = 1;
  private readonly now: () => Date;
  private readonly maxCalls: number;

  constructor(options: EmulatorOptions = {}) {
    this.botInfo = {
      id: 7000000001,
      is_bot: true,
      first_name: "Trợ giảng",
      username: "trogiang_bot",
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      ...options.botInfo,
    } as UserFromGetMe;
    this.now = options.now ?? (() => new Date());
    this.maxCalls = options.maxCalls ?? Number.POSITIVE_INFINITY;
    this.nextUpdateId = options.firstUpdateId ?? 1;
  }

  /** Subscribe to what users would see (the sandbox pushes these to the web page). */
  onEvent(listener: (e: EmulatorEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Makes the next `times` calls of `method` fail as Telegram would (429 with retry_after, 403 blocked, 5xx …). */
  failNext(method: string, error: ApiErrorSpec, times = 1): void {
    this.failures.push({ method, error, times });
  }

  // ---------------------------------------------------------------- transport

  /** The `fetch` to hand to grammY: `new Bot(token, { client: { fetch: emu.fetch } })`. */
  readonly fetch = (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    // File downloads: `<apiRoot>/file/bot<token>/<file_path>`, as the bot fetches what users sent.
    const download = /\/file\/bot[^/]+\/(.+)$/.exec(new URL(url).pathname);
    if (download?.[1]) return this.downloadResponse(decodeURIComponent(download[1]));
    const method = url.split("/").pop() ?? "";
    const payload = await readPayload(init);
    const call: ApiCall = { method, payload, ok: true };
    this.calls.push(call);
    if (this.calls.length > this.maxCalls) this.calls.splice(0, this.calls.length - this.maxCalls);
    try {
      const injected = this.takeFailure(method);
      if (injected) throw new EmuApiError(injected);
      const result = this.dispatch(method, payload);
      call.result = result;
      return json({ ok: true, result });
    } catch (err) {
      const spec =
        err instanceof EmuApiError
          ? err.spec
          : { error_code: 500, description: `Internal Server Error: ${String(err)}` };
      call.ok = false;
      call.error = spec;
      return json({ ok: false, ...spec }, spec.error_code);
    }
  }) as typeof fetch;

  private takeFailure(method: string): ApiErrorSpec | undefined {
    const i = this.failures.findIndex((f) => f.method === method || f.method === "*");
    if (i < 0) return undefined;
    const f = this.failures[i];
    if (!f) return undefined;
    f.times -= 1;
    if (f.times <= 0) this.failures.splice(i, 1);
    return f.error;
  }

  private dispatch(method: string, p: Record<string, unknown>): unknown {
    switch (method) {
      case "getMe":
        return this.botInfo;
      case "sendMessage":
        return this.sendMessage(p);
      case "editMessageText":
        return this.editMessageText(p);
      case "editMessageReplyMarkup":
        return this.editMessage(p, (m) => {
          checkMarkup(p.reply_markup);
          (m as { reply_markup?: unknown }).reply_markup = p.reply_markup ?? undefined;
        });
      case "editMessageCaption":
        return this.editMessage(p, (m) => {
          const { text, entities } = formatted(String(p.caption ?? ""), p.parse_mode, 1024, true);
          Object.assign(m, { caption: text, caption_entities: entities, reply_markup: p.reply_markup ?? undefined });
        });
      case "deleteMessage":
        return this.deleteMessage(p);
      case "answerCallbackQuery":
        return this.answerCallbackQuery(p);
      case "sendDocument":
        return this.sendFile(p, "document");
      case "sendPhoto":
        return this.sendFile(p, "photo");
      case "getFile":
        return this.getFile(p);
      case "sendChatAction":
      case "setMyCommands":
        this.commands.set(commandScopeKey(p), (p.commands as BotCommand[] | undefined) ?? []);
        return true;
      case "deleteMyCommands":
        this.commands.delete(commandScopeKey(p));
        return true;
      case "setWebhook":
      case "deleteWebhook":
      case "setChatMenuButton":
      case "close":
      case "logOut":
        return true;
      case "getMyCommands":
        return this.commands.get(commandScopeKey(p)) ?? [];
      case "getWebhookInfo":
        return { url: "", has_custom_certificate: false, pending_update_count: 0 };
      case "getUpdates":
        return [];
      default:
        throw new EmuApiError({ error_code: 404, description: "Not Found: method not found" });
    }
  }

  // ---------------------------------------------------------------- chats

  private chatState(chatId: number, user?: EmuUser): ChatState {
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

  /** Registers a group chat so updates can come from it. */
  group(chatId: number, title = "Nhóm lớp học"): Chat {
    const state = this.chatState(chatId);
    state.chat = { id: chatId, type: "group", title };
    return state.chat;
  }

  private push(chatId: number, message: Message, from: "bot" | "user"): ChatEntry {
    const entry: ChatEntry = { message, from, edited: false };
    this.chatState(chatId).entries.push(entry);
    this.emit({ type: "message", chatId, entry });
    return entry;
  }

  private emit(e: EmulatorEvent): void {
    for (const l of this.listeners) l(e);
  }

  private requireChat(p: Record<string, unknown>): ChatState {
    const chatId = Number(p.chat_id);
    if (!Number.isFinite(chatId) || chatId === 0) throw bad("chat not found");
    return this.chatState(chatId);
  }

  private botMessageBase(state: ChatState, p: Record<string, unknown>): Message {
    const message_id = state.nextMessageId++;
    const base = {
      message_id,
      date: Math.floor(this.now().getTime() / 1000),
      chat: state.chat,
      from: { id: this.botInfo.id, is_bot: true, first_name: this.botInfo.first_name, username: this.botInfo.username },
    } as Message;
    const replyTo = (p.reply_parameters as { message_id?: number } | undefined)?.message_id ?? p.reply_to_message_id;
    if (typeof replyTo === "number") {
      const target = state.entries.find((e) => e.message.message_id === replyTo);
      if (target) (base as { reply_to_message?: Message }).reply_to_message = target.message as never;
    }
    if (p.reply_markup && typeof p.reply_markup === "object" && "inline_keyboard" in p.reply_markup) {
      (base as { reply_markup?: InlineKeyboardMarkup }).reply_markup = p.reply_markup as InlineKeyboardMarkup;
    }
    return base;
  }

  private sendMessage(p: Record<string, unknown>): Message {
    const state = this.requireChat(p);
    checkMarkup(p.reply_markup);
    const { text, entities } = formatted(String(p.text ?? ""), p.parse_mode, 4096, false);
    const message = { ...this.botMessageBase(state, p), text, ...(entities.length ? { entities } : {}) } as Message;
    /** Reply keyboards are not part of the Message object; keep them on the entry for the sandbox page. */
    const entry = this.push(state.chat.id, message, "bot");
    if (p.reply_markup) (entry as ChatEntry & { markup?: unknown }).markup = p.reply_markup;
    this.applyReplyKeyboard(state, p.reply_markup);
    return message;
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

  private editMessageText(p: Record<string, unknown>): Message {
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

  private deleteMessage(p: Record<string, unknown>): true {
    const state = this.requireChat(p);
    const i = state.entries.findIndex((e) => e.message.message_id === Number(p.message_id));
    if (i < 0) throw bad("message to delete not found");
    state.entries.splice(i, 1);
    this.emit({ type: "delete", chatId: state.chat.id, messageId: Number(p.message_id) });
    return true;
  }

  private readonly pendingCallbacks = new Map<string, number>();

  private answerCallbackQuery(p: Record<string, unknown>): true {
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

  private storeFile(f: Omit<EmuFile, "file_id" | "file_unique_id">): EmuFile {
    const n = this.nextFileId++;
    const file: EmuFile = {
      file_id: `BQACAgIAAx${n.toString(36).padStart(6, "0")}emu`,
      file_unique_id: `AgAD${n}`,
      ...f,
    };
    this.files.set(file.file_id, file);
    return file;
  }

  private sendFile(p: Record<string, unknown>, kind: "document" | "photo"): Message {
    const state = this.requireChat(p);
    checkMarkup(p.reply_markup);
    const input = p[kind];
    let file: EmuFile | undefined;
    if (input && typeof input === "object" && "data" in input) {
      const upload = input as { data: Uint8Array; filename?: string };
      file = this.storeFile({
        file_size: upload.data.byteLength,
        file_name: upload.filename,
        mime_type: guessMime(upload.filename),
        data: upload.data,
      });
    } else if (typeof input === "string" && this.files.has(input)) {
      file = this.files.get(input);
    } else {
      throw bad("wrong file identifier/HTTP URL specified");
    }
    if (!file) throw bad("wrong file identifier/HTTP URL specified");
    const { text, entities } = formatted(String(p.caption ?? ""), p.parse_mode, 1024, true);
    const media =
      kind === "document"
        ? {
            document: {
              file_id: file.file_id,
              file_unique_id: file.file_unique_id,
              file_size: file.file_size,
              file_name: file.file_name,
              mime_type: file.mime_type,
            },
          }
        : {
            photo: [
              {
                file_id: file.file_id,
                file_unique_id: file.file_unique_id,
                file_size: file.file_size,
                width: 1280,
                height: 960,
              },
            ],
          };
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

  private readonly filePaths = new Map<string, string>();

  private getFile(p: Record<string, unknown>) {
    const file = this.files.get(String(p.file_id ?? ""));
    if (!file) throw bad("invalid file_id");
    if (file.file_size > 20 * 1024 * 1024) throw bad("file is too big");
    // Telegram's shape: `documents/file_12.pdf`, `photos/file_3.jpg` — unique per file, the name is not kept.
    const ext = file.file_name?.includes(".")
      ? file.file_name.split(".").pop()
      : file.mime_type === "image/jpeg"
        ? "jpg"
        : "";
    const folder = file.mime_type?.startsWith("image/") && !file.file_name ? "photos" : "documents";
    const file_path = `${folder}/file_${file.file_unique_id.replace(/^AgAD/, "")}${ext ? `.${ext}` : ""}`;
    this.filePaths.set(file_path, file.file_id);
    return { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.file_size, file_path };
  }

  /** The file behind a `file_path` that `getFile` handed out. */
  fileByPath(path: string): EmuFile | undefined {
    const id = this.filePaths.get(path);
    return id === undefined ? undefined : this.files.get(id);
  }

  private downloadResponse(path: string): Response {
    const file = this.fileByPath(path);
    if (!file?.data) return new Response("Not Found", { status: 404 });
    return new Response(Buffer.from(file.data), {
      status: 200,
      headers: {
        "content-type": file.mime_type ?? "application/octet-stream",
        "content-length": String(file.data.byteLength),
      },
    });
  }

  // ---------------------------------------------------------------- incoming updates

  private userMessageBase(user: EmuUser, chatId = user.id): Message {
    const state = this.chatState(chatId, user);
    return {
      message_id: state.nextMessageId++,
      date: Math.floor(this.now().getTime() / 1000),
      chat: state.chat,
      from: { is_bot: false, ...user },
    } as Message;
  }

  private update(partial: Omit<Update, "update_id">): Update {
    return { update_id: this.nextUpdateId++, ...partial } as Update;
  }

  /** A text message from `user` (commands get their bot_command entity, as Telegram sets it). */
  text(user: EmuUser, text: string, opts: { chatId?: number; replyTo?: number } = {}): Update {
    const message = { ...this.userMessageBase(user, opts.chatId), text } as Message;
    const entities = commandEntities(text);
    if (entities.length) (message as { entities?: MessageEntity[] }).entities = entities;
    if (opts.replyTo !== undefined) {
      const target = this.chatState(opts.chatId ?? user.id).entries.find((e) => e.message.message_id === opts.replyTo);
      if (target) (message as { reply_to_message?: Message }).reply_to_message = target.message as never;
    }
    this.push(message.chat.id, message, "user");
    return this.update({ message: message as Update["message"] });
  }

  /** The user taps an inline button of a bot message. */
  click(user: EmuUser, messageId: number, data: string, chatId = user.id): Update {
    const entry = this.chatState(chatId, user).entries.find((e) => e.message.message_id === messageId);
    const id = String(this.nextCallbackId++);
    this.pendingCallbacks.set(id, chatId);
    const query: CallbackQuery = {
      id,
      from: { is_bot: false, ...user },
      chat_instance: `ci${chatId}`,
      data,
      ...(entry ? { message: entry.message as never } : {}),
    };
    return this.update({ callback_query: query });
  }

  /** The user sends a file as a document (the bytes are optional; tests mostly need metadata). */
  document(
    user: EmuUser,
    doc: { file_name: string; mime_type?: string; file_size?: number; data?: Uint8Array },
    caption?: string,
  ): Update {
    const size = doc.file_size ?? doc.data?.byteLength ?? 1024;
    const file = this.storeFile({
      file_name: doc.file_name,
      mime_type: doc.mime_type ?? guessMime(doc.file_name),
      file_size: size,
      data: doc.data,
    });
    const message = {
      ...this.userMessageBase(user),
      document: {
        file_id: file.file_id,
        file_unique_id: file.file_unique_id,
        file_name: file.file_name,
        mime_type: file.mime_type,
        file_size: size,
      },
      ...(caption ? { caption } : {}),
    } as Message;
    this.push(message.chat.id, message, "user");
    return this.update({ message: message as Update["message"] });
  }

  /** The user sends a photo (Telegram delivers several sizes; the last is the largest). */
  photo(
    user: EmuUser,
    opts: { file_size?: number; data?: Uint8Array; caption?: string; mime_type?: string } = {},
  ): Update {
    const size = opts.file_size ?? opts.data?.byteLength ?? 200_000;
    const mime_type = opts.mime_type ?? "image/jpeg";
    // The sandbox has no image scaler: the small size shows the same bytes, as a thumbnail would.
    const small = this.storeFile({ file_size: Math.ceil(size / 10), mime_type, data: opts.data });
    const large = this.storeFile({ file_size: size, mime_type, data: opts.data });
    const message = {
      ...this.userMessageBase(user),
      photo: [
        {
          file_id: small.file_id,
          file_unique_id: small.file_unique_id,
          file_size: small.file_size,
          width: 320,
          height: 240,
        },
        {
          file_id: large.file_id,
          file_unique_id: large.file_unique_id,
          file_size: large.file_size,
          width: 1280,
          height: 960,
        },
      ],
      ...(opts.caption ? { caption: opts.caption } : {}),
    } as Message;
    this.push(message.chat.id, message, "user");
    return this.update({ message: message as Update["message"] });
  }

  /** Any other update (edited messages, channel posts, unknown kinds) for robustness tests. */
  raw(partial: Record<string, unknown>): Update {
    return { update_id: this.nextUpdateId++, ...partial } as Update;
  }

  // ---------------------------------------------------------------- views

  /**
   * The command menu a user's client shows in their private chat, resolved as Telegram does: the chat's own scope,
   * then the default scope for their language, then the default scope.
   */
  commandsFor(chatId: number, languageCode?: string): BotCommand[] {
    const chat = this.commands.get(`chat:${chatId}:`);
    if (chat) return chat;
    return (
      (languageCode ? this.commands.get(`default::${languageCode}`) : undefined) ?? this.commands.get("default::") ?? []
    );
  }

  /** Opens a user's private chat with the bot (as Telegram knows it before they write), so the bot can message them. */
  openChat(user: EmuUser): Chat {
    return this.chatState(user.id, user).chat;
  }

  /** The reply keyboard the chat shows now: the last one sent, until replaced or removed. */
  replyKeyboard(chatId: number): ReplyKeyboardMarkup | undefined {
    return this.chats.get(chatId)?.replyKeyboard;
  }

  /** Everything in a chat as its user sees it now. */
  history(chatId: number): ChatEntry[] {
    return this.chats.get(chatId)?.entries ?? [];
  }

  /** The bot's messages in a chat, as shown now. */
  botMessages(chatId: number): Message[] {
    return this.history(chatId)
      .filter((e) => e.from === "bot")
      .map((e) => e.message);
  }

  /** The reply keyboard (or inline keyboard) last sent with a message, for tests and the sandbox page. */
  markupOf(chatId: number, messageId: number): unknown {
    const entry = this.history(chatId).find((e) => e.message.message_id === messageId) as
      | (ChatEntry & { markup?: unknown })
      | undefined;
    return entry?.message && "reply_markup" in entry.message ? entry.message.reply_markup : entry?.markup;
  }
}

function commandScopeKey(p: Record<string, unknown>): string {
  const scope = (p.scope as { type?: string; chat_id?: number | string } | undefined) ?? { type: "default" };
  const language = typeof p.language_code === "string" ? p.language_code : "";
  return `${scope.type ?? "default"}:${scope.chat_id ?? ""}:${scope.type === "chat" ? "" : language}`;
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function formatted(
  raw: string,
  parseMode: unknown,
  limit: number,
  allowEmpty: boolean,
): { text: string; entities: MessageEntity[] } {
  const result = parseMode === "HTML" ? parseTelegramHtml(raw) : { text: raw, entities: [] };
  if (!allowEmpty && result.text.trim().length === 0) throw bad("message text is empty");
  if (result.text.length > limit) throw bad(limit === 1024 ? "message caption is too long" : "message is too long");
  return result;
}

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

function guessMime(name?: string): string | undefined {
  const ext = name?.split(".").pop()?.toLowerCase();
  const map: Record<string, string> = {
    pdf: "application/pdf",
    doc: "application/msword",
    docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    odt: "application/vnd.oasis.opendocument.text",
    xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    csv: "text/csv",
    txt: "text/plain",
    jpg: "image/jpeg",
    jpeg: "image/jpeg",
    png: "image/png",
    zip: "application/zip",
    exe: "application/x-msdownload",
  };
  return ext ? map[ext] : undefined;
}

async function readPayload(init?: RequestInit): Promise<Record<string, unknown>> {
  const body = init?.body;
  if (body === undefined || body === null) return {};
  const headers = new Headers(init?.headers);
  const type = headers.get("content-type") ?? "";
  const bytes = await collect(body);
  if (type.includes("multipart/form-data")) {
    const boundary = /boundary=(.+)$/.exec(type)?.[1] ?? "";
    return parseMultipart(bytes, boundary);
  }
  const text = new TextDecoder().decode(bytes);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

async function collect(body: unknown): Promise<Uint8Array> {
  if (typeof body === "string") return new TextEncoder().encode(body);
  if (body instanceof Uint8Array) return body;
  const chunks: Uint8Array[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    chunks.push(typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk);
  }
  return Buffer.concat(chunks);
}

/** Parses grammY's multipart bodies: JSON-ish fields plus `attach://` files, resolved back into the payload. */
function parseMultipart(bytes: Uint8Array, boundary: string): Record<string, unknown> {
  const buf = Buffer.from(bytes);
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string> = {};
  const files: Record<string, { data: Uint8Array; filename?: string }> = {};
  let start = buf.indexOf(delimiter);
  while (start >= 0) {
    const next = buf.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = buf.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd >= 0) {
      const head = part.subarray(0, headerEnd).toString("utf8");
      const data = part.subarray(headerEnd + 4);
      const name = /name="([^"]+)"/.exec(head)?.[1] ?? "";
      const filename = /filename=("?)([^"\r\n;]+)\1/.exec(head)?.[2];
      if (filename !== undefined) files[name] = { data: new Uint8Array(data), filename };
      else fields[name] = data.toString("utf8");
    }
    start = next;
  }
  const payload: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    const attach = /^attach:\/\/(.+)$/.exec(v);
    if (attach?.[1] && files[attach[1]]) payload[k] = files[attach[1]];
    else {
      try {
        payload[k] = JSON.parse(v);
      } catch {
        payload[k] = v;
      }
    }
  }
  return payload;
}
