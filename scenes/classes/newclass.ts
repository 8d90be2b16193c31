/**
 * /newclass (coordinators): name, centre/unit, venue, start date, 4 or 5 days → the generated schedule → confirm (the rights checked again) →
 * the class, with its learner and instructor invite links. A name another class has, a start date in the past and a
 * start on a weekend are said and must be confirmed. Bump `SCENES_VERSION` when the shape changes.
 */
import { stillMay } from "../../src/bot/access.js";
import { askChoice, askText, DateInputSchema, lineSchema } from "../../src/bot/ask.js";
import { inviteLink, renderSchedule } from "../../src/bot/class-text.js";
import type { SceneContext, SceneConversation } from "../../src/bot/context.js";
import { escapeHtml, formatDay, tr } from "../../src/bot/format.js";
import { createClass, loadProgramTemplate, planClassReminders, previewSchedule } from "../../src/classes/service.js";
import { addDays, formatDate, isWeekend, localDateOf, weekdayOf } from "../../src/domain/time.js";

export const NEWCLASS_SCENE = "newclass";

export async function newClassScene(conversation: SceneConversation, ctx: SceneContext): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  await ctx.reply(ctx.t("cls-new-intro"));
  for (;;) {
    const name = await askName(conversation, ctx);
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
    const { startDate, keepStartDate } = await askStart(conversation, ctx);
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
      keepStartDate,
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

const sameName = (a: string, b: string) =>
  a.normalize("NFC").trim().toLocaleLowerCase("vi") === b.normalize("NFC").trim().toLocaleLowerCase("vi");

/** The class name; one that another class already has is said (with that class) and kept only when confirmed. */
async function askName(conversation: SceneConversation, ctx: SceneContext): Promise<string> {
  for (;;) {
    const name = await askText(conversation, ctx, {
      prompt: "cls-new-ask-name",
      invalid: "cls-new-name-invalid",
      schema: lineSchema(3, 120),
    });
    const twin = await conversation.external(async () => {
      const found = (await ctx.deps.store.classes.list()).find((r) => sameName(r.name, name));
      return found && { id: found.id, name: found.name, startDate: found.startDate };
    });
    if (!twin) return name;
    const keep = await askChoice(conversation, ctx, {
      prompt: ["cls-new-dup", { name: escapeHtml(twin.name), id: twin.id, start: formatDate(twin.startDate) }],
      invalid: "choice-invalid",
      prefix: "nc:dup",
      choices: [
        { value: "keep" as const, label: ctx.t("cls-new-dup-keep") },
        { value: "rename" as const, label: ctx.t("cls-new-dup-rename") },
      ],
    });
    if (keep === "keep") return name;
  }
}

/**
 * The first day. A date before today is said and must be confirmed; a Saturday or Sunday is said, and the coordinator
 * chooses between starting on that very day and the Monday after (never moved without a word).
 */
async function askStart(
  conversation: SceneConversation,
  ctx: SceneContext,
): Promise<{ startDate: string; keepStartDate: boolean }> {
  const t = tr(ctx);
  for (;;) {
    const date = await askText(conversation, ctx, {
      prompt: "cls-new-ask-start",
      invalid: "cls-new-date-invalid",
      schema: DateInputSchema,
    });
    const today = await conversation.external(() => localDateOf(ctx.deps.now(), ctx.deps.config.timeZone));
    if (date < today) {
      const go = await askChoice(conversation, ctx, {
        prompt: ["cls-new-past", { day: formatDay(t, date), today: formatDay(t, today) }],
        invalid: "choice-invalid",
        prefix: "nc:past",
        choices: [
          { value: "keep" as const, label: ctx.t("cls-new-past-keep") },
          { value: "again" as const, label: ctx.t("cls-new-date-again") },
        ],
      });
      if (go === "again") continue;
    }
    if (!isWeekend(date)) return { startDate: date, keepStartDate: false };
    const monday = addDays(date, weekdayOf(date) === 6 ? 2 : 1);
    const pick = await askChoice(conversation, ctx, {
      prompt: ["cls-new-weekend", { day: formatDay(t, date) }],
      invalid: "choice-invalid",
      prefix: "nc:wkd",
      perRow: 1,
      choices: [
        { value: "keep" as const, label: ctx.t("cls-new-weekend-keep", { day: formatDay(t, date) }) },
        { value: "monday" as const, label: ctx.t("cls-new-weekend-monday", { day: formatDay(t, monday) }) },
        { value: "again" as const, label: ctx.t("cls-new-date-again") },
      ],
    });
    if (pick === "keep") return { startDate: date, keepStartDate: true };
    if (pick === "monday") return { startDate: monday, keepStartDate: false };
  }
}
