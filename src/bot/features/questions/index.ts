/**
 * Questions to instructors and the discussion half-day.
 * - «🙋 Hỏi giảng viên» under a Q&A answer and `/question [text]`: the question scene sends it to the class's
 *   instructors.
 * - An instructor answers with the button (the answer scene) or by replying to the question message; the learner
 *   gets the answer; «add to FAQ» stores it and makes it searchable at once.
 * - `/questions`: the class's open questions ranked by upvotes; learners upvote, instructors mark them answered.
 *
 * FAQ entries live in Redis; every process keeps its search index in step (see `../../faq-sync.ts`), so an entry added
 * through one process is found through every other.
 */
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import {
  ANSWER_SCENE,
  answerMessages,
  answerScene,
  claimRefusedKey,
  QUESTION_SCENE,
  questionScene,
} from "../../../../scenes/questions/question.js";
import type { ClassRecord, QuestionRecord } from "../../../store/index.js";
import { centreScope, classScope } from "../../../store/materials.js";
import { hasRole, mayTeach } from "../../access.js";
import {
  AskInstructor,
  ClassId,
  callbackData,
  FaqId,
  QuestionAnswer,
  QuestionId,
  QuestionToFaq,
} from "../../callback-data.js";
import { CapabilityBuilder } from "../../capability.js";
import { commandPayload } from "../../command.js";
import type { BotContext } from "../../context.js";
import { syncFaq } from "../../faq-sync.js";
import { escapeHtml, packBlocks, shorten } from "../../format.js";
import { pickClass } from "../../pick-class.js";
import { deliver, sendTo, translatorFor } from "../../send.js";

const QuestionList = callbackData("qsl", { classId: ClassId });
const QuestionVote = callbackData("qst:v", { questionId: QuestionId });
const QuestionDone = callbackData("qst:d", { questionId: QuestionId });
/** The answer to «mark answered?», which names what it does (the learner is told; it leaves the open list). */
const QuestionDoneConfirm = callbackData("qst:dy", { questionId: QuestionId, answer: z.enum(["yes", "no"]) });

// ------------------------------------------------------------------------------------------------ answering

/** The class of a question, for `requireTeaches` (a question that does not exist names no class). */
const classOfQuestion = async (d: { questionId: string }, ctx: BotContext) =>
  (await ctx.deps.store.questions.get(d.questionId))?.classId;

/** The question a button names, or undefined (and the button told) when it is gone. */
async function questionOf(ctx: BotContext, questionId: string): Promise<QuestionRecord | undefined> {
  const q = await ctx.deps.store.questions.get(questionId);
  if (!q) await ctx.answerCallbackQuery({ text: ctx.t("question-gone"), show_alert: true });
  return q;
}

/** Marks a question answered in class and tells the learner (who may have blocked the bot: it is answered all the same). */
async function answeredInClass(ctx: BotContext, q: QuestionRecord): Promise<boolean> {
  const by = ctx.from?.id ?? 0;
  const updated = await ctx.deps.store.questions.answer(q.id, { by, at: ctx.deps.now().toISOString() });
  if (!updated) return false;
  const t = await translatorFor(ctx.deps, q.userId);
  await sendTo(ctx.api, ctx.deps, q.userId, t("answer-in-class-to-learner", { question: escapeHtml(q.text) }));
  return true;
}

// ------------------------------------------------------------------------------------------------ /questions

async function questionClasses(ctx: BotContext): Promise<ClassRecord[]> {
  if (!ctx.from) return [];
  const store = ctx.deps.store.classes;
  const byId = new Map<string, ClassRecord>();
  for (const c of await store.classesOfLearner(ctx.from.id)) byId.set(c.id, c);
  for (const c of await store.classesOfInstructor(ctx.from.id)) byId.set(c.id, c);
  if (hasRole(ctx, "coordinator")) for (const c of await store.list()) byId.set(c.id, c);
  return [...byId.values()];
}

