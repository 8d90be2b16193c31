/**
 * Registration (`/register`, and «edit» on `/profile`): the registration questions, then saved. Bump
 * `SCENES_VERSION` in src/bot/index.ts when the shape of this scene changes.
 */
import type { SceneContext, SceneConversation } from "../../src/bot/context.js";
import { askRegistration } from "../../src/bot/registration.js";

export const REGISTER_SCENE = "register";

export async function registerScene(conversation: SceneConversation, ctx: SceneContext): Promise<void> {
  await askRegistration(conversation, ctx);
}
