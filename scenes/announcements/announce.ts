/**
 * /announce: choose the audience (only what the sender's role allows), compose a text or a photo / file with a
 * caption, see the preview exactly as learners will, confirm or cancel. On confirm the sender's rights are checked
 * again (the classes may have changed while they typed), the announcement is saved, a status message is posted
 * (the worker edits it with the progress), and one delivery job per learner is queued (src/jobs/broadcast/).
 *
 * Bump `SCENES_VERSION` in src/bot/index.ts when the shape of this scene changes.
 */
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { currentRole, stillMay } from "../../src/bot/access.js";
import { announcementText, visibleLength } from "../../src/bot/announcement-text.js";
import { askChoice, nextAnswer } from "../../src/bot/ask.js";
import type { BotDeps, Role, SceneContext, SceneConversation } from "../../src/bot/context.js";
import { escapeHtml } from "../../src/bot/format.js";
import { sendAnnouncement } from "../../src/jobs/broadcast/index.js";
import type { Announcement, AnnouncementMedia, ClassRecord } from "../../src/store/index.js";

export const ANNOUNCE_SCENE = "announce";

/** Classes offered in the picker (the newest); a coordinator with more picks a whole centre instead. */
const MAX_CLASS_BUTTONS = 30;

interface AudienceClass {
  id: string;
  name: string;
  centre?: string;
  learners: number;
}

/** The classes a sender may announce to: an instructor their own, a coordinator any. */
async function allowedClasses(deps: BotDeps, userId: number, role: Role): Promise<ClassRecord[]> {
  if (role === "coordinator") return deps.store.classes.list();
  if (role === "instructor") return deps.store.classes.classesOfInstructor(userId);
  return [];
}

async function audienceOptions(deps: BotDeps, userId: number): Promise<{ role: Role; classes: AudienceClass[] }> {
  const role = await currentRole(deps, userId);
  const records = (await allowedClasses(deps, userId, role)).slice(-MAX_CLASS_BUTTONS).reverse();
  const classes: AudienceClass[] = [];
  for (const r of records) {
    classes.push({
      id: r.id,
      name: r.name,
      centre: r.centre,
      learners: (await deps.store.classes.learners(r.id)).length,
    });
  }
  return { role, classes };
}

const PickData = z.union([
  z.string().regex(/^ann:t:\d{1,3}$/),
  z.string().regex(/^ann:c:\d{1,3}$/),
  z.enum(["ann:a", "ann:n", "ann:x"]),
]);

function centresOf(classes: AudienceClass[]): string[] {
  return [...new Set(classes.map((c) => c.centre).filter((c): c is string => !!c))].sort((a, b) =>
    a.localeCompare(b, "vi"),
  );
}

function pickerKeyboard(ctx: SceneContext, role: Role, classes: AudienceClass[], picked: Set<string>): InlineKeyboard {
  const kb = new InlineKeyboard();
  if (role === "coordinator") {
    centresOf(classes).forEach((centre, i) => {
      const count = classes.filter((c) => c.centre === centre).length;
      kb.text(ctx.t("ann-audience-centre", { centre, count }), `ann:c:${i}`).row();
    });
  } else if (classes.length > 1) {
    kb.text(ctx.t("ann-audience-all"), "ann:a").row();
  }
  classes.forEach((c, i) => {
    kb.text(`${picked.has(c.id) ? "☑️" : "▫️"} ${c.name} (${c.learners})`, `ann:t:${i}`).row();
  });
  return kb.text(ctx.t("ann-audience-next"), "ann:n").text(ctx.t("ann-audience-cancel"), "ann:x");
}

