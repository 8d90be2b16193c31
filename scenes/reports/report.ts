/**
 * Submitting the bản thu hoạch: pick the class (when in several) → what a report contains and the deadline →
 * text (one or several messages), documents (PDF, DOC, DOCX, ODT up to 20 MB) and/or photos of handwritten pages,
 * ended with «Xong» → preview → confirm → stored as a new version → receipt (class, time, version, late or not).
 *
 * Everything received is in the conversation's replay log in Redis, so a draft half-way through survives a
 * restart. A file is checked by its first bytes, not only its name and declared type. A wrong file type, an oversize
 * file or text over the limits gets a clear reply naming the limit, and the parts already sent stay.
 * Bump `SCENES_VERSION` in src/bot/index.ts when the shape of this scene changes.
 */
import { GrammyError, InlineKeyboard } from "grammy";
import { stillMay } from "../../src/bot/access.js";
import { answeredStray, askChoice, nextUpdate, pickLearnerClass, stepsLeft } from "../../src/bot/ask.js";
import { ReportOpen } from "../../src/bot/callback-data.js";
import type { SceneContext, SceneConversation } from "../../src/bot/context.js";
import { downloadFile } from "../../src/bot/download.js";
import { escapeHtml, formatInstant } from "../../src/bot/format.js";
import { queueReportPrint } from "../../src/classes/similarity.js";
import { bytesMatch } from "../../src/documents/file-type.js";
import {
  checkReportDocument,
  checkReportPhoto,
  isLate,
  MAX_REPORT_PART_CHARS,
  MAX_REPORT_PARTS,
  MAX_REPORT_TEXT_CHARS,
  reportDeadline,
} from "../../src/domain/reports.js";
import type { ReportPart } from "../../src/store/index.js";

export const REPORT_SCENE = "report";

interface ClassInfo {
  id: string;
  name: string;
  timeZone: string;
  deadline: string | null;
  versions: number;
  /** Versions kept whole in this class's centre (absent in a replay stored before it was read). */
  kept?: number;
  grade?: string;
  /** The version the current grade is for. */
  gradedVersion?: number;
}

/** A text this short that reads as a question to the bot is asked about before it becomes a part of the report. */
const QUESTION_MAX_CHARS = 200;

/**
 * «Nộp rồi thì bao giờ có điểm?», «lịch học ở đâu»: a short text that asks something, or that the bot takes for a
 * request or small talk, is more likely meant for the bot than a paragraph of the report.
 */
function readsAsQuestion(ctx: SceneContext, text: string): boolean {
  if (text.length > QUESTION_MAX_CHARS) return false;
  if (/\?\s*$/.test(text)) return true;
  const intent = ctx.deps.knowledge?.understand(text).intent;
  return intent !== undefined && intent.kind !== "decline";
}

const questionKeyboard = (ctx: SceneContext) =>
  new InlineKeyboard()
    .text(ctx.t("report-question-add"), "rep:q-add")
    .row()
    .text(ctx.t("report-question-skip"), "rep:q-skip");

const collectKeyboard = (ctx: SceneContext) =>
  new InlineKeyboard().text(ctx.t("report-done"), "rep:done").text(ctx.t("report-cancel"), "rep:cancel");

function describeParts(ctx: SceneContext, parts: ReportPart[]): string {
  const texts = parts.filter((p) => p.kind === "text");
  const chars = texts.reduce((n, p) => n + (p.kind === "text" ? p.text.length : 0), 0);
  const docs = parts.filter((p) => p.kind === "document");
  const photos = parts.filter((p) => p.kind === "photo").length;
  const lines: string[] = [];
  if (texts.length) lines.push(ctx.t("report-summary-text", { messages: texts.length, chars }));
  for (const d of docs)
    if (d.kind === "document") lines.push(ctx.t("report-summary-doc", { name: escapeHtml(d.fileName) }));
  if (photos) lines.push(ctx.t("report-summary-photos", { n: photos }));
  return lines.join("\n");
}

/** Why a text part is refused (over the part or the report limit), naming the limit; undefined when it fits. */
function textProblem(c: SceneContext, parts: ReportPart[], text: string): string | undefined {
  if (text.length > MAX_REPORT_PART_CHARS) return c.t("report-part-too-long", { max: MAX_REPORT_PART_CHARS });
  const total = parts.reduce((n, p) => n + (p.kind === "text" ? p.text.length : 0), 0);
  if (total + text.length > MAX_REPORT_TEXT_CHARS) return c.t("report-text-too-long", { max: MAX_REPORT_TEXT_CHARS });
  return undefined;
}

