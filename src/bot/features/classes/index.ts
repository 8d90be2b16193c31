/**
 * A coordinator's class administration: /newclass (the new-class scene), /classes (the list, then each class's
 * card: schedule, invite links and their renewal, moving a session, venue, instructors, learners, chuyên đề).
 * Every button re-checks the coordinator's role; edits that need typed input go through the class-edit scene.
 */
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { CLASS_EDIT_SCENE, type ClassEditAction, classEditScene } from "../../../../scenes/classes/class-edit.js";
import { NEWCLASS_SCENE, newClassScene } from "../../../../scenes/classes/newclass.js";
import { localDateOf } from "../../../domain/time.js";
import type { ClassRecord } from "../../../store/index.js";
import { ClassId, callbackData, type DataOf, SessionId } from "../../callback-data.js";
import { CapabilityBuilder } from "../../capability.js";
import { applyEdit, reportEdit } from "../../class-edits.js";
import { inviteLink, renderSchedule, sessionWhen } from "../../class-text.js";
import type { BotContext } from "../../context.js";
import { escapeHtml, formatDate, formatDay, type Translate, tr } from "../../format.js";
import { RosterAction, rosterOf, rosterSummary } from "../../roster.js";
import { onRoster } from "./roster.js";

const CLASS_OPS = [
  "o",
  "s",
  "l",
  "mv",
  "mvs",
  "v",
  "vs",
  "vss",
  "i",
  "is",
  "ls",
  "rm",
  "ta",
  "tr",
  "trs",
  "rl",
  "ri",
] as const;
/** `cls:<op>:<classId>[:<arg>]` — the class card's buttons; `arg` is a session id, "all", or a learner's id. */
const ClassAction = callbackData("cls", {
  op: z.enum(CLASS_OPS),
  classId: ClassId,
  arg: z.string().max(20).optional(),
});

function classCard(ctx: BotContext, record: ClassRecord, learners: number, instructors: number) {
  const t = tr(ctx);
  const first = record.sessions[0];
  const last = record.sessions.at(-1);
  const text = ctx.t("cls-card", {
    name: escapeHtml(record.name),
    id: record.id,
    centre: escapeHtml(record.centre ?? "—"),
    venue: escapeHtml(record.venue ?? "—"),
    from: first ? sessionWhen(t, first, record.timeZone) : "—",
    to: last ? sessionWhen(t, last, record.timeZone) : "—",
    learners,
    instructors,
  });
  const button = (op: (typeof CLASS_OPS)[number]) => ClassAction.pack({ op, classId: record.id });
  const kb = new InlineKeyboard()
    .text(ctx.t("cls-btn-schedule"), button("s"))
    .text(ctx.t("cls-btn-links"), button("l"))
    .row()
    .text(ctx.t("cls-btn-move"), button("mv"))
    .text(ctx.t("cls-btn-venue"), button("v"))
    .row()
    .text(ctx.t("cls-btn-venue-one"), button("vs"))
    .row()
    .text(ctx.t("cls-btn-instructor"), button("i"))
    .text(ctx.t("cls-btn-learners"), button("ls"))
    .row()
    .text(ctx.t("cls-btn-topic-add"), button("ta"))
    .text(ctx.t("cls-btn-topic-remove"), button("tr"))
    .row()
    .text(ctx.t("cls-btn-regen-learner"), button("rl"))
    .text(ctx.t("cls-btn-regen-instructor"), button("ri"));
  return { text, kb };
}

function sessionButton(t: Translate, record: ClassRecord, s: ClassRecord["sessions"][number]): string {
  const what = s.kind === "lesson" ? t("cls-short-lesson", { n: s.lesson ?? 0 }) : s.title;
  return `${formatDate(localDateOf(s.start, record.timeZone))} ${t(`cls-half-${s.half}`)} · ${what}`.slice(0, 60);
}

