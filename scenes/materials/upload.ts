/**
 * A coordinator adds (or replaces) a file of the centre's own material: send the file (DOCX, PDF, ODT, Markdown,
 * 20 MB at most) → what was read from it (title, headings, passages, problems) → who may read it (a centre, or one
 * class; a replacement keeps the scope of the file it replaces) → confirm → stored, and searchable at once.
 *
 * The download and the reading run inside `conversation.external` and only the preview goes in the replay log, not
 * the text: the commit reads the file again by its file_id, which Telegram keeps.
 * Bump `SCENES_VERSION` in src/bot/index.ts when the shape of this scene changes.
 */
import { InlineKeyboard } from "grammy";
import { stillMay } from "../../src/bot/access.js";
import { answeredStray, askChoice, nextUpdate } from "../../src/bot/ask.js";
import type { SceneContext, SceneConversation } from "../../src/bot/context.js";
import { downloadFile, MAX_DOWNLOAD_BYTES } from "../../src/bot/download.js";
import { syncFaq } from "../../src/bot/faq-sync.js";
import { escapeHtml } from "../../src/bot/format.js";
import { formatOf } from "../../src/documents/extract.js";
import { prepareMaterial } from "../../src/documents/material.js";
import { centreScope, classScope, type MaterialScope } from "../../src/store/index.js";

export const MATERIAL_SCENE = "material";

/** Headings listed in the preview; the rest are counted. */
const PREVIEW_HEADINGS = 12;

interface Preview {
  fileId: string;
  fileName: string;
  title: string;
  headings: string[];
  passages: number;
  pages: number;
  problems: string[];
  usable: boolean;
}

const cancelKeyboard = (ctx: SceneContext) => new InlineKeyboard().text(ctx.t("material-cancel"), "mat:x");

async function read(ctx: SceneContext, fileId: string, fileName: string) {
  return prepareMaterial(await downloadFile(ctx.api, fileId), fileName);
}

/** Waits for a file it can read; undefined when the coordinator cancels. */
async function waitForFile(conversation: SceneConversation, ctx: SceneContext): Promise<Preview | undefined> {
  await ctx.reply(ctx.t("material-send"), { reply_markup: cancelKeyboard(ctx) });
  for (;;) {
    const c = await nextUpdate(conversation);
    if (c.callbackQuery?.data === "mat:x") {
      await c.answerCallbackQuery();
      await c.reply(c.t("material-cancelled"));
      return undefined;
    }
    if (await answeredStray(c)) continue;
    const doc = c.message?.document;
    if (!doc) {
      await c.reply(c.t("material-send-file"), { reply_markup: cancelKeyboard(c) });
      continue;
    }
    const fileName = (doc.file_name ?? "tai-lieu").normalize("NFC");
    if ((doc.file_size ?? 0) > MAX_DOWNLOAD_BYTES) {
      await c.reply(c.t("material-too-big", { name: escapeHtml(fileName) }), { reply_markup: cancelKeyboard(c) });
      continue;
    }
    if (!formatOf(fileName, doc.mime_type)) {
      await c.reply(c.t("material-wrong-type", { name: escapeHtml(fileName) }), { reply_markup: cancelKeyboard(c) });
      continue;
    }
    const preview = await conversation.external(async (): Promise<Preview> => {
      const p = await read(ctx, doc.file_id, fileName);
      return {
        fileId: doc.file_id,
        fileName,
        title: p.title,
        headings: p.headings,
        passages: p.passages,
        pages: p.pages,
        problems: p.problems,
        usable: p.usable,
      };
    });
    if (!preview.usable) {
      const problem = preview.problems[0] ?? "unreadable";
      await c.reply(c.t(`material-problem-${problem}`, { name: escapeHtml(fileName) }), {
        reply_markup: cancelKeyboard(c),
      });
      continue;
    }
    return preview;
  }
}

function previewText(ctx: SceneContext, p: Preview, scopeLabel: string): string {
  const lines = [
    ctx.t("material-preview", {
      name: escapeHtml(p.fileName),
      title: escapeHtml(p.title),
      passages: p.passages,
      pages: p.pages,
      scope: escapeHtml(scopeLabel),
    }),
  ];
  if (p.headings.length > 0) {
    lines.push("", ctx.t("material-preview-headings", { n: p.headings.length }));
    for (const h of p.headings.slice(0, PREVIEW_HEADINGS)) lines.push(`• ${escapeHtml(h)}`);
    if (p.headings.length > PREVIEW_HEADINGS)
      lines.push(ctx.t("material-preview-more", { n: p.headings.length - PREVIEW_HEADINGS }));
  }
  for (const problem of p.problems)
    lines.push("", ctx.t(`material-problem-${problem}`, { name: escapeHtml(p.fileName) }));
  return lines.join("\n");
}

