/**
 * A centre's own material: /material (a coordinator sends a DOCX, PDF, ODT or Markdown file — the scene in
 * scenes/materials/upload.ts), /materials (the files stored, with buttons to replace or remove one). The files
 * become passages that only their scope's learners find (src/store/materials.ts). /similarity sets how alike two
 * reports of a centre must be before /reports marks them.
 */
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { MATERIAL_SCENE, materialScene } from "../../../../scenes/materials/upload.js";
import type { MaterialRecord } from "../../../store/index.js";
import { mayWrite } from "../../access.js";
import { callbackData, MaterialId } from "../../callback-data.js";
import { CapabilityBuilder } from "../../capability.js";
import { centreNamed, centreNames } from "../../centres.js";
import { commandPayload } from "../../command.js";
import type { BotContext } from "../../context.js";
import { syncFaq } from "../../faq-sync.js";
import { escapeHtml } from "../../format.js";

/** «Thay» / «Xoá» under a file of /materials, and «Xoá hẳn» to confirm a removal. */
const MaterialAction = callbackData("mtl", { op: z.enum(["replace", "remove", "removed"]), id: MaterialId });

const coordinator = { role: "coordinator" as const };

function scopeLabel(ctx: BotContext, m: MaterialRecord, classNames: Map<string, string>): string {
  if (m.scope.startsWith("centre:")) return ctx.t("material-scope-centre", { centre: m.scope.slice("centre:".length) });
  const id = m.scope.slice("class:".length);
  return ctx.t("material-scope-class", { name: classNames.get(id) ?? id });
}

async function listMaterials(ctx: BotContext): Promise<void> {
  const store = ctx.deps.store;
  const [all, classes] = await Promise.all([store.materials.list(), store.classes.list()]);
  if (all.length === 0) {
    await ctx.reply(ctx.t("material-none"));
    return;
  }
  const names = new Map(classes.map((c) => [c.id, c.name]));
  const lines = [ctx.t("material-list-title", { n: all.length })];
  const kb = new InlineKeyboard();
  all.forEach((m, i) => {
    lines.push(
      "",
      ctx.t("material-list-item", {
        n: i + 1,
        name: escapeHtml(m.fileName),
        title: escapeHtml(m.title),
        scope: escapeHtml(scopeLabel(ctx, m, names)),
        pages: m.pages,
      }),
    );
    kb.text(ctx.t("material-replace", { n: i + 1 }), MaterialAction.pack({ op: "replace", id: m.id }))
      .text(ctx.t("material-remove", { n: i + 1 }), MaterialAction.pack({ op: "remove", id: m.id }))
      .row();
  });
  await ctx.reply(lines.join("\n"), { reply_markup: kb });
}

