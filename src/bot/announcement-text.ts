/**
 * What an announcement reads like: the message learners get (a header with the classes, the sender's text, the
 * sender's name) and the sender's view of its delivery (the status message, then the report with the names behind
 * blocked and failed deliveries). HTML, user text escaped. The delivery worker (src/jobs/broadcast/) knows no bot
 * text: it is given {@link announcementText} where it is started.
 */
import type { AnnouncementRender, DeliveryReport, ReportedLearner } from "../jobs/broadcast/index.js";
import type { Announcement, DeliveryCounts, UserProfile } from "../store/index.js";
import { escapeHtml, packBlocks, type Translate } from "./format.js";

/** Translations by locale (the bot's I18n fits). */
interface Translations {
  t(locale: string, key: string, vars?: Record<string, string | number>): string;
}

/** The name a learner goes by in reports and lists: registered full name, else Telegram name, else the id. */
export function displayName(p: UserProfile | undefined, userId: number): string {
  return p?.fullName ?? (p?.telegramName || undefined) ?? `#${userId}`;
}

/** Length as Telegram counts it (tags removed, entities one character). */
export function visibleLength(html: string): number {
  return html.replace(/<[^>]*>/g, "").replace(/&(lt|gt|amp|quot|#\d+);/g, "x").length;
}

function message(t: Translate, ann: Announcement): string {
  const header = t("ann-message-header", { classes: escapeHtml(ann.classNames.join(", ")) });
  const footer = t("ann-message-footer", { sender: escapeHtml(ann.senderName) });
  const body = escapeHtml(ann.text);
  return body ? `${header}\n\n${body}\n\n${footer}` : `${header}\n\n${footer}`;
}

function progress(t: Translate, c: DeliveryCounts, finished: boolean): string {
  const vars = { done: c.done, total: c.total, delivered: c.delivered, blocked: c.blocked, failed: c.failed };
  return t(finished ? "ann-progress-done" : "ann-progress", vars);
}

/** One line per name, sorted; the report is cut into messages between lines. */
function report(t: Translate, r: DeliveryReport): string[] {
  const name = (l: ReportedLearner) => escapeHtml(displayName(l.profile, l.userId));
  const byName = (a: ReportedLearner, b: ReportedLearner) => name(a).localeCompare(name(b), "vi");
  const { counts } = r;
  const lines = [
    t("ann-report-title", { classes: escapeHtml(r.ann.classNames.join(", ")) }),
    t("ann-report-counts", {
      total: counts.total,
      delivered: counts.delivered,
      blocked: counts.blocked,
      failed: counts.failed,
    }),
  ];
  if (r.blocked.length > 0) {
    lines.push("", t("ann-report-blocked", { count: r.blocked.length }));
    for (const l of [...r.blocked].sort(byName)) lines.push(`• ${name(l)}`);
  }
  if (r.failed.length > 0) {
    lines.push("", t("ann-report-failed", { count: r.failed.length }));
    for (const l of [...r.failed].sort(byName)) lines.push(`• ${name(l)} — ${escapeHtml(l.error ?? "?")}`);
  }
  if (r.blocked.length === 0 && r.failed.length === 0) lines.push("", t("ann-report-all"));
  return packBlocks(lines, { separator: "\n" });
}

/** The texts of a broadcast for one I18n, each in the locale the caller asks for (the reader's, the sender's). */
export function announcementText(i18n: Translations): AnnouncementRender {
  const inLocale =
    (locale: string): Translate =>
    (key, vars) =>
      i18n.t(locale, key, vars);
  return {
    message: (locale, ann) => message(inLocale(locale), ann),
    progress: (locale, counts, finished) => progress(inLocale(locale), counts, finished),
    report: (locale, r) => report(inLocale(locale), r),
  };
}
