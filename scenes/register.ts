/**
 * Registration: full name, unit (chi bộ), position → confirm → saved on the user's profile. Also used by
 * `/profile` to edit. Bump `SCENES_VERSION` in src/bot/index.ts when the shape of this scene changes.
 */
import { escapeHtml } from "../src/bot/api-defaults.js";
import type { SceneContext, SceneConversation } from "../src/bot/context.js";
import { mainMenu } from "../src/bot/keyboards.js";
import { FullNameSchema, UnitSchema } from "../src/domain/profile.js";
import { POSITIONS, type Position } from "../src/store/index.js";
import { askChoice, askText } from "./common.js";

export const REGISTER_SCENE = "register";

export async function registerScene(conversation: SceneConversation, ctx: SceneContext): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  await ctx.reply(ctx.t("reg-intro"), { reply_markup: { remove_keyboard: true } });

  let answers: { fullName: string; unit: string; position: Position };
  for (;;) {
    const fullName = await askText(conversation, ctx, {
      prompt: "reg-ask-name",
      invalid: "reg-name-invalid",
      schema: FullNameSchema,
    });
    const unit = await askText(conversation, ctx, {
      prompt: "reg-ask-unit",
      invalid: "reg-unit-invalid",
      schema: UnitSchema,
    });
    const position = await askChoice(conversation, ctx, {
      prompt: "reg-ask-position",
      invalid: "reg-position-invalid",
      prefix: "reg:pos",
      choices: POSITIONS.map((p) => ({ value: p, label: ctx.t(`position-${p}`) })),
    });
    const confirmed = await askChoice(conversation, ctx, {
      prompt: [
        "reg-confirm",
        { name: escapeHtml(fullName), unit: escapeHtml(unit), position: ctx.t(`position-${position}`) },
      ],
      invalid: "choice-invalid",
      prefix: "reg:ok",
      choices: [
        { value: "yes", label: ctx.t("reg-confirm-yes") },
        { value: "edit", label: ctx.t("reg-confirm-edit") },
      ],
    });
    answers = { fullName, unit, position };
    if (confirmed === "yes") break;
    await ctx.reply(ctx.t("reg-restart"));
  }

  const now = await conversation.now();
  const profile = await conversation.external(() =>
    ctx.deps.store.users.update(userId, { ...answers, registeredAt: new Date(now).toISOString() }),
  );
  ctx.profile = profile;
  await ctx.reply(ctx.t("reg-saved", { name: escapeHtml(profile.fullName ?? "") }), { reply_markup: mainMenu(ctx) });
}
