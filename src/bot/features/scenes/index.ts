/**
 * Control over scenes themselves: /cancel ends whatever scene is active in the chat. The router asks this capability
 * first, before handing the update to an active scene, so /cancel always works.
 */
import { CapabilityBuilder } from "../../capability.js";

export const scenes = new CapabilityBuilder("scenes")
  .command("cancel", async (ctx) => {
    const active = Object.keys(ctx.conversation.active()).length > 0;
    await ctx.conversation.exitAll();
    await ctx.reply(ctx.t(active ? "cancel-done" : "cancel-nothing"));
  })
  .build();
