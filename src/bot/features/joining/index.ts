/**
 * Joining and leaving a class: `/start <invite code>` (a learner code enrols — through the join scene when the person
 * has not registered yet; an instructor code asks the class's coordinators, who accept or refuse) and `/leave`,
 * which asks before it takes the learner out.
 */
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { JOIN_SCENE, joinScene } from "../../../../scenes/joining/join.js";
import { type ClassRecord, isRegistered } from "../../../store/index.js";
import { learnerClasses } from "../../access.js";
import { ClassId, callbackData } from "../../callback-data.js";
import { CapabilityBuilder } from "../../capability.js";
import { commandPayload } from "../../command.js";
import type { BotContext } from "../../context.js";
import { escapeHtml, tr } from "../../format.js";
import { answerRequest, askToTeach, InstructorAnswer } from "../../instructors.js";
import { completeJoin, joinedText } from "../../joining.js";
import { mainMenu } from "../../menu.js";
import { pickClass } from "../../pick-class.js";

const LeavePick = callbackData("cp:leave", { classId: ClassId });
/** «Rời lớp» / «Ở lại» under the question that names what leaving does. */
const LeaveConfirm = callbackData("cp:lv", { classId: ClassId, answer: z.enum(["yes", "no"]) });

/** Leaving is asked first: it stops the class's reminders, and coming back needs the class's link. */
async function askLeave(ctx: BotContext, record: ClassRecord): Promise<void> {
  const kb = new InlineKeyboard()
    .text(ctx.t("leave-yes"), LeaveConfirm.pack({ classId: record.id, answer: "yes" }))
    .text(ctx.t("leave-no"), LeaveConfirm.pack({ classId: record.id, answer: "no" }));
  await ctx.reply(ctx.t("leave-confirm", { name: escapeHtml(record.name) }), { reply_markup: kb });
}

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
    await askToTeach(ctx, record);
    return;
  }
  if (await store.isInstructor(record.id, ctx.from.id)) {
    await ctx.reply(ctx.t("ins-instructor-cannot-learn", { name: escapeHtml(record.name) }));
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
    pickClass(ctx, await learnerClasses(ctx), LeavePick, "cls-none", (r) => askLeave(ctx, r), "cls-pick"),
  )
  .callback(LeavePick, { invalid: "cls-not-found" }, async (ctx, { classId }) => {
    const record = await ctx.deps.store.classes.get(classId);
    if (!record) {
      await ctx.answerCallbackQuery({ text: ctx.t("cls-not-found"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await askLeave(ctx, record);
  })
  .callback(LeaveConfirm, { invalid: "cls-not-found" }, async (ctx, { classId, answer }) => {
    const record = await ctx.deps.store.classes.get(classId);
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
    if (!record) {
      await ctx.reply(ctx.t("cls-not-found"));
      return;
    }
    if (answer === "no") {
      await ctx.reply(ctx.t("leave-kept", { name: escapeHtml(record.name) }));
      return;
    }
    await leaveClass(ctx, record);
  })
  .callback(
    InstructorAnswer,
    {
      access: { role: "coordinator" },
      right: {
        name: "accepting an instructor",
        samples: ({ classId, learnerId }) => [{ classId, userId: learnerId, answer: "yes" as const }],
      },
      invalid: "cls-not-found",
    },
    answerRequest,
  )
  .build();
