/**
 * Joining and leaving a class: `/start <invite code>` (a learner code enrols — through the join scene when the person
 * has not registered yet; an instructor code adds an instructor) and `/leave`.
 */
import { JOIN_SCENE, joinScene } from "../../../../scenes/joining/join.js";
import { type ClassRecord, isRegistered } from "../../../store/index.js";
import { hasRole, learnerClasses } from "../../access.js";
import { ClassId, callbackData } from "../../callback-data.js";
import { CapabilityBuilder } from "../../capability.js";
import { commandPayload } from "../../command.js";
import { publishCommands } from "../../commands.js";
import type { BotContext } from "../../context.js";
import { escapeHtml, tr } from "../../format.js";
import { completeJoin, joinedText } from "../../joining.js";
import { mainMenu } from "../../menu.js";
import { pickClass } from "../../pick-class.js";

const LeavePick = callbackData("cp:leave", { classId: ClassId });

async function leaveClass(ctx: BotContext, record: ClassRecord): Promise<void> {
  if (!ctx.from) return;
  const left = await ctx.deps.store.classes.removeLearner(record.id, ctx.from.id);
  await ctx.reply(ctx.t(left ? "cls-left" : "cls-not-member", { name: escapeHtml(record.name) }));
}

async function startWithCode(ctx: BotContext): Promise<void> {
  if (!ctx.from) return;
  const code = commandPayload(ctx);
  const store = ctx.deps.store.classes;
  const invite = await store.invite(code);
  const record = invite ? await store.get(invite.classId) : undefined;
  if (!invite || !record) {
    await ctx.reply(ctx.t("cls-code-wrong"));
    return;
  }
  if (invite.revoked) {
    await ctx.reply(ctx.t("cls-code-revoked"));
    return;
  }
  if (invite.role === "instructor") {
    const added = await store.addInstructor(record.id, ctx.from.id);
    if (!hasRole(ctx, "instructor")) ctx.role = "instructor";
    await ctx.reply(
      ctx.t(added ? "cls-instructor-joined" : "cls-instructor-already", { name: escapeHtml(record.name) }),
      { reply_markup: mainMenu(ctx, ctx.role) },
    );
    await publishCommands(ctx.api, ctx.deps.i18n, ctx.log, [
      { userId: ctx.from.id, role: ctx.role, locale: ctx.profile?.locale },
    ]);
    return;
  }
  if (!isRegistered(ctx.profile)) {
    await ctx.conversation.enter(JOIN_SCENE, record.id);
    return;
  }
  const result = await completeJoin(ctx.deps, record.id, ctx.profile);
  if (result) await ctx.reply(joinedText(tr(ctx), result), { reply_markup: mainMenu(ctx, ctx.role) });
}

export const joining = new CapabilityBuilder("joining")
  .scene(JOIN_SCENE, joinScene)
  .commandWhen("start", (ctx) => commandPayload(ctx) !== "", startWithCode)
  .command("leave", async (ctx) =>
    pickClass(ctx, await learnerClasses(ctx), LeavePick, "cls-none", (r) => leaveClass(ctx, r), "cls-pick"),
  )
  .callback(LeavePick, { invalid: "cls-not-found" }, async (ctx, { classId }) => {
    const record = await ctx.deps.store.classes.get(classId);
    if (!record) {
      await ctx.answerCallbackQuery({ text: ctx.t("cls-not-found"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await leaveClass(ctx, record);
  })
  .build();