async function act(ctx: BotContext, data: { op: "replace" | "remove" | "removed"; id: string }): Promise<void> {
  const m = await ctx.deps.store.materials.get(data.id);
  if (!m) {
    await ctx.answerCallbackQuery({ text: ctx.t("material-gone"), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  if (data.op === "replace") {
    await ctx.conversation.enter(MATERIAL_SCENE, m.id);
    return;
  }
  if (data.op === "remove") {
    const kb = new InlineKeyboard().text(
      ctx.t("material-remove-yes"),
      MaterialAction.pack({ op: "removed", id: m.id }),
    );
    await ctx.reply(ctx.t("material-remove-ask", { name: escapeHtml(m.fileName) }), { reply_markup: kb });
    return;
  }
  await ctx.deps.store.materials.remove(m.id);
  await syncFaq(ctx.deps, true);
  await ctx.reply(ctx.t("material-removed", { name: escapeHtml(m.fileName) }));
}

// ------------------------------------------------------------------------------------------------ /similarity

/**
 * Below 30% two honest reports on the same lessons already share that much; above 95% only a verbatim copy would
 * be marked, which the instructor sees anyway.
 */
const SIMILARITY_MIN = 30;
const SIMILARITY_MAX = 95;

const Percent = z.coerce.number().int().min(SIMILARITY_MIN).max(SIMILARITY_MAX);
/** A centre picked for a threshold: its place among the centres (names are too long for 64 bytes). */
const SimilaritySet = callbackData("simc", { i: z.coerce.number().int().min(0).max(999), p: Percent });

/** The centres the classes name, in one order for the list and the buttons. */
const centres = (ctx: BotContext): Promise<string[]> => centreNames(ctx.deps.store);

async function describeThresholds(ctx: BotContext, names: readonly string[]): Promise<string[]> {
  const set = await ctx.deps.store.materials.similarityPercents();
  return names.map((centre) => {
    const own = set.get(centre);
    return ctx.t("similarity-line", {
      centre: escapeHtml(centre),
      percent: own ?? ctx.deps.config.similarityPercent,
      kind: own === undefined ? "default" : "set",
    });
  });
}

async function saveThreshold(ctx: BotContext, centre: string, percent: number): Promise<void> {
  await ctx.deps.store.materials.setSimilarityPercent(centre, percent);
  await ctx.reply(ctx.t("similarity-saved", { centre: escapeHtml(centre), percent }));
}

/**
 * `/similarity` lists each centre's threshold; `/similarity <percent> [centre]` sets it (the only centre, the one
 * named, or the one picked from buttons).
 */
async function similarity(ctx: BotContext): Promise<void> {
  const [first, ...rest] = commandPayload(ctx).split(/\s+/).filter(Boolean);
  const names = await centres(ctx);
  if (names.length === 0) {
    await ctx.reply(ctx.t("similarity-no-centre", { percent: ctx.deps.config.similarityPercent }));
    return;
  }
  if (!first) {
    const lines = [ctx.t("similarity-usage", { min: SIMILARITY_MIN, max: SIMILARITY_MAX }), ""];
    await ctx.reply([...lines, ...(await describeThresholds(ctx, names))].join("\n"));
    return;
  }
  const percent = Percent.safeParse(first.replace(/%$/, ""));
  if (!percent.success) {
    await ctx.reply(ctx.t("similarity-invalid", { min: SIMILARITY_MIN, max: SIMILARITY_MAX }));
    return;
  }
  if (rest.length > 0) {
    const centre = centreNamed(names, rest);
    if (!centre) {
      await ctx.reply([ctx.t("similarity-unknown-centre"), "", ...(await describeThresholds(ctx, names))].join("\n"));
      return;
    }
    await saveThreshold(ctx, centre, percent.data);
    return;
  }
  if (names.length === 1) {
    await saveThreshold(ctx, names[0]!, percent.data);
    return;
  }
  const kb = new InlineKeyboard();
  names.slice(0, 50).forEach((centre, i) => {
    kb.text(centre.slice(0, 60), SimilaritySet.pack({ i, p: percent.data })).row();
  });
  await ctx.reply(ctx.t("similarity-pick", { percent: percent.data }), { reply_markup: kb });
}

export const materials = new CapabilityBuilder("materials")
  .scene(MATERIAL_SCENE, materialScene, { role: "coordinator", entries: () => [{ command: "material" }] })
  .command("material", (ctx) => ctx.conversation.enter(MATERIAL_SCENE))
  .command("materials", listMaterials)
  .command("similarity", similarity)
  .callback(
    MaterialAction,
    {
      access: coordinator,
      right: {
        name: "replace or remove a centre's file",
        samples: () => [
          { op: "removed" as const, id: "m1" },
          { op: "replace" as const, id: "m1" },
        ],
      },
    },
    act,
  )
  .callback(
    SimilaritySet,
    {
      access: coordinator,
      right: { name: "a centre's similarity threshold", samples: () => [{ i: 0, p: 80 }] },
    },
    async (ctx, { i, p }) => {
      if (!(await mayWrite(ctx, coordinator))) return;
      const centre = (await centres(ctx))[i];
      if (!centre) {
        await ctx.answerCallbackQuery({ text: ctx.t("similarity-unknown-centre"), show_alert: true });
        return;
      }
      await ctx.answerCallbackQuery();
      await saveThreshold(ctx, centre, p);
    },
  )
  .build();
