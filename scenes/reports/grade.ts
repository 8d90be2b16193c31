/**
 * Grading a bản thu hoạch: entered from the grade buttons of an opened report with (class, learner, grade);
 * asks for a comment (or «no comment»), checks the grader still teaches the class, stores the grade (earlier grades stay as history) and tells the learner
 * the grade and the comment in their own language.
 * Bump `SCENES_VERSION` in src/bot/index.ts when the shape of this scene changes.
 */
import { InlineKeyboard } from "grammy";
import { stillMay } from "../../src/bot/access.js";
import { answeredStray, nextUpdate } from "../../src/bot/ask.js";
import type { SceneContext, SceneConversation } from "../../src/bot/context.js";
import { escapeHtml, splitText } from "../../src/bot/format.js";
import { deliver } from "../../src/bot/send.js";
import { type Grade, isGrade } from "../../src/domain/grading.js";

export const GRADE_SCENE = "grade";
const MAX_COMMENT = 2000;

export async function gradeScene(
  conversation: SceneConversation,
  ctx: SceneContext,
  classId: string,
  learnerId: number,
  grade: Grade,
  /** The version the instructor opened (0: the latest, for buttons of an older build). */
  version = 0,
): Promise<void> {
  const graderId = ctx.from?.id;
  if (graderId === undefined || !isGrade(grade)) return;
  const who = await conversation.external(async () => {
    const p = await ctx.deps.store.users.get(learnerId);
    const record = await ctx.deps.store.classes.get(classId);
    return {
      name: p?.fullName ?? p?.telegramName ?? `#${learnerId}`,
      locale: p?.locale ?? "vi",
      className: record?.name ?? classId,
    };
  });
  await ctx.reply(ctx.t("grade-ask-comment", { name: escapeHtml(who.name), grade: ctx.t(`grade-${grade}`) }), {
    reply_markup: new InlineKeyboard()
      .text(ctx.t("grade-no-comment"), "grd:skip")
      .text(ctx.t("report-cancel"), "grd:cancel"),
  });
  let comment: string | undefined;
  for (;;) {
    const c = await nextUpdate(conversation);
    const data = c.callbackQuery?.data;
    if (data === "grd:skip") {
      await c.answerCallbackQuery();
      break;
    }
    if (data === "grd:cancel") {
      await c.answerCallbackQuery();
      await c.reply(c.t("grade-cancelled"));
      return;
    }
    if (await answeredStray(c)) continue;
    const text = c.message?.text?.normalize("NFC").trim();
    if (!text) {
      await c.reply(c.t("grade-comment-text"));
      continue;
    }
    if (text.length > MAX_COMMENT) {
      await c.reply(c.t("grade-comment-too-long", { max: MAX_COMMENT }));
      continue;
    }
    comment = text;
    break;
  }

  if (!(await stillMay(conversation, ctx, { role: "instructor", teaches: classId, notOwn: learnerId }))) return;
  const saved = await conversation.external(async (outside) => {
    const latest =
      version > 0
        ? await ctx.deps.store.reports.version(classId, learnerId, version)
        : await ctx.deps.store.reports.latest(classId, learnerId);
    if (!latest) return undefined;
    const previous = await ctx.deps.store.reports.currentGrade(classId, learnerId);
    const record = { grade, by: graderId, at: ctx.deps.now().toISOString(), version: latest.version } as const;
    // Once for the update that confirmed (`outside`): a re-sent command or a redelivery adds no second grade.
    const graded = comment ? { ...record, comment } : record;
    const added = await ctx.deps.store.reports.addGrade(classId, learnerId, graded, outside.update.update_id);
    // Run again for the same update (a redelivery after a failure further on), the grade read above is its own.
    const regraded = added ? !!previous : (await ctx.deps.store.reports.grades(classId, learnerId)).length > 1;
    return { version: latest.version, regraded };
  });
  if (!saved) {
    await ctx.reply(ctx.t("reports-none-yet"));
    return;
  }
  const t = (k: string, v?: Record<string, string | number>) => ctx.deps.i18n.t(who.locale, k, v);
  const note = [
    t(saved.regraded ? "grade-learner-regraded" : "grade-learner", {
      name: escapeHtml(who.className),
      grade: t(`grade-${grade}`),
      version: saved.version,
    }),
  ];
  if (comment) note.push(t("grade-learner-comment", { comment: escapeHtml(comment) }));
  // The grade stands either way (the learner also sees it in /report); the instructor is told whether the note got
  // through, and if not, why.
  const sent = await deliver(ctx.api, ctx.deps, learnerId, splitText(note.join("\n")));
  await ctx.reply(
    ctx.t(sent.ok ? "grade-saved" : sent.reason === "blocked" ? "grade-saved-not-told" : "grade-saved-not-delivered", {
      name: escapeHtml(who.name),
      grade: ctx.t(`grade-${grade}`),
    }),
  );
}
