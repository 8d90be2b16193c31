/**
 * Feedback: `/feedback` (the feedback scene, optionally anonymous), `/feedbacks` (instructors of the class and
 * coordinators read it — anonymous notes without a name), and the queued prompts: after each session a 1–5 rating
 * (once per session) with an optional comment, after a field visit a short reflection, N days after the class a
 * follow-up survey.
 *
 * Buttons: a rating's stars and its comment, the reflection, the follow-up answer (each re-checks that the sender
 * is a learner of that class), and the instructors' list of a class.
 */

import type { Api } from "grammy";
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import {
  FEEDBACK_SCENE,
  feedbackScene,
  NOTE_SCENE,
  type NoteTarget,
  noteRight,
  noteScene,
} from "../../../../scenes/feedback/feedback.js";
import { noteTime, orderNotes } from "../../../domain/evaluation.js";
import { sessionLabel } from "../../../evaluation/export.js";
import { FEEDBACK_QUEUE, type FeedbackJobData, isRated } from "../../../feedback/plan.js";
import type { JobInfo } from "../../../jobs/index.js";
import { type ClassRecord, FOLLOWUP_APPLIED } from "../../../store/index.js";
import { mayWrite, taughtClasses } from "../../access.js";
import { ClassId, callbackData, FeedbackWho, SessionId, SessionRate, SessionReflection } from "../../callback-data.js";
import { CapabilityBuilder } from "../../capability.js";
import type { BotContext, BotDeps } from "../../context.js";
import { deliverDue, duePlan, ratingAudience } from "../../due-prompts.js";
import { escapeHtml, packBlocks, tr } from "../../format.js";
import { pickClass } from "../../pick-class.js";
import { sendTo, translatorFor } from "../../send.js";
import { awaitingNote, cancelNote, chooseWho, FeedbackNoteCancel, takeNote } from "./note.js";

const FeedbackList = callbackData("fbl", { classId: ClassId });
const Rate = SessionRate;
const RateComment = callbackData("fbc", { classId: ClassId, sessionId: SessionId });
const Reflection = SessionReflection;
const Followup = callbackData("fbu", { classId: ClassId, applied: z.enum(FOLLOWUP_APPLIED) });

// ------------------------------------------------------------------------------------------------ reading feedback

async function showFeedback(ctx: BotContext, record: ClassRecord): Promise<void> {
  const store = ctx.deps.store;
  const notes = orderNotes(await store.feedback.notes(record.id));
  const authors = await store.users.getMany(
    notes.filter((n) => !n.anonymous && n.userId !== undefined).map((n) => n.userId as number),
  );
  const blocks = [ctx.t("fbl-title", { name: escapeHtml(record.name) })];
  const ratingLines: string[] = [];
  for (const s of record.sessions.filter(isRated)) {
    const ratings = [...(await store.feedback.ratings(record.id, s.id)).values()];
    if (ratings.length === 0) continue;
    const avg = Math.round((ratings.reduce((n, r) => n + r.stars, 0) / ratings.length) * 10) / 10;
    ratingLines.push(
      ctx.t("fbl-rating-line", { session: escapeHtml(sessionLabel(tr(ctx), s)), avg, n: ratings.length }),
    );
    for (const r of ratings) if (r.comment) ratingLines.push(`   💬 ${escapeHtml(r.comment)}`);
  }
  if (ratingLines.length > 0) blocks.push([ctx.t("fbl-ratings"), ...ratingLines].join("\n"));
  if (notes.length === 0) blocks.push(ctx.t("fbl-no-notes"));
  for (const n of notes) {
    // Anonymous notes have no author id at all; the name shown is only ever a named note's author.
    const p = !n.anonymous && n.userId !== undefined ? authors.get(n.userId) : undefined;
    const author = n.anonymous
      ? ctx.t("eval-anonymous")
      : escapeHtml(p?.fullName ?? p?.telegramName ?? `#${n.userId ?? "?"}`);
    blocks.push(
      `${ctx.t("fbl-note-head", { topic: ctx.t(`fb-topic-${n.topic}`), author, time: noteTime(n, record.timeZone) })}\n${escapeHtml(n.text)}`,
    );
  }
  for (const text of packBlocks(blocks)) await ctx.reply(text);
}

