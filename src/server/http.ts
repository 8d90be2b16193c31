/**
 * The bot's HTTP server, in every mode but the sandbox (whose page server answers the same health check):
 * `GET /healthz` (200 while Redis answers, 503 otherwise), `GET <METRICS_PATH>` when metrics are on, and in webhook
 * mode `POST /webhook` (Telegram's secret-token header checked by grammY — wrong or missing answers 401 and nothing
 * is processed).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type Bot, webhookCallback } from "grammy";
import type { BotContext } from "../bot/context.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/index.js";
import type { Metrics } from "./metrics.js";

/** Webhook mode passes the bot with the secret Telegram echoes (never one without the other); the others neither. */
type HttpOptions = { store: Store; logger: Logger; metrics?: { path: string; metrics: Metrics } } & (
  | { bot: Bot<BotContext>; secret: string }
  | { bot?: undefined; secret?: undefined }
);

const HEALTH_TIMEOUT_MS = 1_000;

export function createHttpServer(opts: HttpOptions): Server {
  return createServer(createHttpHandler(opts));
}

/** The server's request handler, also lent to the sandbox's page server for the paths the page does not use. */
export function createHttpHandler({
  bot,
  secret,
  store,
  logger,
  metrics,
}: HttpOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const handleUpdate = bot
    ? webhookCallback(bot, "http", { secretToken: secret, onTimeout: "return", timeoutMilliseconds: 9_000 })
    : undefined;
  return async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    try {
      if (req.method === "GET" && path === "/healthz") {
        // A load balancer polls this: answer within a second even when Redis hangs rather than refuses.
        const redis = await Promise.race([
          store.ping(),
          new Promise<false>((resolve) => setTimeout(resolve, HEALTH_TIMEOUT_MS, false).unref()),
        ]);
        res.writeHead(redis ? 200 : 503, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: redis, redis: redis ? "up" : "down" }));
        return;
      }
      if (req.method === "GET" && metrics && path === metrics.path) {
        const { contentType, body } = await metrics.metrics.render();
        res.writeHead(200, { "content-type": contentType });
        res.end(body);
        return;
      }
      if (req.method === "POST" && path === "/webhook" && handleUpdate) {
        if (req.headers["x-telegram-bot-api-secret-token"] !== secret) {
          logger.warn(
            {
              ip: req.socket.remoteAddress,
              header: req.headers["x-telegram-bot-api-secret-token"] ? "wrong" : "missing",
            },
            "webhook call with a wrong or missing secret token refused (401); nothing processed",
          );
        }
        await handleUpdate(req, res);
        return;
      }
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    } catch (err) {
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
