/**
 * The coordinator's evaluation of a class (`/evaluation [classId]`): a readable summary (enrolment, attendance per
 * session, reports, grades, ratings, comments, reflections, follow-up answers, certificate list) plus the same as
 * XLSX and as CSV (UTF-8 with BOM), sent as documents. `evl:n:<classId>` tells each eligible learner, once.
 * Anonymous feedback never shows a name (it is stored without one).
 */
import { InlineKeyboard, InputFile } from "grammy";
import type { Evaluation } from "../../../domain/evaluation.js";
import { collectEvaluation } from "../../../evaluation/collect.js";
import {
  evaluationCsv,
  evaluationXlsx,
  exportFileNames,
  formatInstant,
  sessionLabel,
} from "../../../evaluation/export.js";
import type { ClassRecord } from "../../../store/index.js";
import { escapeHtml } from "../../api-defaults.js";
import { FastComposer } from "../../composer.js";
import type { BotContext } from "../../context.js";
import { requireRole } from "../../middleware/guard.js";
import { registerPrivileged } from "../../privileged.js";
import { pickClass } from "../pick-class.js";
import { ClassIdPattern, packBlocks, sendTo, type Translate, tr, translatorFor } from "./shared.js";

export const evaluation = new FastComposer<BotContext>();

registerPrivileged({
  callbacks: [
    {
      name: "class evaluation and certificate notices",
      role: "coordinator",
      samples: (c) => [`evl:c:${c}`, `evl:n:${c}`],
    },
  ],
});
const pm = evaluation.chatType("private");

export function renderEvaluation(t: Translate, ev: Evaluation): string[] {
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
          rating: s.average === null ? "—" : `${s.average}/5 (${s.ratings})`,
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
  const names = exportFileNames(ev);
  await ctx.replyWithDocument(new InputFile(await evaluationXlsx(ev, t), names.xlsx));
  const kb = new InlineKeyboard();
  if (ev.eligible.length > 0) kb.text(ctx.t("eval-notify-button", { n: ev.eligible.length }), `evl:n:${record.id}`);
  await ctx.replyWithDocument(new InputFile(evaluationCsv(ev, t), names.csv), {
    caption: ctx.t("eval-files-caption"),
    reply_markup: kb,
  });
}

pm.command("evaluation", requireRole("coordinator"), async (ctx) => {
  const wanted = ctx.match.trim();
  if (wanted) {
    const record = await ctx.deps.store.classes.get(wanted);
    if (!record) {
      await ctx.reply(ctx.t("eval-unknown-class"));
      return;
    }
    await sendEvaluation(ctx, record);
    return;
  }
  await pickClass(ctx, await ctx.deps.store.classes.list(), "evl:c", "eval-no-classes", (r) => sendEvaluation(ctx, r));
});

pm.callbackQuery(new RegExp(`^evl:c:(${ClassIdPattern})$`), requireRole("coordinator"), async (ctx) => {
  const record = await ctx.deps.store.classes.get(ctx.match[1] as string);
  if (!record) {
    await ctx.answerCallbackQuery({ text: ctx.t("eval-unknown-class"), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  await sendEvaluation(ctx, record);
});

pm.callbackQuery(new RegExp(`^evl:n:(${ClassIdPattern})$`), requireRole("coordinator"), async (ctx) => {
  const ev = await collectEvaluation(
    ctx.deps.store,
    ctx.match[1] as string,
    ctx.deps.now(),
    ctx.deps.config.certificate,
  );
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
});
