/**
 * A centre's own material: /material (a coordinator sends a DOCX, PDF, ODT or Markdown file — the scene in
 * scenes/materials/upload.ts), /materials (the files stored, with buttons to replace or remove one). The files
 * become passages that only their scope's learners find (src/store/materials.ts).
 */
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { MATERIAL_SCENE, materialScene } from "../../../../scenes/materials/upload.js";
import type { MaterialRecord } from "../../../store/index.js";
import { callbackData } from "../../callback-data.js";
import { CapabilityBuilder } from "../../capability.js";
import type { BotContext } from "../../context.js";
import { syncFaq } from "../../faq-sync.js";
import { escapeHtml } from "../../format.js";

const MaterialId = z.string().regex(/^m\d{1,9}$/);
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

export const materials = new CapabilityBuilder("materials")
  .scene(MATERIAL_SCENE, materialScene, { role: "coordinator", entries: () => [{ command: "material" }] })
  .command("material", (ctx) => ctx.conversation.enter(MATERIAL_SCENE))
  .command("materials", listMaterials)
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
  .build();
