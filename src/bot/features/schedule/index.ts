/**
 * The schedule as learners (and their instructors) read it: /schedule and the 📅 menu button, /today, /next, and
 * the reminders — their settings (/settings) and the worker that sends them (started with the capability).
 */
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { sessionStatus, sessionsOn } from "../../../domain/schedule-ops.js";
import { localDateOf } from "../../../domain/time.js";
import { type ClassRecord, REMINDER_SETTINGS, type ReminderSetting } from "../../../store/index.js";
import { followedClasses } from "../../access.js";
import { ClassId, callbackData } from "../../callback-data.js";
import { CapabilityBuilder } from "../../capability.js";
import { renderSchedule, sessionLine, sessionTitle, sessionWhen } from "../../class-text.js";
import type { BotContext } from "../../context.js";
import { escapeHtml, formatDay, tr } from "../../format.js";
import { pickClass } from "../../pick-class.js";
import { startClassJobs } from "./reminders.js";

const SchedulePick = callbackData("cp:sched", { classId: ClassId });
const TodayPick = callbackData("cp:today", { classId: ClassId });
const NextPick = callbackData("cp:next", { classId: ClassId });
const SettingToggle = callbackData("rs", { setting: z.enum(REMINDER_SETTINGS) });

async function showSchedule(ctx: BotContext, record: ClassRecord): Promise<void> {
  for (const part of renderSchedule(tr(ctx), record, ctx.deps.now())) await ctx.reply(part);
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

type View = (ctx: BotContext, record: ClassRecord) => Promise<void>;

/** The view of the only class followed, or a choice of them. */
const viewOf = (view: View, button: typeof SchedulePick) => async (ctx: BotContext) =>
  pickClass(ctx, await followedClasses(ctx), button, "cls-none", (r) => view(ctx, r), "cls-pick");

/** A class picked from the buttons: shown only to someone who follows it. */
const pickedView = (view: View) => async (ctx: BotContext, data: { classId: string }) => {
  const record = await ctx.deps.store.classes.get(data.classId);
  if (!record) {
    await ctx.answerCallbackQuery({ text: ctx.t("cls-not-found"), show_alert: true });
    return;
  }
  if (!(await followedClasses(ctx)).some((c) => c.id === record.id)) {
    await ctx.answerCallbackQuery({
      text: ctx.t("cls-not-member", { name: escapeHtml(record.name) }),
      show_alert: true,
    });
    return;
  }
  await ctx.answerCallbackQuery();
  await view(ctx, record);
};

function settingsKeyboard(ctx: BotContext, muted: Set<ReminderSetting>): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const s of REMINDER_SETTINGS) {
    kb.text(`${muted.has(s) ? "🔕" : "🔔"} ${ctx.t(`cls-setting-${s}`)}`, SettingToggle.pack({ setting: s })).row();
  }
  return kb;
}

export const schedule = new CapabilityBuilder("schedule")
  .command("schedule", viewOf(showSchedule, SchedulePick))
  .label("menu-schedule", viewOf(showSchedule, SchedulePick))
  .command("today", viewOf(showToday, TodayPick))
  .command("next", viewOf(showNext, NextPick))
  .callback(SchedulePick, { invalid: "cls-not-found" }, pickedView(showSchedule))
  .callback(TodayPick, { invalid: "cls-not-found" }, pickedView(showToday))
  .callback(NextPick, { invalid: "cls-not-found" }, pickedView(showNext))
  .command("settings", async (ctx) => {
    if (!ctx.from) return;
    const muted = await ctx.deps.store.classes.mutedReminders(ctx.from.id);
    await ctx.reply(ctx.t("cls-settings-title"), { reply_markup: settingsKeyboard(ctx, muted) });
  })
  .callback(SettingToggle, {}, async (ctx, { setting }) => {
    if (!ctx.from) return;
    const nowMuted = await ctx.deps.store.classes.toggleReminder(ctx.from.id, setting);
    await ctx.answerCallbackQuery({
      text: ctx.t(nowMuted ? "cls-setting-muted" : "cls-setting-unmuted", { what: ctx.t(`cls-setting-${setting}`) }),
    });
    const muted = await ctx.deps.store.classes.mutedReminders(ctx.from.id);
    await ctx.editMessageReplyMarkup({ reply_markup: settingsKeyboard(ctx, muted) });
  })
  .onStart(({ api, deps }) => startClassJobs(api, deps))
  .build();
