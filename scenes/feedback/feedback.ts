/**
 * Feedback scenes.
 * - `feedback` (/feedback): class (when several) → about what (discussion day, the class, a suggestion) → the text
 *   → with my name or anonymous → stored. Anonymous feedback is stored without the author's id.
 * - `fb-note`: one piece of text after a button: the comment of a session rating, the reflection after a field
 *   visit, or the free answer of the follow-up survey (optional, with «skip»).
 * Bump `SCENES_VERSION` in src/bot/index.ts when the shape of these scenes changes.
 */
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { answeredStray, askChoice, askText, pickLearnerClass } from "../../src/bot/ask.js";
import type { SceneContext, SceneConversation } from "../../src/bot/context.js";
import { FEEDBACK_TOPICS, type FeedbackTopic, type FollowupApplied } from "../../src/store/index.js";

export const FEEDBACK_SCENE = "feedback";
export const NOTE_SCENE = "fb-note";
const MAX_FEEDBACK_CHARS = 3000;

const TextSchema = z
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
  const text = await askText(conversation, ctx, {
    prompt: ["fb-ask-text", { topic: ctx.t(`fb-topic-${topic}`) }],
    invalid: "fb-text-invalid",
    schema: TextSchema,
  });
  const who = await askChoice(conversation, ctx, {
    prompt: "fb-ask-anonymous",
    invalid: "choice-invalid",
    prefix: "fb:anon",
    choices: [
      { value: "named", label: ctx.t("fb-named") },
      { value: "anonymous", label: ctx.t("fb-anonymous") },
    ],
    perRow: 1,
  });
  const anonymous = who === "anonymous";
  await conversation.external(() =>
    ctx.deps.store.feedback.addNote(classId, {
      topic,
      text,
      anonymous,
      userId,
      at: ctx.deps.now().toISOString(),
    }),
  );
  await ctx.reply(ctx.t(anonymous ? "fb-saved-anonymous" : "fb-saved"));
}

export type NoteTarget =
  | { kind: "rating"; classId: string; sessionId: string }
  | { kind: "reflection"; classId: string; sessionId: string }
  | { kind: "followup"; classId: string; applied: FollowupApplied };

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
    const c = await conversation.wait();
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
    const parsed = TextSchema.safeParse(c.message?.text ?? "");
    if (!parsed.success) {
      await c.reply(c.t("fb-text-invalid"), { reply_markup: kb });
      continue;
    }
    text = parsed.data;
    break;
  }
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
