/**
 * The coordinator's evaluation of a class (`/evaluation [classId]`): a readable summary (enrolment, attendance per
 * session, reports, grades, ratings, comments, reflections, follow-up answers, certificate list) plus the same as
 * XLSX and as CSV (UTF-8 with BOM), sent as documents; a button tells each eligible learner, once.
 * Anonymous feedback never shows a name (it is stored without one).
 */
import { InlineKeyboard, InputFile } from "grammy";
import type { Evaluation } from "../../../domain/evaluation.js";
import { evaluationChartPng } from "../../../evaluation/chart.js";
import { collectEvaluation } from "../../../evaluation/collect.js";
import { evaluationCsv, evaluationXlsx, exportFileNames, sessionLabel } from "../../../evaluation/export.js";
import type { ClassRecord } from "../../../store/index.js";
import { ClassId, callbackData } from "../../callback-data.js";
import { CapabilityBuilder } from "../../capability.js";
import { commandPayload } from "../../command.js";
import type { BotContext } from "../../context.js";
import { escapeHtml, formatInstant, packBlocks, type Translate, tr } from "../../format.js";
import { pickClass } from "../../pick-class.js";
import { rosterBlocks, rosterButtons, rosterOf } from "../../roster.js";
import { sendTo, translatorFor } from "../../send.js";

const EvaluationOf = callbackData("evl:c", { classId: ClassId });
const NotifyEligible = callbackData("evl:n", { classId: ClassId });

function renderEvaluation(t: Translate, ev: Evaluation): string[] {
  const e = ev.enrolment;
  const blocks: string[] = [];
  blocks.push(
    [
      t("eval-title", { name: escapeHtml(ev.className), id: ev.classId }),
      t("eval-enrolment", {
        enrolled: e.enrolled,
        registered: e.registered,
        joined: e.preRegisteredJoined,
        pre: e.preRegistered,
      }),
    ].join("\n"),
  );
  blocks.push(
    [
      t("eval-attendance-title"),
      ...ev.sessions.map((s) =>
        t("eval-session-line", {
          id: s.session.id,
          title: escapeHtml(sessionLabel(t, s.session)),
          present: s.present,
          total: e.enrolled,
          // The average as a number, so Fluent writes it in the reader's format ("4,5" in Vietnamese).
          rating: s.average === null ? "—" : t("eval-rating", { avg: s.average, n: s.ratings }),
        }),
      ),
    ].join("\n"),
  );
  const g = ev.grades.counts;
  blocks.push(
    [
      t("eval-reports-title"),
      t("eval-reports-line", {
        submitted: ev.reports.submitted,
        total: e.enrolled,
        late: ev.reports.late,
        graded: ev.reports.graded,
        missing: ev.reports.missing,
      }),
      t("eval-grades-line", {
        gioi: g.gioi,
        kha: g.kha,
        tb: g.trung_binh,
        kd: g.khong_dat,
      }),
      ev.reportDeadline ? t("report-deadline", { deadline: formatInstant(ev.reportDeadline, ev.timeZone) }) : "",
    ]
      .filter(Boolean)
      .join("\n"),
  );
  blocks.push(
    [
      t("eval-cert-title", { n: ev.eligible.length, total: e.enrolled }),
      ...ev.eligible.map((l, i) => `${i + 1}. ${escapeHtml(l.name)}`),
    ].join("\n"),
  );
  const notEligible = ev.learners.filter((l) => !l.certificate.eligible);
  if (notEligible.length > 0) {
    blocks.push(
      [
        t("eval-not-eligible-title"),
        ...notEligible.map(
          (l) => `• ${escapeHtml(l.name)}: ${l.certificate.reasons.map((r) => t(`cert-reason-${r}`)).join("; ")}`,
        ),
      ].join("\n"),
    );
  }
  const comments: string[] = [];
  for (const n of ev.notes) {
    const author = n.author ? escapeHtml(n.author) : t("eval-anonymous");
    comments.push(`• [${t(`fb-topic-${n.topic}`)}] ${author}: ${escapeHtml(n.text)}`);
  }
  for (const s of ev.sessions) for (const c of s.comments) comments.push(`• [${s.session.id}] ${escapeHtml(c)}`);
  if (comments.length > 0) blocks.push([t("eval-comments-title"), ...comments].join("\n"));
  if (ev.reflections.length > 0) {
    blocks.push(
      [
        t("eval-reflections-title"),
        ...ev.reflections.map((r) => `• [${r.sessionId}] ${escapeHtml(r.name)}: ${escapeHtml(r.text)}`),
      ].join("\n"),
    );
  }
  if (ev.followups.length > 0) {
    const counts = Object.entries(ev.followupCounts)
      .map(([k, n]) => `${t(`fu-applied-${k}`)}: ${n}`)
      .join(" · ");
    blocks.push(
      [
        t("eval-followup-title", { n: ev.followups.length }),
        counts,
        ...ev.followups.filter((f) => f.text).map((f) => `• ${escapeHtml(f.name)}: ${escapeHtml(f.text ?? "")}`),
      ].join("\n"),
    );
  }
  return packBlocks(blocks);
}

