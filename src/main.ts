/**
 * The only place that wires: config → redis → store → bot → mode (polling | webhook | sandbox).
 */

import type { Server } from "node:http";
import { publishBotTexts, publishCommands } from "./bot/commands.js";
import type { BotDeps } from "./bot/context.js";
import { createBot, startCapabilities } from "./bot/index.js";
import { ALLOWED_UPDATES } from "./bot/updates.js";
import { REMINDER_QUEUE } from "./classes/service.js";
import { type Config, ConfigError, loadConfig } from "./config.js";
import { Knowledge } from "./content/knowledge.js";
import { ContentError, formatProblem } from "./content/load.js";
import { contentTranslator } from "./content/messages.js";
import type { ContentDoc } from "./content/types.js";
import { FEEDBACK_QUEUE } from "./feedback/plan.js";
import { createI18n } from "./i18n.js";
import { BROADCAST_QUEUE } from "./jobs/broadcast/bullmq.js";
import { createBroadcaster } from "./jobs/broadcast/index.js";
import { createJobs } from "./jobs/index.js";
import { retentionPolicy, startRetention } from "./jobs/retention.js";
import { createLogger, type Logger } from "./logger.js";
import type { SandboxServer } from "./sandbox/server.js";
import { createHttpHandler, createHttpServer } from "./server/http.js";
import { createMetrics } from "./server/metrics.js";
import { type Polling, startPolling } from "./server/polling.js";
import { StoreWatch } from "./server/store-watch.js";
import { createRedis, faqExtraDocs, materialExtraDocs, Store } from "./store/index.js";

/** The BullMQ queues whose depths the metrics report. */
const QUEUE_NAMES = [REMINDER_QUEUE, FEEDBACK_QUEUE, BROADCAST_QUEUE];

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

async function main(): Promise<void> {
  const parsed = readConfig();
  const logger = createLogger(parsed.logLevel);
  // No token: the same bot runs in-process against the local Bot API emulator, behind a web chat (src/sandbox),
  // loaded only then.
  const sandbox = parsed.mode === "sandbox" ? (await import("./sandbox/index.js")).prepareSandbox(parsed) : undefined;
  const config = sandbox?.config ?? parsed;

  const redis = createRedis({
    url: config.redisUrl,
    onStatus: (status, err) =>
      status === "error" ? logger.warn({ err: err?.message }, "redis connection problem") : logger.info("redis ready"),
  });
  const store = new Store(redis);
  const i18n = createI18n(config.localesDir);
  // FAQ entries added in the bot are searched with content/ (every process picks up new ones via `faq-version`).
  const knowledge = await loadMaterial(config, logger, async () => [
    ...(await faqExtraDocs(store, i18n.t("vi", "faq-doc-title"))),
    ...(await materialExtraDocs(store)),
  ]);
  // Set once the bot can speak (it tells the coordinators); the health check and the metrics read it meanwhile.
  let watch: StoreWatch | undefined;
  const alarms = () => watch?.state();
  const metrics = config.metricsPath
    ? createMetrics({
        store,
        logger,
        alarms,
        queues: config.redisUrl ? { redisUrl: config.redisUrl, names: QUEUE_NAMES } : undefined,
      })
    : undefined;
  const http = {
    store,
    logger,
    alarms,
    metrics: metrics && config.metricsPath ? { path: config.metricsPath, metrics } : undefined,
  };
  const deps: BotDeps = {
    config,
    metrics,
    store,
    logger,
    i18n,
    now: () => new Date(),
    knowledge,
    // BullMQ on the same Redis (workers run in this process); timers in memory mode.
    jobs: createJobs({ redisUrl: config.redisUrl, logger }),
    // Announcements: BullMQ with the rate limiter on the same Redis; in-process in memory mode.
    broadcast: createBroadcaster({ redisUrl: config.redisUrl, logger }),
  };
  const bot = createBot(deps, sandbox?.botOptions);
  await bot.init();
  // Each capability's queue workers (reminders, feedback prompts, announcement delivery) run in this process.
  await startCapabilities({
    api: bot.api,
    deps,
    token: bot.token,
    client: { apiRoot: config.apiRoot, ...sandbox?.botOptions?.client },
  });
  // Once a day, class data past its retention is archived and its raw keys removed (src/jobs/retention.ts).
  if (deps.jobs) await startRetention(deps.jobs, { store, logger, now: deps.now, policy: retentionPolicy(config) });
  logger.info({ username: bot.botInfo.username, mode: config.mode, storage: config.storage }, "bot ready");
  await publishCommands(
    bot.api,
    deps.i18n,
    logger,
    config.coordinatorIds.map((userId) => ({ userId, role: "coordinator" as const })),
  );
  await publishBotTexts(bot.api, deps.i18n, logger);
  // Is this still the Redis the bot had, and does it keep its data? (Memory mode has nothing to keep.)
  if (config.storage === "redis") {
    watch = new StoreWatch({
      store,
      logger,
      i18n,
      api: bot.api,
      coordinatorIds: config.coordinatorIds,
      persistenceRequired: config.botToken !== undefined && !config.allowVolatileRedis,
      markerFile: config.deployMarkerFile,
      timeZone: config.timeZone,
    });
    await watch.start();
  }

  let polling: Polling | undefined;
  let server: Server | undefined;
  let sandboxServer: SandboxServer | undefined;
  if (config.mode === "polling") {
    await bot.api.deleteWebhook().catch((err) => logger.warn({ err: String(err) }, "deleteWebhook failed"));
    // An update the store refused is handled again in this process (the runner has confirmed its offset already).
    polling = startPolling(bot, { logger, allowedUpdates: [...ALLOWED_UPDATES] });
    // GET /healthz (and the metrics) for the service manager or the image's HEALTHCHECK.
    server = await listen(createHttpServer(http), config, logger, "polling for updates; GET /healthz");
  } else if (sandbox) {
    sandboxServer = await sandbox.start(bot, deps, createHttpHandler(http));
  } else if (config.mode === "worker") {
    // A worker takes no updates: it runs the queued jobs started above, and answers GET /healthz for orchestration.
    server = await listen(createHttpServer(http), config, logger, "worker: running queued jobs only; GET /healthz");
  } else if (config.mode === "webhook") {
    server = createHttpServer({ ...http, bot, secret: config.webhook.secret });
    server = await listen(server, config, logger, "webhook server listening on POST /webhook");
  }

  installShutdown(logger, [
    ["updates", async () => polling?.stop()],
    ["store watch", async () => watch?.stop()],
    ["http server", async () => (server ? new Promise<void>((resolve) => server?.close(() => resolve())) : undefined)],
    ["sandbox", async () => sandboxServer?.close()],
    ["jobs", async () => deps.jobs?.close()],
    ["broadcasts", async () => deps.broadcast?.close()],
    ["metrics", async () => metrics?.close()],
    ["redis", () => store.close()],
  ]);
}

