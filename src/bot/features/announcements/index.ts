/**
 * Announcements: /announce (instructors to their classes, coordinators to any class, several, or a whole
 * centre — the scene in scenes/announcements/announce.ts), /announcements (a learner rereads the last 10 announcements of their
 * classes, and gets an attachment again with a button), /unreachable (coordinators: each class's learners the bot
 * cannot reach). A learner marked unreachable (Telegram answered 403) is cleared when they write to the bot again
 * (middleware/app.ts) or the next announcement reaches them.
 */
import { Api, type ApiClientOptions, InlineKeyboard } from "grammy";
import { ANNOUNCE_SCENE, announceScene } from "../../../../scenes/announcements/announce.js";
import { BroadcastProgress, SEND_WINDOW, sendAnnouncement } from "../../../jobs/broadcast/index.js";
import type { Announcement } from "../../../store/index.js";
import { announcementText, displayName } from "../../announcement-text.js";
import { AnnouncementId, callbackData } from "../../callback-data.js";
import { CapabilityBuilder } from "../../capability.js";
import type { BotContext, BotDeps } from "../../context.js";
import { escapeHtml, formatInstant, packBlocks } from "../../format.js";

const LIST_LIMIT = 10;
/** How much of each announcement the list shows (the full text is one tap away only for attachments). */
const EXCERPT = 600;

/** The attachment of an announcement, again. */
const AttachmentOf = callbackData("ann:f", { announcementId: AnnouncementId });

/** The classes whose announcements the user may read: those they learn in and those they teach. */
async function readableClassIds(ctx: BotContext, userId: number): Promise<string[]> {
  const [learns, teaches] = await Promise.all([
    ctx.deps.store.classes.classesOfLearner(userId),
    ctx.deps.store.classes.classesOfInstructor(userId),
  ]);
  return [...new Set([...learns, ...teaches].map((c) => c.id))];
}

function listBlocks(ctx: BotContext, anns: Announcement[]): string[] {
  return anns.map((a, i) => {
    const head = ctx.t("ann-list-item", {
      n: i + 1,
      date: formatInstant(a.createdAt, ctx.deps.config.timeZone),
      classes: escapeHtml(a.classNames.join(", ")),
      sender: escapeHtml(a.senderName),
    });
    const text = a.text.length > EXCERPT ? `${a.text.slice(0, EXCERPT)}…` : a.text;
    const lines = [head];
    if (text) lines.push(escapeHtml(text));
    if (a.media) lines.push(ctx.t("ann-list-attachment"));
    return lines.join("\n");
  });
}

async function listAnnouncements(ctx: BotContext): Promise<void> {
  if (!ctx.from) return;
  const userId = ctx.from.id;
  const classIds = await readableClassIds(ctx, userId);
  const anns = await ctx.deps.store.announcements.latestForClasses(classIds, LIST_LIMIT);
  if (anns.length === 0) {
    await ctx.reply(ctx.t("ann-list-empty"));
    return;
  }
  const blocks = [ctx.t("ann-list-title", { count: anns.length }), ...listBlocks(ctx, anns)];
  const kb = new InlineKeyboard();
  anns.forEach((a, i) => {
    if (a.media) kb.text(ctx.t("ann-list-show-file", { n: i + 1 }), AttachmentOf.pack({ announcementId: a.id })).row();
  });
  const messages = packBlocks(blocks);
  for (const [i, text] of messages.entries()) {
    const isLast = i === messages.length - 1;
    await ctx.reply(text, isLast && kb.inline_keyboard.length > 0 ? { reply_markup: kb } : {});
  }
}

/** The attachment again: the data names the announcement; the right to see it is checked here. */
async function sendAttachment(ctx: BotContext, { announcementId }: { announcementId: string }): Promise<void> {
  if (!ctx.from || !ctx.chat) return;
  const ann = await ctx.deps.store.announcements.get(announcementId);
  const mine = ann ? await readableClassIds(ctx, ctx.from.id) : [];
  if (!ann?.classIds.some((c) => mine.includes(c))) {
    await ctx.answerCallbackQuery({ text: ctx.t("ann-list-file-gone"), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  await sendAnnouncement(ctx.api, announcementText(ctx.deps.i18n), ctx.profile?.locale ?? "vi", ctx.chat.id, ann);
}

async function listUnreachable(ctx: BotContext): Promise<void> {
  const store = ctx.deps.store;
  const blocks: string[] = [];
  for (const cls of await store.classes.list()) {
    const learners = await store.classes.learners(cls.id);
    const marked = await store.announcements.unreachable(learners);
    if (marked.size === 0) continue;
    const profiles = await store.users.getMany([...marked.keys()]);
    const rows = [...marked.entries()]
      .map(([id, info]) => ({ name: displayName(profiles.get(id), id), at: info.at }))
      .sort((a, b) => a.name.localeCompare(b.name, "vi"))
      .map((r) => ctx.t("ann-unreachable-item", { name: escapeHtml(r.name), date: formatInstant(r.at, cls.timeZone) }));
    blocks.push(
      [ctx.t("ann-unreachable-class", { class: escapeHtml(cls.name), count: marked.size }), ...rows].join("\n"),
    );
  }
  if (blocks.length === 0) {
    await ctx.reply(ctx.t("ann-unreachable-none"));
    return;
  }
  for (const text of packBlocks([ctx.t("ann-unreachable-title"), ...blocks])) await ctx.reply(text);
}

/**
 * Starts delivering announcements in this process, with the sender's progress message and final report. The
 * worker gets its own `Api` WITHOUT the bot's auto-retry: a 429 must pause the whole queue (BullMQ's rate limit),
 * not sleep inside one job while the others keep sending.
 */
export function startAnnouncementWorker(deps: BotDeps, token: string, client: ApiClientOptions = {}): void {
  const broadcast = deps.broadcast;
  if (!broadcast) return;
  const api = new Api(token, client);
  const render = announcementText(deps.i18n);
  const progress = new BroadcastProgress({
    store: deps.store,
    api,
    render,
    logger: deps.logger,
    now: deps.now,
    // Memory mode has no shared send window (nothing else sends at the same time).
    sendWindow: broadcast.kind === "bullmq" ? SEND_WINDOW : undefined,
  });
  broadcast.start({
    store: deps.store,
    api,
    render,
    logger: deps.logger,
    onSettled: (annId) => progress.notify(annId),
  });
}

export const announcements = new CapabilityBuilder("announcements")
  .scene(ANNOUNCE_SCENE, announceScene, { role: "instructor", entries: () => [{ command: "announce" }] })
  .command("announce", async (ctx) => {
    if (!ctx.deps.broadcast) {
      await ctx.reply(ctx.t("ann-unavailable"));
      return;
    }
    await ctx.conversation.enter(ANNOUNCE_SCENE);
  })
  .command("announcements", listAnnouncements)
  .labelCommand("menu-announce", "announce")
  .callback(AttachmentOf, { invalid: "ann-list-file-gone" }, sendAttachment)
  .command("unreachable", listUnreachable)
  .onStart(async ({ deps, token, client }) => startAnnouncementWorker(deps, token, client))
  .build();
