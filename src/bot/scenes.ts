/**
 * The bot's scenes (@grammyjs/conversations), and the plugin itself, run only on the updates that need them.
 *
 * `createConversation` is middleware that registers its scene on the update's context and resumes the scene when
 * it is active in this chat. Installed one after another, every scene pays that on every update — closures, a map
 * entry and two promises each — although nearly every update belongs to no scene and enters none: with our eleven
 * scenes that was a sixth of the CPU time of a `/help` answer (`npx tsx bench/updates-breakdown.ts`).
 *
 * `scenes(...)` is the same middlewares, run in the same order with the same results, but only when needed:
 *  - a scene is active in this chat → they run as if installed one after another (the active one resumes, the ones
 *    before it are registered, an update it does not take goes on down the chain);
 *  - otherwise the update goes straight down the chain, and `ctx.conversation.enter` registers the scenes the first
 *    time something downstream calls it — the scenes, having nothing to resume, only register themselves.
 *
 * `sceneLayer(...)` goes one step further for the conversations plugin itself (its state, controls, and the write
 * after the update): when the update's first round trip found no scene state for the chat (`UpdateStart`), the
 * update gets stand-in controls — nothing is active, nothing to exit — and the plugin runs only if something
 * downstream enters a scene, around that `enter`: the state it saves is written when the scene has been entered.
 */
import {
  type ConversationControls,
  type ConversationFlavor,
  type ConversationOptions,
  conversations,
  createConversation,
} from "@grammyjs/conversations";
import type { Context, MiddlewareFn } from "grammy";
import type { UpdateStart } from "../store/index.js";

export interface SceneEntry<C extends Context> {
  /** The conversation id, as given to `ctx.conversation.enter`. */
  id: string;
  // biome-ignore lint/suspicious/noExplicitAny: conversation builders differ in their argument lists.
  builder: (conversation: any, ctx: C, ...args: any[]) => Promise<unknown>;
}

export function scenes<OC extends ConversationFlavor<Context>, C extends Context>(
  entries: SceneEntry<C>[],
): MiddlewareFn<OC> {
  const registrars = entries.map((e) =>
    createConversation<OC, C>(e.builder as Parameters<typeof createConversation<OC, C>>[0], {
      id: e.id,
      parallel: false,
    }),
  );

  /**
   * Runs the scenes' middlewares in order, as a chain would. Resolves true when the update went past all of them
   * (no scene took it), false when one handled it and the chain must stop there.
   */
  const runAll = async (ctx: OC): Promise<boolean> => {
    for (const mw of registrars) {
      let passed = false;
      await mw(ctx, async () => {
        passed = true;
      });
      if (!passed) return false;
    }
    return true;
  };

  return async (ctx, next) => {
    const control = ctx.conversation;
    if (Object.keys(control.active()).length > 0) {
      if (await runAll(ctx)) await next();
      return;
    }
    const enter = control.enter.bind(control);
    let registered: Promise<boolean> | undefined;
    control.enter = async (name, ...args) => {
      // No scene is active, so each one only registers itself here and lets the (empty) rest of its chain run.
      registered ??= runAll(ctx);
      await registered;
      return enter(name, ...args);
    };
    await next();
  };
}

export interface SceneLayerOptions<OC extends ConversationFlavor<Context>, C extends Context> {
  /** The conversations plugin's options (storage, plugins for the scenes' context). */
  conversations: ConversationOptions<OC, C>;
  scenes: SceneEntry<C>[];
  /** Runs after the plugin and before the scenes (e.g. `/cancel`, which must work while a scene is active). */
  before?: MiddlewareFn<OC>;
}

export function sceneLayer<
  OC extends ConversationFlavor<Context> & { updateStart?: Pick<UpdateStart, "sceneState"> },
  C extends Context,
>(options: SceneLayerOptions<OC, C>): MiddlewareFn<OC> {
  const plugin = conversations<OC, C>(options.conversations);
  const registrar = scenes<OC, C>(options.scenes);
  const before = options.before;
  const inner: MiddlewareFn<OC> = before
    ? (ctx, next) =>
        before(ctx, async () => {
          await registrar(ctx, next);
        })
    : registrar;
  const full: MiddlewareFn<OC> = (ctx, next) =>
    plugin(ctx, async () => {
      await inner(ctx, next);
    });

  /** Controls for an update of a chat with no scene state: the plugin runs only when a scene is entered. */
  const idle = (ctx: OC): ConversationControls => ({
    active: ((name?: string) => (name === undefined ? {} : 0)) as ConversationControls["active"],
    exit: async () => {},
    exitAll: async () => {},
    exitOne: async () => {},
    enter: async (name, ...args) => {
      // The plugin replaces these controls with its own, the scenes register, and the scene is entered; the plugin
      // saves the scene's state when `enter` is done.
      await plugin(ctx, async () => {
        await registrar(ctx, () => ctx.conversation.enter(name, ...args));
      });
    },
  });

  return (ctx, next) => {
    if (ctx.updateStart?.sceneState !== false) return full(ctx, next);
    ctx.conversation = idle(ctx);
    return before ? before(ctx, next) : next();
  };
}
