/**
 * The bản thu hoạch: `/report` (learners, the report scene) and `/reports` (instructors of the class and
 * coordinators): who submitted, who is missing, who is graded; open one (text shown, files sent again by file_id);
 * grade it (the grade scene asks for a comment and tells the learner).
 *
 * Buttons: the class's list, open one learner's report, grade it. Every press re-checks that the sender teaches the
 * class (or is a coordinator). `/deadline` (coordinators) sets a class's report deadline.
 */
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { GRADE_SCENE, gradeScene } from "../../../../scenes/reports/grade.js";
import { REPORT_SCENE, reportScene } from "../../../../scenes/reports/report.js";
import { parseDateInput, planClassReminders } from "../../../classes/service.js";
import { REPORT_VERSIONS_KEPT_RANGE } from "../../../config.js";
import { GRADES } from "../../../domain/grading.js";
import { reportDeadline } from "../../../domain/reports.js";
import { isLocalTime, zonedInstant } from "../../../domain/time.js";
import type { ClassRecord } from "../../../store/index.js";
import { mayWrite, taughtClasses } from "../../access.js";
import { ClassId, callbackData, type DataOf, ReportOpen, ReportVersionNo, UserId } from "../../callback-data.js";
import { CapabilityBuilder } from "../../capability.js";
import { centreNamed, centreNames } from "../../centres.js";
import { commandPayload } from "../../command.js";
import type { BotContext } from "../../context.js";
import { escapeHtml, formatInstant, packBlocks, splitText } from "../../format.js";
import { pickClass } from "../../pick-class.js";
import { sendTo, translatorFor } from "../../send.js";
import { similarityMarks, similarityText, startPrintJobs } from "./similarity.js";

const ReportList = callbackData("rps:c", { classId: ClassId });
/** A grade for one version (the one the instructor opened; the latest when left off). */
const ReportGrade = callbackData("rps:g", {
  classId: ClassId,
  learnerId: UserId,
  grade: z.enum(GRADES),
  version: ReportVersionNo.optional(),
});

async function showList(ctx: BotContext, record: ClassRecord): Promise<void> {
  const store = ctx.deps.store;
  const learnerIds = await store.classes.learners(record.id);
  const profiles = await store.users.getMany(learnerIds);
  const statuses = await store.reports.statuses(record.id);
  const similar = await similarityMarks(ctx, record);
  const name = (id: number) => profiles.get(id)?.fullName ?? profiles.get(id)?.telegramName ?? `#${id}`;
  const submitted = learnerIds.filter((id) => statuses.has(id));
  const missing = learnerIds.filter((id) => !statuses.has(id));
  const graded = submitted.filter((id) => statuses.get(id)?.grade);
  const deadline = reportDeadline(record);

  const head = [
    ctx.t("reports-title", { name: escapeHtml(record.name) }),
    ctx.t("reports-counts", {
      submitted: submitted.length,
      total: learnerIds.length,
      graded: graded.length,
      missing: missing.length,
    }),
  ];
  if (deadline) head.push(ctx.t("report-deadline", { deadline: formatInstant(deadline, record.timeZone) }));
  const blocks = [head.join("\n")];
  if (submitted.length > 0) {
    const lines = submitted.map((id) => {
      const st = statuses.get(id);
      const marks = [ctx.t("reports-version", { n: st?.versions ?? 0 })];
      if (st?.latestLate) marks.push(ctx.t("reports-late"));
      const sim = similar.get(id);
      if (sim !== undefined) marks.push(ctx.t("reports-similar", { percent: sim }));
      if (!st?.grade) marks.push(ctx.t("reports-ungraded"));
      else if (st.grade.version < st.versions)
        marks.push(
          ctx.t("reports-new-ungraded", { grade: ctx.t(`grade-${st.grade.grade}`), version: st.grade.version }),
        );
      else marks.push(ctx.t(`grade-${st.grade.grade}`));
      return `• ${escapeHtml(name(id))} — ${marks.join(" · ")}`;
    });
    blocks.push([ctx.t("reports-submitted"), ...lines].join("\n"));
  }
  if (missing.length > 0) {
    blocks.push([ctx.t("reports-missing"), ...missing.map((id) => `• ${escapeHtml(name(id))}`)].join("\n"));
  }
  const kb = new InlineKeyboard();
  for (const id of submitted.slice(0, 90)) {
    const st = statuses.get(id);
    const mark = st?.grade && st.grade.version >= st.versions ? "✅" : "📝";
    kb.text(`${mark} ${name(id).slice(0, 40)}`, ReportOpen.pack({ classId: record.id, learnerId: id })).row();
  }
  const messages = packBlocks(blocks);
  for (const [i, text] of messages.entries()) {
    await ctx.reply(text, i === messages.length - 1 && submitted.length > 0 ? { reply_markup: kb } : {});
  }
}

