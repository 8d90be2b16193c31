/**
 * A coordinator's schedule edit that needs typed input: move a session (date → morning/afternoon), change the
 * venue, add a chuyên đề (who teaches a session is picked from the class's instructors, on the class card).
 * Entered with `(classId, action, sessionId?)` from /classes.
 * The rights are checked again before the edit is applied; then learners are told ("Thay đổi lịch học: …") and reminders re-planned at the very end, once.
 */
import { z } from "zod";
import { stillMay } from "../../src/bot/access.js";
import { askChoice, askText, DateInputSchema, lineSchema } from "../../src/bot/ask.js";
import { applyEdit, type Edit, reportEdit } from "../../src/bot/class-edits.js";
import { sessionTitle } from "../../src/bot/class-text.js";
import type { SceneContext, SceneConversation } from "../../src/bot/context.js";
import { escapeHtml, formatDay, tr } from "../../src/bot/format.js";
import { loadProgramTemplate } from "../../src/classes/service.js";
import type { Half, Session } from "../../src/domain/schedule.js";
import { halfOf, holderOf, moveSession, type OrderWarning, orderWarnings } from "../../src/domain/schedule-ops.js";
import { isLocalTime, minutesOf } from "../../src/domain/time.js";

export const CLASS_EDIT_SCENE = "class-edit";
export type ClassEditAction = "move" | "venue" | "topic";

const NameSchema = lineSchema(2, 200);

export async function classEditScene(
  conversation: SceneConversation,
  ctx: SceneContext,
  classId: string,
  action: ClassEditAction,
  sessionId?: string,
): Promise<void> {
  const record = await conversation.external(() => ctx.deps.store.classes.get(classId));
  if (!record) {
    await ctx.reply(ctx.t("cls-not-found"));
    return;
  }
  const t = tr(ctx);
  let edit: Edit;
  if (action === "move") {
    const session = record.sessions.find((s) => s.id === sessionId);
    if (!session || !sessionId) {
      await ctx.reply(ctx.t("cls-not-found"));
      return;
    }
    const target = await askMove(conversation, ctx, classId, session);
    if (!target) return;
    edit = { kind: "move", sessionId, ...target };
  } else if (action === "venue") {
    const session = sessionId ? record.sessions.find((s) => s.id === sessionId) : undefined;
    const venue = await askText(conversation, ctx, {
      prompt: session
        ? ["cls-venue-ask-one", { title: sessionTitle(t, session), venue: escapeHtml(session.venue ?? "—") }]
        : "cls-venue-ask",
      invalid: "cls-new-text-invalid",
      schema: NameSchema,
    });
    edit = session ? { kind: "session_venue", sessionId: session.id, venue } : { kind: "venue", venue };
  } else {
    const template = await conversation.external(() => loadProgramTemplate(ctx.deps.config.contentDir));
    const choice = await askChoice(conversation, ctx, {
      prompt: "cls-topic-ask",
      invalid: "choice-invalid",
      prefix: "ce:topic",
      perRow: 1,
      choices: [
        ...template.topics.map((tp) => ({ value: tp.key, label: tp.title })),
        { value: "_other", label: ctx.t("cls-topic-other") },
      ],
    });
    const topic =
      choice === "_other"
        ? await askText(conversation, ctx, {
            prompt: "cls-topic-ask-title",
            invalid: "cls-topic-title-invalid",
            schema: TopicTitleSchema,
          })
        : choice;
    edit = { kind: "topic_add", topic };
  }

  if (!(await stillMay(conversation, ctx, { role: "coordinator" }))) return;
  const now = new Date(await conversation.external(() => ctx.deps.now().getTime()));
  const outcome = await conversation.external(() => applyEdit(ctx.deps, classId, edit, now));
  await reportEdit(ctx, outcome);
}