/** Who may read the file: a centre (every class of it) or one class, as buttons. */
async function askScope(
  conversation: SceneConversation,
  ctx: SceneContext,
): Promise<{ scope: MaterialScope; label: string } | undefined> {
  const classes = await conversation.external(async () =>
    (await ctx.deps.store.classes.list()).map((c) => ({ id: c.id, name: c.name, centre: c.centre })),
  );
  const centres = [...new Set(classes.map((c) => c.centre).filter((c): c is string => !!c))];
  const options = [
    ...centres.map((centre, i) => ({
      value: `c${i}`,
      label: ctx.t("material-scope-centre", { centre }),
      scope: centreScope(centre),
    })),
    ...classes.map((c) => ({
      value: c.id,
      label: ctx.t("material-scope-class", { name: c.name }),
      scope: classScope(c.id),
    })),
  ];
  if (options.length === 0) {
    await ctx.reply(ctx.t("material-no-scope"));
    return undefined;
  }
  const picked = await askChoice(conversation, ctx, {
    prompt: "material-pick-scope",
    invalid: "material-pick-scope",
    prefix: "mat:s",
    choices: options.map(({ value, label }) => ({ value, label })),
    perRow: 1,
  });
  const option = options.find((o) => o.value === picked)!;
  return { scope: option.scope, label: option.label };
}

/** A stored scope as the preview shows it. */
async function scopeLabel(conversation: SceneConversation, ctx: SceneContext, scope: MaterialScope): Promise<string> {
  if (scope.startsWith("centre:")) return ctx.t("material-scope-centre", { centre: scope.slice("centre:".length) });
  const classId = scope.slice("class:".length);
  const name = await conversation.external(async () => (await ctx.deps.store.classes.get(classId))?.name ?? classId);
  return ctx.t("material-scope-class", { name });
}

export async function materialScene(
  conversation: SceneConversation,
  ctx: SceneContext,
  replaces?: string,
): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  const old = replaces
    ? await conversation.external(async () => {
        const m = await ctx.deps.store.materials.get(replaces);
        return m ? { fileName: m.fileName, scope: m.scope } : undefined;
      })
    : undefined;
  if (replaces && !old) {
    await ctx.reply(ctx.t("material-gone"));
    return;
  }
  if (old) await ctx.reply(ctx.t("material-replacing", { name: escapeHtml(old.fileName) }));
  const preview = await waitForFile(conversation, ctx);
  if (!preview) return;
  const target = old
    ? { scope: old.scope, label: await scopeLabel(conversation, ctx, old.scope) }
    : await askScope(conversation, ctx);
  if (!target) return;
  const kb = new InlineKeyboard().text(ctx.t("material-confirm"), "mat:ok").text(ctx.t("material-cancel"), "mat:x");
  await ctx.reply(previewText(ctx, preview, target.label), { reply_markup: kb });
  for (;;) {
    const c = await nextUpdate(conversation);
    const data = c.callbackQuery?.data;
    if (data === "mat:x") {
      await c.answerCallbackQuery();
      await c.reply(c.t("material-cancelled"));
      return;
    }
    if (data === "mat:ok") {
      await c.answerCallbackQuery();
      break;
    }
    if (await answeredStray(c)) continue;
    await c.reply(c.t("material-confirm-or-cancel"), { reply_markup: kb });
  }
  if (!(await stillMay(conversation, ctx, { role: "coordinator" }))) return;
  const stored = await conversation.external(async () => {
    const p = await read(ctx, preview.fileId, preview.fileName);
    const record = await ctx.deps.store.materials.put(
      {
        scope: target.scope,
        fileName: preview.fileName,
        title: p.title,
        format: p.format,
        pages: p.pages,
        body: p.body,
        pageAt: p.pageAt,
        fileId: preview.fileId,
        addedBy: userId,
        addedAt: ctx.deps.now().toISOString(),
      },
      replaces,
    );
    // This process answers from the new file at once; the others notice `material-version` on their next search.
    await syncFaq(ctx.deps, true);
    return { id: record.id, passages: p.passages };
  });
  await ctx.reply(
    ctx.t(replaces ? "material-replaced" : "material-added", {
      name: escapeHtml(preview.fileName),
      passages: stored.passages,
    }),
  );
}