async function openReport(ctx: BotContext, record: ClassRecord, learnerId: number, wanted?: number): Promise<void> {
  const store = ctx.deps.store;
  const versions = await store.reports.versions(record.id, learnerId);
  const latest = versions.at(-1);
  if (!latest) {
    await ctx.reply(ctx.t("reports-none-yet"));
    return;
  }
  const shown = (wanted === undefined ? undefined : versions.find((v) => v.version === wanted)) ?? latest;
  const profile = await store.users.get(learnerId);
  const grades = await store.reports.grades(record.id, learnerId);
  const current = grades.at(-1);
  const head = [
    ctx.t("reports-open-title", {
      name: escapeHtml(profile?.fullName ?? profile?.telegramName ?? `#${learnerId}`),
      unit: escapeHtml(profile?.unit ?? "—"),
    }),
    ctx.t("reports-open-version", {
      version: shown.version,
      total: versions.length,
      time: formatInstant(shown.submittedAt, record.timeZone),
    }),
  ];
  if (shown.late) head.push(ctx.t("reports-late"));
  // Beyond the centre's quota only a summary is left of a version: said instead of showing nothing.
  if (shown.dropped) {
    const kb = Math.max(1, Math.round(shown.dropped.bytes / 1024));
    const kept = await store.reports.versionsKept(record.centre, ctx.deps.config.reportVersionsKept);
    head.push(ctx.t("reports-version-dropped", { parts: shown.dropped.parts, kb, kept }));
  }
  const ofShown = grades.filter((g) => g.version === shown.version).at(-1);
  head.push(
    ofShown
      ? ctx.t("reports-version-graded", { grade: ctx.t(`grade-${ofShown.grade}`) })
      : ctx.t("reports-version-ungraded"),
  );
  if (current && current.version < latest.version)
    head.push(ctx.t("reports-open-new-ungraded", { version: latest.version, graded: current.version }));
  if (grades.length > 0) {
    head.push("", ctx.t("reports-history"));
    for (const g of grades) {
      const comment = g.comment ? ` — ${escapeHtml(g.comment)}` : "";
      head.push(`• ${formatInstant(g.at, record.timeZone)} · v${g.version} · ${ctx.t(`grade-${g.grade}`)}${comment}`);
    }
  }
  // The grading history carries every comment (up to 2,000 characters each): as many messages as it takes.
  for (const text of packBlocks(head, { separator: "\n" })) await ctx.reply(text);
  await ctx.reply(await similarityText(ctx, record, learnerId, shown.version));
  for (const part of shown.parts) {
    if (part.kind === "text") {
      for (const piece of splitText(escapeHtml(part.text))) await ctx.reply(piece);
    } else if (part.kind === "document") {
      await ctx.replyWithDocument(part.fileId);
    } else {
      await ctx.replyWithPhoto(part.fileId);
    }
  }
  const kb = new InlineKeyboard();
  GRADES.forEach((g, i) => {
    kb.text(ctx.t(`grade-${g}`), ReportGrade.pack({ classId: record.id, learnerId, grade: g, version: shown.version }));
    if (i % 2 === 1) kb.row();
  });
  // Every other version is one tap away (the latest eight, four to a row).
  const others = versions.filter((v) => v.version !== shown.version).slice(-8);
  others.forEach((v, i) => {
    if (i % 4 === 0) kb.row();
    kb.text(
      ctx.t("reports-open-other", { version: v.version }),
      ReportOpen.pack({ classId: record.id, learnerId, version: v.version }),
    );
  });
  await ctx.reply(ctx.t(ofShown ? "reports-regrade-prompt" : "reports-grade-prompt", { version: shown.version }), {
    reply_markup: kb,
  });
}