/** `07:00-11:30` (also `7h – 11h30`, `7:00 đến 11:30`): a session's exact start and end, the end after the start. */
const CLOCK = String.raw`(\d{1,2})(?:[:h.](\d{2})|h)`;
const TIMES_RE = new RegExp(String.raw`^\s*${CLOCK}\s*(?:-|–|—|đến|to)\s*${CLOCK}\s*$`, "i");
const TimesSchema = z.string().transform((text, c) => {
  const m = TIMES_RE.exec(text.normalize("NFC"));
  const start = m ? `${m[1]?.padStart(2, "0")}:${m[2] ?? "00"}` : "";
  const end = m ? `${m[3]?.padStart(2, "0")}:${m[4] ?? "00"}` : "";
  if (!isLocalTime(start) || !isLocalTime(end) || minutesOf(start) >= minutesOf(end)) {
    c.addIssue({ code: "custom", message: "times" });
    return z.NEVER;
  }
  return { start, end };
});

type MoveTrial = { ok: true; warnings: OrderWarning[] } | { ok: false; error: string; holder?: Session };

/**
 * Where to move `session`: a date, then the morning, the afternoon or exact times. A slot another session holds is
 * said and asked again (the scene stays open); an order the guidance expects that the move would break is said and
 * must be confirmed. Undefined when the class is gone.
 */
async function askMove(
  conversation: SceneConversation,
  ctx: SceneContext,
  classId: string,
  session: Session,
): Promise<{ date: string; half: Half; times?: { start: string; end: string } } | undefined> {
  const t = tr(ctx);
  for (;;) {
    const date = await askText(conversation, ctx, {
      prompt: ["cls-move-ask-date", { title: sessionTitle(t, session) }],
      invalid: "cls-new-date-invalid",
      schema: DateInputSchema,
    });
    const when = await askChoice(conversation, ctx, {
      prompt: "cls-move-ask-half",
      invalid: "choice-invalid",
      prefix: "ce:half",
      choices: [
        { value: "morning" as const, label: ctx.t("cls-half-morning") },
        { value: "afternoon" as const, label: ctx.t("cls-half-afternoon") },
        { value: "exact" as const, label: ctx.t("cls-half-exact") },
      ],
    });
    const times =
      when === "exact"
        ? await askText(conversation, ctx, {
            prompt: "cls-move-ask-times",
            invalid: "cls-move-times-invalid",
            schema: TimesSchema,
          })
        : undefined;
    const half: Half = times ? halfOf(times.start) : when === "exact" ? "morning" : when;
    const target = times ? { date, half, times } : { date, half };
    const trial = await conversation.external(async (): Promise<MoveTrial> => {
      const r = await ctx.deps.store.classes.get(classId);
      if (!r) return { ok: false, error: "no_class" };
      const result = moveSession(r.sessions, session.id, target, r.context);
      if (result.ok) return { ok: true, warnings: orderWarnings(result.sessions, session.id) };
      const holder = holderOf(r.sessions, { date, half }, r.timeZone, session.id);
      return holder ? { ok: false, error: result.error, holder } : { ok: false, error: result.error };
    });
    if (!trial.ok) {
      if (trial.error === "slot_taken" && trial.holder) {
        await ctx.reply(
          ctx.t("cls-move-taken", {
            when: `${ctx.t(`cls-half-${half}`)} ${formatDay(t, date)}`,
            holder: sessionTitle(t, trial.holder),
            title: sessionTitle(t, session),
          }),
        );
        continue;
      }
      await ctx.reply(ctx.t(`cls-edit-error-${trial.error}`));
      if (trial.error === "no_class" || trial.error === "session_not_found") return undefined;
      continue;
    }
    if (trial.warnings.length > 0) {
      const go = await askChoice(conversation, ctx, {
        prompt: [
          "cls-move-warn",
          {
            title: sessionTitle(t, session),
            warnings: trial.warnings.map((w) => ctx.t(`cls-move-warn-${w}`)).join("\n"),
          },
        ],
        invalid: "choice-invalid",
        prefix: "ce:warn",
        choices: [
          { value: "yes" as const, label: ctx.t("cls-move-warn-yes") },
          { value: "again" as const, label: ctx.t("cls-move-warn-again") },
        ],
      });
      if (go === "again") continue;
    }
    return target;
  }
}

/** A custom chuyên đề title: words, not a bare key-like word (the domain reads those as template keys). */
const TopicTitleSchema = z
  .string()
  .trim()
  .min(5)
  .max(200)
  .refine((s) => /\s/.test(s) || /[^a-z0-9_]/.test(s))
  .transform((s) => s.normalize("NFC").replace(/\s+/g, " "));
