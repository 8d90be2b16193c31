/** Choosing one of the user's classes, for every capability that acts on one class. */
import { InlineKeyboard } from "grammy";
import type { ClassRecord } from "../store/index.js";
import type { CallbackData } from "./callback-data.js";
import type { BotContext } from "./context.js";

/**
 * Runs `run` on the only class, or offers the classes as buttons (`button`, packed with the class id) under
 * `prompt`; with no class, says `none`.
 */
export async function pickClass(
  ctx: BotContext,
  list: ClassRecord[],
  button: CallbackData<{ classId: string }>,
  none: string,
  run: (record: ClassRecord) => Promise<void>,
  prompt = "cw-pick-class",
): Promise<void> {
  if (list.length === 0) {
    await ctx.reply(ctx.t(none));
    return;
  }
  if (list.length === 1) return run(list[0] as ClassRecord);
  const kb = new InlineKeyboard();
  for (const c of list) kb.text(c.name.slice(0, 60), button.pack({ classId: c.id })).row();
  await ctx.reply(ctx.t(prompt), { reply_markup: kb });
}
