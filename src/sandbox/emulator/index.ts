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
 *
 * This module is the transport and the method table; each concern has its own module: `html.ts` (parse mode,
 * entities, limits), `chats.ts` (chats, history, the bot's sending and editing), `files.ts` (file ids, getFile,
 * downloads), `updates.ts` (what users do, as updates), `commands.ts` (command menus), `multipart.ts` (call bodies).
 */
import type { BotCommand, Chat, Message, ReplyKeyboardMarkup, Update, UserFromGetMe } from "grammy/types";
import { Chats } from "./chats.js";
import { CommandMenus } from "./commands.js";
import { EmuApiError } from "./errors.js";
import { FileStore } from "./files.js";
import { readPayload } from "./multipart.js";
import type { ApiCall, ApiErrorSpec, ChatEntry, EmuFile, EmulatorEvent, EmuUser } from "./types.js";
import { Updates } from "./updates.js";

export type { ApiCall, ChatEntry, EmulatorEvent, EmuUser } from "./types.js";

interface EmulatorOptions {
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
  private readonly fileStore = new FileStore();
  readonly files: Map<string, EmuFile> = this.fileStore.files;
  private readonly chats: Chats;
  private readonly updates: Updates;
  private readonly commands = new CommandMenus();
  /** The bot's description and short description, by field and language (setMyDescription …). */
  private readonly profileTexts = new Map<string, string>();
  private readonly failures: { method: string; error: ApiErrorSpec; times: number }[] = [];
  private readonly listeners = new Set<(e: EmulatorEvent) => void>();
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
    this.maxCalls = options.maxCalls ?? Number.POSITIVE_INFINITY;
    const emit = (e: EmulatorEvent) => {
      for (const l of this.listeners) l(e);
    };
    this.chats = new Chats(this.botInfo, this.fileStore, options.now ?? (() => new Date()), emit);
    this.updates = new Updates(this.chats, this.fileStore, emit, options.firstUpdateId ?? 1);
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
    if (download?.[1]) return this.fileStore.download(decodeURIComponent(download[1]));
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
        return this.chats.sendMessage(p);
      case "editMessageText":
        return this.chats.editMessageText(p);
      case "editMessageReplyMarkup":
        return this.chats.editMessageReplyMarkup(p);
      case "editMessageCaption":
        return this.chats.editMessageCaption(p);
      case "deleteMessage":
        return this.chats.deleteMessage(p);
      case "answerCallbackQuery":
        return this.updates.answerCallbackQuery(p);
      case "sendDocument":
        return this.chats.sendFile(p, "document");
      case "sendPhoto":
        return this.chats.sendFile(p, "photo");
      case "getFile":
        return this.fileStore.getFile(p);
      case "setMyCommands":
        return this.commands.set(p);
      case "deleteMyCommands":
        return this.commands.delete(p);
      case "getMyCommands":
        return this.commands.get(p);
      case "setMyDescription":
      case "setMyShortDescription": {
        const field = method === "setMyDescription" ? "description" : "short_description";
        this.profileTexts.set(`${field}:${String(p.language_code ?? "")}`, String(p[field] ?? ""));
        return true;
      }
      case "getMyDescription":
        return { description: this.profileTexts.get(`description:${String(p.language_code ?? "")}`) ?? "" };
      case "getMyShortDescription":
        return { short_description: this.profileTexts.get(`short_description:${String(p.language_code ?? "")}`) ?? "" };
      case "leaveChat":
      case "sendChatAction":
      case "setWebhook":
      case "deleteWebhook":
      case "setChatMenuButton":
      case "close":
      case "logOut":
        return true;
      case "getWebhookInfo":
        return { url: "", has_custom_certificate: false, pending_update_count: 0 };
      case "getUpdates":
        return this.updates.getUpdates();
      default:
        throw new EmuApiError({ error_code: 404, description: "Not Found: method not found" });
    }
  }

  // ---------------------------------------------------------------- what users do

  /** A text message from `user` (commands get their bot_command entity, as Telegram sets it). */
  text(user: EmuUser, text: string, opts: { chatId?: number; replyTo?: number } = {}): Update {
    return this.updates.text(user, text, opts);
  }

  /** The user taps an inline button of a bot message. */
  click(user: EmuUser, messageId: number, data: string, chatId = user.id): Update {
    return this.updates.click(user, messageId, data, chatId);
  }

  /** The user sends a file as a document (the bytes are optional; tests mostly need metadata). */
  document(
    user: EmuUser,
    doc: { file_name: string; mime_type?: string; file_size?: number; data?: Uint8Array },
    caption?: string,
  ): Update {
    return this.updates.document(user, doc, caption);
  }

  /** The user sends a photo (Telegram delivers several sizes; the last is the largest). */
  photo(
    user: EmuUser,
    opts: { file_size?: number; data?: Uint8Array; caption?: string; mime_type?: string } = {},
  ): Update {
    return this.updates.photo(user, opts);
  }

  /** Any other update (edited messages, channel posts, unknown kinds) for robustness tests. */
  raw(partial: Record<string, unknown>): Update {
    return this.updates.raw(partial);
  }

  // ---------------------------------------------------------------- views

  /** Registers a group chat so updates can come from it. */
  group(chatId: number, title = "Nhóm lớp học"): Chat {
    return this.chats.group(chatId, title);
  }

  /** Opens a user's private chat with the bot (as Telegram knows it before they write), so the bot can message them. */
  openChat(user: EmuUser): Chat {
    return this.chats.state(user.id, user).chat;
  }

  /**
   * The command menu a user's client shows in their private chat, resolved as Telegram does: the chat's own scope,
   * then the default scope for their language, then the default scope.
   */
  commandsFor(chatId: number, languageCode?: string): BotCommand[] {
    return this.commands.shownIn(chatId, languageCode);
  }

  /** The reply keyboard the chat shows now: the last one sent, until replaced or removed. */
  replyKeyboard(chatId: number): ReplyKeyboardMarkup | undefined {
    return this.chats.replyKeyboard(chatId);
  }

  /** Everything in a chat as its user sees it now. */
  history(chatId: number): ChatEntry[] {
    return this.chats.history(chatId);
  }

  /** The bot's messages in a chat, as shown now. */
  botMessages(chatId: number): Message[] {
    return this.history(chatId)
      .filter((e) => e.from === "bot")
      .map((e) => e.message);
  }

  /** The reply keyboard (or inline keyboard) last sent with a message, for tests and the sandbox page. */
  markupOf(chatId: number, messageId: number): unknown {
    return this.chats.markupOf(chatId, messageId);
  }

  /** The file behind a `file_path` that `getFile` handed out. */
  fileByPath(path: string): EmuFile | undefined {
    return this.fileStore.byPath(path);
  }
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}
