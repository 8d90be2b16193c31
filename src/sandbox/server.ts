/**
 * The sandbox web server (node:http, no framework): serves the chat page and a small JSON API, and turns every
 * user action into a Telegram `Update` for `bot.handleUpdate` — the very bot production runs — while the
 * in-process Bot API emulator records what the bot sends. The page learns about replies, edits, keyboards and
 * callback answers live, over Server-Sent Events fed by the emulator's `onEvent`.
 *
 *   GET  /                              the page (index.html, style.css, and app.js bundled from app.ts: bundle.ts)
 *   GET  /api/personas                  the bot and the people one can be
 *   GET  /api/chats/:id                 a persona's chat as their client shows it now, and its reply keyboard
 *   GET  /api/chats/:id/commands        the command menu their client shows (what the bot set with setMyCommands)
 *   POST /api/chats/:id/text            {text}                          — typing, or a reply-keyboard button
 *   POST /api/chats/:id/callback        {messageId, data}               — an inline button
 *   POST /api/chats/:id/upload          {kind, fileName, mimeType, caption, data: base64} — document or photo
 *   GET  /api/files/:fileId             the bytes of a file (?download=1 to save it)
 *   GET  /api/events                    Server-Sent Events: message, edit, delete, callback_answer, keyboard
 */
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Update } from "grammy/types";
import type { Logger } from "../logger.js";
import { BUNDLE, ensureWebBundle, PAGE_DIR } from "./bundle.js";
import type { BotApiEmulator, ChatEntry, EmulatorEvent } from "./emulator/index.js";
import type { Persona } from "./personas.js";
import { type ChatEvent, type KeyboardView, keyboardView, messageView } from "./view.js";

/** Telegram's limit on files a bot can download: what users send beyond it could never reach the bot. */
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const MAX_JSON_BYTES = 64 * 1024;

export interface SandboxServerOptions {
  /** Anything that handles updates like a grammY bot (the production `createBot(deps)`). */
  bot: { handleUpdate(update: Update): Promise<unknown> };
  emu: BotApiEmulator;
  personas: readonly Persona[];
  logger: Logger;
  maxUploadBytes?: number;
  /** The bot's own HTTP answers (`/healthz`, metrics), for paths the page does not use. */
  fallback?: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface SandboxServer {
  server: Server;
  port: number;
  url: string;
  /** Set when the wanted port was taken and a later one was used instead. */
  portTaken?: number;
  close(): Promise<void>;
}

interface ListenOptions {
  port: number;
  host: string;
  /** How many following ports to try when the wanted one is taken (0 = fail with a clear error). */
  tryNext?: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function createSandboxHandler(opts: SandboxServerOptions, assets: Record<string, { type: string; body: string }>) {
  const { bot, emu, personas, logger } = opts;
  const maxUpload = opts.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  const clients = new Set<ServerResponse>();

  /** Writes to every open page; a page gone away is dropped, never an error for the bot's API call. */
  const broadcast = (frame: string) => {
    for (const res of clients) {
      try {
        if (res.destroyed || res.writableEnded) clients.delete(res);
        else res.write(frame);
      } catch {
        clients.delete(res);
      }
    }
  };
  const send = (event: ChatEvent) => broadcast(`data: ${JSON.stringify(event)}\n\n`);
  const unsubscribe = emu.onEvent((e: EmulatorEvent) => {
    try {
      const event = toChatEvent(e);
      if (event) send(event);
    } catch (err) {
      logger.warn({ err }, "sandbox: could not push an event to the page");
    }
  });
  const heartbeat = setInterval(() => broadcast(": ping\n\n"), 15_000);
  heartbeat.unref();

  const persona = (raw: string | undefined): Persona => {
    const p = personas.find((x) => String(x.user.id) === raw);
    if (!p) throw new HttpError(404, "unknown_persona", "No such persona in this sandbox.");
    return p;
  };

  /** Feeds one update to the bot; a failure is the bot's (logged), not the page's. */
  const deliver = async (update: Update) => {
    try {
      await bot.handleUpdate(update);
    } catch (err) {
      logger.error({ err, update_id: update.update_id }, "sandbox: the bot failed on an update");
    }
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sandbox");
    const path = url.pathname;
    const method = req.method ?? "GET";

    if (method === "GET" && (path === "/" || path === "/index.html")) return asset(res, assets["index.html"]);
    if (method === "GET" && path === "/style.css") return asset(res, assets["style.css"]);
    if (method === "GET" && path === "/app.js") return asset(res, assets["app.js"]);
    if (method === "GET" && path === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }

    if (method === "GET" && path === "/api/personas") {
      return sendJson(res, 200, {
        bot: { name: emu.botInfo.first_name, username: emu.botInfo.username },
        personas: personas.map((p) => ({
          id: p.user.id,
          key: p.key,
          role: p.role,
          name: p.profile.fullName,
          username: p.user.username,
        })),
        maxUploadBytes: maxUpload,
      });
    }

    if (method === "GET" && path === "/api/events") {
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache",
        connection: "keep-alive",
      });
      res.write(": connected\n\n");
      clients.add(res);
      req.on("close", () => clients.delete(res));
      res.on("error", () => clients.delete(res));
      return;
    }

