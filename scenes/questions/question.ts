/**
 * Questions to the instructors of a class.
 * - `question` (/question, or «🙋 Hỏi giảng viên» under a Q&A answer, with the question already known): the class
 *   (when several) → the question (when not given) → confirm → stored and sent to the class's instructors, each
 *   with an «answer» button; replying to that message answers too.
 * - `answer` (the «answer» button): the instructor types the answer → the learner gets it (in several messages when
 *   long) → recorded → the instructor may add it to the FAQ; a delivery that fails leaves the question open.
 * User text is escaped everywhere it is shown. Bump `SCENES_VERSION` in src/bot/index.ts when these change shape.
 */
import { GrammyError, InlineKeyboard } from "grammy";
import { z } from "zod";
import { stillMay } from "../../src/bot/access.js";
import { askChoice, askText, pickLearnerClass } from "../../src/bot/ask.js";
import { QuestionAnswer, QuestionToFaq } from "../../src/bot/callback-data.js";
import type { SceneContext, SceneConversation } from "../../src/bot/context.js";
import { escapeHtml, quoteAndBody, splitText, type Translate } from "../../src/bot/format.js";
import { deliver, sendPieces } from "../../src/bot/send.js";

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
    invalid: "question-confirm-invalid",
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
    const message = t("question-to-instructor", {
      name: escapeHtml(created.asker),
      class: escapeHtml(className),
      question: escapeHtml(text),
    });
    try {
      const sent = await sendPieces(ctx.api, ins.id, splitText(message), {
        reply_markup: new InlineKeyboard().text(
          t("question-answer-button"),
          QuestionAnswer.pack({ questionId: created.id }),
        ),
      });
      // Replying to any piece of the question answers it.
      await conversation.external(async () => {
        for (const m of sent) await ctx.deps.store.questions.linkMessage(ins.id, m.message_id, created.id);
      });
      delivered++;
    } catch (err) {
      if (!(err instanceof GrammyError)) throw err;
    }
  }
  // None reached: said for what it was — no instructor on the bot, or Telegram took it for none of them.
  const outcome =
    delivered > 0
      ? "question-sent"
      : created.instructors.length === 0
        ? "question-saved-no-instructor"
        : "question-saved-not-delivered";
  await ctx.reply(ctx.t(outcome, { n: delivered }));
}

const AnswerSchema = z
  .string()
  .transform((s) => s.normalize("NFC").trim())
  .pipe(z.string().min(1).max(3000));

/** The learner's messages carrying an answer: the question quoted (shortened when it would not fit), the answer whole. */
export function answerMessages(t: Translate, question: string, answer: string): string[] {
  return quoteAndBody(
    (quote, body) => t("answer-to-learner", { question: quote, answer: body }),
    escapeHtml(question),
    escapeHtml(answer),
  );
}

/** What the instructor is told when the question could not be claimed. */
export const claimRefusedKey = (reason: "gone" | "answered" | "busy") =>
  reason === "busy" ? "question-being-answered" : reason === "gone" ? "question-gone" : "question-already-answered";

/**
 * The instructor types the answer; it is delivered first and recorded only once the learner has it, so a refusal
 * (blocked, too long, a network cut) leaves the question open and the instructor is told which it was. The claim
 * taken before delivering keeps a second instructor from answering at the same time; a failed delivery gives it
 * back.
 */
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
  const by = ctx.from?.id ?? 0;
  for (;;) {
    if (!(await stillMay(conversation, ctx, { role: "instructor", teaches: q.classId }))) return;
    const claim = await conversation.external(async () => {
      const c = await ctx.deps.store.questions.claimAnswer(questionId, by);
      if (!c.ok) return { ok: false as const, reason: c.reason };
      return { ok: true as const, token: c.token, locale: (await ctx.deps.store.users.get(q.userId))?.locale ?? "vi" };
    });
    if (!claim.ok) {
      await ctx.reply(ctx.t(claimRefusedKey(claim.reason)));
      return;
    }
    const t: Translate = (k, v) => ctx.deps.i18n.t(claim.locale, k, v);
    const sent = await deliver(ctx.api, ctx.deps, q.userId, answerMessages(t, q.text, text));
    if (sent.ok) {
      await conversation.external(() =>
        ctx.deps.store.questions.recordAnswer(questionId, { text, by, at: ctx.deps.now().toISOString() }),
      );
      await ctx.reply(ctx.t("answer-sent"), {
        reply_markup: new InlineKeyboard().text(ctx.t("answer-add-faq"), QuestionToFaq.pack({ questionId })),
      });
      return;
    }
    await conversation.external(() => ctx.deps.store.questions.releaseAnswer(questionId, claim.token));
    if (sent.reason === "blocked") {
      await ctx.reply(ctx.t("answer-not-delivered-blocked"));
      return;
    }
    const again = await askChoice(conversation, ctx, {
      prompt: "answer-not-delivered-retry",
      invalid: "choice-invalid",
      prefix: "ans:re",
      choices: [
        { value: "retry", label: ctx.t("answer-retry") },
        { value: "later", label: ctx.t("answer-retry-later") },
      ],
    });
    if (again === "later") {
      await ctx.reply(ctx.t("answer-left-open"));
      return;
    }
  }
}
