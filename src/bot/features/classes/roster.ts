/**
 * The roster's buttons (coordinators): the full list, a reminder to each importer of the learners they imported who
 * have not joined (with the learners' invite link, to pass on), and the not-yet-joined as a list to forward and a
 * CSV file.
 */
import { InlineKeyboard, InputFile } from "grammy";
import { tableCsv } from "../../../evaluation/export.js";
import type { ClassRecord, PreRegistered } from "../../../store/index.js";
import { inviteLink } from "../../class-text.js";
import type { BotContext } from "../../context.js";
import { escapeHtml, splitText, tr } from "../../format.js";
import { rosterBlocks, rosterButtons, rosterOf } from "../../roster.js";
import { sendTo, translatorFor } from "../../send.js";

export async function onRoster(ctx: BotContext, { op, classId }: { op: "v" | "n" | "x"; classId: string }) {
  const record = await ctx.deps.store.classes.get(classId);
  if (!record) {
    await ctx.answerCallbackQuery({ text: ctx.t("cls-not-found"), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  const roster = await rosterOf(ctx.deps.store, classId);
  const t = tr(ctx);
  if (op === "v") {
    const parts = rosterBlocks(t, record.name, roster);
    const kb = rosterButtons(new InlineKeyboard(), t, classId, roster);
    for (const [i, text] of parts.entries()) await ctx.reply(text, i === parts.length - 1 ? { reply_markup: kb } : {});
    return;
  }
  if (op === "x") {
    // A plain list to forward or copy to the units: name, unit and the contact the import gave.
    const rows = roster.waiting.map((p) =>
      [p.fullName, p.unit, p.phone, p.username ? `@${p.username}` : undefined].filter(Boolean).join(" — "),
    );
    const text = [
      ctx.t("roster-export-title", { name: escapeHtml(record.name), n: rows.length }),
      ...rows.map((r) => `• ${escapeHtml(r)}`),
      ctx.t("roster-remind-link", { link: inviteLink(ctx.me.username, record.learnerCode) }),
    ].join("\n");
    for (const part of splitText(text)) await ctx.reply(part);
    // The same as a file for a spreadsheet.
    const header = [t("roster-col-name"), t("roster-col-unit"), t("roster-col-phone"), t("roster-col-username")];
    // The username without its "@": a leading "@" is what a spreadsheet reads as a formula.
    const table = roster.waiting.map((p) => [p.fullName, p.unit, p.phone ?? "", p.username ?? ""]);
    await ctx.replyWithDocument(new InputFile(tableCsv(header, table), `chua-vao-lop-${record.id}.csv`));
    return;
  }
  await remindThroughImporters(ctx, record, roster.waiting);
}

async function remindThroughImporters(ctx: BotContext, record: ClassRecord, waiting: PreRegistered[]): Promise<void> {
  const byImporter = new Map<number, PreRegistered[]>();
  for (const p of waiting)
    if (p.importedBy !== undefined) byImporter.set(p.importedBy, [...(byImporter.get(p.importedBy) ?? []), p]);
  let told = 0;
  let learners = 0;
  for (const [importer, people] of byImporter) {
    const t = await translatorFor(ctx.deps, importer);
    const text = [
      t("roster-remind", { name: escapeHtml(record.name), n: people.length }),
      ...people.map((p) => `• ${escapeHtml(p.fullName)} — ${escapeHtml(p.unit)}`),
      t("roster-remind-link", { link: inviteLink(ctx.me.username, record.learnerCode) }),
    ].join("\n");
    if (await sendTo(ctx.api, ctx.deps, importer, text)) {
      told++;
      learners += people.length;
    }
  }
  const unknown = waiting.filter((p) => p.importedBy === undefined).length;
  const lines = [ctx.t("roster-reminded", { importers: told, learners })];
  if (told < byImporter.size) lines.push(ctx.t("roster-remind-failed", { n: byImporter.size - told }));
  if (unknown > 0) lines.push(ctx.t("roster-remind-unknown", { n: unknown }));
  await ctx.reply(lines.join("\n"));
}
