/**
 * `npm run webhook:set` — registers the bot's webhook with Telegram: WEBHOOK_URL, the WEBHOOK_SECRET Telegram will
 * echo in `X-Telegram-Bot-Api-Secret-Token`, and exactly the update types the bot handles (ALLOWED_UPDATES).
 * Pending updates are kept (drop_pending_updates: false): nothing users sent while the bot was switching is lost.
 *
 * Exit codes: 0 registered; 2 the configuration is incomplete or invalid (nothing was sent to Telegram);
 * 1 Telegram refused or could not be reached.
 *
 * Options: `--max-connections N` (1–100, default 40: Telegram's parallel HTTPS connections to the load balancer).
 */
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { Api, GrammyError, HttpError } from "grammy";
import { ALLOWED_UPDATES } from "./bot/updates.js";
import { type Config, ConfigError, parseConfig, type RawEnv } from "./config.js";

interface WebhookSetResult {
  code: 0 | 1 | 2;
  lines: string[];
}

/** Does the work; `main` below only prints and exits, so tests call this with their own env and API root. */
export async function setWebhook(env: RawEnv, args: string[] = []): Promise<WebhookSetResult> {
  let config: Config;
  try {
    // Checked as webhook mode whatever BOT_MODE says; Redis is not needed just to register the webhook.
    config = parseConfig({
      ...env,
      BOT_MODE: "webhook",
      STORAGE: env.STORAGE ?? (env.REDIS_URL ? undefined : "memory"),
    });
  } catch (err) {
    if (err instanceof ConfigError) return { code: 2, lines: [err.message] };
    throw err;
  }
  const problems: string[] = [];
  if (config.mode !== "webhook") problems.push("BOT_TOKEN, WEBHOOK_URL and WEBHOOK_SECRET must all be set");
  else if (!config.webhook.url.startsWith("https://")) {
    problems.push(`WEBHOOK_URL must be an https:// URL — Telegram only posts to https (got "${config.webhook.url}")`);
  }
  const maxArg = args.includes("--max-connections") ? args[args.indexOf("--max-connections") + 1] : undefined;
  const maxConnections = maxArg === undefined ? 40 : Number(maxArg);
  if (!Number.isInteger(maxConnections) || maxConnections < 1 || maxConnections > 100) {
    problems.push(`--max-connections must be a whole number from 1 to 100 (got "${maxArg}")`);
  }
  if (problems.length > 0 || config.mode !== "webhook") {
    return { code: 2, lines: ["webhook:set: nothing was sent to Telegram.", ...problems.map((p) => `  - ${p}`)] };
  }

  const api = new Api(config.botToken, { apiRoot: config.apiRoot });
  try {
    await api.setWebhook(config.webhook.url, {
      secret_token: config.webhook.secret,
      allowed_updates: [...ALLOWED_UPDATES],
      drop_pending_updates: false,
      max_connections: maxConnections,
    });
    const info = await api.getWebhookInfo();
    return {
      code: 0,
      lines: [
        `webhook set: ${config.webhook.url}`,
        `  allowed updates: ${ALLOWED_UPDATES.join(", ")}`,
        `  max connections: ${maxConnections}; secret token: set (${config.webhook.secret.length} characters)`,
        `  Telegram reports: url=${info.url || "(none)"}, pending updates=${info.pending_update_count}` +
          (info.last_error_message ? `, last error: ${info.last_error_message}` : ""),
      ],
    };
  } catch (err) {
    const why =
      err instanceof GrammyError
        ? `Telegram refused: ${err.description} (error ${err.error_code})`
        : err instanceof HttpError
          ? `could not reach the Bot API at ${config.apiRoot}: ${err.message}`
          : String(err);
    return { code: 1, lines: [`webhook:set failed — ${why}`] };
  }
}

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const result = await setWebhook(process.env, process.argv.slice(2));
  const out = result.code === 0 ? process.stdout : process.stderr;
  out.write(`${result.lines.join("\n")}\n`);
  process.exit(result.code);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
