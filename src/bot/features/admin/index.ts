/**
 * Coordinators appoint other coordinators in the bot (the first ones come from COORDINATOR_IDS), and dismiss those
 * appointed here. The person is named by @username or Telegram id and must have talked to the bot once, so the bot
 * knows them and can tell them.
 */

import type { UserProfile } from "../../../store/index.js";
import { currentRole } from "../../access.js";
import { CapabilityBuilder } from "../../capability.js";
import { commandPayload } from "../../command.js";
import { publishCommands } from "../../commands.js";
import type { BotContext } from "../../context.js";
import { escapeHtml } from "../../format.js";

const displayName = (p: UserProfile) =>
  escapeHtml(p.fullName ?? (p.telegramName || (p.username ? `@${p.username}` : String(p.id))));

const findPerson = (ctx: BotContext, raw: string) => ctx.deps.store.users.findByHandle(raw);

async function appoint(ctx: BotContext): Promise<void> {
  if (!ctx.from) return;
  const who = commandPayload(ctx);
  if (!who) {
    await ctx.reply(ctx.t("appoint-usage"));
    return;
  }
  const person = await findPerson(ctx, who);
  if (!person) {
    await ctx.reply(ctx.t("appoint-not-found", { who: escapeHtml(who) }));
    return;
  }
  const store = ctx.deps.store.users;
  if (ctx.deps.config.coordinatorIds.includes(person.id) || (await store.isCoordinator(person.id))) {
    await ctx.reply(ctx.t("appoint-already", { name: displayName(person) }));
    return;
  }
  await store.addCoordinator(person.id);
  ctx.log.info({ appointed: person.id }, "coordinator appointed");
  await ctx.reply(ctx.t("appoint-done", { name: displayName(person) }));
  const by = ctx.profile ? displayName(ctx.profile) : escapeHtml(ctx.from.first_name);
  const locale = person.locale ?? "vi";
  await ctx.api
    .sendMessage(person.id, ctx.deps.i18n.t(locale, "appoint-you", { by }))
    .catch((err) => ctx.log.warn({ err: String(err), user: person.id }, "could not tell the new coordinator"));
  await publishCommands(ctx.api, ctx.deps.i18n, ctx.log, [{ userId: person.id, role: "coordinator", locale }]);
}

async function unappoint(ctx: BotContext): Promise<void> {
  if (!ctx.from) return;
  const who = commandPayload(ctx);
  if (!who) {
    await ctx.reply(ctx.t("unappoint-usage"));
    return;
  }
  const person = await findPerson(ctx, who);
  if (!person) {
    await ctx.reply(ctx.t("appoint-not-found", { who: escapeHtml(who) }));
    return;
  }
  if (person.id === ctx.from.id) {
    await ctx.reply(ctx.t("unappoint-self"));
    return;
  }
  if (ctx.deps.config.coordinatorIds.includes(person.id)) {
    await ctx.reply(ctx.t("unappoint-config", { name: displayName(person) }));
    return;
  }
  const removed = await ctx.deps.store.users.removeCoordinator(person.id);
  await ctx.reply(ctx.t(removed ? "unappoint-done" : "unappoint-not", { name: displayName(person) }));
  if (!removed) return;
  ctx.log.info({ dismissed: person.id }, "coordinator dismissed");
  // Their command menu shrinks back to what their remaining role allows.
  const role = await currentRole(ctx.deps, person.id);
  await publishCommands(ctx.api, ctx.deps.i18n, ctx.log, [{ userId: person.id, role, locale: person.locale ?? "vi" }]);
}

export const admin = new CapabilityBuilder("admin").command("appoint", appoint).command("unappoint", unappoint).build();
