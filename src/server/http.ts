/**
 * The HTTP side of webhook mode: `POST /webhook` (Telegram's secret-token header checked by grammY — wrong or
 * missing answers 401 and nothing is processed) and `GET /healthz` (200 while Redis answers, 503 otherwise).
 */
import { createServer, type Server } from "node:http";
import { type Bot, webhookCallback } from "grammy";
import type { BotContext } from "../bot/context.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/index.js";

export interface HttpOptions {
  bot?: Bot<BotContext>;
  secret?: string;
  store: Store;
  logger: Logger;
}

export function createHttpServer({ bot, secret, store, logger }: HttpOptions): Server {
  const handleUpdate = bot
    ? webhookCallback(bot, "http", { secretToken: secret, onTimeout: "return", timeoutMilliseconds: 9_000 })
    : undefined;
  return createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    try {
      if (req.method === "GET" && path === "/healthz") {
        const redis = await store.ping();
        res.writeHead(redis ? 200 : 503, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: redis, redis: redis ? "up" : "down" }));
        return;
      }
      if (req.method === "POST" && path === "/webhook" && handleUpdate) {
        if (req.headers["x-telegram-bot-api-secret-token"] !== secret) {
          logger.warn({ ip: req.socket.remoteAddress }, "webhook call with a wrong or missing secret token refused");
        }
        await handleUpdate(req, res);
        return;
      }
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    } catch (err) {
      logger.error({ err }, "webhook request failed");
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
}