    const file = /^\/api\/files\/([A-Za-z0-9_-]{1,128})$/.exec(path);
    if (method === "GET" && file?.[1]) {
      const f = emu.files.get(file[1]);
      if (!f?.data) throw new HttpError(404, "file_not_found", "This file has no content in the sandbox.");
      const name = f.file_name ?? `${f.file_unique_id}${f.mime_type === "image/jpeg" ? ".jpg" : ""}`;
      const download = url.searchParams.get("download") === "1";
      res.writeHead(200, {
        "content-type": f.mime_type ?? "application/octet-stream",
        "content-length": f.data.byteLength,
        "content-disposition": `${download ? "attachment" : "inline"}; filename*=UTF-8''${encodeURIComponent(name)}`,
        "x-content-type-options": "nosniff",
        // A file from the bot or a user is shown, never run as a page of this origin.
        "content-security-policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      });
      res.end(Buffer.from(f.data));
      return;
    }

    const chat = /^\/api\/chats\/(\d{1,15})(?:\/(text|callback|upload|commands))?$/.exec(path);
    if (chat) {
      const p = persona(chat[1]);
      const action = chat[2];
      if (!action && method === "GET") {
        return sendJson(res, 200, {
          messages: emu.history(p.user.id).map(messageView),
          keyboard: keyboardView(emu.replyKeyboard(p.user.id)),
        });
      }
      if (action === "commands" && method === "GET") {
        return sendJson(res, 200, { commands: emu.commandsFor(p.user.id, p.user.language_code) });
      }
      if (method !== "POST") throw new HttpError(405, "method_not_allowed", "Use POST for actions.");
      // JSON only: another site's page cannot send it without a CORS preflight, which this server never grants.
      if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
        throw new HttpError(415, "json_required", "Send the action as application/json.");
      }
      if (action === "text") {
        const body = await readJson(req, MAX_JSON_BYTES);
        const text = typeof body.text === "string" ? body.text : "";
        if (text.trim() === "") throw new HttpError(400, "empty_text", "The message is empty.");
        if (text.length > 4096) throw new HttpError(400, "text_too_long", "A message has at most 4096 characters.");
        await deliver(emu.text(p.user, text));
        return sendJson(res, 200, { ok: true });
      }
      if (action === "callback") {
        const body = await readJson(req, MAX_JSON_BYTES);
        const messageId = Number(body.messageId);
        const data = typeof body.data === "string" ? body.data : "";
        if (!Number.isInteger(messageId) || data === "") {
          throw new HttpError(400, "bad_callback", "messageId and data are required.");
        }
        const owned = emu.history(p.user.id).some((e) => e.from === "bot" && e.message.message_id === messageId);
        if (!owned) throw new HttpError(404, "message_not_found", "That message is not in this chat.");
        await deliver(emu.click(p.user, messageId, data));
        return sendJson(res, 200, { ok: true });
      }
      if (action === "upload") {
        const body = await readJson(req, Math.ceil((maxUpload * 4) / 3) + MAX_JSON_BYTES, maxUpload);
        const kind = body.kind === "photo" ? "photo" : body.kind === "document" ? "document" : undefined;
        if (!kind) throw new HttpError(400, "bad_kind", 'kind must be "document" or "photo".');
        if (typeof body.data !== "string") throw new HttpError(400, "no_data", "data (base64) is required.");
        const data = new Uint8Array(Buffer.from(body.data, "base64"));
        if (data.byteLength === 0) throw new HttpError(400, "empty_file", "The file is empty.");
        if (data.byteLength > maxUpload) throw tooLarge(maxUpload);
        const caption =
          typeof body.caption === "string" && body.caption.trim() ? body.caption.slice(0, 1024) : undefined;
        const mime = typeof body.mimeType === "string" && body.mimeType ? body.mimeType : undefined;
        if (kind === "photo") {
          if (mime && !/^image\/(jpeg|png|gif|webp)$/.test(mime)) {
            throw new HttpError(400, "not_an_image", "A photo must be a JPEG, PNG, GIF or WebP image.");
          }
          await deliver(emu.photo(p.user, { data, caption, mime_type: mime }));
        } else {
          const fileName = safeFileName(typeof body.fileName === "string" ? body.fileName : "") || "tep-tin";
          await deliver(emu.document(p.user, { file_name: fileName, mime_type: mime, data }, caption));
        }
        return sendJson(res, 200, { ok: true });
      }
    }
    if (opts.fallback && !path.startsWith("/api/")) return opts.fallback(req, res);
    throw new HttpError(404, "not_found", "Not found.");
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch((err) => {
      if (res.headersSent) {
        res.end();
        return;
      }
      if (err instanceof HttpError) {
        // Refused uploads: tell the client, then stop reading the rest of the body.
        if (err.status === 413) res.setHeader("connection", "close");
        sendJson(res, err.status, { error: err.code, message: err.message });
        return;
      }
      logger.error({ err }, "sandbox: request failed");
      sendJson(res, 500, { error: "internal", message: "The sandbox failed on this request." });
    });
  };