// ------------------------------------------------------------------------------------------------ /deadline

/**
 * `/deadline <classId> <DD/MM/YYYY> [HH:MM]` (coordinators): the report deadline of a class, in its time zone
 * (23:59 when no time is given); `/deadline <classId>` shows it; `/deadline` lists the classes with theirs.
 * The report-deadline reminders follow (the class's reminders are re-planned).
 */
async function deadline(ctx: BotContext): Promise<void> {
  const [classId, date, time] = commandPayload(ctx).split(/\s+/).filter(Boolean);
  const describe = (r: ClassRecord) => {
    const d = reportDeadline(r);
    return ctx.t("deadline-line", {
      id: r.id,
      name: escapeHtml(r.name),
      deadline: d ? formatInstant(d, r.timeZone) : "—",
      kind: ctx.t(r.reportDeadline ? "deadline-set" : "deadline-default"),
    });
  };
  if (!classId) {
    const list = await ctx.deps.store.classes.list();
    await ctx.reply([ctx.t("deadline-usage"), "", ...list.map(describe)].join("\n"));
    return;
  }
  const record = await ctx.deps.store.classes.get(classId);
  if (!record) {
    await ctx.reply(ctx.t("eval-unknown-class"));
    return;
  }
  if (!date) {
    await ctx.reply(describe(record));
    return;
  }
  const day = parseDateInput(date);
  const hhmm = time ?? "23:59";
  if (!day || !isLocalTime(hhmm)) {
    await ctx.reply(ctx.t("deadline-invalid"));
    return;
  }
  const before = reportDeadline(record);
  record.reportDeadline = zonedInstant(day, hhmm, record.timeZone).toISOString();
  await ctx.deps.store.classes.save(record);
  if (ctx.deps.jobs) await planClassReminders(ctx.deps.store, ctx.deps.jobs, record, ctx.deps.now());
  await ctx.reply(ctx.t("deadline-saved", { line: describe(record) }));
  if (before !== null && Date.parse(before) === Date.parse(record.reportDeadline)) return;
  const count = await announceDeadline(ctx, record, before);
  await ctx.reply(ctx.t("deadline-notified", { count }));
}

/** Tells every learner of the class the new deadline (and the one it replaces), each in their language. */
async function announceDeadline(ctx: BotContext, record: ClassRecord, before: string | null): Promise<number> {
  const deps = ctx.deps;
  const now = reportDeadline(record);
  if (!now) return 0;
  let sent = 0;
  for (const userId of await deps.store.classes.learners(record.id)) {
    const t = await translatorFor(deps, userId);
    const text = t("deadline-notice", {
      name: escapeHtml(record.name),
      deadline: formatInstant(now, record.timeZone),
      before: before ? formatInstant(before, record.timeZone) : "none",
    });
    try {
      if (await sendTo(ctx.api, deps, userId, text)) sent++;
    } catch (err) {
      deps.logger.warn({ err: String(err), user: userId, class: record.id }, "could not tell a learner the deadline");
    }
  }
  return sent;
}

// ------------------------------------------------------------------------------------------------ /versions

const Kept = z.coerce.number().int().min(REPORT_VERSIONS_KEPT_RANGE.min).max(REPORT_VERSIONS_KEPT_RANGE.max);

/**
 * `/versions` (coordinators) lists how many report versions each centre keeps whole; `/versions <n> [centre]` sets it
 * for the only centre or the one named. Older versions keep a summary (see ReportRepo.addVersion).
 */
