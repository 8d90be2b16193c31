/**
 * Feedback scenes.
 * - `feedback` (/feedback): class (when several) → about what (discussion day, the class, a suggestion) → with my
 *   name or anonymous, and the scene ends: the text is the next message, taken and stored by the feedback capability
 *   (src/bot/features/feedback/note.ts), so it never enters the replayed scene state kept under the author's chat.
 * - `fb-note`: one piece of text after a button: the comment of a session rating, the reflection after a field
 *   visit, or the free answer of the follow-up survey (optional, with «skip»).
 * Bump `SCENES_VERSION` in src/bot/index.ts when the shape of these scenes changes.
 */
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { type CommitRight, stillMay } from "../../src/bot/access.js";
import { answeredStray, askChoice, nextUpdate, pickLearnerClass } from "../../src/bot/ask.js";
import { FeedbackWho } from "../../src/bot/callback-data.js";
import type { SceneContext, SceneConversation } from "../../src/bot/context.js";
import { FEEDBACK_TOPICS, type FeedbackTopic, type FollowupApplied } from "../../src/store/index.js";

export const FEEDBACK_SCENE = "feedback";
export const NOTE_SCENE = "fb-note";
const MAX_FEEDBACK_CHARS = 3000;

/** A note's text, here and where /feedback's last step takes it (outside the scene). */
export const FeedbackTextSchema = z
  .string()
  .transform((s) => s.normalize("NFC").trim())
  .pipe(z.string().min(2).max(MAX_FEEDBACK_CHARS));

export async function feedbackScene(conversation: SceneConversation, ctx: SceneContext): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  const picked = await pickLearnerClass(conversation, ctx, userId, {
    none: "fb-no-class",
    prompt: "fb-pick-class",
    prefix: "fb:cls",
  });
  if (!picked) return;
  const classId = picked.id;
  const topic: FeedbackTopic = await askChoice(conversation, ctx, {
    prompt: "fb-ask-topic",
    invalid: "choice-invalid",
    prefix: "fb:topic",
    choices: FEEDBACK_TOPICS.map((t) => ({ value: t, label: ctx.t(`fb-topic-${t}`) })),
    perRow: 1,
  });
  // The scene ends here: the text comes after the choice and is taken outside the scene (the feedback capability),
  // so an anonymous note never enters this chat's replayed scene state.
  const kb = new InlineKeyboard()
    .text(ctx.t("fb-named"), FeedbackWho.pack({ classId, topic, who: "named" }))
    .row()
    .text(ctx.t("fb-anonymous"), FeedbackWho.pack({ classId, topic, who: "anon" }));
  await ctx.reply(ctx.t("fb-ask-anonymous"), { reply_markup: kb });
}

export type NoteTarget =
  | { kind: "rating"; classId: string; sessionId: string }
  | { kind: "reflection"; classId: string; sessionId: string }
  | { kind: "followup"; classId: string; applied: FollowupApplied };

/**
 * What a learner's note needs at the moment it is stored: a learner of the class now; a rating or its comment only of
 * a session that exists, has ended and (when check-in was held) that they attended; a reflection only of a field
 * visit they could attend; the follow-up survey only once the class is over.
 */
export function noteRight(target: NoteTarget): CommitRight {
  if (target.kind === "followup") return { role: "learner", learns: target.classId, classEnded: true };
  const session = { id: target.sessionId, held: true, attended: true } as const;
  return {
    role: "learner",
    learns: target.classId,
    session: target.kind === "reflection" ? { ...session, kind: "field_visit" } : session,
  };
}

export async function noteScene(conversation: SceneConversation, ctx: SceneContext, target: NoteTarget): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  const optional = target.kind === "followup";
  const kb = new InlineKeyboard();
  if (optional) kb.text(ctx.t("fb-skip"), "fbn:skip");
  kb.text(ctx.t("report-cancel"), "fbn:cancel");
  await ctx.reply(ctx.t(`fb-note-prompt-${target.kind}`), { reply_markup: kb });
  let text: string;
  for (;;) {
    const c = await nextUpdate(conversation);
    const data = c.callbackQuery?.data;
    if (data === "fbn:cancel") {
      await c.answerCallbackQuery();
      await c.reply(c.t("fb-note-cancelled"));
      return;
    }
    if (data === "fbn:skip" && optional) {
      await c.answerCallbackQuery();
      await c.reply(c.t("fb-note-saved"));
      return;
    }
    if (await answeredStray(c)) continue;
    const parsed = FeedbackTextSchema.safeParse(c.message?.text ?? "");
    if (!parsed.success) {
      await c.reply(c.t("fb-text-invalid"), { reply_markup: kb });
      continue;
    }
    text = parsed.data;
    break;
  }
  if (!(await stillMay(conversation, ctx, noteRight(target)))) return;
  await conversation.external(async () => {
    const at = ctx.deps.now().toISOString();
    const fb = ctx.deps.store.feedback;
    if (target.kind === "rating") await fb.commentRating(target.classId, target.sessionId, userId, text);
    else if (target.kind === "reflection")
      await fb.addReflection(target.classId, target.sessionId, userId, { text, at });
    else await fb.addFollowup(target.classId, userId, { applied: target.applied, text, at });
  });
  await ctx.reply(ctx.t("fb-note-saved"));
}