/** Listens on PORT/HOST (PORT=0: any free port) and logs the address taken; a port in use stops the program. */
async function listen(server: Server, config: Config, logger: Logger, what: string): Promise<Server> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  logger.info({ port, host: config.host }, what);
  return server;
}

/** Loads content/ and builds the search index; invalid material stops the program with content:check's message. */
async function loadMaterial(
  config: Config,
  logger: Logger,
  extraDocs?: () => Promise<ContentDoc[]>,
): Promise<Knowledge> {
  const knowledge = new Knowledge({ dir: config.contentDir, extraDocs });
  try {
    const stats = await knowledge.reload();
    logger.info(stats, "lesson material loaded and indexed");
    return knowledge;
  } catch (err) {
    if (err instanceof ContentError) {
      // Centre staff read this, in Vietnamese like content:check.
      const t = contentTranslator("vi", config.localesDir);
      process.stderr.write(
        `${t("content-startup-refused", { dir: config.contentDir })}\n` +
          `${err.problems.map((p) => formatProblem(p, t, config.contentDir)).join("\n")}\n` +
          `${t("content-startup-fix")}\n`,
      );
      process.exit(1);
    }
    throw err;
  }
}

type ShutdownStep = [name: string, run: () => Promise<unknown>];

/**
 * Stops in order (no new updates first, Redis last). Each step is bounded, so one stuck part (a queue connection, a
 * request in flight) cannot keep the process alive: it is logged by name and the next step runs.
 */
function installShutdown(logger: Logger, steps: ShutdownStep[], stepTimeoutMs = 5_000): void {
  let stopping = false;
  const runStep = async ([name, run]: ShutdownStep): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), stepTimeoutMs);
    });
    try {
      const outcome = await Promise.race([run().then(() => "done" as const), timeout]);
      if (outcome === "timeout") logger.warn({ step: name, ms: stepTimeoutMs }, "shutdown step timed out; going on");
      return outcome === "done";
    } catch (err) {
      logger.warn({ step: name, err }, "shutdown step failed; going on");
      return false;
    } finally {
      clearTimeout(timer);
    }
  };
  const onSignal = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: no new updates, finishing those in flight");
    let clean = true;
    for (const step of steps) clean = (await runStep(step)) && clean;
    if (clean) logger.info("stopped cleanly");
    else logger.warn("stopped; some parts did not close in time (see above)");
    process.exit(clean ? 0 : 1);
  };
  // `on`, not `once`: npm and tsx relay the signal they got to this process too, and a second SIGTERM after a
  // `once` handler would kill it mid-shutdown. Repeats are ignored by `stopping`.
  process.on("SIGINT", () => void onSignal("SIGINT"));
  process.on("SIGTERM", () => void onSignal("SIGTERM"));
}

main().catch((err) => {
  process.stderr.write(`trogiang failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