async function renderQuestions(ctx: BotContext, record: ClassRecord): Promise<{ text: string; kb: InlineKeyboard }> {
  const store = ctx.deps.store;
  const teacher = await mayTeach(ctx, record.id);
  const open = (await store.questions.ofClass(record.id)).filter((q) => q.status === "open");
  const votes = await store.questions.votes(open.map((q) => q.id));
  open.sort((a, b) => (votes.get(b.id) ?? 0) - (votes.get(a.id) ?? 0) || Date.parse(a.askedAt) - Date.parse(b.askedAt));
  // Ten fit one message (each question shown up to 300 characters); the rest wait for the next round.
  const shown = open.slice(0, 10);
  const askers = teacher ? await store.users.getMany(shown.map((q) => q.userId)) : new Map();
  const lines = [ctx.t("questions-title", { name: escapeHtml(record.name), n: open.length })];
  if (open.length === 0) lines.push("", ctx.t("questions-none"));
  const kb = new InlineKeyboard();
  shown.forEach((q, i) => {
    const text = shorten(q.text, 300);
    const p = askers.get(q.userId);
    const who = teacher ? ` — <i>${escapeHtml(p?.fullName ?? p?.telegramName ?? `#${q.userId}`)}</i>` : "";
    lines.push("", `${i + 1}. 👍 ${votes.get(q.id) ?? 0} · ${escapeHtml(text)}${who}`);
    kb.text(
      teacher ? `✅ ${i + 1}` : `👍 ${i + 1}`,
      (teacher ? QuestionDone : QuestionVote).pack({ questionId: q.id }),
    );
    if (i % 4 === 3) kb.row();
  });
  if (shown.length > 0) lines.push("", ctx.t(teacher ? "questions-hint-teacher" : "questions-hint-learner"));
  return { text: packBlocks([lines.join("\n")])[0] ?? "", kb };
}

async function showQuestions(ctx: BotContext, record: ClassRecord): Promise<void> {
  const { text, kb } = await renderQuestions(ctx, record);
  await ctx.reply(text, { reply_markup: kb });
}

async function refreshList(ctx: BotContext, record: ClassRecord): Promise<void> {
  const { text, kb } = await renderQuestions(ctx, record);
  await ctx.editMessageText(text, { reply_markup: kb }).catch(() => undefined);
}

/** A reply (by an instructor) to the bot's message that showed a question. */
function isReplyToBot(ctx: BotContext): boolean {
  const replyTo = ctx.message?.reply_to_message;
  return replyTo !== undefined && replyTo.from?.id === ctx.me.id && hasRole(ctx, "instructor");
}

async function answerByReply(ctx: BotContext, next: () => Promise<void>): Promise<void> {
  const replyTo = ctx.message?.reply_to_message;
  const chatId = ctx.chat?.id;
  if (!replyTo || chatId === undefined) return next();
  const id = await ctx.deps.store.questions.byMessage(chatId, replyTo.message_id);
  const q = id ? await ctx.deps.store.questions.get(id) : undefined;
  if (!q) return next();
  if (!(await mayTeach(ctx, q.classId))) {
    await ctx.reply(ctx.t("not-allowed", { role: ctx.t("role-instructor") }));
    return;
  }
  const text = (ctx.message?.text ?? "").normalize("NFC").trim();
  const by = ctx.from?.id ?? 0;
  const claim = await ctx.deps.store.questions.claimAnswer(q.id, by);
  if (!claim.ok) {
    await ctx.reply(ctx.t(claimRefusedKey(claim.reason)));
    return;
  }
  // Delivered first, recorded once the learner has it (see the answer scene).
  const sent = await deliver(
    ctx.api,
    ctx.deps,
    q.userId,
    answerMessages(await translatorFor(ctx.deps, q.userId), q.text, text),
  );
  if (!sent.ok) {
    await ctx.deps.store.questions.releaseAnswer(q.id, claim.token);
    await ctx.reply(ctx.t(sent.reason === "blocked" ? "answer-not-delivered-blocked" : "answer-not-delivered-reply"));
    return;
  }
  await ctx.deps.store.questions.recordAnswer(q.id, { text, by, at: ctx.deps.now().toISOString() });
  await ctx.reply(ctx.t("answer-sent"), {
    reply_markup: new InlineKeyboard().text(ctx.t("answer-add-faq"), QuestionToFaq.pack({ questionId: q.id })),
  });
}

const teachesQuestion = { role: "instructor", teaches: classOfQuestion } as const;

/** «Cho cả trung tâm» / «Cho mọi lớp» (coordinators only) under an entry just added; «Gỡ khỏi Hỏi đáp». */
const FaqScope = callbackData("faq:w", { faqId: FaqId, to: z.enum(["centre", "all"]) });
const FaqRemove = callbackData("faq:r", { faqId: FaqId });
/** An entry is changed by the instructors of the class it was answered in, and by coordinators. */
const classOfFaq = async (d: { faqId: string }, ctx: BotContext) => (await ctx.deps.store.faq.get(d.faqId))?.classId;
const teachesFaq = { role: "instructor", teaches: classOfFaq } as const;

