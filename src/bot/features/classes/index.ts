/**
 * A coordinator's class administration: /newclass (the new-class scene), /classes (the list, then each class's
 * card: schedule, invite links and their renewal, moving a session, venue, instructors, learners, chuyên đề).
 * Every button re-checks the coordinator's role; edits that need typed input go through the class-edit scene.
 */
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { APPOINT_SCENE, appointScene } from "../../../../scenes/classes/appoint.js";
import { CLASS_EDIT_SCENE, type ClassEditAction, classEditScene } from "../../../../scenes/classes/class-edit.js";
import { NEWCLASS_SCENE, newClassScene } from "../../../../scenes/classes/newclass.js";
import type { ClassRecord } from "../../../store/index.js";
import { ClassId, callbackData, type DataOf, SessionId, UserId } from "../../callback-data.js";
import { CapabilityBuilder } from "../../capability.js";
import { applyEdit, reportEdit } from "../../class-edits.js";
import { inviteLink, renderSchedule, sessionButton, sessionWhen } from "../../class-text.js";
import type { BotContext } from "../../context.js";
import { escapeHtml, formatDay, tr } from "../../format.js";
import { personName } from "../../instructors.js";
import { RosterAction, rosterOf, rosterSummary } from "../../roster.js";
import { onRoster } from "./roster.js";

const CLASS_OPS = [
  ...["o", "s", "l", "mv", "mvs", "v", "vs", "vss", "ta", "tr", "trs", "no"],
  // instructors: the panel, appoint, pick a session, pick its instructor (`arg` = `<session|all>-<userId>`)
  ...["i", "ia", "is", "ip"],
  // asked first, then done: renew a link, remove a learner (and put them back)
  ...["rl", "ri", "rlc", "ric", "ls", "rm", "rmc", "ra"],
] as const;
/** `cls:<op>:<classId>[:<arg>]` — the class card's buttons; `arg` is a session id, "all", a person's id, or both. */
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

/** «Có, …» / «Không» under a question that names what the tap will do. */
function confirmKeyboard(ctx: BotContext, classId: string, op: (typeof CLASS_OPS)[number], yes: string, arg?: string) {
  return new InlineKeyboard()
    .text(ctx.t(yes), ClassAction.pack({ op, classId, arg }))
    .text(ctx.t("confirm-no"), ClassAction.pack({ op: "no", classId }));
}

/** Removing a learner is asked first and can be undone («Thêm lại»): their reports and attendance stay. */
async function removeLearner(
  ctx: BotContext,
  record: ClassRecord,
  op: "rm" | "rmc" | "ra",
  arg: string | undefined,
): Promise<void> {
  const userId = UserId.safeParse(arg);
  if (!userId.success) {
    await ctx.reply(ctx.t("cls-not-found"));
    return;
  }
  const id = userId.data;
  const store = ctx.deps.store.classes;
  const p = await ctx.deps.store.users.get(id);
  const vars = { learner: personName(p, id), name: escapeHtml(record.name) };
  if (op === "rm") {
    await ctx.reply(ctx.t("remove-confirm", vars), {
      reply_markup: confirmKeyboard(ctx, record.id, "rmc", "remove-yes", String(id)),
    });
    return;
  }
  await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
  if (op === "ra") {
    if (await store.isInstructor(record.id, id)) {
      await ctx.reply(ctx.t("ins-instructor-cannot-learn", { name: vars.name }));
      return;
    }
    await store.addLearner(record.id, id);
    await ctx.reply(ctx.t("remove-undone", vars));
    return;
  }
  if (!(await store.removeLearner(record.id, id))) {
    await ctx.reply(ctx.t("cls-not-member-other", vars));
    return;
  }
  ctx.log.info({ class: record.id, learner: id }, "learner removed from a class");
  await ctx.reply(ctx.t("cls-learner-removed", vars), {
    reply_markup: new InlineKeyboard().text(
      ctx.t("remove-undo"),
      ClassAction.pack({ op: "ra", classId: record.id, arg: String(id) }),
    ),
  });
}

/** The class's instructors and who waits for an answer; appoint one, or set who teaches a session. */
async function instructorPanel(ctx: BotContext, record: ClassRecord): Promise<void> {
  const store = ctx.deps.store.classes;
  const ids = await store.instructors(record.id);
  const waiting = await store.instructorAsks(record.id);
  const profiles = await ctx.deps.store.users.getMany([...ids, ...waiting]);
  const lines = [ctx.t("ins-panel-title", { name: escapeHtml(record.name), count: ids.length })];
  for (const id of ids) lines.push(`• ${personName(profiles.get(id), id)}`);
  if (waiting.length > 0) {
    lines.push("", ctx.t("ins-panel-waiting"));
    for (const id of waiting) lines.push(`• ${personName(profiles.get(id), id)}`);
  }
  const kb = new InlineKeyboard().text(ctx.t("ins-btn-appoint"), ClassAction.pack({ op: "ia", classId: record.id }));
  if (ids.length > 0) {
    kb.row().text(ctx.t("ins-btn-all"), ClassAction.pack({ op: "is", classId: record.id, arg: "all" }));
    for (const s of record.sessions) {
      kb.row().text(sessionButton(tr(ctx), record, s), ClassAction.pack({ op: "is", classId: record.id, arg: s.id }));
    }
  }
  await ctx.reply(lines.join("\n"), { reply_markup: kb });
}

