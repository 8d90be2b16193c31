/**
 * A coordinator's schedule edit that needs typed input: move a session (date → morning/afternoon), change the
 * venue, change an instructor, add a chuyên đề. Entered with `(classId, action, sessionId?)` from /classes.
 * The rights are checked again before the edit is applied; then learners are told ("Thay đổi lịch học: …") and reminders re-planned at the very end, once.
 */
import { z } from "zod";
import { stillMay } from "../../src/bot/access.js";
import { askChoice, askText, DateInputSchema, lineSchema } from "../../src/bot/ask.js";
import { applyEdit, type Edit, reportEdit } from "../../src/bot/class-edits.js";
import { sessionTitle } from "../../src/bot/class-text.js";
import type { SceneContext, SceneConversation } from "../../src/bot/context.js";
import { tr } from "../../src/bot/format.js";
import { loadProgramTemplate } from "../../src/classes/service.js";
import type { Half } from "../../src/domain/schedule.js";

export const CLASS_EDIT_SCENE = "class-edit";
export type ClassEditAction = "move" | "venue" | "instructor" | "topic";

const NameSchema = lineSchema(2, 200);

export async function classEditScene(
  conversation: SceneConversation,
  ctx: SceneContext,
  classId: string,
  action: ClassEditAction,
  sessionId?: string,
): Promise<void> {
  const record = await conversation.external(() => ctx.deps.store.classes.get(classId));
  if (!record) {
    await ctx.reply(ctx.t("cls-not-found"));
    return;
  }
  const t = tr(ctx);
  let edit: Edit;
  if (action === "move") {
    const session = record.sessions.find((s) => s.id === sessionId);
    if (!session || !sessionId) {
      await ctx.reply(ctx.t("cls-not-found"));
      return;
    }
    const date = await askText(conversation, ctx, {
      prompt: ["cls-move-ask-date", { title: sessionTitle(t, session) }],
      invalid: "cls-new-date-invalid",
      schema: DateInputSchema,
    });
    const half = await askChoice(conversation, ctx, {
      prompt: "cls-move-ask-half",
      invalid: "choice-invalid",
      prefix: "ce:half",
      choices: [
        { value: "morning" as Half, label: ctx.t("cls-half-morning") },
        { value: "afternoon" as Half, label: ctx.t("cls-half-afternoon") },
      ],
    });
    edit = { kind: "move", sessionId, date, half };
  } else if (action === "venue") {
    const venue = await askText(conversation, ctx, {
      prompt: "cls-venue-ask",
      invalid: "cls-new-text-invalid",
      schema: NameSchema,
    });
    edit = { kind: "venue", venue };
  } else if (action === "instructor") {
    const session = sessionId ? record.sessions.find((s) => s.id === sessionId) : undefined;
    const name = await askText(conversation, ctx, {
      prompt: session ? ["cls-instructor-ask-one", { title: sessionTitle(t, session) }] : "cls-instructor-ask-all",
      invalid: "cls-new-text-invalid",
      schema: NameSchema,
    });
    edit = { kind: "instructor", sessionId: session ? session.id : "all", name };
  } else {
    const template = await conversation.external(() => loadProgramTemplate(ctx.deps.config.contentDir));
    const choice = await askChoice(conversation, ctx, {
      prompt: "cls-topic-ask",
      invalid: "choice-invalid",
      prefix: "ce:topic",
      perRow: 1,
      choices: [
        ...template.topics.map((tp) => ({ value: tp.key, label: tp.title })),
        { value: "_other", label: ctx.t("cls-topic-other") },
      ],
    });
    const topic =
      choice === "_other"
        ? await askText(conversation, ctx, {
            prompt: "cls-topic-ask-title",
            invalid: "cls-topic-title-invalid",
            schema: TopicTitleSchema,
          })
        : choice;
    edit = { kind: "topic_add", topic };
  }

  if (!(await stillMay(conversation, ctx, { role: "coordinator" }))) return;
  const now = new Date(await conversation.external(() => ctx.deps.now().getTime()));
  const outcome = await conversation.external(() => applyEdit(ctx.deps, classId, edit, now));
  await reportEdit(ctx, outcome);
}

/** A custom chuyên đề title: words, not a bare key-like word (the domain reads those as template keys). */
const TopicTitleSchema = z
  .string()
  .trim()
  .min(5)
  .max(200)
  .refine((s) => /\s/.test(s) || /[^a-z0-9_]/.test(s))
  .transform((s) => s.normalize("NFC").replace(/\s+/g, " "));
