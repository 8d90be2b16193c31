/**
 * Classes: joining with an invite code, the schedule (/schedule, /today, /next, the 📅 menu button), reminder
 * settings, leaving, check-in and attendance, and the coordinator's /newclass and /classes.
 *
 * Callback data carries ids only (`cp:<action>:<classId>`, `cls:<op>:<classId>[:<arg>]`, `rs:<setting>`), is
 * validated, and never carries authority: every press re-checks the sender's role and membership.
 */
import { randomInt } from "node:crypto";
import { hears } from "@grammyjs/i18n";
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { CLASS_EDIT_SCENE, type ClassEditAction } from "../../../../scenes/class-edit.js";
import { JOIN_SCENE } from "../../../../scenes/join.js";
import { NEWCLASS_SCENE } from "../../../../scenes/newclass.js";
import { openCheckin, verifyCheckin } from "../../../domain/checkin.js";
import { sessionStatus, sessionsOn } from "../../../domain/schedule-ops.js";
import { localDateOf, localTimeOf } from "../../../domain/time.js";
import { type ClassRecord, isRegistered, REMINDER_SETTINGS, type ReminderSetting } from "../../../store/index.js";
import { escapeHtml } from "../../api-defaults.js";
import { publishCommands } from "../../commands.js";
import { FastComposer } from "../../composer.js";
import type { BotContext } from "../../context.js";
import { mainMenu } from "../../keyboards.js";
import { hasRole, refuse } from "../../middleware/guard.js";
import { pickClass } from "../pick-class.js";
import { applyEdit, reportEdit } from "./edits.js";
import { completeJoin, joinedText } from "./join.js";
import {
  formatDate,
  formatDay,
  inviteLink,
  renderSchedule,
  sessionLine,
  sessionTitle,
  sessionWhen,
  splitMessages,
  type Translate,
} from "./render.js";

export const classes = new FastComposer<BotContext>();
const pm = classes.chatType("private");

const tr =
  (ctx: BotContext): Translate =>
  (k, v) =>
    ctx.t(k, v);
const ClassIdSchema = z.string().regex(/^c\d{1,9}$/);
const SessionIdSchema = z.string().regex(/^s\d{2,4}$/);

// ------------------------------------------------------------------------------------------------ helpers

/** Classes the sender follows: as a learner, as an instructor; a coordinator with none sees every class. */
async function myClasses(ctx: BotContext): Promise<ClassRecord[]> {
  const userId = ctx.from?.id;
  if (userId === undefined) return [];
  const store = ctx.deps.store.classes;
  const byId = new Map<string, ClassRecord>();
  for (const c of await store.classesOfLearner(userId)) byId.set(c.id, c);
  for (const c of await store.classesOfInstructor(userId)) byId.set(c.id, c);
  if (byId.size === 0 && hasRole(ctx, "coordinator")) for (const c of await store.list()) byId.set(c.id, c);
  return [...byId.values()];
}

/** Classes where the sender may run check-in and see attendance: those they teach; every class for coordinators. */
async function taughtClasses(ctx: BotContext): Promise<ClassRecord[]> {
  if (!ctx.from) return [];
  if (hasRole(ctx, "coordinator")) return ctx.deps.store.classes.list();
  return ctx.deps.store.classes.classesOfInstructor(ctx.from.id);
}

async function mayTeach(ctx: BotContext, classId: string): Promise<boolean> {
  if (!ctx.from) return false;
  if (hasRole(ctx, "coordinator")) return true;
  return (await ctx.deps.store.classes.instructors(classId)).includes(ctx.from.id);
}

type PickAction = "sched" | "today" | "next" | "leave" | "copen" | "att";

/** Runs `action` on the only class, or asks which one with buttons when there are several. */
async function withClass(
  ctx: BotContext,
  list: ClassRecord[],
  action: PickAction,
  run: (record: ClassRecord) => Promise<void>,
  none = "cls-none",
): Promise<void> {
  return pickClass(ctx, list, `cp:${action}`, none, run, "cls-pick");
}

async function replyParts(ctx: BotContext, parts: string[], withMenu = false): Promise<void> {
  for (const [i, part] of parts.entries()) {
    await ctx.reply(part, withMenu && i === parts.length - 1 ? { reply_markup: mainMenu(ctx) } : {});
  }
}

