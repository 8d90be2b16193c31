/**
 * Feedback: `/feedback` (the feedback scene, optionally anonymous), `/feedbacks` (instructors of the class and
 * coordinators read it — anonymous notes without a name), and the queued prompts: after each session a 1–5 rating
 * (once per session) with an optional comment, after a field visit a short reflection, N days after the class a
 * follow-up survey.
 *
 * Callback data: `fbr:<classId>:<sessionId>:<stars>`, `fbc:<classId>:<sessionId>` (comment on the rating),
 * `fbx:<classId>:<sessionId>` (reflection), `fbu:<classId>:<applied>` (follow-up), `fbl:<classId>` (list).
 * Every press re-checks that the sender is a learner of that class.
 */

import type { Api } from "grammy";
import { InlineKeyboard } from "grammy";
import { FEEDBACK_SCENE, NOTE_SCENE, type NoteTarget } from "../../../../scenes/feedback.js";
import { formatInstant, sessionLabel } from "../../../evaluation/export.js";
import { FEEDBACK_QUEUE, type FeedbackJobData, isRated } from "../../../feedback/plan.js";
import type { JobInfo } from "../../../jobs/index.js";
import { type ClassRecord, FOLLOWUP_APPLIED, type FollowupApplied } from "../../../store/index.js";
import { escapeHtml } from "../../api-defaults.js";
import { FastComposer } from "../../composer.js";
import type { BotContext, BotDeps } from "../../context.js";
import { refuse, requireRole } from "../../middleware/guard.js";
import { registerPrivileged } from "../../privileged.js";
import { pickClass } from "../pick-class.js";
import {
  ClassIdPattern,
  packBlocks,
  SessionIdPattern,
  sendTo,
  type Translate,
  taughtClasses,
  translatorFor,
} from "./shared.js";

export const feedback = new FastComposer<BotContext>();

registerPrivileged({
  callbacks: [
    { name: "learners' feedback of a class", role: "instructor", classScoped: true, samples: (c) => [`fbl:${c}`] },
  ],
});
const pm = feedback.chatType("private");

pm.command("feedback", async (ctx) => {
  await ctx.conversation.enter(FEEDBACK_SCENE);
});

// ------------------------------------------------------------------------------------------------ reading feedback

async function showFeedback(ctx: BotContext, record: ClassRecord): Promise<void> {
  const store = ctx.deps.store;
  const notes = await store.feedback.notes(record.id);
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
      `${ctx.t("fbl-note-head", { topic: ctx.t(`fb-topic-${n.topic}`), author, time: formatInstant(n.at, record.timeZone) })}\n${escapeHtml(n.text)}`,
    );
  }
  for (const text of packBlocks(blocks)) await ctx.reply(text);
}

const tr =
  (ctx: BotContext): Translate =>
  (k, v) =>
    ctx.t(k, v);

pm.command("feedbacks", requireRole("instructor"), async (ctx) => {
  await pickClass(ctx, await taughtClasses(ctx), "fbl", "reports-no-class", (r) => showFeedback(ctx, r));
});

pm.callbackQuery(new RegExp(`^fbl:(${ClassIdPattern})$`), requireRole("instructor"), async (ctx) => {
  const list = await taughtClasses(ctx);
  const record = list.find((c) => c.id === ctx.match[1]);
  if (!record) {
    await refuse(ctx, "instructor");
    return;
  }
  await ctx.answerCallbackQuery();
  await showFeedback(ctx, record);
});

// ------------------------------------------------------------------------------------------------ prompt buttons

async function learnerOf(ctx: BotContext, classId: string): Promise<boolean> {
  if (ctx.from && (await ctx.deps.store.classes.isLearner(classId, ctx.from.id))) return true;
  await ctx.answerCallbackQuery({ text: ctx.t("cw-not-your-class"), show_alert: true });
  return false;
}

pm.callbackQuery(new RegExp(`^fbr:(${ClassIdPattern}):(${SessionIdPattern}):([1-5])$`), async (ctx) => {
  const [, classId, sessionId, starsText] = ctx.match as unknown as [string, string, string, string];
  if (!(await learnerOf(ctx, classId))) return;
  const stars = Number(starsText);
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
  await ctx.editMessageText(ctx.t("fb-rated", { stars: "⭐".repeat(stars), n: stars }), {
    reply_markup: new InlineKeyboard().text(ctx.t("fb-add-comment"), `fbc:${classId}:${sessionId}`),
  });
});

