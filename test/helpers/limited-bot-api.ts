/**
 * A fake Telegram Bot API server over real HTTP that enforces Telegram's flood limits the way Telegram answers
 * them: at most `globalPerSecond` messages in any sliding second across all chats and at most one message per
 * `perChatMs` in each chat, else HTTP 429 `{ ok:false, error_code:429, description:"Too Many Requests: retry after
 * N", parameters:{ retry_after:N } }`. Chats in `blocked` answer 403 "Forbidden: bot was blocked by the user".
 *
 * It records every accepted message per chat, so a bench or test can count duplicates (a chat that got the same
 * announcement twice) and losses, and every 429 it answered. Used by `npm run bench:broadcast` and the broadcast
 * tests (with the limits scaled down so they run in seconds).
 */
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface LimitedBotApiOptions {
  globalPerSecond?: number;
  perChatMs?: number;
  /** The window the global limit is counted over (ms); 1,000 = "per second". */
  windowMs?: number;
  blocked?: Iterable<number>;
  /** Answer latency (ms), like a real network round trip. */
  latencyMs?: number;
}

export interface Delivered {
  chatId: number;
  method: string;
  text: string;
  at: number;
}

export interface LimitedBotApi {
  url: string;
  server: Server;
  /** Accepted messages, in order. */
  delivered: Delivered[];
  /** Messages per chat. */
  byChat: Map<number, Delivered[]>;
  /** 429 answers given. */
  tooMany: number;
  /** 403 answers given. */
  forbidden: number;
  /** Requests per method (all answers). */
  requests: Map<string, number>;
  /** The next `n` message sends answer 500 (transient error path). */
  failNext(n: number): void;
  /** These chats always answer 500 (a delivery that keeps failing). */
  failChats: Set<number>;
  /**
   * Once `n` messages were accepted, message sends are held unanswered and not delivered (a process about to be
   * killed: its requests in flight never reach Telegram). `release()` drops the held requests and answers again.
   */
  holdAfter(n: number): void;
  /** Requests held now. */
  held(): number;
  release(): void;
  /** Stop answering message sends (requests hang) — simulates a dead network. */
  stop(): Promise<void>;
}

const SEND_METHODS = new Set(["sendMessage", "sendPhoto", "sendDocument", "editMessageText"]);