// ------------------------------------------------------------------------------------------------ learner views

async function showSchedule(ctx: BotContext, record: ClassRecord): Promise<void> {
  await replyParts(ctx, renderSchedule(tr(ctx), record, ctx.deps.now()));
}

async function showToday(ctx: BotContext, record: ClassRecord): Promise<void> {
  const now = ctx.deps.now();
  const today = sessionsOn(record.sessions, now, record.timeZone);
  const t = tr(ctx);
  const status = sessionStatus(record.sessions, now);
  if (today.length === 0) {
    const next = status.next
      ? t("cls-next-line", { when: sessionWhen(t, status.next, record.timeZone), title: sessionTitle(t, status.next) })
      : "";
    await ctx.reply([t("cls-today-none", { name: escapeHtml(record.name) }), next].filter(Boolean).join("\n"));
    return;
  }
  const done = new Set(status.done.map((s) => s.id));
  const lines = today.map((s) =>
    sessionLine(
      t,
      record,
      s,
      done.has(s.id) ? "✅" : status.current?.id === s.id ? "▶️" : status.next?.id === s.id ? "⏭" : "▫️",
    ),
  );
  const date = formatDay(t, localDateOf(now, record.timeZone));
  await ctx.reply([t("cls-today-title", { name: escapeHtml(record.name), day: date }), ...lines].join("\n"));
}

async function showNext(ctx: BotContext, record: ClassRecord): Promise<void> {
  const t = tr(ctx);
  const status = sessionStatus(record.sessions, ctx.deps.now());
  const parts: string[] = [];
  if (status.current) {
    parts.push(
      t("cls-now-line", {
        title: sessionTitle(t, status.current),
        when: sessionWhen(t, status.current, record.timeZone),
      }),
    );
  }
  if (status.next) {
    const venue = status.next.venue ?? record.venue;
    parts.push(
      t("cls-next-line", { title: sessionTitle(t, status.next), when: sessionWhen(t, status.next, record.timeZone) }),
    );
    if (venue) parts.push(t("cls-venue-line", { venue: escapeHtml(venue) }));
  }
  if (parts.length === 0) parts.push(t("cls-next-none", { name: escapeHtml(record.name) }));
  await ctx.reply(parts.join("\n"));
}

async function leaveClass(ctx: BotContext, record: ClassRecord): Promise<void> {
  if (!ctx.from) return;
  const left = await ctx.deps.store.classes.removeLearner(record.id, ctx.from.id);
  await ctx.reply(ctx.t(left ? "cls-left" : "cls-not-member", { name: escapeHtml(record.name) }));
}

const learnerOrAll = async (ctx: BotContext) => myClasses(ctx);

pm.command("schedule", async (ctx) => withClass(ctx, await learnerOrAll(ctx), "sched", (r) => showSchedule(ctx, r)));
pm.filter(hears("menu-schedule"), async (ctx) =>
  withClass(ctx, await learnerOrAll(ctx), "sched", (r) => showSchedule(ctx, r)),
);
pm.command("today", async (ctx) => withClass(ctx, await learnerOrAll(ctx), "today", (r) => showToday(ctx, r)));
pm.command("next", async (ctx) => withClass(ctx, await learnerOrAll(ctx), "next", (r) => showNext(ctx, r)));
pm.command("leave", async (ctx) =>
  withClass(ctx, await ctx.deps.store.classes.classesOfLearner(ctx.from.id), "leave", (r) => leaveClass(ctx, r)),
);

// ------------------------------------------------------------------------------------------------ joining