/** A session (or "all"), or undefined when `arg` names none of the class's. */
function sessionArg(record: ClassRecord, arg: string | undefined): string | undefined {
  if (arg === "all") return arg;
  return record.sessions.some((s) => s.id === arg) ? arg : undefined;
}

/** Who teaches the session: one of the class's instructors, as buttons. */
async function pickSessionInstructor(ctx: BotContext, record: ClassRecord, arg: string | undefined): Promise<void> {
  const sid = sessionArg(record, arg);
  if (!sid) {
    await ctx.reply(ctx.t("cls-not-found"));
    return;
  }
  const ids = await ctx.deps.store.classes.instructors(record.id);
  if (ids.length === 0) {
    await ctx.reply(ctx.t("ins-none-yet"), {
      reply_markup: new InlineKeyboard().text(
        ctx.t("ins-btn-appoint"),
        ClassAction.pack({ op: "ia", classId: record.id }),
      ),
    });
    return;
  }
  const profiles = await ctx.deps.store.users.getMany(ids);
  const kb = new InlineKeyboard();
  for (const id of ids) {
    kb.text(
      personName(profiles.get(id), id).slice(0, 60),
      ClassAction.pack({ op: "ip", classId: record.id, arg: `${sid}-${id}` }),
    ).row();
  }
  await ctx.reply(ctx.t("ins-pick-for-session"), { reply_markup: kb });
}

async function setSessionInstructor(ctx: BotContext, record: ClassRecord, arg: string | undefined): Promise<void> {
  const [session, user] = (arg ?? "").split("-");
  const sid = sessionArg(record, session);
  const userId = UserId.safeParse(user);
  // Only someone who teaches the class now, not a name typed in.
  if (!sid || !userId.success || !(await ctx.deps.store.classes.isInstructor(record.id, userId.data))) {
    await ctx.reply(ctx.t("cls-not-found"));
    return;
  }
  const p = await ctx.deps.store.users.get(userId.data);
  const name = p?.fullName ?? p?.telegramName ?? `#${userId.data}`;
  const outcome = await applyEdit(ctx.deps, record.id, { kind: "instructor", sessionId: sid, name }, ctx.deps.now());
  await reportEdit(ctx, outcome);
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
    case "no":
      await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
      await ctx.reply(ctx.t("confirm-kept"));
      return;
    case "rl":
    case "ri": {
      const role = d.op === "rl" ? "learner" : "instructor";
      await ctx.reply(ctx.t(`regen-confirm-${role}`, { name: escapeHtml(record.name) }), {
        reply_markup: confirmKeyboard(ctx, record.id, d.op === "rl" ? "rlc" : "ric", "regen-yes"),
      });
      return;
    }
    case "rlc":
    case "ric": {
      await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
      const role = d.op === "rlc" ? "learner" : "instructor";
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
    case "mvs": {
      const sid = SessionId.safeParse(d.arg);
      if (!sid.success || !record.sessions.some((s) => s.id === sid.data)) {
        await ctx.reply(ctx.t("cls-not-found"));
        return;
      }
      return enterEdit(ctx, record.id, "move", sid.data);
    }
    case "i":
      return instructorPanel(ctx, record);
    case "ia":
      await ctx.conversation.enter(APPOINT_SCENE, record.id);
      return;
    case "is":
      return pickSessionInstructor(ctx, record, d.arg);
    case "ip":
      return setSessionInstructor(ctx, record, d.arg);
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
    case "rm":
    case "rmc":
    case "ra":
      return removeLearner(ctx, record, d.op, d.arg);
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
  .scene(APPOINT_SCENE, appointScene, {
    role: "coordinator",
    entries: ({ classId }) => [{ callback: ClassAction.pack({ op: "ia", classId }) }],
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
        samples: ({ classId, learnerId }) => [
          ...(["o", "s", "rl", "ri", "rlc", "ric", "ta", "i", "ia"] as const).map((op) => ({ op, classId })),
          ...(["rm", "rmc", "ra"] as const).map((op) => ({ op, classId, arg: String(learnerId) })),
          { op: "ip" as const, classId, arg: `all-${learnerId}` },
        ],
      },
      invalid: "cls-not-found",
    },
    onClassAction,
  )
  .build();
