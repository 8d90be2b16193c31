/**
 * A coordinator appoints an instructor of a class directly: by @username or Telegram id, or picked from the people
 * who wrote to the bot most recently. The person must have talked to the bot once (so it can tell them). The rights
 * are checked again before the appointment; a learner of the class is refused politely.
 * Entered with `(classId)`. Bump `SCENES_VERSION` when the shape changes.
 */
import { InlineKeyboard } from "grammy";
import { stillMay } from "../../src/bot/access.js";
import { answeredStray, nextUpdate } from "../../src/bot/ask.js";
import type { SceneContext, SceneConversation } from "../../src/bot/context.js";
import { escapeHtml } from "../../src/bot/format.js";
import { appointInstructor, personName, tellAppointed } from "../../src/bot/instructors.js";

export const APPOINT_SCENE = "class-appoint";
const PICK = "ap:p:";
const CANCEL = "ap:cancel";
/** How many recent people are offered as buttons. */
const RECENT = 8;

export async function appointScene(conversation: SceneConversation, ctx: SceneContext, classId: string): Promise<void> {
  const found = await conversation.external(async () => {
    const record = await ctx.deps.store.classes.get(classId);
    if (!record) return undefined;
    // Not offered: who teaches or learns in the class already, and the coordinator themself.
    const taken = new Set([
      ...(ctx.from ? [ctx.from.id] : []),
      ...(await ctx.deps.store.classes.instructors(classId)),
      ...(await ctx.deps.store.classes.learners(classId)),
    ]);
    const recent = (await ctx.deps.store.users.recent(RECENT * 3)).filter((p) => !taken.has(p.id)).slice(0, RECENT);
    return { name: record.name, recent: recent.map((p) => ({ id: p.id, label: personName(p, p.id) })) };
  });
  if (!found) {
    await ctx.reply(ctx.t("cls-not-found"));
    return;
  }
  const kb = new InlineKeyboard();
  for (const p of found.recent) kb.text(p.label.slice(0, 60), `${PICK}${p.id}`).row();
  kb.text(ctx.t("report-cancel"), CANCEL);
  await ctx.reply(ctx.t("ins-appoint-ask", { name: escapeHtml(found.name) }), { reply_markup: kb });

  let person: { id: number; name: string } | undefined;
  while (!person) {
    const c = await nextUpdate(conversation);
    const data = c.callbackQuery?.data;
    if (data === CANCEL) {
      await c.answerCallbackQuery();
      await c.reply(c.t("ins-appoint-cancelled"));
      return;
    }
    const picked = data?.startsWith(PICK) ? found.recent.find((p) => `${PICK}${p.id}` === data) : undefined;
    if (picked) {
      await c.answerCallbackQuery();
      person = { id: picked.id, name: picked.label };
      break;
    }
    if (await answeredStray(c)) continue;
    const text = c.message?.text ?? "";
    const profile = await conversation.external(() => ctx.deps.store.users.findByHandle(text));
    if (!profile) {
      await c.reply(c.t("ins-appoint-not-found", { who: escapeHtml(text.slice(0, 64)) }), { reply_markup: kb });
      continue;
    }
    person = { id: profile.id, name: personName(profile, profile.id) };
  }

  if (!(await stillMay(conversation, ctx, { role: "coordinator" }))) return;
  const who = person;
  const appointed = await conversation.external(() => appointInstructor(ctx.deps, classId, who.id));
  await tellAppointed(ctx, found.name, who.id, appointed);
  await ctx.reply(ctx.t(`ins-appoint-${appointed.outcome}`, { name: escapeHtml(found.name), person: who.name }));
}
