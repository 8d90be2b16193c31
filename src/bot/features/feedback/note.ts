/**
 * The last step of /feedback, outside the scene: «Kèm tên tôi» / «Ẩn danh» → the next plain message is the note,
 * stored straight into the class's notes. An anonymous note's text must never be kept under a key named by its
 * author, and a scene's replay log (`conv:<chat>`) is such a key: so the scene ends at the choice, the session keeps
 * only which class and topic the next message is for, and this handler writes the note (without the author's id,
 * with only its date) and keeps nothing else of it.
 */
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { FeedbackTextSchema } from "../../../../scenes/feedback/feedback.js";
import { localDateOf } from "../../../domain/time.js";
import { FEEDBACK_TOPICS } from "../../../store/index.js";
import { learnerClasses } from "../../access.js";
import { callbackData, type DataOf, type FeedbackWho } from "../../callback-data.js";
import type { BotContext } from "../../context.js";
import { menuLabelKey } from "../../menu.js";

/** «Huỷ» under the prompt for the note's text. */
export const FeedbackNoteCancel = callbackData("fbq", {});

/** How long the next plain message counts as the note. */
const NOTE_WAIT_MS = 30 * 60_000;

export async function chooseWho(ctx: BotContext, { classId, topic, who }: DataOf<typeof FeedbackWho>): Promise<void> {
  if (!(await learnerClasses(ctx)).some((c) => c.id === classId)) {
    await ctx.answerCallbackQuery({ text: ctx.t("fb-no-class"), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  const anonymous = who === "anon";
  const until = new Date(ctx.deps.now().getTime() + NOTE_WAIT_MS).toISOString();
  (await ctx.session).feedbackNote = { classId, topic, anonymous, until };
  const prompt = [ctx.t("fb-ask-text", { topic: ctx.t(`fb-topic-${topic}`) })];
  if (anonymous) prompt.push(ctx.t("fb-anonymous-promise"));
  await ctx.reply(prompt.join("\n"), {
    reply_markup: new InlineKeyboard().text(ctx.t("report-cancel"), FeedbackNoteCancel.pack({})),
  });
}

export async function cancelNote(ctx: BotContext): Promise<void> {
  const session = await ctx.session;
  const pending = session.feedbackNote !== undefined;
  session.feedbackNote = undefined;
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  await ctx.reply(ctx.t(pending ? "fb-note-cancelled" : "cancel-nothing"));
}

/** Plain text while a note is awaited — but never a reply-keyboard label, which does what it says. */
export async function awaitingNote(ctx: BotContext): Promise<boolean> {
  const text = ctx.message?.text;
  if (text === undefined || menuLabelKey(ctx.deps.i18n, text) !== undefined) return false;
  return (await ctx.session).feedbackNote !== undefined;
}

export async function takeNote(ctx: BotContext, next: () => Promise<void>): Promise<void> {
  const session = await ctx.session;
  const pending = session.feedbackNote;
  const userId = ctx.from?.id;
  const now = ctx.deps.now();
  if (!pending || userId === undefined || Date.parse(pending.until) <= now.getTime()) {
    session.feedbackNote = undefined;
    return next();
  }
  const topic = z.enum(FEEDBACK_TOPICS).safeParse(pending.topic);
  const record = (await learnerClasses(ctx)).find((c) => c.id === pending.classId);
  if (!topic.success || !record) {
    session.feedbackNote = undefined;
    await ctx.reply(ctx.t("fb-no-class"));
    return;
  }
  const text = FeedbackTextSchema.safeParse(ctx.message?.text ?? "");
  if (!text.success) {
    await ctx.reply(ctx.t("fb-text-invalid"));
    return;
  }
  session.feedbackNote = undefined;
  await ctx.deps.store.feedback.addNote(
    record.id,
    {
      topic: topic.data,
      text: text.data,
      anonymous: pending.anonymous,
      userId,
      // An anonymous note keeps only its local date: the moment would point at its author.
      at: pending.anonymous ? localDateOf(now, record.timeZone) : now.toISOString(),
    },
    ctx.update.update_id,
  );
  await ctx.reply(ctx.t(pending.anonymous ? "fb-saved-anonymous" : "fb-saved"));
}
