/**
 * createBot(deps): the whole middleware stack on stock grammY, the same in production, the sandbox and the tests.
 *
 * How an update travels: sequentialize (one update per chat at a time) → app (logger, error boundary, the first
 * round trip to Redis: profile, role, dedupe claim, and the chat's session and scene state handed to their storage)
 * → dedupe (each update_id once) → rate limit (per user) → lazy session (read only when a handler asks) → i18n →
 * conversations (the scene state) → scene expiry (a mark of the running scene in the session, to tell someone their
 * unfinished step expired) → the router, which hands the update to the capabilities that own it — /cancel
 * alone; else the capability of the chat's active scene first, then every capability whose guard says the update is
 * its business, in the order of CAPABILITIES — → the fallback for what nobody took.
 *
 * A new capability is one folder in src/bot/features/ (and its scenes in scenes/<capability>/) and one line in
 * CAPABILITIES; see docs/architecture.md.
 */
import { conversations } from "@grammyjs/conversations";
import { sequentialize } from "@grammyjs/runner";
import {
  type ApiClientOptions,
  Bot,
  Composer,
  type Context,
  lazySession,
  type Middleware,
  type MiddlewareFn,
} from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { keys } from "../store/index.js";
import { installApiDefaults } from "./api-defaults.js";
import type { Capability, StartOptions } from "./capability.js";
import type { BotContext, BotDeps, SceneContext, SessionData } from "./context.js";
import { account } from "./features/account/index.js";
import { admin } from "./features/admin/index.js";
import { announcements } from "./features/announcements/index.js";
import { checkin } from "./features/checkin/index.js";
import { classes } from "./features/classes/index.js";
import { evaluation } from "./features/evaluation/index.js";
import { fallback } from "./features/fallback/index.js";
import { feedback } from "./features/feedback/index.js";
import { joining } from "./features/joining/index.js";
import { learnerImport } from "./features/learner-import/index.js";
import { materials } from "./features/materials/index.js";
import { membership } from "./features/membership/index.js";
import { qa } from "./features/qa/index.js";
import { questions } from "./features/questions/index.js";
import { reports } from "./features/reports/index.js";
import { scenes } from "./features/scenes/index.js";
import { schedule } from "./features/schedule/index.js";
import { standing } from "./features/standing/index.js";
import { appMiddleware } from "./middleware/app.js";
import { dedupe } from "./middleware/dedupe.js";
import { observeUpdates } from "./middleware/metrics.js";
import { rateLimit } from "./middleware/ratelimit.js";
import { sceneExpiry } from "./middleware/scene-expiry.js";

/**
 * Version of the stored scene state. Bump it whenever any scene's code changes shape (steps added, removed or
 * reordered): stored replay logs of the old shape are then discarded instead of replayed wrongly.
 */
const SCENES_VERSION = 8;

const DAY_SECONDS = 24 * 3600;

/**
 * The capabilities, in the order the router asks them. Where two own the same update (plain text: an answer by
 * reply, a check-in code, a question), the earlier one takes it first and passes it on when it is not theirs after
 * all; Q&A, which takes any plain text, is last. `scenes` (/cancel) must stay first.
 */
export const CAPABILITIES: readonly Capability[] = [
  scenes,
  admin,
  announcements,
  questions,
  reports,
  feedback,
  evaluation,
  standing,
  joining,
  schedule,
  checkin,
  classes,
  materials,
  learnerImport,
  account,
  qa,
];

export interface CreateBotOptions {
  /** Skips `getMe` at start-up (tests, or when the caller already knows). */
  botInfo?: UserFromGetMe;
  /** Transport options; tests and the sandbox pass an emulator's `fetch` here. */
  client?: ApiClientOptions;
}

/** Session and sequentialize share this key: one private chat = one user. */
const chatKey = (ctx: Context): string | undefined => ctx.chat?.id.toString();

export function createBot(deps: BotDeps, options: CreateBotOptions = {}): Bot<BotContext> {
  const token = deps.config.botToken ?? "1:sandbox";
  const bot = new Bot<BotContext>(token, {
    botInfo: options.botInfo,
    client: { apiRoot: deps.config.apiRoot, ...options.client },
  });
  installApiDefaults(bot.api, deps.metrics?.telegram429);
  for (const layer of layers(deps)) bot.use(layer.middleware);
  bot.catch((err) => {
    deps.logger.error({ err: err.error, update_id: err.ctx.update.update_id }, "unhandled error outside the boundary");
  });
  return bot;
}

