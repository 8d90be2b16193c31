/**
 * Where a learner stands in a class — `/status` and the 📊 button: attendance so far (counted sessions that have
 * started, as the certificate counts them), each report version with its grade, certificate eligibility with what is
 * still missing, and the next session. Read-only; only the learner's own classes.
 */
import { certificateEligibility } from "../../../domain/certificate.js";
import { sessionStatus } from "../../../domain/schedule-ops.js";
import type { ClassRecord } from "../../../store/index.js";
import { learnerClasses } from "../../access.js";
import { ClassId, callbackData } from "../../callback-data.js";
import { CapabilityBuilder } from "../../capability.js";
import { sessionTitle, sessionWhen } from "../../class-text.js";
import type { BotContext } from "../../context.js";
import { escapeHtml, formatInstant, tr } from "../../format.js";
import { pickClass } from "../../pick-class.js";

const StandingOf = callbackData("st:c", { classId: ClassId });

async function showStanding(ctx: BotContext, record: ClassRecord): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  const store = ctx.deps.store;
  const now = ctx.deps.now();
  const t = tr(ctx);
  const attended: string[] = [];
  for (const s of record.sessions) if (await store.classes.isPresent(record.id, s.id, userId)) attended.push(s.id);
  const versions = await store.reports.versions(record.id, userId);
  const grades = await store.reports.grades(record.id, userId);
  const current = grades.at(-1);
  const rule = ctx.deps.config.certificate;
  const report = { submitted: versions.length > 0, grade: current?.grade ?? null };
  const decision = certificateEligibility(
    { sessions: record.sessions, attendedSessionIds: attended, report, now },
    rule,
  );
  const started = record.sessions.filter((s) => Date.parse(s.start) <= now.getTime());
  const soFar = certificateEligibility({ sessions: started, attendedSessionIds: attended, report }, rule);

  const lines = [
    t("standing-title", { name: escapeHtml(record.name) }),
    t("standing-attendance", {
      attended: soFar.attended,
      held: soFar.counted,
      required: decision.required,
      total: decision.counted,
    }),
  ];
  if (versions.length === 0) lines.push(t("standing-report-none"));
  else {
    lines.push(t("standing-report-title"));
    for (const v of versions) {
      const g = grades.filter((x) => x.version === v.version).at(-1);
      const grade = g ? t(`grade-${g.grade}`) : t("standing-ungraded");
      const late = v.late ? ` · ${t("reports-late")}` : "";
      lines.push(
        t("standing-report-version", {
          version: v.version,
          time: formatInstant(v.submittedAt, record.timeZone),
          grade,
        }) + late,
      );
    }
  }
  if (decision.eligible) lines.push(t("standing-cert-yes"));
  else {
    const missing = decision.reasons.map((r) => t(`cert-reason-${r}`)).join("; ");
    lines.push(t(decision.reasons.includes("course_in_progress") ? "standing-cert-pending" : "standing-cert-no"));
    lines.push(t("standing-cert-missing", { missing }));
  }
  const next = sessionStatus(record.sessions, now).next;
  lines.push(
    next
      ? t("standing-next", { title: sessionTitle(t, next), when: sessionWhen(t, next, record.timeZone) })
      : t("standing-next-none"),
  );
  await ctx.reply(lines.join("\n"));
}

const standingOfMine = async (ctx: BotContext) =>
  pickClass(ctx, await learnerClasses(ctx), StandingOf, "standing-no-class", (r) => showStanding(ctx, r));

export const standing = new CapabilityBuilder("standing")
  .command("status", standingOfMine)
  .label("menu-standing", standingOfMine)
  .callback(StandingOf, { invalid: "cls-not-found" }, async (ctx, { classId }) => {
    const record = (await learnerClasses(ctx)).find((c) => c.id === classId);
    if (!record) {
      await ctx.answerCallbackQuery({ text: ctx.t("standing-not-your-class"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await showStanding(ctx, record);
  })
  .build();