pm.command("start", async (ctx, next) => {
  const code = ctx.match.trim();
  if (code === "") return next();
  const store = ctx.deps.store.classes;
  const invite = await store.invite(code);
  const record = invite ? await store.get(invite.classId) : undefined;
  if (!invite || !record) {
    await ctx.reply(ctx.t("cls-code-wrong"));
    return;
  }
  if (invite.revoked) {
    await ctx.reply(ctx.t("cls-code-revoked"));
    return;
  }
  if (invite.role === "instructor") {
    const added = await store.addInstructor(record.id, ctx.from.id);
    if (!hasRole(ctx, "instructor")) ctx.role = "instructor";
    await ctx.reply(
      ctx.t(added ? "cls-instructor-joined" : "cls-instructor-already", { name: escapeHtml(record.name) }),
      {
        reply_markup: mainMenu(ctx),
      },
    );
    await publishCommands(ctx.api, ctx.deps.i18n as never, ctx.log, [
      { userId: ctx.from.id, role: ctx.role, locale: ctx.profile?.locale },
    ]);
    return;
  }
  if (!isRegistered(ctx.profile)) {
    await ctx.conversation.enter(JOIN_SCENE, record.id);
    return;
  }
  const result = await completeJoin(ctx.deps, record.id, ctx.profile);
  if (result) await ctx.reply(joinedText(tr(ctx), result), { reply_markup: mainMenu(ctx) });
});

// ------------------------------------------------------------------------------------------------ settings

function settingsKeyboard(ctx: BotContext, muted: Set<ReminderSetting>): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const s of REMINDER_SETTINGS) {
    kb.text(`${muted.has(s) ? "🔕" : "🔔"} ${ctx.t(`cls-setting-${s}`)}`, `rs:${s}`).row();
  }
  return kb;
}

pm.command("settings", async (ctx) => {
  const muted = await ctx.deps.store.classes.mutedReminders(ctx.from.id);
  await ctx.reply(ctx.t("cls-settings-title"), { reply_markup: settingsKeyboard(ctx, muted) });
});

pm.callbackQuery(/^rs:([a-z_]+)$/, async (ctx) => {
  const setting = ctx.match[1] as ReminderSetting;
  if (!REMINDER_SETTINGS.includes(setting)) {
    await ctx.answerCallbackQuery({ text: ctx.t("unknown-callback"), show_alert: true });
    return;
  }
  const nowMuted = await ctx.deps.store.classes.toggleReminder(ctx.from.id, setting);
  await ctx.answerCallbackQuery({
    text: ctx.t(nowMuted ? "cls-setting-muted" : "cls-setting-unmuted", { what: ctx.t(`cls-setting-${setting}`) }),
  });
  const muted = await ctx.deps.store.classes.mutedReminders(ctx.from.id);
  await ctx.editMessageReplyMarkup({ reply_markup: settingsKeyboard(ctx, muted) });
});

// ------------------------------------------------------------------------------------------------ check-in

async function openCheckinFor(ctx: BotContext, record: ClassRecord): Promise<void> {
  const now = ctx.deps.now();
  const status = sessionStatus(record.sessions, now);
  const session = status.current ?? status.next;
  if (!session) {
    await ctx.reply(ctx.t("cls-checkin-no-session", { name: escapeHtml(record.name) }));
    return;
  }
  const minutes = ctx.deps.config.checkinMinutes;
  const window = openCheckin(session.id, now, () => randomInt(10_000) / 10_000, { validityMinutes: minutes });
  await ctx.deps.store.classes.openCheckin(record.id, window, now);
  const until = localTimeOf(window.expiresAt, record.timeZone);
  await ctx.reply(
    ctx.t("cls-checkin-opened", {
      code: window.code,
      title: sessionTitle(tr(ctx), session),
      name: escapeHtml(record.name),
      minutes,
      until,
    }),
  );
}

pm.command("checkin_open", async (ctx) => {
  if (!hasRole(ctx, "instructor")) return refuse(ctx, "instructor");
  await withClass(ctx, await taughtClasses(ctx), "copen", (r) => openCheckinFor(ctx, r), "cls-none-taught");
});

/** The learner's classes with a check-in open now. */
async function openWindows(ctx: BotContext) {
  const store = ctx.deps.store.classes;
  const now = ctx.deps.now();
  const out = [];
  for (const record of await store.classesOfLearner(ctx.from?.id ?? 0)) {
    const window = await store.checkinWindow(record.id);
    if (window && Date.parse(window.expiresAt) > now.getTime()) out.push({ record, window });
  }
  return out;
}