async function versions(ctx: BotContext): Promise<void> {
  const [first, ...rest] = commandPayload(ctx).split(/\s+/).filter(Boolean);
  const store = ctx.deps.store;
  const fallback = ctx.deps.config.reportVersionsKept;
  const names = await centreNames(store);
  if (names.length === 0) {
    await ctx.reply(ctx.t("versions-no-centre", { kept: fallback }));
    return;
  }
  const listed = async () => {
    const own = await store.reports.centreVersionsKept();
    return names.map((centre) =>
      ctx.t("versions-line", {
        centre: escapeHtml(centre),
        kept: own.get(centre) ?? fallback,
        kind: own.has(centre) ? "set" : "default",
      }),
    );
  };
  const range = REPORT_VERSIONS_KEPT_RANGE;
  if (!first) {
    await ctx.reply([ctx.t("versions-usage", range), "", ...(await listed())].join("\n"));
    return;
  }
  const kept = Kept.safeParse(first);
  if (!kept.success) {
    await ctx.reply(ctx.t("versions-invalid", range));
    return;
  }
  const named = rest.length > 0;
  const centre = named ? centreNamed(names, rest) : names.length === 1 ? names[0] : undefined;
  if (!centre) {
    const why = named ? "versions-unknown-centre" : "versions-name-centre";
    await ctx.reply([ctx.t(why), "", ...(await listed())].join("\n"));
    return;
  }
  await store.reports.setCentreVersionsKept(centre, kept.data);
  await ctx.reply(ctx.t("versions-saved", { centre: escapeHtml(centre), kept: kept.data }));
}

/** A class picked from the buttons, once `requireTeaches` let the press through. */
async function taughtRecord(ctx: BotContext, classId: string): Promise<ClassRecord | undefined> {
  const record = await ctx.deps.store.classes.get(classId);
  if (!record) await ctx.answerCallbackQuery({ text: ctx.t("cls-not-found"), show_alert: true });
  return record;
}

const teachesPicked = { role: "instructor", teaches: (d: { classId: string }) => d.classId } as const;

export const reports = new CapabilityBuilder("reports")
  .scene(REPORT_SCENE, reportScene)
  .scene(GRADE_SCENE, gradeScene, {
    role: "instructor",
    classScoped: true,
    entries: ({ classId, learnerId }) => [{ callback: ReportGrade.pack({ classId, learnerId, grade: "kha" }) }],
  })
  .command("report", (ctx) => ctx.conversation.enter(REPORT_SCENE))
  .command("reports", async (ctx) =>
    pickClass(ctx, await taughtClasses(ctx), ReportList, "reports-no-class", (r) => showList(ctx, r)),
  )
  .command("deadline", deadline)
  .command("versions", versions)
  .onStart(({ api, deps }) => startPrintJobs(api, deps))
  .labelCommand("menu-report", "report")
  .labelCommand("menu-reports", "reports")
  .callback(
    ReportList,
    { access: teachesPicked, right: { name: "reports of a class", samples: ({ classId }) => [{ classId }] } },
    async (ctx, { classId }) => {
      const record = await taughtRecord(ctx, classId);
      if (!record) return;
      await ctx.answerCallbackQuery();
      await showList(ctx, record);
    },
  )
  .callback<DataOf<typeof ReportOpen>>(
    ReportOpen,
    {
      access: teachesPicked,
      right: { name: "a learner's report", samples: ({ classId, learnerId }) => [{ classId, learnerId }] },
    },
    async (ctx, { classId, learnerId, version }) => {
      const record = await taughtRecord(ctx, classId);
      if (!record) return;
      await ctx.answerCallbackQuery();
      await openReport(ctx, record, learnerId, version);
    },
  )
  .callback<DataOf<typeof ReportGrade>>(
    ReportGrade,
    {
      access: teachesPicked,
      right: {
        name: "grading a report",
        samples: ({ classId, learnerId }) => [{ classId, learnerId, grade: "gioi" }],
      },
    },
    async (ctx, { classId, learnerId, grade, version }) => {
      if (!(await mayWrite(ctx, { role: "instructor", teaches: classId, notOwn: learnerId }))) return;
      const record = await taughtRecord(ctx, classId);
      if (!record) return;
      await ctx.answerCallbackQuery();
      await ctx.conversation.exitAll();
      await ctx.conversation.enter(GRADE_SCENE, record.id, learnerId, grade, version ?? 0);
    },
  )
  .build();