function sessionPicker(
  ctx: BotContext,
  record: ClassRecord,
  op: "mvs" | "vss" | "is" | "trs",
  filter: (s: ClassRecord["sessions"][number]) => boolean,
) {
  const kb = new InlineKeyboard();
  for (const s of record.sessions.filter(filter)) {
    kb.text(sessionButton(tr(ctx), record, s), ClassAction.pack({ op, classId: record.id, arg: s.id })).row();
  }
  return kb;
}

async function enterEdit(ctx: BotContext, classId: string, action: ClassEditAction, sessionId?: string): Promise<void> {
  await ctx.conversation.enter(CLASS_EDIT_SCENE, classId, action, sessionId);
}

async function listClasses(ctx: BotContext): Promise<void> {
  const list = await ctx.deps.store.classes.list();
  if (list.length === 0) {
    await ctx.reply(ctx.t("cls-list-empty"));
    return;
  }
  const kb = new InlineKeyboard();
  const lines = [ctx.t("cls-list-title")];
  for (const c of list) {
    const n = (await ctx.deps.store.classes.learners(c.id)).length;
    lines.push(
      ctx.t("cls-list-line", {
        id: c.id,
        name: escapeHtml(c.name),
        start: formatDay(tr(ctx), c.startDate),
        learners: n,
      }),
    );
    kb.text(c.name.slice(0, 60), ClassAction.pack({ op: "o", classId: c.id })).row();
  }
  await ctx.reply(lines.join("\n"), { reply_markup: kb });
}