async function tryCode(ctx: BotContext, input: string): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  if (ctx.session.checkinAwaitUntil !== undefined) ctx.session.checkinAwaitUntil = undefined;
  const store = ctx.deps.store.classes;
  const now = ctx.deps.now();
  const open = await openWindows(ctx);
  if (open.length === 0) {
    await ctx.reply(ctx.t("cls-checkin-none-open"));
    return;
  }
  const t = tr(ctx);
  let first: { key: string; vars: Record<string, string | number> } | undefined;
  for (const { record, window } of open) {
    const session = record.sessions.find((s) => s.id === window.sessionId);
    const title = session ? sessionTitle(t, session) : window.sessionId;
    if (await store.isPresent(record.id, window.sessionId, userId)) {
      first ??= { key: "cls-checkin-already", vars: { title } };
      continue;
    }
    const state = await store.attempts(record.id, userId);
    const v = verifyCheckin(window, input, state, now);
    if (v.state !== state) await store.saveAttempts(record.id, userId, v.state);
    if (v.outcome === "accepted") {
      await store.markPresent(record.id, window.sessionId, userId, now);
      await ctx.reply(ctx.t("cls-checkin-ok", { title, name: escapeHtml(record.name) }));
      return;
    }
    const until = v.blockedUntil ? localTimeOf(v.blockedUntil, record.timeZone) : "";
    if (v.outcome === "wrong_code" && v.blockedUntil) first ??= { key: "cls-checkin-blocked", vars: { until } };
    else if (v.outcome === "wrong_code") first ??= { key: "cls-checkin-wrong", vars: { left: v.attemptsLeft ?? 0 } };
    else if (v.outcome === "blocked") first ??= { key: "cls-checkin-blocked", vars: { until } };
    else if (v.outcome === "invalid_format") first ??= { key: "cls-checkin-format", vars: {} };
    else first ??= { key: "cls-checkin-none-open", vars: {} };
  }
  if (first) await ctx.reply(ctx.t(first.key, first.vars));
}

pm.command("checkin", async (ctx) => {
  const code = ctx.match.trim();
  if (code !== "") return tryCode(ctx, code);
  const open = await openWindows(ctx);
  if (open.length === 0) {
    await ctx.reply(ctx.t("cls-checkin-none-open"));
    return;
  }
  // The next plain message is the code, for as long as a window it could be for stays open.
  ctx.session.checkinAwaitUntil = open
    .map((o) => o.window.expiresAt)
    .sort()
    .at(-1);
  await ctx.reply(ctx.t("cls-checkin-ask"));
});

/**
 * A bare code: after /checkin (while the window is open), or 4 digits while a window is open in one of the learner's
 * classes. Commands go on untouched (and leave the session alone: see `usesSession` in ../../session.ts).
 */
pm.on("message:text", async (ctx, next) => {
  const text = ctx.message.text;
  if (text.startsWith("/")) return next();
  const until = ctx.session.checkinAwaitUntil;
  if (until !== undefined) {
    // Digits (however typed) are the awaited code; anything else — a menu button, a question — moves on.
    if (Date.parse(until) > ctx.deps.now().getTime() && /^[\d\s.\-_]+$/.test(text)) return tryCode(ctx, text);
    ctx.session.checkinAwaitUntil = undefined;
    return next();
  }
  if (/^\s*\d[\d\s.-]{2,7}\d\s*$/.test(text) && text.replace(/\D/g, "").length === 4) {
    if ((await openWindows(ctx)).length > 0) return tryCode(ctx, text);
  }
  return next();
});

