/**
 * /newclass (coordinators): name, centre/unit, venue, start date, 4 or 5 days → the generated schedule → confirm (the rights checked again) →
 * the class, with its learner and instructor invite links. Bump `SCENES_VERSION` when the shape changes.
 */
import { stillMay } from "../../src/bot/access.js";
import { askChoice, askText, DateInputSchema, lineSchema } from "../../src/bot/ask.js";
import { inviteLink, renderSchedule } from "../../src/bot/class-text.js";
import type { SceneContext, SceneConversation } from "../../src/bot/context.js";
import { escapeHtml, tr } from "../../src/bot/format.js";
import { createClass, loadProgramTemplate, planClassReminders, previewSchedule } from "../../src/classes/service.js";

export const NEWCLASS_SCENE = "newclass";

export async function newClassScene(conversation: SceneConversation, ctx: SceneContext): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  await ctx.reply(ctx.t("cls-new-intro"));
  for (;;) {
    const name = await askText(conversation, ctx, {
      prompt: "cls-new-ask-name",
      invalid: "cls-new-name-invalid",
      schema: lineSchema(3, 120),
    });
    const centre = await askText(conversation, ctx, {
      prompt: "cls-new-ask-centre",
      invalid: "cls-new-text-invalid",
      schema: lineSchema(2, 150),
    });
    const venue = await askText(conversation, ctx, {
      prompt: "cls-new-ask-venue",
      invalid: "cls-new-text-invalid",
      schema: lineSchema(2, 200),
    });
    const startDate = await askText(conversation, ctx, {
      prompt: "cls-new-ask-start",
      invalid: "cls-new-date-invalid",
      schema: DateInputSchema,
    });
    const variant = await askChoice(conversation, ctx, {
      prompt: "cls-new-ask-variant",
      invalid: "choice-invalid",
      prefix: "nc:days",
      choices: [
        { value: "4", label: ctx.t("cls-new-variant", { days: 4 }) },
        { value: "5", label: ctx.t("cls-new-variant", { days: 5 }) },
      ],
    });
    const input = {
      name,
      centre,
      venue,
      startDate,
      variant: Number(variant) as 4 | 5,
      timeZone: ctx.deps.config.timeZone,
      createdBy: userId,
    };
    const sessions = await conversation.external(() =>
      previewSchedule(loadProgramTemplate(ctx.deps.config.contentDir), input),
    );
    const preview = { name, centre, venue, timeZone: input.timeZone, sessions };
    for (const part of renderSchedule(tr(ctx), preview)) await ctx.reply(part);
    const ok = await askChoice(conversation, ctx, {
      prompt: "cls-new-confirm",
      invalid: "choice-invalid",
      prefix: "nc:ok",
      choices: [
        { value: "yes", label: ctx.t("cls-new-confirm-yes") },
        { value: "again", label: ctx.t("cls-new-confirm-again") },
      ],
    });
    if (ok === "again") {
      await ctx.reply(ctx.t("reg-restart"));
      continue;
    }
    if (!(await stillMay(conversation, ctx, { role: "coordinator" }))) return;
    const now = new Date(await conversation.external(() => ctx.deps.now().getTime()));
    const record = await conversation.external(async () => {
      const deps = ctx.deps;
      const created = await createClass(
        deps.store,
        loadProgramTemplate(deps.config.contentDir),
        { ...input, followupDays: deps.config.followupDays },
        now,
      );
      if (deps.jobs) await planClassReminders(deps.store, deps.jobs, created, now);
      return created;
    });
    const username = ctx.me?.username;
    await ctx.reply(
      ctx.t("cls-new-created", {
        name: escapeHtml(record.name),
        id: record.id,
        learnerLink: inviteLink(username, record.learnerCode),
        instructorLink: inviteLink(username, record.instructorCode),
      }),
    );
    return;
  }
}
