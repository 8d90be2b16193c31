/**
 * What the similarity check shows an instructor: under an opened report, the reports of the centre that share much
 * of its own text ("giống 83% bản của Trần Thị Bình (lớp …)") with the shared sentences side by side, and apart from
 * that how much of it quotes the material; in /reports, a mark on each report above the threshold. The text of files
 * is read here, at the edge (download, then src/documents); a file that cannot be read counts as no text.
 */
import type { Api } from "grammy";
import {
  checkReport,
  classSimilarity,
  fingerprintVersion,
  REPORT_PRINT_QUEUE,
  type ReadDocument,
  type ReportPrintJob,
  similarityPercentOf,
} from "../../../classes/similarity.js";
import { extractDocument, plainText } from "../../../documents/extract.js";
import type { ClassRecord } from "../../../store/index.js";
import type { BotContext, BotDeps } from "../../context.js";
import { downloadFile } from "../../download.js";
import { escapeHtml } from "../../format.js";

const percent = (share: number) => Math.round(share * 100);

function reader(api: Api): ReadDocument {
  return async (fileId, fileName) => plainText(await extractDocument(await downloadFile(api, fileId), fileName));
}

/** The class's centre's threshold, in percent (the configured default when the centre set none). */
const thresholdOf = (ctx: BotContext, record: ClassRecord) =>
  similarityPercentOf(ctx.deps.store, record, ctx.deps.config.similarityPercent);

const options = (ctx: BotContext, percent: number) => ({
  docs: ctx.deps.knowledge?.docs ?? [],
  read: reader(ctx.api),
  threshold: percent / 100,
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
  const threshold = await thresholdOf(ctx, record);
  const res = await checkReport(ctx.deps.store, record, learnerId, version, options(ctx, threshold));
  if (!res.comparable) return ctx.t("similar-not-comparable");
  const lines: string[] = [];
  if (res.matches.length === 0) lines.push(ctx.t("similar-none", { percent: threshold }));
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
  const shares = await classSimilarity(ctx.deps.store, record, options(ctx, await thresholdOf(ctx, record)));
  return new Map([...shares].map(([id, share]) => [id, percent(share)]));
}

/** Fingerprints each version the report scene queued once its receipt was sent. */
export async function startPrintJobs(api: Api, deps: BotDeps): Promise<void> {
  deps.jobs?.process<ReportPrintJob>(REPORT_PRINT_QUEUE, async (job) => {
    const docs = deps.knowledge?.docs ?? [];
    const done = await fingerprintVersion(deps.store, job.data, { docs, read: reader(api) });
    deps.logger.debug({ ...job.data, done }, "report fingerprinted");
  });
}