export async function startLimitedBotApi(opts: LimitedBotApiOptions = {}): Promise<LimitedBotApi> {
  const globalPerSecond = opts.globalPerSecond ?? 30;
  const windowMs = opts.windowMs ?? 1000;
  const perChatMs = opts.perChatMs ?? 1000;
  const blocked = new Set(opts.blocked ?? []);
  const recent: number[] = []; // accepted send times, oldest first (sliding window)
  const lastInChat = new Map<number, number>();
  let nextMessageId = 1;
  let failures = 0;
  let holdAt = Number.POSITIVE_INFINITY;
  const holding: ServerResponse[] = [];
  const api: LimitedBotApi = {
    url: "",
    server: undefined as unknown as Server,
    delivered: [],
    byChat: new Map(),
    tooMany: 0,
    forbidden: 0,
    requests: new Map(),
    failNext: (n) => {
      failures += n;
    },
    failChats: new Set(),
    holdAfter: (n) => {
      holdAt = n;
    },
    held: () => holding.length,
    release: () => {
      holdAt = Number.POSITIVE_INFINITY;
      for (const res of holding.splice(0)) res.destroy();
    },
    stop: async () => undefined,
  };

  const answer = (method: string, p: Record<string, unknown>): { status: number; body: unknown } => {
    api.requests.set(method, (api.requests.get(method) ?? 0) + 1);
    if (method === "getMe") {
      return {
        status: 200,
        body: { ok: true, result: { id: 1, is_bot: true, first_name: "Bench", username: "bench_bot" } },
      };
    }
    if (!SEND_METHODS.has(method)) return { status: 200, body: { ok: true, result: true } };
    const chatId = Number(p.chat_id);
    const now = Date.now();
    const tooMany = (retryAfter: number) => {
      api.tooMany++;
      return {
        status: 429,
        body: {
          ok: false,
          error_code: 429,
          description: `Too Many Requests: retry after ${retryAfter}`,
          parameters: { retry_after: retryAfter },
        },
      };
    };
    if (failures > 0 || api.failChats.has(chatId)) {
      if (!api.failChats.has(chatId)) failures--;
      return { status: 500, body: { ok: false, error_code: 500, description: "Internal Server Error" } };
    }
    if (blocked.has(chatId)) {
      api.forbidden++;
      return {
        status: 403,
        body: { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
      };
    }
    while (recent.length > 0 && (recent[0] as number) <= now - windowMs) recent.shift();
    if (recent.length >= globalPerSecond) {
      return tooMany(Math.max(1, Math.ceil(((recent[0] as number) + windowMs - now) / 1000)));
    }
    const last = lastInChat.get(chatId);
    if (method !== "editMessageText" && last !== undefined && now - last < perChatMs) {
      return tooMany(Math.max(1, Math.ceil((last + perChatMs - now) / 1000)));
    }
    recent.push(now);
    const text = String(p.text ?? p.caption ?? "");
    if (method !== "editMessageText") {
      lastInChat.set(chatId, now);
      const d: Delivered = { chatId, method, text, at: now };
      api.delivered.push(d);
      const list = api.byChat.get(chatId) ?? [];
      list.push(d);
      api.byChat.set(chatId, list);
    }
    const message_id = method === "editMessageText" ? Number(p.message_id) : nextMessageId++;
    return {
      status: 200,
      body: {
        ok: true,
        result: {
          message_id,
          date: Math.floor(now / 1000),
          chat: { id: chatId, type: "private", first_name: `User ${chatId}` },
          text,
        },
      },
    };
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const method = (req.url ?? "").split("/").pop() ?? "";
      if (method === "__stats") {
        // For a bench that runs this server in another process (so its clock and event loop are not the worker's).
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            delivered: api.delivered,
            tooMany: api.tooMany,
            forbidden: api.forbidden,
            requests: Object.fromEntries(api.requests),
          }),
        );
        return;
      }
      let payload: Record<string, unknown> = {};
      try {
        const raw = Buffer.concat(chunks).toString("utf8");
        payload = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        payload = {};
      }
      if (SEND_METHODS.has(method) && method !== "editMessageText" && api.delivered.length >= holdAt) {
        holding.push(res);
        return;
      }
      // Decided when the request arrives (as Telegram does); the answer then takes `latencyMs` to come back.
      const { status, body } = answer(method, payload);
      const reply = () => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (opts.latencyMs) setTimeout(reply, opts.latencyMs);
      else reply();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  api.url = `http://127.0.0.1:${port}`;
  api.server = server;
  api.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return api;
}

/** Duplicates (a chat that got the same text more than once) and losses (expected chats with nothing). */
export function tally(
  api: Pick<LimitedBotApi, "byChat">,
  expected: Iterable<number>,
  marker: (text: string) => string,
) {
  let duplicates = 0;
  for (const list of api.byChat.values()) {
    const seen = new Set<string>();
    for (const d of list) {
      const k = marker(d.text);
      if (seen.has(k)) duplicates++;
      seen.add(k);
    }
  }
  let losses = 0;
  for (const chatId of expected) if (!api.byChat.has(chatId)) losses++;
  return { duplicates, losses };
}

/** The stats of a server started with {@link startLimitedBotApi} in another process (`GET <url>/__stats`). */
export async function fetchStats(
  url: string,
): Promise<Pick<LimitedBotApi, "delivered" | "byChat" | "tooMany" | "forbidden" | "requests">> {
  const raw = (await (await fetch(`${url}/__stats`)).json()) as {
    delivered: Delivered[];
    tooMany: number;
    forbidden: number;
    requests: Record<string, number>;
  };
  const byChat = new Map<number, Delivered[]>();
  for (const d of raw.delivered) byChat.set(d.chatId, [...(byChat.get(d.chatId) ?? []), d]);
  return { ...raw, byChat, requests: new Map(Object.entries(raw.requests)) };
}
