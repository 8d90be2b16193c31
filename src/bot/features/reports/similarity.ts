/**
 * What the similarity check shows an instructor: under an opened report, the reports of the centre that share much
 * of its own text ("giống 83% bản của Trần Thị Bình (lớp …)") with the shared sentences side by side, and apart from
 * that how much of it quotes the material; in /reports, a mark on each report above the threshold. The text of files
 * is read here, at the edge (download, then src/documents); a file that cannot be read counts as no text.
 */
import { checkReport, classSimilarity, type ReadDocument } from "../../../classes/similarity.js";
import { extractDocument, plainText } from "../../../documents/extract.js";
import type { ClassRecord } from "../../../store/index.js";
import type { BotContext } from "../../context.js";
import { downloadFile } from "../../download.js";
import { escapeHtml } from "../../format.js";

const percent = (share: number) => Math.round(share * 100);

function reader(ctx: BotContext): ReadDocument {
  return async (fileId, fileName) => plainText(await extractDocument(await downloadFile(ctx.api, fileId), fileName));
}

const options = (ctx: BotContext) => ({
  docs: ctx.deps.knowledge?.docs ?? [],
  read: reader(ctx),
  threshold: ctx.deps.config.similarityPercent / 100,
});

/** Short quote of a sentence for the side-by-side view. */
const quote = (s: string) => escapeHtml(s.length > 220 ? `${s.slice(0, 217)}…` : s);

/** The similarity block under an opened report version. */
export async function similarityText(
  ctx: BotContext,
  record: ClassRecord,
  learnerId: number,
  version: number,
): Promise<string> {
  const res = await checkReport(ctx.deps.store, record, learnerId, version, options(ctx));
  if (!res.comparable) return ctx.t("similar-not-comparable");
  const lines: string[] = [];
  if (res.matches.length === 0) lines.push(ctx.t("similar-none", { percent: ctx.deps.config.similarityPercent }));
  const profiles = await ctx.deps.store.users.getMany(res.matches.map((m) => m.learnerId));
  for (const m of res.matches) {
    const p = profiles.get(m.learnerId);
    lines.push(
      ctx.t("similar-match", {
        percent: percent(m.share),
        name: escapeHtml(p?.fullName ?? p?.telegramName ?? `#${m.learnerId}`),
        class: escapeHtml(m.className),
      }),
    );
    for (const s of m.shared) lines.push(ctx.t("similar-pair", { mine: quote(s.mine), theirs: quote(s.theirs) }));
  }
  // A few stock phrases of the course are in the material too; a real quote is more than that.
  if (res.quoted >= 0.1) lines.push(ctx.t("similar-quoted", { percent: percent(res.quoted) }));
  if (res.pending > 0) lines.push(ctx.t("similar-pending", { n: res.pending }));
  lines.push(ctx.t("similar-note"));
  return lines.join("\n");
}

/** Learner id → share (percent) for the reports of a class above the threshold. */
export async function similarityMarks(ctx: BotContext, record: ClassRecord): Promise<Map<number, number>> {
  const shares = await classSimilarity(ctx.deps.store, record, options(ctx));
  return new Map([...shares].map(([id, share]) => [id, percent(share)]));
}