async function enterNote(ctx: BotContext, target: NoteTarget): Promise<void> {
  await ctx.answerCallbackQuery();
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(NOTE_SCENE, target);
}

pm.callbackQuery(new RegExp(`^fbc:(${ClassIdPattern}):(${SessionIdPattern})$`), async (ctx) => {
  const [, classId, sessionId] = ctx.match as unknown as [string, string, string];
  if (!(await learnerOf(ctx, classId))) return;
  if (!(await ctx.deps.store.feedback.rating(classId, sessionId, ctx.from.id))) {
    await ctx.answerCallbackQuery({ text: ctx.t("fb-rate-first"), show_alert: true });
    return;
  }
  await enterNote(ctx, { kind: "rating", classId, sessionId });
});

pm.callbackQuery(new RegExp(`^fbx:(${ClassIdPattern}):(${SessionIdPattern})$`), async (ctx) => {
  const [, classId, sessionId] = ctx.match as unknown as [string, string, string];
  if (!(await learnerOf(ctx, classId))) return;
  await enterNote(ctx, { kind: "reflection", classId, sessionId });
});

pm.callbackQuery(new RegExp(`^fbu:(${ClassIdPattern}):([a-z_]{3,8})$`), async (ctx) => {
  const [, classId, applied] = ctx.match as unknown as [string, string, string];
  if (!(FOLLOWUP_APPLIED as readonly string[]).includes(applied)) {
    await ctx.answerCallbackQuery({ text: ctx.t("unknown-callback"), show_alert: true });
    return;
  }
  if (!(await learnerOf(ctx, classId))) return;
  await ctx.deps.store.feedback.addFollowup(classId, ctx.from.id, {
    applied: applied as FollowupApplied,
    at: ctx.deps.now().toISOString(),
  });
  await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
  await enterNote(ctx, { kind: "followup", classId, applied: applied as FollowupApplied });
});

// ------------------------------------------------------------------------------------------------ queued prompts

/** Learners to prompt after a session: those checked in, or everyone when nobody checked in (no check-in held). */
async function audience(deps: BotDeps, record: ClassRecord, sessionId: string): Promise<number[]> {
  const learners = await deps.store.classes.learners(record.id);
  const present = await deps.store.classes.attendance(record.id, sessionId);
  if (present.size === 0) return learners;
  return learners.filter((id) => present.has(id));
}

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
    const session = record.sessions.find((s) => s.id === data.sessionId);
    if (!session || !isRated(session)) return 0;
    for (const userId of await audience(deps, record, session.id)) {
      const t = await translatorFor(deps, userId);
      const label = escapeHtml(sessionLabel(t, session));
      try {
        const stars = new InlineKeyboard();
        for (let n = 1; n <= 5; n++) stars.text(`${n}⭐`, `fbr:${record.id}:${session.id}:${n}`);
        if (
          await promptOnce(deps, record.id, `rate.${session.id}`, userId, () =>
            sendTo(api, deps, userId, t("fb-rate-prompt", { session: label, name: escapeHtml(record.name) }), {
              reply_markup: stars,
            }),
          )
        )
          sent++;
        if (session.kind === "field_visit") {
          await promptOnce(deps, record.id, `reflect.${session.id}`, userId, () =>
            sendTo(api, deps, userId, t("fb-reflect-prompt", { session: label }), {
              reply_markup: new InlineKeyboard().text(t("fb-reflect-button"), `fbx:${record.id}:${session.id}`),
            }),
          );
        }
      } catch (err) {
        failed = err;
      }
    }
  } else {
    for (const userId of await deps.store.classes.learners(record.id)) {
      const t = await translatorFor(deps, userId);
      const kb = new InlineKeyboard();
      for (const a of FOLLOWUP_APPLIED) kb.text(t(`fu-applied-${a}`), `fbu:${record.id}:${a}`).row();
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
export async function startFeedbackJobs(api: Api, deps: BotDeps): Promise<void> {
  deps.jobs?.process<FeedbackJobData>(FEEDBACK_QUEUE, async (job) => {
    await runFeedbackJob(api, deps, job);
  });
}