/** Step 1: the classes, toggled with buttons; a coordinator can take a whole centre at once. */
async function pickAudience(
  conversation: SceneConversation,
  ctx: SceneContext,
  role: Role,
  classes: AudienceClass[],
): Promise<string[] | undefined> {
  const picked = new Set<string>(classes.length === 1 ? [classes[0]?.id as string] : []);
  const centres = centresOf(classes);
  const msg = await ctx.reply(ctx.t("ann-choose-audience"), {
    reply_markup: pickerKeyboard(ctx, role, classes, picked),
  });
  for (;;) {
    const c = await nextAnswer(conversation);
    const parsed = PickData.safeParse(c.callbackQuery?.data);
    if (!parsed.success) {
      if (c.callbackQuery) await c.answerCallbackQuery({ text: c.t("ann-audience-none") });
      else await c.reply(c.t("ann-audience-none"), { reply_markup: pickerKeyboard(c, role, classes, picked) });
      continue;
    }
    const data = parsed.data;
    // Centre buttons are a coordinator's, "all mine" an instructor's: data for the other kind is not a choice.
    const offered = data.startsWith("ann:c:")
      ? role === "coordinator"
      : data === "ann:a"
        ? role !== "coordinator"
        : true;
    if (!offered) {
      await c.answerCallbackQuery({ text: c.t("ann-audience-none") });
      continue;
    }
    if (data === "ann:x") {
      await c.answerCallbackQuery();
      return undefined;
    }
    if (data === "ann:n") {
      if (picked.size === 0) {
        await c.answerCallbackQuery({ text: c.t("ann-audience-none"), show_alert: true });
        continue;
      }
      await c.answerCallbackQuery();
      return classes.filter((cl) => picked.has(cl.id)).map((cl) => cl.id);
    }
    const index = Number(data.split(":")[2]);
    const group =
      data === "ann:a"
        ? classes
        : data.startsWith("ann:c:")
          ? classes.filter((cl) => cl.centre !== undefined && cl.centre === centres[index])
          : classes.filter((_, i) => i === index);
    if (group.length === 0) {
      await c.answerCallbackQuery({ text: c.t("ann-audience-none") });
      continue;
    }
    const allIn = group.every((cl) => picked.has(cl.id));
    for (const cl of group) {
      if (allIn) picked.delete(cl.id);
      else picked.add(cl.id);
    }
    await c.answerCallbackQuery();
    await c.api
      .editMessageReplyMarkup(msg.chat.id, msg.message_id, {
        reply_markup: pickerKeyboard(c, role, classes, picked),
      })
      .catch(() => undefined);
  }
}

interface Draft {
  text: string;
  media?: AnnouncementMedia;
}

/** Step 2: a text message, or one photo / file with an optional caption, that fits once the header is added. */
async function askContent(
  conversation: SceneConversation,
  ctx: SceneContext,
  preview: (d: Draft) => Announcement,
): Promise<Draft> {
  await ctx.reply(ctx.t("ann-ask-content"));
  for (;;) {
    const c = await nextAnswer(conversation);
    const m = c.message;
    let draft: Draft | undefined;
    if (m?.text !== undefined) draft = { text: m.text.normalize("NFC").trim() };
    else if (m?.photo?.length) {
      draft = {
        text: (m.caption ?? "").normalize("NFC").trim(),
        media: { kind: "photo", fileId: m.photo.at(-1)?.file_id as string },
      };
    } else if (m?.document) {
      draft = {
        text: (m.caption ?? "").normalize("NFC").trim(),
        media: { kind: "document", fileId: m.document.file_id },
      };
    }
    if (!draft || (draft.text === "" && !draft.media)) {
      if (c.callbackQuery) await c.answerCallbackQuery({ text: c.t("ann-content-invalid") });
      else await c.reply(c.t("ann-content-invalid"));
      continue;
    }
    const limit = draft.media ? 1024 : 4096;
    const locale = c.profile?.locale ?? "vi";
    const length = visibleLength(announcementText(c.deps.i18n).message(locale, preview(draft)));
    if (length > limit) {
      const overhead = length - draft.text.length;
      await c.reply(c.t("ann-content-too-long", { max: limit - overhead, length: draft.text.length }));
      continue;
    }
    return draft;
  }
}