// ------------------------------------------------------------------------------------------------ prompt buttons

const rateRight = (classId: string, sessionId: string) => noteRight({ kind: "rating", classId, sessionId });

/**
 * In a prompt that rates several sessions at once (they piled up while the bot was down), a rating replaces only
 * its own row of stars, with its comment button, so the other sessions can still be rated; undefined otherwise.
 */
function mergedRatingRows(
  ctx: BotContext,
  sessionId: string,
  stars: number,
  comment: string,
): InlineKeyboard | undefined {
  const rows = ctx.callbackQuery?.message?.reply_markup?.inline_keyboard ?? [];
  const sessionOf = (row: (typeof rows)[number]) => {
    const b = row[0];
    return b && "callback_data" in b && b.callback_data ? Rate.unpack(b.callback_data)?.sessionId : undefined;
  };
  if (!rows.some((row) => sessionOf(row) !== undefined && sessionOf(row) !== sessionId)) return undefined;
  const kb = new InlineKeyboard();
  for (const row of rows) {
    if (sessionOf(row) === sessionId) {
      const n = row[0]?.text.split(":")[0] ?? "";
      kb.text(`${n}: ${"⭐".repeat(stars)} · ${ctx.t("fb-add-comment")}`, comment).row();
    } else kb.row(...row);
  }
  return kb;
}

async function enterNote(ctx: BotContext, target: NoteTarget): Promise<void> {
  await ctx.answerCallbackQuery();
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(NOTE_SCENE, target);
}

// ------------------------------------------------------------------------------------------------ queued prompts

async function promptOnce(
  deps: BotDeps,
  classId: string,
  key: string,
  userId: number,
  send: () => Promise<unknown>,
): Promise<boolean> {
  if (!(await deps.store.feedback.claimPrompt(classId, key, userId))) return false;
  try {
    return (await send()) !== undefined;
  } catch (err) {
    await deps.store.feedback.releasePrompt(classId, key, userId);
    throw err;
  }
}

/** Runs one feedback job: sends each learner their prompt once (a retry skips those already prompted). */
export async function runFeedbackJob(
  api: Api,
  deps: BotDeps,
  job: Pick<JobInfo<FeedbackJobData>, "data">,
): Promise<number> {
  const data = job.data;
  const record = await deps.store.classes.get(data.classId);
  if (!record) return 0;
  let sent = 0;
  let failed: unknown;
  if (data.kind === "session_end") {
    const plan = await duePlan(deps, record, { kind: "rate", sessionId: data.sessionId }, deps.now());
    const session = record.sessions.find((s) => s.id === data.sessionId);
    if (!plan || !session) return 0;
    for (const userId of await ratingAudience(deps, record, session.id)) {
      try {
        // A field visit's reflection prompt comes in the same message as its rating prompt.
        if (await deliverDue(api, deps, plan, userId)) sent++;
      } catch (err) {
        failed = err;
      }
    }
  } else {
    for (const userId of await deps.store.classes.learners(record.id)) {
      const t = await translatorFor(deps, userId);
      const kb = new InlineKeyboard();
      for (const a of FOLLOWUP_APPLIED)
        kb.text(t(`fu-applied-${a}`), Followup.pack({ classId: record.id, applied: a })).row();
      try {
        if (
          await promptOnce(deps, record.id, "followup", userId, () =>
            sendTo(api, deps, userId, t("fu-prompt", { name: escapeHtml(record.name) }), { reply_markup: kb }),
          )
        )
          sent++;
      } catch (err) {
        failed = err;
      }
    }
  }
  deps.logger.info({ class: record.id, kind: data.kind, sent }, "feedback prompts sent");
  if (failed) throw failed;
  return sent;
}

/**
 * Starts the feedback worker in this process. Planning happens with the reminders (`planClassReminders` calls
 * `planClassFeedback`), at class creation, at every schedule edit and at start-up.
 */
