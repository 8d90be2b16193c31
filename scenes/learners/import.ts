/**
 * A coordinator imports a class's learner list in the bot: the class (asked when there are several) → send the
 * file (CSV or .xlsx) → a preview: how many learners, the first names, the problems by row, or why the file is
 * refused (an old Vietnamese encoding, an unreadable workbook) → confirm → stored as the class's expected list, as
 * `learners import` does from the CLI.
 *
 * Only the preview goes in the replay log, never the list itself: the commit downloads the file again by its file_id.
 * Bump `SCENES_VERSION` in src/bot/index.ts when the shape of this scene changes.
 */
import { stillMay } from "../../src/bot/access.js";
import { answeredStray, askChoice, nextUpdate } from "../../src/bot/ask.js";
import type { SceneContext, SceneConversation } from "../../src/bot/context.js";
import { downloadFile, MAX_DOWNLOAD_BYTES } from "../../src/bot/download.js";
import { escapeHtml } from "../../src/bot/format.js";
import { type LearnerProblem, readLearnerFile } from "../../src/classes/learner-file.js";

export const LEARNER_IMPORT_SCENE = "learner-import";

/** Names shown in the preview; the rest are counted. */
const PREVIEW_NAMES = 5;
/** Problems listed in the preview; the rest are counted. */
const PREVIEW_PROBLEMS = 10;

type Preview =
  | { ok: true; fileId: string; fileName: string; total: number; names: string[]; problems: LearnerProblem[] }
  | { ok: false; refusal: string };

async function read(ctx: SceneContext, fileId: string, fileName: string) {
  return readLearnerFile(await downloadFile(ctx.api, fileId), fileName);
}

export async function learnerImportScene(conversation: SceneConversation, ctx: SceneContext): Promise<void> {
  const classes = await conversation.external(async () =>
    (await ctx.deps.store.classes.list()).map((c) => ({ value: c.id, label: c.name })),
  );
  const only = classes.length === 1 ? classes[0] : undefined;
  if (classes.length === 0) {
    await ctx.reply(ctx.t("limp-no-classes"));
    return;
  }
  const classId =
    only?.value ??
    (await askChoice(conversation, ctx, {
      prompt: "limp-pick-class",
      invalid: "limp-pick-invalid",
      prefix: "limp",
      choices: classes,
      perRow: 1,
    }));
  const className = classes.find((c) => c.value === classId)?.label ?? classId;
  await ctx.reply(ctx.t("limp-send", { name: escapeHtml(className) }));

  let preview: Extract<Preview, { ok: true }>;
  for (;;) {
    const c = await nextUpdate(conversation);
    if (await answeredStray(c)) continue;
    const doc = c.message?.document;
    if (!doc) {
      await c.reply(c.t("limp-send-file"));
      continue;
    }
    const fileName = (doc.file_name ?? "danh-sach.csv").normalize("NFC");
    if ((doc.file_size ?? 0) > MAX_DOWNLOAD_BYTES) {
      await c.reply(c.t("limp-too-big"));
      continue;
    }
    const got = await conversation.external(async (): Promise<Preview> => {
      const file = await read(ctx, doc.file_id, fileName);
      if (!file.ok) return { ok: false, refusal: file.refusal };
      return {
        ok: true,
        fileId: doc.file_id,
        fileName,
        total: file.learners.length,
        names: file.learners.slice(0, PREVIEW_NAMES).map((l) => l.fullName),
        problems: file.problems,
      };
    });
    if (!got.ok) {
      await c.reply(c.t(`import-refused-${got.refusal}`));
      continue;
    }
    if (got.total === 0) {
      await c.reply(c.t("import-none", { file: escapeHtml(fileName) }));
      continue;
    }
    preview = got;
    break;
  }

  const lines = [
    ctx.t("limp-preview", { file: escapeHtml(preview.fileName), n: preview.total, name: escapeHtml(className) }),
    ...preview.names.map((n) => `• ${escapeHtml(n)}`),
  ];
  if (preview.total > preview.names.length) lines.push(ctx.t("limp-more", { n: preview.total - preview.names.length }));
  if (preview.problems.length > 0) {
    lines.push("", ctx.t("limp-problems", { n: preview.problems.length }));
    for (const p of preview.problems.slice(0, PREVIEW_PROBLEMS)) {
      lines.push(`• ${escapeHtml(ctx.t(`import-problem-${p.code}`, { row: p.row, value: p.value ?? "" }))}`);
    }
    if (preview.problems.length > PREVIEW_PROBLEMS) {
      lines.push(ctx.t("limp-more", { n: preview.problems.length - PREVIEW_PROBLEMS }));
    }
  }
  const answer = await askChoice(conversation, ctx, {
    prompt: ["limp-confirm", { text: lines.join("\n") }],
    invalid: "limp-pick-invalid",
    prefix: "limpok",
    choices: [
      { value: "yes", label: ctx.t("limp-yes") },
      { value: "no", label: ctx.t("limp-no") },
    ],
  });
  if (answer === "no") {
    await ctx.reply(ctx.t("limp-cancelled"));
    return;
  }
  if (!(await stillMay(conversation, ctx, { role: "coordinator" }))) return;
  const importer = ctx.from?.id;
  const total = await conversation.external(async () => {
    const file = await read(ctx, preview.fileId, preview.fileName);
    if (!file.ok) return undefined;
    const entries = importer === undefined ? file.learners : file.learners.map((l) => ({ ...l, importedBy: importer }));
    await ctx.deps.store.classes.importLearners(classId, entries);
    return file.learners.length;
  });
  await ctx.reply(
    total === undefined ? ctx.t("limp-failed") : ctx.t("limp-done", { n: total, name: escapeHtml(className) }),
  );
}