async function showAttendance(ctx: BotContext, record: ClassRecord, sessionId?: string): Promise<void> {
  const store = ctx.deps.store.classes;
  const status = sessionStatus(record.sessions, ctx.deps.now());
  const sid = sessionId ?? (await store.lastCheckinSession(record.id)) ?? status.current?.id ?? status.done.at(-1)?.id;
  const session = record.sessions.find((s) => s.id === sid);
  if (!session) {
    await ctx.reply(ctx.t("cls-attendance-none", { name: escapeHtml(record.name) }));
    return;
  }
  const learners = await store.learners(record.id);
  const present = await store.attendance(record.id, session.id);
  const profiles = await ctx.deps.store.users.getMany(learners);
  const nameOf = (id: number) => escapeHtml(profiles.get(id)?.fullName ?? profiles.get(id)?.telegramName ?? String(id));
  const here = learners.filter((id) => present.has(id)).map((id) => `✅ ${nameOf(id)}`);
  const missing = learners.filter((id) => !present.has(id)).map((id) => `❌ ${nameOf(id)}`);
  const t = tr(ctx);
  const blocks = [
    ctx.t("cls-attendance-title", {
      name: escapeHtml(record.name),
      title: sessionTitle(t, session),
      when: sessionWhen(t, session, record.timeZone),
      present: here.length,
      total: learners.length,
    }),
    [ctx.t("cls-attendance-present"), ...(here.length ? here : ["—"])].join("\n"),
    [ctx.t("cls-attendance-missing"), ...(missing.length ? missing : ["—"])].join("\n"),
  ];
  const parts = splitMessages(blocks);
  // Other sessions that have started can be picked too.
  const started = record.sessions.filter((s) => Date.parse(s.start) <= ctx.deps.now().getTime() && s.id !== session.id);
  const kb = new InlineKeyboard();
  for (const s of started.slice(-12)) kb.text(sessionButton(tr(ctx), record, s), `ca:${record.id}:${s.id}`).row();
  for (const [i, part] of parts.entries()) {
    await ctx.reply(part, i === parts.length - 1 && started.length > 0 ? { reply_markup: kb } : {});
  }
}

