/**
 * The bot's HTTP server, in every mode but the sandbox (whose page server answers the same health check):
 * `GET /healthz` (200 while Redis answers and takes a write, 503 otherwise or when the store watch found the data
 * lost — see {@link health}), `GET <METRICS_PATH>` when metrics are on, and in webhook
 * mode `POST /webhook`. A webhook call is checked before its body is read: a wrong or missing secret-token header
 * answers 401, a declared body over the cap 413, both without reading it; a body that grows past the cap is cut off
 * with 413; a body that is not an update (JSON object with an integer `update_id`) answers 400. Only then does
 * grammY's webhook handler get the update (through a small adapter of grammY's public adapter interface, since
 * grammY's own "http" adapter would read the body again).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type Bot, webhookCallback } from "grammy";
import type { Update } from "grammy/types";
import { z } from "zod";
import type { BotContext } from "../bot/context.js";
import { wasNotHandled } from "../bot/middleware/app.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/index.js";
import type { Metrics } from "./metrics.js";
import type { StoreAlarms } from "./store-watch.js";

/** Webhook mode passes the bot with the secret Telegram echoes (never one without the other); the others neither. */
type HttpOptions = {
  store: Store;
  logger: Logger;
  metrics?: { path: string; metrics: Metrics };
  /** What the store watch last found (none in the sandbox and in memory mode). */
  alarms?: () => StoreAlarms | undefined;
} & ({ bot: Bot<BotContext>; secret: string } | { bot?: undefined; secret?: undefined });

const HEALTH_TIMEOUT_MS = 1_000;
/** Telegram's updates are a few kilobytes; a megabyte leaves room for the largest and refuses the rest. */
const MAX_WEBHOOK_BODY_BYTES = 1_000_000;
const SECRET_HEADER = "x-telegram-bot-api-secret-token";

/** What a webhook body must be before the bot sees it; everything else of the update is grammY's to read. */
const UpdateShape = z.looseObject({ update_id: z.number().int().nonnegative() });

class BodyTooLarge extends Error {}

/** Reads a request body up to `max` bytes; past that the request is cut off and `BodyTooLarge` thrown. */
function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.removeAllListeners("data");
        req.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.once("error", reject);
  });
}

/**
 * grammY's webhook adapter for an update already read and checked here, answering on Node's response. An update the
 * bot could not handle because the store was down or refused (see `wasNotHandled`) answers 503, so Telegram delivers
 * it again; its claim was given back.
 */
const checkedUpdate = (update: Update, res: ServerResponse, secret: string) => ({
  update,
  header: secret,
  end: () => (wasNotHandled(update) ? res.writeHead(503, { "retry-after": "5" }).end() : res.end()),
  respond: (json: string) => res.writeHead(200, { "content-type": "application/json" }).end(json),
  unauthorized: () => res.writeHead(401).end(),
});

export function createHttpServer(opts: HttpOptions): Server {
  const server = createServer(
    // Slow or idle clients cannot hold sockets: headers within 10 s, the whole request within 30 s.
    { headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000 },
    createHttpHandler(opts),
  );
  // Telegram opens at most 100 connections per bot (40 by default); more is not Telegram.
  server.maxConnections = 200;
  return server;
}

