/**
 * Control over scenes themselves: /cancel ends whatever scene is active in the chat (or plain message awaited), and
 * so does «Dừng» under the hint a scene gives when a reply-keyboard button is tapped mid-scene («Tiếp tục» leaves
 * the scene where it was).
 * The router asks this capability first, before handing the update to an active scene, so both always work.
 */
import { ScenePause } from "../../callback-data.js";
import { CapabilityBuilder } from "../../capability.js";
import { mainMenu } from "../../menu.js";

export const scenes = new CapabilityBuilder("scenes")
  .command("cancel", async (ctx) => {
    // A step that waits for the next plain message outside a scene (a check-in code, a feedback note) ends too.
    const session = await ctx.session;
    const awaited = session.feedbackNote !== undefined || session.checkinAwaitUntil !== undefined;
    if (awaited) {
      session.feedbackNote = undefined;
      session.checkinAwaitUntil = undefined;
    }
    const active = Object.keys(ctx.conversation.active()).length > 0 || awaited;
    await ctx.conversation.exitAll();
    await ctx.reply(ctx.t(active ? "cancel-done" : "cancel-nothing"));
  })
  .callback(ScenePause, {}, async (ctx, { op }) => {
    const active = Object.keys(ctx.conversation.active()).length > 0;
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    if (op === "go") {
      await ctx.answerCallbackQuery({ text: ctx.t(active ? "scene-menu-continued" : "cancel-nothing") });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.conversation.exitAll();
    // With the keyboard as it is now for this role, in case the one tapped was an older one.
    await ctx.reply(ctx.t(active ? "scene-menu-stopped" : "cancel-nothing"), { reply_markup: mainMenu(ctx, ctx.role) });
  })
  .build();
