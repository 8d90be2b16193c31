/**
 * The registration questions — full name, unit (chi bộ), position, confirm — saved on the user's profile. Asked by
 * the registration scene and, for a newcomer joining with an invite code, inside the join scene.
 */
import { FullNameSchema, UnitSchema } from "../domain/profile.js";
import { POSITIONS, type Position } from "../store/index.js";
import { currentRole } from "./access.js";
import { askChoice, askText } from "./ask.js";
import type { SceneContext, SceneConversation } from "./context.js";
import { escapeHtml } from "./format.js";
import { mainMenu } from "./menu.js";

export async function askRegistration(conversation: SceneConversation, ctx: SceneContext): Promise<void> {
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
  const role = await conversation.external(() => currentRole(ctx.deps, userId));
  await ctx.reply(ctx.t("reg-saved", { name: escapeHtml(profile.fullName ?? "") }), {
    reply_markup: mainMenu(ctx, role),
  });
}
