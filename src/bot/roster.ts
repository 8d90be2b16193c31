/**
 * The imported (pre-registered) learners of a class as coordinators see them — on the class card and in
 * /evaluation: who has joined and who has not. People on the list have never opened the bot, so it cannot write to
 * them: a reminder goes to whoever imported them, to pass on with the invite link; or the list is exported.
 */
import type { InlineKeyboard } from "grammy";
import { z } from "zod";
import type { PreRegistered, Store } from "../store/index.js";
import { ClassId, callbackData } from "./callback-data.js";
import { escapeHtml, packBlocks, type Translate } from "./format.js";

/** The roster's buttons: view it (`v`), remind through the importers (`n`), export the not-yet-joined (`x`). */
export const RosterAction = callbackData("rst", { op: z.enum(["v", "n", "x"]), classId: ClassId });

export interface Roster {
  joined: PreRegistered[];
  waiting: PreRegistered[];
}

export async function rosterOf(store: Store, classId: string): Promise<Roster> {
  const all = (await store.classes.preRegistered(classId)).sort((a, b) => a.fullName.localeCompare(b.fullName, "vi"));
  return { joined: all.filter((p) => p.userId !== undefined), waiting: all.filter((p) => p.userId === undefined) };
}

/** One line for the class card; empty when nobody was imported. */
export function rosterSummary(t: Translate, r: Roster): string {
  const total = r.joined.length + r.waiting.length;
  return total === 0 ? "" : t("roster-summary", { total, joined: r.joined.length, waiting: r.waiting.length });
}

const line = (p: PreRegistered) => `• ${escapeHtml(p.fullName)} — ${escapeHtml(p.unit)}`;

/** The whole roster: who has not joined first (what a coordinator acts on), then who has. */
export function rosterBlocks(t: Translate, className: string, r: Roster): string[] {
  const blocks = [
    t("roster-title", { name: escapeHtml(className), total: r.joined.length + r.waiting.length }),
    [t("roster-waiting", { n: r.waiting.length }), ...(r.waiting.length ? r.waiting.map(line) : ["—"])].join("\n"),
    [t("roster-joined", { n: r.joined.length }), ...(r.joined.length ? r.joined.map(line) : ["—"])].join("\n"),
  ];
  return packBlocks(blocks);
}

/** «Nhắc qua người nhập» (when any waiting entry names its importer) and «Xuất danh sách chưa vào». */
export function rosterButtons(kb: InlineKeyboard, t: Translate, classId: string, r: Roster): InlineKeyboard {
  if (r.waiting.length === 0) return kb;
  if (r.waiting.some((p) => p.importedBy !== undefined))
    kb.text(t("roster-btn-remind"), RosterAction.pack({ op: "n", classId })).row();
  return kb.text(t("roster-btn-export"), RosterAction.pack({ op: "x", classId })).row();
}