async function onClassAction(ctx: BotContext, d: DataOf<typeof ClassAction>): Promise<void> {
  const store = ctx.deps.store.classes;
  const record = await store.get(d.classId);
  if (!record) {
    await ctx.answerCallbackQuery({ text: ctx.t("cls-not-found"), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  switch (d.op) {
    case "o": {
      const card = classCard(
        ctx,
        record,
        (await store.learners(record.id)).length,
        (await store.instructors(record.id)).length,
      );
      // The imported learners: how many joined, and the list one tap away.
      const roster = rosterSummary(tr(ctx), await rosterOf(ctx.deps.store, record.id));
      if (roster) card.kb.row().text(ctx.t("roster-btn-view"), RosterAction.pack({ op: "v", classId: record.id }));
      await ctx.reply(roster ? `${card.text}\n${roster}` : card.text, { reply_markup: card.kb });
      return;
    }
    case "s":
      for (const part of renderSchedule(tr(ctx), record, ctx.deps.now())) await ctx.reply(part);
      return;
    case "l":
      await ctx.reply(
        ctx.t("cls-links", {
          name: escapeHtml(record.name),
          learnerLink: inviteLink(ctx.me.username, record.learnerCode),
          instructorLink: inviteLink(ctx.me.username, record.instructorCode),
        }),
      );
      return;
    case "rl":
    case "ri": {
      const role = d.op === "rl" ? "learner" : "instructor";
      const updated = await store.regenerateCode(record.id, role);
      if (!updated) return;
      await ctx.reply(
        ctx.t("cls-code-regenerated", {
          role: ctx.t(`cls-role-${role}`),
          link: inviteLink(ctx.me.username, role === "learner" ? updated.learnerCode : updated.instructorCode),
        }),
      );
      return;
    }
    case "mv":
      await ctx.reply(ctx.t("cls-move-pick"), { reply_markup: sessionPicker(ctx, record, "mvs", () => true) });
      return;
    case "mvs":
    case "is": {
      if (d.op === "is" && d.arg === "all") return enterEdit(ctx, record.id, "instructor");
      const sid = SessionId.safeParse(d.arg);
      if (!sid.success || !record.sessions.some((s) => s.id === sid.data)) {
        await ctx.reply(ctx.t("cls-not-found"));
        return;
      }
      return enterEdit(ctx, record.id, d.op === "mvs" ? "move" : "instructor", sid.data);
    }
    case "v":
      return enterEdit(ctx, record.id, "venue");
    case "vs":
      await ctx.reply(ctx.t("cls-venue-pick"), { reply_markup: sessionPicker(ctx, record, "vss", () => true) });
      return;
    case "vss": {
      const sid = SessionId.safeParse(d.arg);
      if (!sid.success || !record.sessions.some((s) => s.id === sid.data)) {
        await ctx.reply(ctx.t("cls-not-found"));
        return;
      }
      return enterEdit(ctx, record.id, "venue", sid.data);
    }
    case "i": {
      const kb = sessionPicker(ctx, record, "is", () => true);
      kb.text(ctx.t("cls-instructor-all"), ClassAction.pack({ op: "is", classId: record.id, arg: "all" }));
      await ctx.reply(ctx.t("cls-instructor-pick"), { reply_markup: kb });
      return;
    }
    case "ta":
      return enterEdit(ctx, record.id, "topic");
    case "tr": {
      if (!record.sessions.some((s) => s.kind === "topic")) {
        await ctx.reply(ctx.t("cls-topic-none"));
        return;
      }
      await ctx.reply(ctx.t("cls-topic-remove-pick"), {
        reply_markup: sessionPicker(ctx, record, "trs", (s) => s.kind === "topic"),
      });
      return;
    }
    case "trs": {
      const sid = SessionId.safeParse(d.arg);
      if (!sid.success) return;
      const outcome = await applyEdit(
        ctx.deps,
        record.id,
        { kind: "topic_remove", sessionId: sid.data },
        ctx.deps.now(),
      );
      await reportEdit(ctx, outcome);
      return;
    }
    case "ls": {
      const ids = await store.learners(record.id);
      const profiles = await ctx.deps.store.users.getMany(ids);
      const kb = new InlineKeyboard();
      const lines = [ctx.t("cls-learners-title", { name: escapeHtml(record.name), count: ids.length })];
      for (const id of ids) {
        const p = profiles.get(id);
        const name = p?.fullName ?? p?.telegramName ?? String(id);
        lines.push(`• ${escapeHtml(name)}${p?.unit ? ` — ${escapeHtml(p.unit)}` : ""}`);
        kb.text(`❌ ${name}`.slice(0, 60), ClassAction.pack({ op: "rm", classId: record.id, arg: String(id) })).row();
      }
      await ctx.reply(lines.join("\n"), { reply_markup: ids.length > 0 ? kb : undefined });
      return;
    }
    case "rm": {
      const userId = Number(d.arg);
      if (!Number.isSafeInteger(userId) || !(await store.removeLearner(record.id, userId))) {
        await ctx.reply(ctx.t("cls-not-found"));
        return;
      }
      const p = await ctx.deps.store.users.get(userId);
      await ctx.reply(
        ctx.t("cls-learner-removed", {
          learner: escapeHtml(p?.fullName ?? String(userId)),
          name: escapeHtml(record.name),
        }),
      );
      return;
    }
  }
}

export const classes = new CapabilityBuilder("classes")
  .scene(NEWCLASS_SCENE, newClassScene, { role: "coordinator", entries: () => [{ command: "newclass" }] })
  .scene(CLASS_EDIT_SCENE, classEditScene, {
    role: "coordinator",
    entries: ({ classId }) => [
      { callback: ClassAction.pack({ op: "mv", classId }) },
      { callback: ClassAction.pack({ op: "v", classId }) },
    ],
  })
  .command("newclass", (ctx) => ctx.conversation.enter(NEWCLASS_SCENE))
  .command("classes", listClasses)
  .labelCommand("menu-classes", "classes")
  .callback(
    RosterAction,
    {
      access: { role: "coordinator" },
      right: {
        name: "imported learners of a class",
        samples: ({ classId }) => (["v", "n", "x"] as const).map((op) => ({ op, classId })),
      },
    },
    onRoster,
  )
  .callback(
    ClassAction,
    {
      access: { role: "coordinator" },
      right: {
        name: "class administration buttons",
        samples: ({ classId }) => (["o", "s", "rm", "rl", "ri", "ta"] as const).map((op) => ({ op, classId })),
      },
      invalid: "cls-not-found",
    },
    onClassAction,
  )
  .build();