async function sendEvaluation(ctx: BotContext, record: ClassRecord): Promise<void> {
  const ev = await collectEvaluation(ctx.deps.store, record.id, ctx.deps.now(), ctx.deps.config.certificate);
  if (!ev) {
    await ctx.reply(ctx.t("eval-unknown-class"));
    return;
  }
  const t = tr(ctx);
  for (const text of renderEvaluation(t, ev)) await ctx.reply(text);
  if (ev.sessions.length > 0) {
    // The picture is a help, not the evaluation: if it cannot be drawn, the text and the files still go.
    const chart = await evaluationChartPng(ev, t).catch((err: unknown) => {
      ctx.log.warn({ err: String(err) }, "evaluation chart not drawn");
      return undefined;
    });
    if (chart) {
      await ctx.replyWithPhoto(new InputFile(chart, `chuyen-can-${record.id}.png`), {
        caption: ctx.t("eval-chart-caption"),
      });
    }
  }
  // The imported learners by name: who joined, who has not (and a way to reach those who have not).
  const roster = await rosterOf(ctx.deps.store, record.id);
  if (roster.joined.length + roster.waiting.length > 0) {
    const parts = rosterBlocks(t, record.name, roster);
    const kb = rosterButtons(new InlineKeyboard(), t, record.id, roster);
    for (const [i, text] of parts.entries()) await ctx.reply(text, i === parts.length - 1 ? { reply_markup: kb } : {});
  }
  const names = exportFileNames(ev);
  await ctx.replyWithDocument(new InputFile(await evaluationXlsx(ev, t, { centre: record.centre }), names.xlsx));
  const kb = new InlineKeyboard();
  if (ev.eligible.length > 0)
    kb.text(ctx.t("eval-notify-button", { n: ev.eligible.length }), NotifyEligible.pack({ classId: record.id }));
  await ctx.replyWithDocument(new InputFile(evaluationCsv(ev, t), names.csv), {
    caption: ctx.t("eval-files-caption"),
    reply_markup: kb,
  });
}

export const evaluation = new CapabilityBuilder("evaluation")
  .command("evaluation", async (ctx) => {
    const wanted = commandPayload(ctx);
    if (wanted) {
      const record = await ctx.deps.store.classes.get(wanted);
      if (!record) {
        await ctx.reply(ctx.t("eval-unknown-class"));
        return;
      }
      await sendEvaluation(ctx, record);
      return;
    }
    await pickClass(ctx, await ctx.deps.store.classes.list(), EvaluationOf, "eval-no-classes", (r) =>
      sendEvaluation(ctx, r),
    );
  })
  .callback(
    EvaluationOf,
    { access: { role: "coordinator" }, right: { name: "class evaluation", samples: ({ classId }) => [{ classId }] } },
    async (ctx, { classId }) => {
      const record = await ctx.deps.store.classes.get(classId);
      if (!record) {
        await ctx.answerCallbackQuery({ text: ctx.t("eval-unknown-class"), show_alert: true });
        return;
      }
      await ctx.answerCallbackQuery();
      await sendEvaluation(ctx, record);
    },
  )
  .callback(
    NotifyEligible,
    {
      access: { role: "coordinator" },
      right: { name: "certificate notices", samples: ({ classId }) => [{ classId }] },
    },
    async (ctx, { classId }) => {
      const ev = await collectEvaluation(ctx.deps.store, classId, ctx.deps.now(), ctx.deps.config.certificate);
      if (!ev) {
        await ctx.answerCallbackQuery({ text: ctx.t("eval-unknown-class"), show_alert: true });
        return;
      }
      await ctx.answerCallbackQuery();
      let told = 0;
      for (const l of ev.eligible) {
        const userId = l.learner.userId;
        if (!(await ctx.deps.store.feedback.claimPrompt(ev.classId, "cert", userId))) continue;
        const t = await translatorFor(ctx.deps, userId);
        const sent = await sendTo(ctx.api, ctx.deps, userId, t("cert-eligible", { name: escapeHtml(ev.className) }));
        if (sent) told++;
      }
      await ctx.reply(ctx.t("eval-notified", { n: told, total: ev.eligible.length }));
    },
  )
  .labelCommand("menu-evaluation", "evaluation")
  .build();