/** The server's request handler, also lent to the sandbox's page server for the paths the page does not use. */
export function createHttpHandler({
  bot,
  secret,
  store,
  logger,
  metrics,
  alarms,
}: HttpOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const handleUpdate = bot
    ? webhookCallback(bot, checkedUpdate, { secretToken: secret, onTimeout: "return", timeoutMilliseconds: 9_000 })
    : undefined;
  return async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    try {
      if (req.method === "GET" && path === "/healthz") {
        const { status, body } = await health(store, alarms?.());
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
        return;
      }
      if (req.method === "GET" && metrics && path === metrics.path) {
        const { contentType, body } = await metrics.metrics.render();
        res.writeHead(200, { "content-type": contentType });
        res.end(body);
        return;
      }
      if (req.method === "POST" && path === "/webhook" && handleUpdate && secret !== undefined) {
        // Checked before a byte of the body is read: a caller without the secret costs nothing but this answer.
        if (req.headers[SECRET_HEADER] !== secret) {
          logger.warn(
            { ip: req.socket.remoteAddress, header: req.headers[SECRET_HEADER] ? "wrong" : "missing" },
            "webhook call with a wrong or missing secret token refused (401); nothing processed",
          );
          refuse(req, res, 401);
          return;
        }
        if (Number(req.headers["content-length"] ?? 0) > MAX_WEBHOOK_BODY_BYTES) {
          logger.warn({ bytes: req.headers["content-length"] }, "webhook body over the cap refused (413), not read");
          refuse(req, res, 413);
          return;
        }
        const raw = await readBody(req, MAX_WEBHOOK_BODY_BYTES);
        const parsed = UpdateShape.safeParse(JSON.parse(raw));
        if (!parsed.success) {
          logger.warn("webhook body is not an update; refused (400)");
          res.writeHead(400).end();
          return;
        }
        await handleUpdate(parsed.data as Update, res, secret);
        return;
      }
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        logger.warn("webhook body grew over the cap; cut off (413)");
        refuse(req, res, 413);
        return;
      }
      if (err instanceof SyntaxError) {
        // Not an update at all (Telegram always sends JSON): 400, so nobody retries it.
        logger.warn({ err: err.message }, "webhook body is not JSON; refused");
        if (!res.headersSent) res.writeHead(400);
        res.end();
        return;
      }
      // 500 makes Telegram deliver the update again; the dedupe claim was released if storage was the cause.
      logger.error({ err }, "webhook request failed");
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  };
}

/**
 * The health answer: 503 when Redis does not answer, refuses a write (OOM under noeviction, a READONLY replica) or
 * the store watch found the data lost (`reason` says which); 200 otherwise, with `warnings` naming a Redis without
 * persistence where it must have it (the bot works; taking it out of service would not fix that).
 */
async function health(
  store: Store,
  alarms: StoreAlarms | undefined,
): Promise<{ status: number; body: Record<string, unknown> }> {
  // A load balancer polls this: answer within a second even when Redis hangs rather than refuses.
  const probe = Promise.all([store.ping(), store.marker.probeWrite(new Date()).then(() => "ok" as const)]).then(
    ([up]) => (up ? ("ok" as const) : ("down" as const)),
    (err: unknown) => (err instanceof Error && /^(OOM|READONLY|MISCONF|NOREPLICAS)\b/.test(err.message) ? err : "down"),
  );
  const timeout = new Promise<"down">((resolve) => setTimeout(resolve, HEALTH_TIMEOUT_MS, "down").unref());
  const outcome = await Promise.race([probe, timeout]);
  const warnings = alarms?.volatile ? ["redis-volatile"] : [];
  const extra = { ...(warnings.length > 0 ? { warnings } : {}), persistence: alarms?.persistence };
  if (outcome === "down") return { status: 503, body: { ok: false, redis: "down", reason: "redis-down", ...extra } };
  if (outcome !== "ok") {
    const reason = outcome.message.split(" ")[0]?.toLowerCase();
    return {
      status: 503,
      body: { ok: false, redis: "refuses-writes", reason: `redis-${reason}`, error: outcome.message, ...extra },
    };
  }
  if (alarms?.lost) {
    const { reason, detectedAt, expected } = alarms.lost;
    return {
      status: 503,
      body: { ok: false, redis: "up", reason: "store-data-lost", lost: { reason, detectedAt, expected }, ...extra },
    };
  }
  return { status: 200, body: { ok: true, redis: "up", ...extra } };
}

/** Answers `status` and closes the connection, leaving the rest of the body unread. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number): void {
  res.writeHead(status, { connection: "close" });
  res.end(() => req.destroy());
}
