/**
 * Who teaches a class is a coordinator's decision: opening the instructor link only asks the class's coordinators
 * (each gets the person's profile and one-tap Accept / Refuse); a coordinator may also appoint someone directly.
 * Either way the same rules hold: a learner of the class is never its instructor too, and the person is told.
 */
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import type { ClassRecord, UserProfile } from "../store/index.js";
import { currentRole } from "./access.js";
import { ClassId, callbackData, UserId } from "./callback-data.js";
import { publishCommands } from "./commands.js";
import type { BotContext, BotDeps, Role, SceneContext } from "./context.js";
import { escapeHtml } from "./format.js";
import { sendTo, translatorFor } from "./send.js";

/** «Nhận» / «Từ chối» under a request to teach, sent to each coordinator. */
export const InstructorAnswer = callbackData("ins:a", {
  classId: ClassId,
  userId: UserId,
  answer: z.enum(["yes", "no"]),
});

export function personName(p: UserProfile | undefined, id: number): string {
  return escapeHtml(p?.fullName ?? (p?.telegramName || (p?.username ? `@${p.username}` : `#${id}`)));
}

/** Everyone who coordinates: those of config and those appointed in the bot. */
async function coordinators(deps: BotDeps): Promise<number[]> {
  return [...new Set([...deps.config.coordinatorIds, ...(await deps.store.users.appointedCoordinators())])];
}

/** The person as a coordinator sees them before saying yes: names, @username, id, unit and position. */
function profileCard(
  t: (k: string, v?: Record<string, string | number>) => string,
  p: UserProfile | undefined,
  id: number,
) {
  return t("ins-profile", {
    name: personName(p, id),
    telegram: escapeHtml(p?.telegramName || "—"),
    username: p?.username ? `@${escapeHtml(p.username)}` : "—",
    // A string, so the id is shown as Telegram has it, not as a grouped number.
    id: String(id),
    unit: escapeHtml(p?.unit ?? "—"),
    position: p?.position ? t(`position-${p.position}`) : "—",
  });
}

/** Opening the instructor link: asks every coordinator once and tells the person they wait for an answer. */
export async function askToTeach(ctx: BotContext, record: ClassRecord): Promise<void> {
  const from = ctx.from;
  if (!from) return;
  const store = ctx.deps.store.classes;
  const name = escapeHtml(record.name);
  if (await store.isInstructor(record.id, from.id)) {
    await ctx.reply(ctx.t("cls-instructor-already", { name }));
    return;
  }
  if (await store.isLearner(record.id, from.id)) {
    await ctx.reply(ctx.t("ins-learner-cannot", { name }));
    return;
  }
  if (!(await store.askToInstruct(record.id, from.id, ctx.deps.now()))) {
    await ctx.reply(ctx.t("ins-still-waiting", { name }));
    return;
  }
  ctx.log.info({ class: record.id }, "asked to teach a class");
  let asked = 0;
  for (const id of await coordinators(ctx.deps)) {
    if (id === from.id) continue;
    const t = await translatorFor(ctx.deps, id);
    const kb = new InlineKeyboard()
      .text(t("ins-accept"), InstructorAnswer.pack({ classId: record.id, userId: from.id, answer: "yes" }))
      .text(t("ins-refuse"), InstructorAnswer.pack({ classId: record.id, userId: from.id, answer: "no" }));
    const text = [t("ins-request", { name }), profileCard(t, ctx.profile, from.id)].join("\n");
    if (await sendTo(ctx.api, ctx.deps, id, text, { reply_markup: kb })) asked++;
  }
  await ctx.reply(ctx.t(asked > 0 ? "ins-asked" : "ins-asked-nobody", { name }));
}

/** How an appointment went, with what telling the person needs (read with it, so a scene replays no reads). */
export interface Appointed {
  outcome: "added" | "already" | "learner";
  locale: string;
  role: Role;
}

/** Makes `userId` an instructor of the class (a coordinator's yes or appointment); refused for a learner of it. */
export async function appointInstructor(deps: BotDeps, classId: string, userId: number): Promise<Appointed> {
  const store = deps.store.classes;
  const locale = (await deps.store.users.get(userId))?.locale ?? "vi";
  const outcome = (await store.isLearner(classId, userId))
    ? "learner"
    : (await store.addInstructor(classId, userId))
      ? "added"
      : "already";
  if (outcome !== "learner") await store.endInstructorAsk(classId, userId);
  return { outcome, locale, role: await currentRole(deps, userId) };
}

/** Tells the person how it went, in their language; a new instructor's command menu grows. */
export async function tellAppointed(
  ctx: SceneContext,
  className: string,
  userId: number,
  appointed: Appointed,
): Promise<void> {
  const t = (k: string, v?: Record<string, string | number>) => ctx.deps.i18n.t(appointed.locale, k, v);
  const name = escapeHtml(className);
  if (appointed.outcome === "learner") {
    await sendTo(ctx.api, ctx.deps, userId, t("ins-learner-cannot", { name }));
    return;
  }
  if (appointed.outcome === "already") return;
  ctx.log.info({ instructor: userId }, "instructor appointed");
  const by = ctx.profile ? personName(ctx.profile, ctx.profile.id) : escapeHtml(ctx.from?.first_name ?? "");
  await sendTo(ctx.api, ctx.deps, userId, t("ins-you-teach", { name, by }));
  await publishCommands(ctx.api, ctx.deps.i18n, ctx.log, [{ userId, role: appointed.role, locale: appointed.locale }]);
}

/** A coordinator's tap on «Nhận» / «Từ chối»: the first answer counts; the person hears it. */
export async function answerRequest(
  ctx: BotContext,
  data: { classId: string; userId: number; answer: "yes" | "no" },
): Promise<void> {
  const record = await ctx.deps.store.classes.get(data.classId);
  if (!record) {
    await ctx.answerCallbackQuery({ text: ctx.t("cls-not-found"), show_alert: true });
    return;
  }
  const person = await ctx.deps.store.users.get(data.userId);
  const vars = { name: escapeHtml(record.name), person: personName(person, data.userId) };
  if (!(await ctx.deps.store.classes.endInstructorAsk(record.id, data.userId))) {
    await ctx.answerCallbackQuery({ text: ctx.t("ins-answered-already"), show_alert: true });
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
    return;
  }
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
  if (data.answer === "no") {
    ctx.log.info({ class: record.id, user: data.userId }, "request to teach refused");
    const t = await translatorFor(ctx.deps, data.userId);
    await sendTo(ctx.api, ctx.deps, data.userId, t("ins-refused-you", vars));
    await ctx.reply(ctx.t("ins-refused", vars));
    return;
  }
  const appointed = await appointInstructor(ctx.deps, record.id, data.userId);
  await tellAppointed(ctx, record.name, data.userId, appointed);
  await ctx.reply(ctx.t(`ins-appoint-${appointed.outcome}`, vars));
}
