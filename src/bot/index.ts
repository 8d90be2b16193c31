/**
 * createBot(deps): the whole middleware stack, the same in production, the sandbox and the tests.
 *
 * Order matters:
 *   sequentialize (one update per chat at a time) → app (logger, error boundary, profile, role) → dedupe (each
 *   update_id once) → rate limit (per user) → session (for the updates that use it) → i18n
 *   → conversations (scenes, state in Redis) → /cancel → scenes → features → fallback (the three scene layers
 *   run only for updates that need them, see scenes.ts).
 */
import { sequentialize } from "@grammyjs/runner";
import { type ApiClientOptions, type Bot, type Context, type MiddlewareFn, session } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { ANNOUNCE_SCENE, announceScene } from "../../scenes/announce.js";
import { CLASS_EDIT_SCENE, classEditScene } from "../../scenes/class-edit.js";
import { FEEDBACK_SCENE, feedbackScene, NOTE_SCENE, noteScene } from "../../scenes/feedback.js";
import { GRADE_SCENE, gradeScene } from "../../scenes/grade.js";
import { JOIN_SCENE, joinScene } from "../../scenes/join.js";
import { NEWCLASS_SCENE, newClassScene } from "../../scenes/newclass.js";
import { ANSWER_SCENE, answerScene, QUESTION_SCENE, questionScene } from "../../scenes/question.js";
import { REGISTER_SCENE, registerScene } from "../../scenes/register.js";
import { REPORT_SCENE, reportScene } from "../../scenes/report.js";
import { keys } from "../store/index.js";
import { installApiDefaults } from "./api-defaults.js";
import { FastBot, FastComposer, tail } from "./composer.js";
import type { BotContext, BotDeps, SceneContext, SessionData } from "./context.js";
import { admin } from "./features/admin.js";
import { announce } from "./features/announce.js";
import { classes } from "./features/classes/index.js";
import { core } from "./features/core.js";
import { coursework } from "./features/coursework/index.js";
import { fallback } from "./features/fallback.js";
import { qa } from "./features/qa.js";
import { appMiddleware } from "./middleware/app.js";
import { dedupe } from "./middleware/dedupe.js";
import { rateLimit } from "./middleware/ratelimit.js";
import { sceneLayer } from "./scenes.js";
import { usesSession } from "./session.js";

/**
 * Version of the stored scene state. Bump it whenever any scene's code changes shape (steps added, removed or
 * reordered): stored replay logs of the old shape are then discarded instead of replayed wrongly.
 */
export const SCENES_VERSION = 1;

export interface CreateBotOptions {
  /** Skips `getMe` at start-up (tests, or when the caller already knows). */
  botInfo?: UserFromGetMe;
  /** Transport options; tests and the sandbox pass an emulator's `fetch` here. */
  client?: ApiClientOptions;
}

/** Session and sequentialize share this key: one private chat = one user. */
export const chatKey = (ctx: Context): string | undefined => ctx.chat?.id.toString();

export function createBot(deps: BotDeps, options: CreateBotOptions = {}): Bot<BotContext> {
  const token = deps.config.botToken ?? "1:sandbox";
  // FastBot: grammY's Bot with a middleware chain that skips non-matching handlers cheaply (see composer.ts).
  const bot = new FastBot<BotContext>(token, {
    botInfo: options.botInfo,
    client: { apiRoot: deps.config.apiRoot, ...options.client },
  });
  installApiDefaults(bot.api);

  bot.use(sequentialize(chatKey));
  bot.use(appMiddleware(deps));
  // Each update_id once, across processes and redeliveries; then a per-user rate limit (both on Redis).
  bot.use(dedupe());
  bot.use(rateLimit(deps, deps.rateLimit));
  bot.use(sessionLayer(deps));
  bot.use(tail(deps.i18n.middleware()));

  bot.use(scenesLayer(deps));

  // Coursework takes over Q&A's «Hỏi giảng viên» button, so it comes before `qa`.
  bot.use(admin);
  bot.use(announce);
  bot.use(coursework);
  bot.use(classes);
  bot.use(core);
  // Q&A takes any plain text left over, so it comes after every feature and just before the fallback.
  bot.use(qa);
  bot.use(fallback);

  bot.catch((err) => {
    deps.logger.error({ err: err.error, update_id: err.ctx.update.update_id }, "unhandled error outside the boundary");
  });
  return bot;
}

/** grammY's session, only for the updates whose handlers use it (see session.ts). */
export function sessionLayer(deps: BotDeps): FastComposer<BotContext> {
  const layer = new FastComposer<BotContext>();
  layer.filter(
    usesSession,
    session({
      initial: (): SessionData => ({}),
      storage: deps.store.sessionStorage<SessionData>(),
      prefix: keys.sessionPrefix,
      getSessionKey: chatKey,
    }),
  );
  return layer;
}

/**
 * Scenes: the conversations plugin (state in Redis), /cancel, then the scenes, all run only for the updates that need
 * them (see scenes.ts). New scenes go in the list.
 */
export function scenesLayer(deps: BotDeps): MiddlewareFn<BotContext> {
  const cancel = new FastComposer<BotContext>();
  cancel.command("cancel", async (ctx) => {
    const active = Object.keys(ctx.conversation.active()).length > 0;
    await ctx.conversation.exitAll();
    await ctx.reply(ctx.t(active ? "cancel-done" : "cancel-nothing"));
  });
  return sceneLayer<BotContext, SceneContext>({
    conversations: {
      storage: deps.store.conversationStorage(SCENES_VERSION),
      plugins: [
        async (ctx, next) => {
          // Scenes get the same deps, logger, profile, role, API defaults and language as the rest of the bot.
          installApiDefaults(ctx.api);
          ctx.deps = deps;
          ctx.log = deps.logger.child({ update_id: ctx.update.update_id, user: ctx.from?.id, scene: true });
          // Read fresh on every update (not through `external`): it only picks the language, never the scene's path.
          ctx.profile = ctx.from ? await deps.store.users.get(ctx.from.id) : undefined;
          ctx.role = "learner";
          await next();
        },
        deps.i18n as unknown as (ctx: SceneContext, next: () => Promise<void>) => Promise<void>,
      ],
    },
    before: cancel.middleware(),
    scenes: [
      { id: REGISTER_SCENE, builder: registerScene },
      { id: REPORT_SCENE, builder: reportScene },
      { id: GRADE_SCENE, builder: gradeScene },
      { id: FEEDBACK_SCENE, builder: feedbackScene },
      { id: NOTE_SCENE, builder: noteScene },
      { id: QUESTION_SCENE, builder: questionScene },
      { id: ANSWER_SCENE, builder: answerScene },
      { id: NEWCLASS_SCENE, builder: newClassScene },
      { id: CLASS_EDIT_SCENE, builder: classEditScene },
      { id: JOIN_SCENE, builder: joinScene },
      { id: ANNOUNCE_SCENE, builder: announceScene },
    ],
  });
}
