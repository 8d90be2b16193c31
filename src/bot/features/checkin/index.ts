/**
 * Check-in: an instructor opens it for the session under way (/checkin_open: a 4-digit code shown in the room, valid
 * CHECKIN_MINUTES), learners send the code (/checkin, then the code; or just the code while a window is open), and
 * instructors read who is here (/attendance, also of earlier sessions).
 */
import { randomInt } from "node:crypto";
import { InlineKeyboard } from "grammy";
import { openCheckin, verifyCheckin } from "../../../domain/checkin.js";
import { sessionStatus } from "../../../domain/schedule-ops.js";
import { localTimeOf } from "../../../domain/time.js";
import type { ClassRecord } from "../../../store/index.js";
import { taughtClasses } from "../../access.js";
import { ClassId, callbackData, SessionId } from "../../callback-data.js";
import { CapabilityBuilder } from "../../capability.js";
import { sessionButton, sessionTitle, sessionWhen } from "../../class-text.js";
import { commandPayload } from "../../command.js";
import type { BotContext } from "../../context.js";
import { escapeHtml, packBlocks, tr } from "../../format.js";
import { pickClass } from "../../pick-class.js";

const OpenPick = callbackData("cp:copen", { classId: ClassId });
const AttendancePick = callbackData("cp:att", { classId: ClassId });
const AttendanceOf = callbackData("ca", { classId: ClassId, sessionId: SessionId });

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
  const session = await ctx.session;
  if (session.checkinAwaitUntil !== undefined) session.checkinAwaitUntil = undefined;
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
    const s = record.sessions.find((x) => x.id === window.sessionId);
    const title = s ? sessionTitle(t, s) : window.sessionId;
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

/** Digits however typed ("12 34", "1.234"): what an awaited code looks like. */
const AWAITED_CODE = /^[\d\s.\-_]+$/;
/** Four digits, maybe spaced: a code even without /checkin, while a window is open. */
const BARE_CODE = /^\s*\d[\d\s.-]{2,7}\d\s*$/;

/**
 * Plain text that is check-in's business: anything while a code is awaited after a bare /checkin (digits are the
 * code; anything else ends the wait and goes on to Q&A), or four digits.
 */
async function checkinText(ctx: BotContext): Promise<boolean> {
  const text = ctx.message?.text ?? "";
  if (BARE_CODE.test(text) && text.replace(/\D/g, "").length === 4) return true;
  return (await ctx.session).checkinAwaitUntil !== undefined;
}

async function takeCode(ctx: BotContext, next: () => Promise<void>): Promise<void> {
  const text = ctx.message?.text ?? "";
  const session = await ctx.session;
  const until = session.checkinAwaitUntil;
  if (until !== undefined) {
    if (Date.parse(until) > ctx.deps.now().getTime() && AWAITED_CODE.test(text)) return tryCode(ctx, text);
    session.checkinAwaitUntil = undefined;
    return next();
  }
  if ((await openWindows(ctx)).length > 0) return tryCode(ctx, text);
  return next();
}

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
  const parts = packBlocks(blocks);
  // Other sessions that have started can be picked too.
  const started = record.sessions.filter((s) => Date.parse(s.start) <= ctx.deps.now().getTime() && s.id !== session.id);
  const kb = new InlineKeyboard();
  for (const s of started.slice(-12)) {
    kb.text(sessionButton(t, record, s), AttendanceOf.pack({ classId: record.id, sessionId: s.id })).row();
  }
  for (const [i, part] of parts.entries()) {
    await ctx.reply(part, i === parts.length - 1 && started.length > 0 ? { reply_markup: kb } : {});
  }
}

/** A class picked from the buttons, once `requireTeaches` let the press through. */
const onTaughtClass =
  (view: (ctx: BotContext, record: ClassRecord) => Promise<void>) =>
  async (ctx: BotContext, { classId }: { classId: string }) => {
    const record = await ctx.deps.store.classes.get(classId);
    if (!record) {
      await ctx.answerCallbackQuery({ text: ctx.t("cls-not-found"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await view(ctx, record);
  };

const teachesPicked = { role: "instructor", teaches: (d: { classId: string }) => d.classId } as const;

export const checkin = new CapabilityBuilder("checkin")
  .command("checkin_open", async (ctx) =>
    pickClass(ctx, await taughtClasses(ctx), OpenPick, "cls-none-taught", (r) => openCheckinFor(ctx, r), "cls-pick"),
  )
  .command("checkin", async (ctx) => {
    const code = commandPayload(ctx);
    if (code !== "") return tryCode(ctx, code);
    const open = await openWindows(ctx);
    if (open.length === 0) {
      await ctx.reply(ctx.t("cls-checkin-none-open"));
      return;
    }
    // The next plain message is the code, for as long as a window it could be for stays open.
    (await ctx.session).checkinAwaitUntil = open
      .map((o) => o.window.expiresAt)
      .sort()
      .at(-1);
    await ctx.reply(ctx.t("cls-checkin-ask"));
  })
  .text(checkinText, takeCode)
  .command("attendance", async (ctx) =>
    pickClass(
      ctx,
      await taughtClasses(ctx),
      AttendancePick,
      "cls-none-taught",
      (r) => showAttendance(ctx, r),
      "cls-pick",
    ),
  )
  .labelCommand("menu-checkin", "checkin")
  .labelCommand("menu-attendance", "attendance")
  .callback(
    OpenPick,
    {
      access: teachesPicked,
      right: { name: "open check-in for a class", samples: ({ classId }) => [{ classId }] },
      invalid: "cls-not-found",
    },
    onTaughtClass(openCheckinFor),
  )
  .callback(
    AttendancePick,
    {
      access: teachesPicked,
      right: { name: "attendance of a class", samples: ({ classId }) => [{ classId }] },
      invalid: "cls-not-found",
    },
    onTaughtClass(showAttendance),
  )
  .callback(
    AttendanceOf,
    {
      access: teachesPicked,
      right: { name: "attendance of one session", samples: ({ classId, sessionId }) => [{ classId, sessionId }] },
      invalid: "cls-not-found",
    },
    async (ctx, { classId, sessionId }) => {
      const record = await ctx.deps.store.classes.get(classId);
      if (!record?.sessions.some((s) => s.id === sessionId)) {
        await ctx.answerCallbackQuery({ text: ctx.t("cls-not-found"), show_alert: true });
        return;
      }
      await ctx.answerCallbackQuery();
      await showAttendance(ctx, record, sessionId);
    },
  )
  .build();
