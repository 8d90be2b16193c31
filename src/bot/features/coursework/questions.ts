/**
 * Questions to instructors and the discussion half-day.
 * - «🙋 Hỏi giảng viên» under a Q&A answer (`qa:ask`, taken over from the Q&A feature, which is installed after
 *   this one) and `/question [text]`: the question scene sends it to the class's instructors.
 * - An instructor answers with the button (`qst:a:<id>`, the answer scene) or by replying to the question message;
 *   the learner gets the answer; «add to FAQ» (`qst:f:<id>`) stores it and makes it searchable at once.
 * - `/questions`: the class's open questions ranked by upvotes; learners upvote (`qst:v:<id>`), instructors mark
 *   answered (`qst:d:<id>`).
 *
 * FAQ entries live in Redis; every process keeps its search index in step (see `../faq-sync.ts`), so an entry added
 * through one process is found through every other.
 */
import { InlineKeyboard } from "grammy";
import { ANSWER_SCENE, QUESTION_SCENE } from "../../../../scenes/question.js";
import type { ClassRecord, QuestionRecord } from "../../../store/index.js";
import { escapeHtml } from "../../api-defaults.js";
import { FastComposer } from "../../composer.js";
import type { BotContext } from "../../context.js";
import { hasRole, refuse } from "../../middleware/guard.js";
import { syncFaq } from "../faq-sync.js";
import { pickClass } from "../pick-class.js";
import { ClassIdPattern, mayTeach, packBlocks, sendTo, translatorFor } from "./shared.js";

export const questions = new FastComposer<BotContext>();
const pm = questions.chatType("private");

// ------------------------------------------------------------------------------------------------ asking