/**
 * Fetches a sent file (within the Bot API's 20 MB, checked before) and reads its first bytes: `yes` when they are
 * the type its name says, `no` when not, `unread` when Telegram would not hand it over (the learner sends it again).
 * Runs inside `conversation.external`: only the verdict goes in the replay log.
 */
async function fileIsWhatItSays(ctx: SceneContext, fileId: string, ext: string): Promise<"yes" | "no" | "unread"> {
  try {
    return bytesMatch(ext, await downloadFile(ctx.api, fileId)) ? "yes" : "no";
  } catch (err) {
    ctx.deps.logger.warn({ err: String(err) }, "could not fetch a report file to check its type");
    return "unread";
  }
}

export async function reportScene(conversation: SceneConversation, ctx: SceneContext): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  const picked = await pickLearnerClass(conversation, ctx, userId, {
    none: "report-no-class",
    prompt: "report-pick-class",
    prefix: "rep:cls",
  });
  if (!picked) return;
  const classId = picked.id;
  const info = await conversation.external(async (): Promise<ClassInfo | undefined> => {
    const record = await ctx.deps.store.classes.get(classId);
    if (!record) return undefined;
    const versions = await ctx.deps.store.reports.versionCount(classId, userId);
    const current = await ctx.deps.store.reports.currentGrade(classId, userId);
    const info: ClassInfo = {
      id: record.id,
      name: record.name,
      timeZone: record.timeZone,
      deadline: reportDeadline(record),
      versions,
      kept: await ctx.deps.store.reports.versionsKept(record.centre, ctx.deps.config.reportVersionsKept),
    };
    if (current) {
      info.grade = current.grade;
      info.gradedVersion = current.version;
    }
    return info;
  });
  if (!info) {
    await ctx.reply(ctx.t("report-no-class"));
    return;
  }

  const intro = [ctx.t("report-intro", { name: escapeHtml(info.name) })];
  intro.push(
    info.deadline
      ? ctx.t("report-deadline", { deadline: formatInstant(info.deadline, info.timeZone) })
      : ctx.t("report-deadline-none"),
  );
  if (info.versions > 0) intro.push(ctx.t("report-resubmit", { versions: info.versions }));
  // At the quota, sending again summarises the oldest version kept whole: said before anything is sent.
  const kept = info.kept ?? ctx.deps.config.reportVersionsKept;
  if (info.versions >= kept)
    intro.push(ctx.t("report-at-limit", { versions: info.versions, kept, oldest: info.versions - kept + 1 }));
  if (info.grade) {
    const version = info.gradedVersion ?? info.versions;
    intro.push(ctx.t("report-current-grade", { grade: ctx.t(`grade-${info.grade}`), version }));
    if (version < info.versions) intro.push(ctx.t("report-latest-ungraded", { version: info.versions }));
  }
  intro.push("", ctx.t("report-how"));
  await ctx.reply(intro.join("\n"), { reply_markup: collectKeyboard(ctx) });

  let parts: ReportPart[] = [];
  /** What each part was (its text, or Telegram's unique id of its file), to know a part sent a second time. */
  let seen = new Set<string>();
  /** A short text that reads as a question, held until the learner says whether it belongs to the report. */
  let pending: (ReportPart & { kind: "text" }) | undefined;
  for (;;) {
    // ------------------------------------------------------------ collect until «Xong»
    for (;;) {
      // Near the scene's step cap the draft goes to its preview, where it can still be sent, instead of being lost.
      if (parts.length > 0 && stepsLeft(conversation, ctx) <= 3) {
        await ctx.reply(ctx.t("report-steps-preview"));
        break;
      }
      const c = await nextUpdate(conversation);
      const data = c.callbackQuery?.data;
      if (data === "rep:q-add" || data === "rep:q-skip") {
        // Under a text already settled (added when the learner went on), the buttons have nothing left to do.
        await c.answerCallbackQuery(pending ? undefined : { text: c.t("report-use-buttons") });
        if (!pending) continue;
        const asked = pending;
        pending = undefined;
        if (data === "rep:q-skip") {
          await c.reply(c.t("report-question-skipped", { n: parts.length }), { reply_markup: collectKeyboard(c) });
          continue;
        }
        seen.add(`t:${asked.text}`);
        parts = [...parts, asked];
        await c.reply(c.t("report-received", { n: parts.length }), { reply_markup: collectKeyboard(c) });
        continue;
      }
      // Anything else sent or pressed meanwhile: the text in doubt was part of the report after all.
      if (pending && data !== "rep:cancel") {
        seen.add(`t:${pending.text}`);
        parts = [...parts, pending];
        pending = undefined;
      }
      if (data === "rep:done") {
        if (parts.length === 0) {
          await c.answerCallbackQuery({ text: c.t("report-empty"), show_alert: true });
          continue;
        }
        await c.answerCallbackQuery();
        break;
      }
      if (data === "rep:cancel") {
        await c.answerCallbackQuery();
        await c.reply(c.t("report-cancelled"));
        return;
      }
      if (await answeredStray(c)) continue;
      const msg = c.message;
      if (!msg) continue;
      if (parts.length >= MAX_REPORT_PARTS) {
        await c.reply(c.t("report-too-many", { max: MAX_REPORT_PARTS }), { reply_markup: collectKeyboard(c) });
        continue;
      }
      let part: ReportPart | undefined;
      let problem: string | undefined;
      if (msg.text !== undefined) {
        const text = msg.text.normalize("NFC").trim();
        problem = text ? textProblem(c, parts, text) : c.t("report-empty-text");
        if (!problem) part = { kind: "text", text };
      } else if (msg.document) {
        const doc = msg.document;
        const name = escapeHtml(doc.file_name ?? "?");
        const check = checkReportDocument(doc);
        // The name and declared type agree; the bytes must say the same (a program renamed .pdf is refused).
        const real = check.ok ? await conversation.external(() => fileIsWhatItSays(ctx, doc.file_id, check.ext)) : "no";
        if (check.ok && real === "yes") {
          part = {
            kind: "document",
            fileId: doc.file_id,
            fileName: doc.file_name ?? `bao-cao.${check.ext}`,
            mimeType: doc.mime_type ?? "",
            size: doc.file_size ?? 0,
          };
        } else if (!check.ok && check.reason === "size") problem = c.t("report-file-too-big", { name });
        else problem = c.t(real === "unread" ? "report-file-unread" : "report-file-type", { name });
      } else if (msg.photo && msg.photo.length > 0) {
        // Telegram re-encodes what is sent as a photo itself (always a JPEG of its own making): nothing to sniff.
        const largest = msg.photo[msg.photo.length - 1];
        if (largest) {
          const check = checkReportPhoto(largest);
          if (check.ok) part = { kind: "photo", fileId: largest.file_id, size: largest.file_size ?? 0 };
          else problem = c.t("report-file-too-big", { name: c.t("report-photo") });
        }
      } else {
        problem = c.t("report-unsupported");
      }
      // A caption sent with a file or photo is part of the report too.
      const caption = part && part.kind !== "text" ? msg.caption?.normalize("NFC").trim() : undefined;
      if (caption) {
        problem = textProblem(c, parts, caption);
        if (problem) part = undefined;
      }
      // The same part again — sent a second time after a "busy" reply while Telegram also delivers the first one
      // again — is said to be there already, not added twice.
      const key =
        part && (part.kind === "text" ? `t:${part.text}` : `f:${(msg.document ?? msg.photo?.at(-1))?.file_unique_id}`);
      if (key && seen.has(key)) {
        await c.reply(c.t("report-part-repeat", { n: parts.length }), { reply_markup: collectKeyboard(c) });
      } else if (part?.kind === "text" && (await conversation.external(() => readsAsQuestion(ctx, part.text)))) {
        pending = part;
        await c.reply(c.t("report-question-check", { text: escapeHtml(part.text) }), {
          reply_markup: questionKeyboard(c),
        });
      } else if (part) {
        if (key) seen.add(key);
        parts = caption ? [...parts, part, { kind: "text", text: caption }] : [...parts, part];
        await c.reply(c.t("report-received", { n: parts.length }), { reply_markup: collectKeyboard(c) });
      } else {
        const kept = parts.length > 0 ? `\n${c.t("report-kept", { n: parts.length })}` : "";
        await c.reply(`${problem ?? c.t("report-unsupported")}${kept}`, { reply_markup: collectKeyboard(c) });
      }
    }

    // ------------------------------------------------------------ preview and confirm
    const firstText = parts.find((p) => p.kind === "text");
    const preview = [ctx.t("report-preview-title", { name: escapeHtml(info.name) }), describeParts(ctx, parts)];
    if (firstText?.kind === "text") {
      const excerpt = firstText.text.length > 600 ? `${firstText.text.slice(0, 600)}…` : firstText.text;
      preview.push("", `<blockquote>${escapeHtml(excerpt)}</blockquote>`);
    }
    const choice = await askChoice(conversation, ctx, {
      prompt: ["report-preview", { body: preview.join("\n") }],
      invalid: "choice-invalid",
      prefix: "rep:ok",
      choices: [
        { value: "send", label: ctx.t("report-confirm-send") },
        { value: "more", label: ctx.t("report-confirm-more") },
        { value: "restart", label: ctx.t("report-confirm-restart") },
        { value: "cancel", label: ctx.t("report-cancel") },
      ],
    });
    if (choice === "cancel") {
      await ctx.reply(ctx.t("report-cancelled"));
      return;
    }
    if (choice === "send") break;
    if (choice === "restart") {
      parts = [];
      seen = new Set();
    }
    await ctx.reply(ctx.t(choice === "restart" ? "report-restarted" : "report-send-more"), {
      reply_markup: collectKeyboard(ctx),
    });
  }

  // A learner taken off the class while writing submits nothing to it.
  if (!(await stillMay(conversation, ctx, { role: "learner", learns: classId }))) return;
  // Stored once for the update that confirmed (`outside` is it): a re-sent command or a redelivery adds no version.
  const saved = await conversation.external(async (outside) => {
    const now = ctx.deps.now();
    const record = await ctx.deps.store.classes.get(classId);
    const deadline = record ? reportDeadline(record) : info.deadline;
    return ctx.deps.store.reports.addVersion(
      classId,
      userId,
      { parts, submittedAt: now.toISOString(), late: isLate(now, deadline) },
      {
        updateId: outside.update.update_id,
        keep: await ctx.deps.store.reports.versionsKept(record?.centre, ctx.deps.config.reportVersionsKept),
      },
    );
  });
  const receipt = [
    ctx.t("report-receipt", {
      name: escapeHtml(info.name),
      time: formatInstant(saved.submittedAt, info.timeZone),
      version: saved.version,
    }),
  ];
  if (saved.late) receipt.push(ctx.t("report-receipt-late"));
  await ctx.reply(receipt.join("\n"));

  // Fingerprinted in the background once the receipt is out, so the instructor's first check need not read its
  // files; a queue that refuses only leaves it to that check.
  await conversation.external(() =>
    queueReportPrint(ctx.deps.jobs, { classId, learnerId: userId, version: saved.version }).catch((err: unknown) =>
      ctx.deps.logger.warn({ err: String(err), class: classId }, "could not queue a report's fingerprint"),
    ),
  );

  // The class's instructors hear of it — quietly (no sound: many arrive near the deadline) — with the report one tap
  // away. One who blocked the bot is skipped.
  const notice = await conversation.external(async () => {
    const instructors = await ctx.deps.store.classes.instructors(classId);
    const profiles = await ctx.deps.store.users.getMany([userId, ...instructors]);
    const me = profiles.get(userId);
    return {
      learner: me?.fullName ?? me?.telegramName ?? `#${userId}`,
      instructors: instructors.map((id) => ({ id, locale: profiles.get(id)?.locale ?? "vi" })),
    };
  });
  for (const ins of notice.instructors) {
    const t = (k: string, v?: Record<string, string | number>) => ctx.deps.i18n.t(ins.locale, k, v);
    try {
      await ctx.api.sendMessage(
        ins.id,
        t("report-new-to-instructor", {
          name: escapeHtml(notice.learner),
          class: escapeHtml(info.name),
          version: saved.version,
          late: saved.late ? t("report-new-late") : "",
        }),
        {
          disable_notification: true,
          reply_markup: new InlineKeyboard().text(
            t("report-open-button"),
            ReportOpen.pack({ classId, learnerId: userId }),
          ),
        },
      );
    } catch (err) {
      if (!(err instanceof GrammyError)) throw err;
    }
  }
}