pm.callbackQuery(/^ca:([^:]+):([^:]+)$/, async (ctx) => {
  const classId = ClassIdSchema.safeParse(ctx.match[1]);
  const sessionId = SessionIdSchema.safeParse(ctx.match[2]);
  const record = classId.success ? await ctx.deps.store.classes.get(classId.data) : undefined;
  if (record && !(await mayTeach(ctx, record.id))) return refuse(ctx, "instructor");
  if (!record || !sessionId.success || !record.sessions.some((s) => s.id === sessionId.data)) {
    await ctx.answerCallbackQuery({ text: ctx.t("cls-not-found"), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  await showAttendance(ctx, record, sessionId.data);
});

pm.command("attendance", async (ctx) => {
  if (!hasRole(ctx, "instructor")) return refuse(ctx, "instructor");
  await withClass(ctx, await taughtClasses(ctx), "att", (r) => showAttendance(ctx, r), "cls-none-taught");
});

// ------------------------------------------------------------------------------------------------ class picks

pm.callbackQuery(/^cp:([a-z]+):(.+)$/, async (ctx) => {
  const action = ctx.match[1] as PickAction;
  const classId = ClassIdSchema.safeParse(ctx.match[2]);
  const record = classId.success ? await ctx.deps.store.classes.get(classId.data) : undefined;
  if (!record) {
    await ctx.answerCallbackQuery({ text: ctx.t("cls-not-found"), show_alert: true });
    return;
  }
  const teaching = action === "copen" || action === "att";
  const allowed = teaching
    ? await mayTeach(ctx, record.id)
    : action === "leave"
      ? true
      : (await myClasses(ctx)).some((c) => c.id === record.id);
  if (!allowed) {
    if (teaching) return refuse(ctx, "instructor");
    await ctx.answerCallbackQuery({
      text: ctx.t("cls-not-member", { name: escapeHtml(record.name) }),
      show_alert: true,
    });
    return;
  }
  await ctx.answerCallbackQuery();
  if (action === "sched") return showSchedule(ctx, record);
  if (action === "today") return showToday(ctx, record);
  if (action === "next") return showNext(ctx, record);
  if (action === "leave") return leaveClass(ctx, record);
  if (action === "copen") return openCheckinFor(ctx, record);
  if (action === "att") return showAttendance(ctx, record);
});

// ------------------------------------------------------------------------------------------------ coordinator

pm.command("newclass", async (ctx) => {
  if (!hasRole(ctx, "coordinator")) return refuse(ctx, "coordinator");
  await ctx.conversation.enter(NEWCLASS_SCENE);
});

pm.command("classes", async (ctx) => {
  if (!hasRole(ctx, "coordinator")) return refuse(ctx, "coordinator");
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
    kb.text(c.name.slice(0, 60), `cls:o:${c.id}`).row();
  }
  await ctx.reply(lines.join("\n"), { reply_markup: kb });
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
  const id = record.id;
  const kb = new InlineKeyboard()
    .text(ctx.t("cls-btn-schedule"), `cls:s:${id}`)
    .text(ctx.t("cls-btn-links"), `cls:l:${id}`)
    .row()
    .text(ctx.t("cls-btn-move"), `cls:mv:${id}`)
    .text(ctx.t("cls-btn-venue"), `cls:v:${id}`)
    .row()
    .text(ctx.t("cls-btn-instructor"), `cls:i:${id}`)
    .text(ctx.t("cls-btn-learners"), `cls:ls:${id}`)
    .row()
    .text(ctx.t("cls-btn-topic-add"), `cls:ta:${id}`)
    .text(ctx.t("cls-btn-topic-remove"), `cls:tr:${id}`)
    .row()
    .text(ctx.t("cls-btn-regen-learner"), `cls:rl:${id}`)
    .text(ctx.t("cls-btn-regen-instructor"), `cls:ri:${id}`);
  return { text, kb };
}

function sessionButton(t: Translate, record: ClassRecord, s: ClassRecord["sessions"][number]): string {
  const what = s.kind === "lesson" ? t("cls-short-lesson", { n: s.lesson ?? 0 }) : s.title;
  return `${formatDate(localDateOf(s.start, record.timeZone))} ${t(`cls-half-${s.half}`)} · ${what}`.slice(0, 60);
}

function sessionPicker(
  ctx: BotContext,
  record: ClassRecord,
  op: string,
  filter: (s: ClassRecord["sessions"][number]) => boolean,
) {
  const kb = new InlineKeyboard();
  for (const s of record.sessions.filter(filter))
    kb.text(sessionButton(tr(ctx), record, s), `cls:${op}:${record.id}:${s.id}`).row();
  return kb;
}

const CLS_OPS = ["o", "s", "l", "mv", "mvs", "v", "i", "is", "ls", "rm", "ta", "tr", "trs", "rl", "ri"] as const;
const ClsDataSchema = z.object({
  op: z.enum(CLS_OPS),
  classId: ClassIdSchema,
  arg: z.string().max(20).optional(),
});

pm.callbackQuery(/^cls:/, async (ctx) => {
  if (!hasRole(ctx, "coordinator")) return refuse(ctx, "coordinator");
  const [, op, classId, arg] = (ctx.callbackQuery.data ?? "").split(":");
  const parsed = ClsDataSchema.safeParse({ op, classId, arg });
  const record = parsed.success ? await ctx.deps.store.classes.get(parsed.data.classId) : undefined;
  if (!parsed.success || !record) {
    await ctx.answerCallbackQuery({ text: ctx.t("cls-not-found"), show_alert: true });
    return;
  }
  const d = parsed.data;
  const store = ctx.deps.store.classes;
  await ctx.answerCallbackQuery();
  switch (d.op) {
    case "o": {
      const card = classCard(
        ctx,
        record,
        (await store.learners(record.id)).length,
        (await store.instructors(record.id)).length,
      );
      await ctx.reply(card.text, { reply_markup: card.kb });
      return;
    }
    case "s":
      return showSchedule(ctx, record);
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
      const sid = SessionIdSchema.safeParse(d.arg);
      if (d.op === "is" && d.arg === "all") return enterEdit(ctx, record.id, "instructor");
      if (!sid.success || !record.sessions.some((s) => s.id === sid.data)) {
        await ctx.reply(ctx.t("cls-not-found"));
        return;
      }
      return enterEdit(ctx, record.id, d.op === "mvs" ? "move" : "instructor", sid.data);
    }
    case "v":
      return enterEdit(ctx, record.id, "venue");
    case "i": {
      const kb = sessionPicker(ctx, record, "is", () => true);
      kb.text(ctx.t("cls-instructor-all"), `cls:is:${record.id}:all`);
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
      const sid = SessionIdSchema.safeParse(d.arg);
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
        kb.text(`❌ ${name}`.slice(0, 60), `cls:rm:${record.id}:${id}`).row();
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
});

async function enterEdit(ctx: BotContext, classId: string, action: ClassEditAction, sessionId?: string): Promise<void> {
  await ctx.conversation.enter(CLASS_EDIT_SCENE, classId, action, sessionId);
}