pm.callbackQuery("qa:ask", async (ctx) => {
  if ((await ctx.deps.store.classes.classesOfLearner(ctx.from.id)).length === 0) {
    // Nobody to send it to: say so on the button (and how to reach an instructor otherwise).
    await ctx.answerCallbackQuery({ text: ctx.t("question-no-class-alert"), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(QUESTION_SCENE, ctx.session.qa?.q);
});

pm.command("question", async (ctx) => {
  const text = ctx.match.trim();
  await ctx.conversation.enter(QUESTION_SCENE, text || undefined);
});

// ------------------------------------------------------------------------------------------------ answering

async function questionForTeacher(ctx: BotContext, id: string): Promise<QuestionRecord | undefined> {
  const q = await ctx.deps.store.questions.get(id);
  if (!q || !(await mayTeach(ctx, q.classId))) {
    await refuse(ctx, "instructor");
    return undefined;
  }
  return q;
}

/** Records an answer (or «answered in class» when `text` is undefined) and tells the learner. */
async function answer(ctx: BotContext, q: QuestionRecord, text: string | undefined): Promise<boolean> {
  const by = ctx.from?.id ?? 0;
  const updated = await ctx.deps.store.questions.answer(q.id, { text, by, at: ctx.deps.now().toISOString() });
  if (!updated) return false;
  const t = await translatorFor(ctx.deps, q.userId);
  const message =
    text === undefined
      ? t("answer-in-class-to-learner", { question: escapeHtml(q.text) })
      : t("answer-to-learner", { question: escapeHtml(q.text), answer: escapeHtml(text) });
  await sendTo(ctx.api, ctx.deps, q.userId, message);
  return true;
}

// A reply to the message that showed the question is an answer.
pm.on("message:text", async (ctx, next) => {
  const replyTo = ctx.message.reply_to_message;
  if (!replyTo || replyTo.from?.id !== ctx.me.id || !hasRole(ctx, "instructor")) return next();
  const id = await ctx.deps.store.questions.byMessage(ctx.chat.id, replyTo.message_id);
  if (!id) return next();
  const q = await questionForTeacher(ctx, id);
  if (!q) return;
  const text = ctx.message.text.normalize("NFC").trim();
  if (!(await answer(ctx, q, text))) {
    await ctx.reply(ctx.t("question-already-answered"));
    return;
  }
  await ctx.reply(ctx.t("answer-sent"), {
    reply_markup: new InlineKeyboard().text(ctx.t("answer-add-faq"), `qst:f:${q.id}`),
  });
});

pm.callbackQuery(/^qst:a:(q\d{1,12})$/, async (ctx) => {
  const q = await questionForTeacher(ctx, ctx.match[1] as string);
  if (!q) return;
  if (q.status === "answered") {
    await ctx.answerCallbackQuery({ text: ctx.t("question-already-answered"), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(ANSWER_SCENE, q.id);
});

pm.callbackQuery(/^qst:f:(q\d{1,12})$/, async (ctx) => {
  const q = await questionForTeacher(ctx, ctx.match[1] as string);
  if (!q) return;
  if (q.faqId) {
    await ctx.answerCallbackQuery({ text: ctx.t("faq-already"), show_alert: true });
    return;
  }
  if (!q.answer) {
    await ctx.answerCallbackQuery({ text: ctx.t("faq-needs-answer"), show_alert: true });
    return;
  }
  const entry = await ctx.deps.store.faq.add({
    question: q.text,
    answer: q.answer,
    classId: q.classId,
    questionId: q.id,
    addedBy: ctx.from.id,
    addedAt: ctx.deps.now().toISOString(),
  });
  await ctx.deps.store.questions.save({ ...q, faqId: entry.id });
  await syncFaq(ctx.deps, true);
  await ctx.answerCallbackQuery({ text: ctx.t("faq-added") });
  await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
  await ctx.reply(ctx.t("faq-added-long"));
});

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
    const text = q.text.length > 300 ? `${q.text.slice(0, 300)}…` : q.text;
    const p = askers.get(q.userId);
    const who = teacher ? ` — <i>${escapeHtml(p?.fullName ?? p?.telegramName ?? `#${q.userId}`)}</i>` : "";
    lines.push("", `${i + 1}. 👍 ${votes.get(q.id) ?? 0} · ${escapeHtml(text)}${who}`);
    kb.text(teacher ? `✅ ${i + 1}` : `👍 ${i + 1}`, `qst:${teacher ? "d" : "v"}:${q.id}`);
    if (i % 4 === 3) kb.row();
  });
  if (shown.length > 0) lines.push("", ctx.t(teacher ? "questions-hint-teacher" : "questions-hint-learner"));
  return { text: packBlocks([lines.join("\n")])[0] ?? "", kb };
}

async function showQuestions(ctx: BotContext, record: ClassRecord): Promise<void> {
  const { text, kb } = await renderQuestions(ctx, record);
  await ctx.reply(text, { reply_markup: kb });
}

pm.command("questions", async (ctx) => {
  await pickClass(ctx, await questionClasses(ctx), "qsl", "questions-no-class", (r) => showQuestions(ctx, r));
});

pm.callbackQuery(new RegExp(`^qsl:(${ClassIdPattern})$`), async (ctx) => {
  const record = (await questionClasses(ctx)).find((c) => c.id === ctx.match[1]);
  if (!record) {
    await ctx.answerCallbackQuery({ text: ctx.t("cw-not-your-class"), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  await showQuestions(ctx, record);
});

async function refreshList(ctx: BotContext, record: ClassRecord): Promise<void> {
  const { text, kb } = await renderQuestions(ctx, record);
  await ctx.editMessageText(text, { reply_markup: kb }).catch(() => undefined);
}

pm.callbackQuery(/^qst:v:(q\d{1,12})$/, async (ctx) => {
  const q = await ctx.deps.store.questions.get(ctx.match[1] as string);
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
});

pm.callbackQuery(/^qst:d:(q\d{1,12})$/, async (ctx) => {
  const q = await questionForTeacher(ctx, ctx.match[1] as string);
  if (!q) return;
  const record = await ctx.deps.store.classes.get(q.classId);
  const done = await answer(ctx, q, undefined);
  await ctx.answerCallbackQuery({ text: ctx.t(done ? "questions-marked" : "question-already-answered") });
  if (record) await refreshList(ctx, record);
});