export async function announceScene(conversation: SceneConversation, ctx: SceneContext): Promise<void> {
  const userId = ctx.from?.id;
  const chatId = ctx.chat?.id;
  if (userId === undefined || chatId === undefined) return;
  if (!ctx.deps.broadcast) {
    await ctx.reply(ctx.t("ann-unavailable"));
    return;
  }
  const { role, classes } = await conversation.external(() => audienceOptions(ctx.deps, userId));
  if (classes.length === 0) {
    await ctx.reply(ctx.t("ann-no-classes"));
    return;
  }
  const chosen = await pickAudience(conversation, ctx, role, classes);
  if (!chosen) {
    await ctx.reply(ctx.t("ann-cancelled"));
    return;
  }
  const chosenClasses = classes
    .filter((c) => chosen.includes(c.id))
    .sort((a, b) => a.name.localeCompare(b.name, "vi", { numeric: true }));
  const classNames = chosenClasses.map((c) => c.name);
  const senderName = ctx.profile?.fullName ?? [ctx.from?.first_name, ctx.from?.last_name].filter(Boolean).join(" ");
  const recipients = await conversation.external(async () => {
    const all = new Set<number>();
    for (const id of chosen) for (const u of await ctx.deps.store.classes.learners(id)) all.add(u);
    return [...all].sort((a, b) => a - b);
  });
  if (recipients.length === 0) {
    await ctx.reply(ctx.t("ann-no-learners"));
    return;
  }
  await ctx.reply(
    ctx.t("ann-audience-chosen", { classes: escapeHtml(classNames.join(", ")), count: recipients.length }),
  );

  const draftOf = (d: Draft): Announcement => ({
    id: "preview",
    senderId: userId,
    senderName,
    classIds: chosen,
    classNames,
    text: d.text,
    ...(d.media ? { media: d.media } : {}),
    createdAt: "",
    total: recipients.length,
  });

  let draft: Draft;
  for (;;) {
    draft = await askContent(conversation, ctx, draftOf);
    await ctx.reply(ctx.t("ann-preview-intro"));
    await sendAnnouncement(
      ctx.api,
      announcementText(ctx.deps.i18n),
      ctx.profile?.locale ?? "vi",
      chatId,
      draftOf(draft),
    );
    const answer = await askChoice(conversation, ctx, {
      prompt: ["ann-confirm", { count: recipients.length, classes: escapeHtml(classNames.join(", ")) }],
      invalid: "choice-invalid",
      prefix: "ann:ok",
      choices: [
        { value: "send", label: ctx.t("ann-confirm-send") },
        { value: "edit", label: ctx.t("ann-confirm-edit") },
        { value: "cancel", label: ctx.t("ann-confirm-cancel") },
      ],
      perRow: 3,
    });
    if (answer === "send") break;
    if (answer === "cancel") {
      await ctx.reply(ctx.t("ann-cancelled"));
      return;
    }
  }

  // Authority is checked again now: callback data and the state of a minutes-old scene prove nothing.
  if (!(await stillMay(conversation, ctx, { role: "instructor", teaches: chosen }, "ann-not-allowed-now"))) return;
  const now = await conversation.now();
  const created = await conversation.external(async () => {
    const all = new Set<number>();
    for (const id of chosen) for (const u of await ctx.deps.store.classes.learners(id)) all.add(u);
    const ann: Announcement = {
      ...draftOf(draft),
      id: await ctx.deps.store.announcements.nextId(),
      createdAt: new Date(now).toISOString(),
      total: all.size,
      senderLocale: ctx.profile?.locale ?? "vi",
    };
    await ctx.deps.store.announcements.create(ann);
    return { id: ann.id, recipients: [...all].sort((a, b) => a - b) };
  });
  const zero = { delivered: 0, blocked: 0, failed: 0, done: 0, total: created.recipients.length };
  const status = await ctx.reply(announcementText(ctx.deps.i18n).progress(ctx.profile?.locale ?? "vi", zero, false));
  await conversation.external(async () => {
    await ctx.deps.store.announcements.setStatusMessage(created.id, { chatId, messageId: status.message_id });
    await ctx.deps.broadcast?.enqueue(created.id, created.recipients);
  });
}