  const dispose = () => {
    unsubscribe();
    clearInterval(heartbeat);
    for (const res of clients) res.end();
    clients.clear();
  };
  return { handler, dispose };
}

/**
 * Starts the sandbox server: reads the page (building its script first if it is missing or out of date), then
 * listens (on the next free port if asked to).
 */
export async function startSandboxServer(opts: SandboxServerOptions, listen: ListenOptions): Promise<SandboxServer> {
  const built = await ensureWebBundle();
  if (built) {
    opts.logger.info({ bundle: BUNDLE, was: built }, "sandbox: built the page's script (npm run build:sandbox)");
  }
  const [html, css, js] = await Promise.all([
    readFile(join(PAGE_DIR, "index.html"), "utf8"),
    readFile(join(PAGE_DIR, "style.css"), "utf8"),
    readFile(BUNDLE, "utf8"),
  ]);
  const assets = {
    "index.html": { type: "text/html; charset=utf-8", body: html },
    "style.css": { type: "text/css; charset=utf-8", body: css },
    "app.js": { type: "text/javascript; charset=utf-8", body: js },
  };
  const { handler, dispose } = createSandboxHandler(opts, assets);
  // The sandbox drives the bot as any persona: only this machine's own page may talk to it. A page on another site
  // that rebinds its DNS name to 127.0.0.1 still sends its own name as Host (403), and its own Origin on a POST.
  const server = createServer((req, res) => {
    const port = (server.address() as AddressInfo | null)?.port;
    const allowed = new Set(
      [listen.host, "127.0.0.1", "localhost", "[::1]"]
        .filter((h) => h !== "0.0.0.0" && h !== "::")
        .map((h) => `${h.includes(":") && !h.startsWith("[") ? `[${h}]` : h}:${port}`),
    );
    const origin = req.headers.origin;
    const originOk = origin === undefined || [...allowed].some((a) => origin === `http://${a}`);
    if (!allowed.has(req.headers.host ?? "") || !originOk) {
      opts.logger.warn({ host: req.headers.host, origin }, "sandbox: request from another site refused (403)");
      res.writeHead(403, { "content-type": "text/plain" }).end("forbidden");
      return;
    }
    return handler(req, res);
  });
  const tries = Math.max(0, listen.tryNext ?? 0);
  let port = listen.port;
  for (let attempt = 0; ; attempt++) {
    try {
      await new Promise<void>((resolve, reject) => {
        const onError = (err: Error) => {
          server.off("listening", onListening);
          reject(err);
        };
        const onListening = () => {
          server.off("error", onError);
          resolve();
        };
        server.once("error", onError);
        server.once("listening", onListening);
        server.listen(port, listen.host);
      });
      break;
    } catch (err) {
      const inUse = (err as NodeJS.ErrnoException).code === "EADDRINUSE";
      if (!inUse || attempt >= tries || port === 0) {
        dispose();
        if (inUse) {
          throw new Error(
            `port ${port} on ${listen.host} is already in use: stop what uses it, or choose another with PORT=…`,
          );
        }
        throw err;
      }
      port += 1;
    }
  }
  const actual = (server.address() as AddressInfo).port;
  const shownHost = listen.host === "0.0.0.0" || listen.host === "::" ? "127.0.0.1" : listen.host;
  return {
    server,
    port: actual,
    url: `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${actual}`,
    portTaken: port !== listen.port ? listen.port : undefined,
    close: () =>
      new Promise<void>((resolve) => {
        dispose();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function toChatEvent(e: EmulatorEvent): ChatEvent | undefined {
  switch (e.type) {
    case "message":
    case "edit":
      return { type: e.type, chatId: e.chatId, message: messageView(e.entry as ChatEntry) };
    case "delete":
      return { type: "delete", chatId: e.chatId, messageId: e.messageId };
    case "callback_answer":
      return { type: "callback_answer", chatId: e.chatId, text: e.text, alert: e.show_alert ?? false };
    case "reply_keyboard":
      return { type: "keyboard", chatId: e.chatId, keyboard: keyboardView(e.markup) as KeyboardView | null };
    default:
      return undefined;
  }
}

function asset(res: ServerResponse, a: { type: string; body: string } | undefined): void {
  if (!a) {
    sendJson(res, 404, { error: "not_found", message: "Not found." });
    return;
  }
  res.writeHead(200, {
    "content-type": a.type,
    "cache-control": "no-cache",
    "x-content-type-options": "nosniff",
    // Everything is served by this app: no CDN, no inline script — and bot text can never become script.
    "content-security-policy":
      "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; connect-src 'self'",
  });
  res.end(a.body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(text);
}

function tooLarge(max: number): HttpError {
  const limit = max >= 1024 * 1024 ? `${Math.round(max / (1024 * 1024))} MB` : `${Math.round(max / 1024)} KB`;
  return new HttpError(
    413,
    "file_too_large",
    `The file is larger than ${limit}: Telegram does not let bots download bigger files, so the bot could never read it.`,
  );
}

/** Reads a JSON body up to `limit` bytes (413 beyond it, without reading the rest). */
async function readJson(req: IncomingMessage, limit: number, fileLimit?: number): Promise<Record<string, unknown>> {
  const declared = Number(req.headers["content-length"] ?? 0);
  const refuse = () =>
    fileLimit !== undefined
      ? tooLarge(fileLimit)
      : new HttpError(413, "body_too_large", `The request is larger than ${limit} bytes.`);
  if (declared > limit) throw refuse();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > limit) throw refuse();
    chunks.push(chunk as Buffer);
  }
  try {
    const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
    return parsed as Record<string, unknown>;
  } catch {
    throw new HttpError(400, "bad_json", "The body must be a JSON object.");
  }
}

/** A file name as a user's client would send it: no folders, no control characters, not absurdly long. */
function safeFileName(name: string): string {
  return name
    .replace(/^.*[\\/]/, "")
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, 200);
}
