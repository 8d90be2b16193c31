/**
 * Joining a class with a learner invite code when the user is not registered yet. A learner pre-registered by
 * Telegram username gets their name and unit prefilled and only picks a position; anyone else registers first
 * (the registration questions, asked inside this scene) and is then matched by name. Then the join completes.
 * Entered with `(classId)`. Bump `SCENES_VERSION` when the shape changes.
 */
import { currentRole } from "../../src/bot/access.js";
import { askChoice } from "../../src/bot/ask.js";
import type { SceneContext, SceneConversation } from "../../src/bot/context.js";
import { escapeHtml, tr } from "../../src/bot/format.js";
import { completeJoin, joinedText } from "../../src/bot/joining.js";
import { mainMenu } from "../../src/bot/menu.js";
import { askRegistration } from "../../src/bot/registration.js";
import { isRegistered, POSITIONS } from "../../src/store/index.js";

export const JOIN_SCENE = "class-join";

export async function joinScene(conversation: SceneConversation, ctx: SceneContext, classId: string): Promise<void> {
  const from = ctx.from;
  if (!from) return;
  const found = await conversation.external(async () => {
    const record = await ctx.deps.store.classes.get(classId);
    const pre = record
      ? await ctx.deps.store.classes.matchPreRegistered(classId, { username: from.username })
      : undefined;
    return { name: record?.name, pre };
  });
  if (!found.name) {
    await ctx.reply(ctx.t("cls-code-wrong"));
    return;
  }
  await ctx.reply(ctx.t("cls-join-register-first", { name: escapeHtml(found.name) }));
  const pre = found.pre;
  if (pre) {
    const position = await askChoice(conversation, ctx, {
      prompt: ["cls-join-prefilled", { name: escapeHtml(pre.fullName), unit: escapeHtml(pre.unit) }],
      invalid: "reg-position-invalid",
      prefix: "reg:pos",
      choices: POSITIONS.map((p) => ({ value: p, label: ctx.t(`position-${p}`) })),
    });
    const now = await conversation.external(() => ctx.deps.now().getTime());
    ctx.profile = await conversation.external(() =>
      ctx.deps.store.users.update(from.id, {
        fullName: pre.fullName,
        unit: pre.unit,
        position,
        registeredAt: new Date(now).toISOString(),
      }),
    );
  } else {
    await askRegistration(conversation, ctx);
  }
  const result = await conversation.external(async () => {
    const profile = await ctx.deps.store.users.get(from.id);
    if (!isRegistered(profile)) return undefined;
    return completeJoin(ctx.deps, classId, profile);
  });
  if (!result) return;
  ctx.profile = await conversation.external(() => ctx.deps.store.users.get(from.id));
  const role = await conversation.external(() => currentRole(ctx.deps, from.id));
  await ctx.reply(joinedText(tr(ctx), result), { reply_markup: mainMenu(ctx, role) });
}
