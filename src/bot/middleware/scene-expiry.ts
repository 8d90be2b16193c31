/**
 * Telling someone that the step they left unfinished has expired. A scene's state (`conv:`) expires
 * `sceneTtlDays` after its last step, and when it is gone nothing of it is left to say what was lost — so the chat's
 * session (`sess:`, which lives far longer) carries a small marker while a scene runs: which scene, and when it
 * last took a step (to the hour, so a busy scene does not rewrite the session on every message). A scene that ends
 * in any way clears the marker in the same update; a marker found while no scene is active is therefore a scene
 * whose state vanished. When its last step is older than the scene TTL, the person is told, once, what expired and
 * how to start again; otherwise (a new version of the scenes discarded old state) it is cleared quietly.
 */
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";

/** How stale the marker's time may be: below the TTL's scale by far, and one session write an hour at most. */
const MARKER_REFRESH_MS = 3600_000;
const DAY_MS = 24 * 3600_000;

const activeScene = (ctx: BotContext): string | undefined => Object.keys(ctx.conversation.active())[0];

export const sceneExpiry: MiddlewareFn<BotContext> = async (ctx, next) => {
  if (ctx.chat?.type !== "private" || ctx.from === undefined) return next();
  const now = ctx.deps.now().getTime();
  const ttlDays = ctx.deps.config.sceneTtlDays;
  const session = await ctx.session;
  const marker = session.scene;
  if (marker && activeScene(ctx) === undefined) {
    delete session.scene;
    if (now - Date.parse(marker.at) >= ttlDays * DAY_MS) {
      await ctx.reply(ctx.t("scene-expired", { days: ttlDays, scene: marker.id }));
    }
  }
  await next();
  const after = activeScene(ctx);
  if (after === undefined) {
    if (session.scene) delete session.scene;
  } else if (session.scene?.id !== after || now - Date.parse(session.scene.at) >= MARKER_REFRESH_MS) {
    session.scene = { id: after, at: new Date(now).toISOString() };
  }
};