interface Layer {
  name: string;
  middleware: Middleware<BotContext>;
}

/** The middleware of createBot, in order and named (bench/updates-breakdown.ts times them one by one). */
export function layers(deps: BotDeps): Layer[] {
  const routed = new Composer<BotContext>();
  routed.lazy(router(CAPABILITIES));
  return [
    { name: "sequentialize", middleware: sequentialize(chatKey) },
    { name: "app: logger, first round trip, profile, role", middleware: appMiddleware(deps) },
    ...(deps.metrics ? [{ name: "metrics", middleware: observeUpdates(deps.metrics) }] : []),
    // Each update_id once, across processes and redeliveries; then a per-user rate limit (both on Redis).
    { name: "dedupe", middleware: dedupe() },
    { name: "rate limit", middleware: rateLimit(deps.rateLimit) },
    {
      name: "lazy session",
      middleware: lazySession({
        initial: (): SessionData => ({}),
        storage: deps.store.sessionStorage<SessionData>(deps.config.sessionTtlDays * DAY_SECONDS),
        prefix: keys.sessionPrefix,
        getSessionKey: chatKey,
      }),
    },
    { name: "i18n", middleware: deps.i18n },
    // The bot's own membership (blocked, unblocked, added to a group): not a message, so no capability's guard.
    { name: "membership", middleware: membership },
    {
      name: "conversations plugin",
      middleware: conversations<BotContext, SceneContext>({
        storage: deps.store.conversationStorage(SCENES_VERSION, deps.config.sceneTtlDays * DAY_SECONDS),
        plugins: [sceneSetup(deps), deps.i18n],
      }),
    },
    // Marks the running scene in the session, and tells of one whose state expired.
    { name: "scene expiry", middleware: sceneExpiry },
    { name: "router and capabilities", middleware: routed },
    { name: "fallback", middleware: fallback },
  ];
}

/** Scenes get the same deps, logger, profile and API defaults as the rest of the bot (and, next, the language). */
function sceneSetup(deps: BotDeps): MiddlewareFn<SceneContext> {
  return async (ctx, next) => {
    installApiDefaults(ctx.api, deps.metrics?.telegram429);
    ctx.deps = deps;
    ctx.log = deps.logger.child({ update_id: ctx.update.update_id, user: ctx.from?.id, scene: true });
    // Read fresh on every update (not through `external`): it only picks the language, never the scene's path.
    ctx.profile = ctx.from ? await deps.store.users.get(ctx.from.id) : undefined;
    await next();
  };
}

/**
 * Which composers an update enters: /cancel's capability when it owns the update; else the capability of the chat's
 * active scene (whose scene takes the update, or lets it through), then every capability that owns it, in order.
 */
export function router(capabilities: readonly Capability[]): (ctx: BotContext) => Promise<Middleware<BotContext>[]> {
  const [control, ...rest] = capabilities;
  if (!control) throw new Error("no capabilities");
  const byScene = new Map<string, Capability>();
  for (const cap of capabilities) for (const id of cap.sceneIds) byScene.set(id, cap);
  return async (ctx) => {
    if (await control.owns(ctx)) return [control.composer];
    const owners: Middleware<BotContext>[] = [];
    // The active scene's capability first: its scene takes the update (or lets it through to the owners below).
    let active: Capability | undefined;
    for (const id of Object.keys(ctx.conversation.active())) active ??= byScene.get(id);
    if (active) owners.push(active.composer);
    for (const cap of rest) {
      if (cap === active) continue;
      // Most guards answer synchronously; only a text rule that reads the session is awaited.
      const owns = cap.owns(ctx);
      if (owns === true || (owns !== false && (await owns))) owners.push(cap.composer);
    }
    return owners;
  };
}

/** Starts every capability's background work (queue workers) in this process. */
export async function startCapabilities(options: StartOptions): Promise<void> {
  for (const cap of CAPABILITIES) await cap.start?.(options);
}