async function startFeedbackJobs(api: Api, deps: BotDeps): Promise<void> {
  deps.jobs?.process<FeedbackJobData>(FEEDBACK_QUEUE, async (job) => {
    await runFeedbackJob(api, deps, job);
  });
}

export const feedback = new CapabilityBuilder("feedback")
  .scene(FEEDBACK_SCENE, feedbackScene)
  .scene(NOTE_SCENE, noteScene)
  .command("feedback", (ctx) => ctx.conversation.enter(FEEDBACK_SCENE))
  .callback(FeedbackWho, { invalid: "fb-no-class" }, chooseWho)
  .callback(FeedbackNoteCancel, {}, cancelNote)
  .text(awaitingNote, takeNote)
  .command("feedbacks", async (ctx) =>
    pickClass(ctx, await taughtClasses(ctx), FeedbackList, "reports-no-class", (r) => showFeedback(ctx, r)),
  )
  .callback(
    FeedbackList,
    {
      access: { role: "instructor", teaches: (d) => d.classId },
      right: { name: "learners' feedback of a class", samples: ({ classId }) => [{ classId }] },
    },
    async (ctx, { classId }) => {
      const record = await ctx.deps.store.classes.get(classId);
      if (!record) {
        await ctx.answerCallbackQuery({ text: ctx.t("cls-not-found"), show_alert: true });
        return;
      }
      await ctx.answerCallbackQuery();
      await showFeedback(ctx, record);
    },
  )
  .callback(Rate, {}, async (ctx, { classId, sessionId, stars }) => {
    if (!ctx.from || !(await mayWrite(ctx, rateRight(classId, sessionId)))) return;
    const fresh = await ctx.deps.store.feedback.rate(classId, sessionId, ctx.from.id, stars, ctx.deps.now());
    if (!fresh) {
      const existing = await ctx.deps.store.feedback.rating(classId, sessionId, ctx.from.id);
      await ctx.answerCallbackQuery({
        text: ctx.t("fb-rated-already", { stars: existing?.stars ?? stars }),
        show_alert: true,
      });
      return;
    }
    await ctx.answerCallbackQuery({ text: ctx.t("fb-rated-thanks") });
    const comment = RateComment.pack({ classId, sessionId });
    const merged = mergedRatingRows(ctx, sessionId, stars, comment);
    if (merged) {
      await ctx.editMessageReplyMarkup({ reply_markup: merged }).catch(() => undefined);
      return;
    }
    await ctx.editMessageText(ctx.t("fb-rated", { stars: "⭐".repeat(stars), n: stars }), {
      reply_markup: new InlineKeyboard().text(ctx.t("fb-add-comment"), comment),
    });
  })
  .callback(RateComment, {}, async (ctx, { classId, sessionId }) => {
    if (!ctx.from || !(await mayWrite(ctx, rateRight(classId, sessionId)))) return;
    if (!(await ctx.deps.store.feedback.rating(classId, sessionId, ctx.from.id))) {
      await ctx.answerCallbackQuery({ text: ctx.t("fb-rate-first"), show_alert: true });
      return;
    }
    await enterNote(ctx, { kind: "rating", classId, sessionId });
  })
  .callback(Reflection, {}, async (ctx, { classId, sessionId }) => {
    if (!(await mayWrite(ctx, noteRight({ kind: "reflection", classId, sessionId })))) return;
    await enterNote(ctx, { kind: "reflection", classId, sessionId });
  })
  .callback(Followup, {}, async (ctx, { classId, applied }) => {
    if (!ctx.from || !(await mayWrite(ctx, noteRight({ kind: "followup", classId, applied })))) return;
    await ctx.deps.store.feedback.addFollowup(classId, ctx.from.id, { applied, at: ctx.deps.now().toISOString() });
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
    await enterNote(ctx, { kind: "followup", classId, applied });
  })
  .onStart(({ api, deps }) => startFeedbackJobs(api, deps))
  .build();
