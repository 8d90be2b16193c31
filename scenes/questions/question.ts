/**
 * Questions to the instructors of a class.
 * - `question` (/question, or «🙋 Hỏi giảng viên» under a Q&A answer, with the question already known): the class
 *   (when several) → the question (when not given) → confirm → stored and sent to the class's instructors, each
 *   with an «answer» button; replying to that message answers too.
 * - `answer` (the «answer» button): the instructor types the answer → the learner gets it → the instructor may add
 *   it to the FAQ.
 * User text is escaped everywhere it is shown. Bump `SCENES_VERSION` in src/bot/index.ts when these change shape.
 */
import { GrammyError, InlineKeyboard } from "grammy";
import { z } from "zod";
import { stillMay } from "../../src/bot/access.js";
import { askChoice, askText, pickLearnerClass } from "../../src/bot/ask.js";
import { QuestionAnswer, QuestionToFaq } from "../../src/bot/callback-data.js";
import type { SceneContext, SceneConversation } from "../../src/bot/context.js";
import { escapeHtml } from "../../src/bot/format.js";

export const QUESTION_SCENE = "question";
export const ANSWER_SCENE = "answer";
const MAX_QUESTION_TEXT = 1500;

const QuestionSchema = z
  .string()
  .transform((s) => s.normalize("NFC").trim())
  .pipe(z.string().min(3).max(MAX_QUESTION_TEXT));

export async function questionScene(
  conversation: SceneConversation,
  ctx: SceneContext,
  initial?: string,
): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  const picked = await pickLearnerClass(conversation, ctx, userId, {
    none: "question-no-class",
    prompt: "question-pick-class",
    prefix: "qs:cls",
  });
  if (!picked) return;
  const classId = picked.id;
  const given = initial ? QuestionSchema.safeParse(initial) : undefined;
  const text = given?.success
    ? given.data
    : await askText(conversation, ctx, { prompt: "question-ask", invalid: "question-invalid", schema: QuestionSchema });
  const className = picked.name;
  const ok = await askChoice(conversation, ctx, {
    prompt: ["question-confirm", { name: escapeHtml(className), question: escapeHtml(text) }],
    invalid: "choice-invalid",
    prefix: "qs:ok",
    choices: [
      { value: "send", label: ctx.t("question-send") },
      { value: "cancel", label: ctx.t("report-cancel") },
    ],
  });
  if (ok === "cancel") {
    await ctx.reply(ctx.t("question-cancelled"));
    return;
  }
  // A learner taken off the class while writing asks its instructors nothing.
  if (!(await stillMay(conversation, ctx, { role: "learner", learns: classId }))) return;
  const created = await conversation.external(async () => {
    const q = await ctx.deps.store.questions.create({
      classId,
      userId,
      text,
      askedAt: ctx.deps.now().toISOString(),
    });
    const instructors = await ctx.deps.store.classes.instructors(classId);
    const profiles = await ctx.deps.store.users.getMany([userId, ...instructors]);
    const me = profiles.get(userId);
    return {
      id: q.id,
      asker: me?.fullName ?? me?.telegramName ?? `#${userId}`,
      instructors: instructors.map((id) => ({ id, locale: profiles.get(id)?.locale ?? "vi" })),
    };
  });
  let delivered = 0;
  for (const ins of created.instructors) {
    const t = (k: string, v?: Record<string, string | number>) => ctx.deps.i18n.t(ins.locale, k, v);
    try {
      const sent = await ctx.api.sendMessage(
        ins.id,
        t("question-to-instructor", {
          name: escapeHtml(created.asker),
          class: escapeHtml(className),
          question: escapeHtml(text),
        }),
        {
          reply_markup: new InlineKeyboard().text(
            t("question-answer-button"),
            QuestionAnswer.pack({ questionId: created.id }),
          ),
        },
      );
      await conversation.external(() => ctx.deps.store.questions.linkMessage(ins.id, sent.message_id, created.id));
      delivered++;
    } catch (err) {
      if (!(err instanceof GrammyError)) throw err;
    }
  }
  await ctx.reply(ctx.t(delivered > 0 ? "question-sent" : "question-saved-no-instructor", { n: delivered }));
}

const AnswerSchema = z
  .string()
  .transform((s) => s.normalize("NFC").trim())
  .pipe(z.string().min(1).max(3000));

export async function answerScene(
  conversation: SceneConversation,
  ctx: SceneContext,
  questionId: string,
): Promise<void> {
  const q = await conversation.external(() => ctx.deps.store.questions.get(questionId));
  if (!q || q.status === "answered") {
    await ctx.reply(ctx.t("question-already-answered"));
    return;
  }
  const text = await askText(conversation, ctx, {
    prompt: ["answer-ask", { question: escapeHtml(q.text) }],
    invalid: "answer-invalid",
    schema: AnswerSchema,
  });
  if (!(await stillMay(conversation, ctx, { role: "instructor", teaches: q.classId }))) return;
  const by = ctx.from?.id ?? 0;
  const result = await conversation.external(async () => {
    const updated = await ctx.deps.store.questions.answer(questionId, {
      text,
      by,
      at: ctx.deps.now().toISOString(),
    });
    const learner = await ctx.deps.store.users.get(q.userId);
    return { ok: !!updated, locale: learner?.locale ?? "vi" };
  });
  if (!result.ok) {
    await ctx.reply(ctx.t("question-already-answered"));
    return;
  }
  const t = (k: string, v?: Record<string, string | number>) => ctx.deps.i18n.t(result.locale, k, v);
  let told = true;
  try {
    await ctx.api.sendMessage(
      q.userId,
      t("answer-to-learner", { question: escapeHtml(q.text), answer: escapeHtml(text) }),
    );
  } catch (err) {
    if (!(err instanceof GrammyError)) throw err;
    told = false;
  }
  await ctx.reply(ctx.t(told ? "answer-sent" : "answer-saved-not-told"), {
    reply_markup: new InlineKeyboard().text(ctx.t("answer-add-faq"), QuestionToFaq.pack({ questionId })),
  });
}