function faqScopeKeyboard(ctx: BotContext, faqId: string, centre: string | undefined): InlineKeyboard {
  const kb = new InlineKeyboard();
  if (centre) kb.text(ctx.t("faq-scope-centre"), FaqScope.pack({ faqId, to: "centre" })).row();
  if (hasRole(ctx, "coordinator")) kb.text(ctx.t("faq-scope-all"), FaqScope.pack({ faqId, to: "all" })).row();
  return kb.text(ctx.t("faq-remove"), FaqRemove.pack({ faqId }));
}
/** Data aimed at the matrix's question (asked in a class the forger does not teach). */
const sampleQuestion = ({ questionId }: { questionId: string }) => [{ questionId }];

export const questions = new CapabilityBuilder("questions")
  .scene(QUESTION_SCENE, questionScene)
  .scene(ANSWER_SCENE, answerScene)
  .callback(AskInstructor, {}, async (ctx, { q }) => {
    if (!ctx.from) return;
    if ((await ctx.deps.store.classes.classesOfLearner(ctx.from.id)).length === 0) {
      // Nobody to send it to: say so on the button (and how to reach an instructor otherwise).
      await ctx.answerCallbackQuery({ text: ctx.t("question-no-class-alert"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.conversation.exitAll();
    // The question of the answer the button was under (an older one, when pressed under an older answer).
    const session = await ctx.session;
    const latest = session.qaRecent?.at(-1) ?? session.qa;
    const asked = q === undefined ? latest : session.qaRecent?.find((e) => e.n === q);
    const entry = asked ?? latest;
    await ctx.conversation.enter(QUESTION_SCENE, entry?.said ?? entry?.q);
  })
  .command("question", async (ctx) => {
    const text = commandPayload(ctx);
    await ctx.conversation.enter(QUESTION_SCENE, text || undefined);
  })
  .text(isReplyToBot, answerByReply)
  .callback(
    QuestionAnswer,
    { access: teachesQuestion, right: { name: "answer a question", samples: sampleQuestion } },
    async (ctx, { questionId }) => {
      const q = await questionOf(ctx, questionId);
      if (!q) return;
      if (q.status === "answered") {
        await ctx.answerCallbackQuery({ text: ctx.t("question-already-answered"), show_alert: true });
        return;
      }
      await ctx.answerCallbackQuery();
      await ctx.conversation.exitAll();
      await ctx.conversation.enter(ANSWER_SCENE, q.id);
    },
  )
  .callback(
    QuestionToFaq,
    { access: teachesQuestion, right: { name: "add an answer to the FAQ", samples: sampleQuestion } },
    async (ctx, { questionId }) => {
      const q = await questionOf(ctx, questionId);
      if (!q) return;
      if (q.faqId) {
        await ctx.answerCallbackQuery({ text: ctx.t("faq-already"), show_alert: true });
        return;
      }
      if (!q.answer || !ctx.from) {
        await ctx.answerCallbackQuery({ text: ctx.t("faq-needs-answer"), show_alert: true });
        return;
      }
      const entry = await ctx.deps.store.faq.add({
        question: q.text,
        answer: q.answer,
        classId: q.classId,
        // Answered for one class: its learners get it, until an instructor widens it (faqScopeKeyboard).
        scope: classScope(q.classId),
        questionId: q.id,
        addedBy: ctx.from.id,
        addedAt: ctx.deps.now().toISOString(),
      });
      await ctx.deps.store.questions.save({ ...q, faqId: entry.id });
      await syncFaq(ctx.deps, true);
      await ctx.answerCallbackQuery({ text: ctx.t("faq-added") });
      await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
      const record = await ctx.deps.store.classes.get(q.classId);
      await ctx.reply(ctx.t("faq-added-class", { name: escapeHtml(record?.name ?? q.classId) }), {
        reply_markup: faqScopeKeyboard(ctx, entry.id, record?.centre),
      });
    },
  )
  .callback(
    FaqScope,
    { access: teachesFaq, right: { name: "widen an FAQ entry", samples: ({ faqId }) => [{ faqId, to: "all" }] } },
    async (ctx, { faqId, to }) => {
      const entry = await ctx.deps.store.faq.get(faqId);
      const record = entry?.classId ? await ctx.deps.store.classes.get(entry.classId) : undefined;
      if (!entry) return ctx.answerCallbackQuery({ text: ctx.t("faq-gone"), show_alert: true });
      if (to === "all" && !hasRole(ctx, "coordinator")) {
        return ctx.answerCallbackQuery({ text: ctx.t("faq-all-coordinator-only"), show_alert: true });
      }
      if (to === "centre" && !record?.centre)
        return ctx.answerCallbackQuery({ text: ctx.t("faq-gone"), show_alert: true });
      await ctx.deps.store.faq.setScope(faqId, to === "all" ? undefined : centreScope(record!.centre!));
      await syncFaq(ctx.deps, true);
      await ctx.answerCallbackQuery();
      await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
      await ctx.reply(
        to === "all"
          ? ctx.t("faq-scope-done-all")
          : ctx.t("faq-scope-done-centre", { centre: escapeHtml(record!.centre!) }),
        { reply_markup: new InlineKeyboard().text(ctx.t("faq-remove"), FaqRemove.pack({ faqId })) },
      );
    },
  )
  .callback(
    FaqRemove,
    { access: teachesFaq, right: { name: "remove an FAQ entry", samples: ({ faqId }) => [{ faqId }] } },
    async (ctx, { faqId }) => {
      if (!(await ctx.deps.store.faq.remove(faqId))) {
        return ctx.answerCallbackQuery({ text: ctx.t("faq-gone"), show_alert: true });
      }
      await syncFaq(ctx.deps, true);
      await ctx.answerCallbackQuery({ text: ctx.t("faq-removed") });
      await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
    },
  )
  .command("questions", async (ctx) =>
    pickClass(ctx, await questionClasses(ctx), QuestionList, "questions-no-class", (r) => showQuestions(ctx, r)),
  )
  .labelCommand("menu-question", "question")
  .callback(QuestionList, {}, async (ctx, { classId }) => {
    const record = (await questionClasses(ctx)).find((c) => c.id === classId);
    if (!record) {
      await ctx.answerCallbackQuery({ text: ctx.t("cw-not-your-class"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await showQuestions(ctx, record);
  })
  .callback(QuestionVote, {}, async (ctx, { questionId }) => {
    if (!ctx.from) return;
    const q = await ctx.deps.store.questions.get(questionId);
    const record = q && (await ctx.deps.store.classes.get(q.classId));
    if (!q || !record || !(await ctx.deps.store.classes.isLearner(q.classId, ctx.from.id))) {
      await ctx.answerCallbackQuery({ text: ctx.t("cw-not-your-class"), show_alert: true });
      return;
    }
    if (q.status !== "open") {
      await ctx.answerCallbackQuery({ text: ctx.t("question-already-answered") });
      await refreshList(ctx, record);
      return;
    }
    const on = await ctx.deps.store.questions.toggleVote(q.id, ctx.from.id);
    await ctx.answerCallbackQuery({ text: ctx.t(on ? "questions-voted" : "questions-unvoted") });
    await refreshList(ctx, record);
  })
  .callback(
    QuestionDone,
    { access: teachesQuestion, right: { name: "ask before marking a question answered", samples: sampleQuestion } },
    async (ctx, { questionId }) => {
      const q = await questionOf(ctx, questionId);
      if (!q) return;
      await ctx.answerCallbackQuery();
      const kb = new InlineKeyboard()
        .text(ctx.t("questions-mark-yes"), QuestionDoneConfirm.pack({ questionId, answer: "yes" }))
        .text(ctx.t("confirm-no"), QuestionDoneConfirm.pack({ questionId, answer: "no" }));
      await ctx.reply(ctx.t("questions-mark-confirm", { question: escapeHtml(shorten(q.text, 300)) }), {
        reply_markup: kb,
      });
    },
  )
  .callback(
    QuestionDoneConfirm,
    {
      access: teachesQuestion,
      right: {
        name: "mark a question answered",
        samples: ({ questionId }) => [{ questionId, answer: "yes" as const }],
      },
    },
    async (ctx, { questionId, answer: reply }) => {
      const q = await questionOf(ctx, questionId);
      if (!q) return;
      await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
      if (reply === "no") {
        await ctx.answerCallbackQuery({ text: ctx.t("confirm-kept") });
        return;
      }
      const record = await ctx.deps.store.classes.get(q.classId);
      const done = await answeredInClass(ctx, q);
      await ctx.answerCallbackQuery({ text: ctx.t(done ? "questions-marked" : "question-already-answered") });
      if (record) await refreshList(ctx, record);
    },
  )
  .build();
