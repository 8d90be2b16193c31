/**
 * What scenes ask with: text until it validates, a choice from buttons, the learner's class. Each re-asks
 * politely on bad input and never loses what was already answered (the answers live in the conversation's replay log,
 * which is kept in Redis, so they survive a restart too).
 */
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { parseDateInput } from "../classes/service.js";
import { ScenePause } from "./callback-data.js";
import { isCommand } from "./command.js";
import type { SceneContext, SceneConversation } from "./context.js";
import { escapeHtml } from "./format.js";
import { menuLabelKey } from "./menu.js";

/** One line of text (a name, a venue): trimmed, `min`–`max` characters, NFC, runs of spaces made one. */
export const lineSchema = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .transform((s) => s.normalize("NFC").replace(/\s+/g, " "));

/** A date as people type it (see `parseDateInput`). */
export const DateInputSchema = z.string().transform((s, c) => {
  const d = parseDateInput(s);
  if (!d) {
    c.addIssue({ code: "custom", message: "date" });
    return z.NEVER;
  }
  return d;
});

/**
 * A reply-keyboard label (in any language) is a menu tap, never an answer: the scene pauses with a one-line hint and
 * «Tiếp tục» / «Dừng» buttons (the `scenes` capability answers them); what was already answered stays. True when `c`
 * was such a tap.
 */
export async function pausedForMenu(c: SceneContext): Promise<boolean> {
  const text = c.message?.text;
  if (text === undefined || menuLabelKey(c.deps.i18n, text) === undefined) return false;
  const kb = new InlineKeyboard()
    .text(c.t("scene-menu-continue"), ScenePause.pack({ op: "go" }))
    .text(c.t("scene-menu-stop"), ScenePause.pack({ op: "stop" }));
  await c.reply(c.t("scene-menu-paused", { label: escapeHtml(text.trim()) }), { reply_markup: kb });
  return true;
}

/**
 * For scenes that wait for text or their own buttons: a button they do not know (a stale keyboard) is told to use the
 * buttons of this step, a command is told to finish or /cancel first, a reply-keyboard label pauses the scene. True
 * when `c` was such stray input (the caller waits again); false for text and everything else.
 */
export async function answeredStray(c: SceneContext): Promise<boolean> {
  if (c.callbackQuery?.data !== undefined) {
    await c.answerCallbackQuery({ text: c.t("report-use-buttons") });
    return true;
  }
  if (isCommand(c)) {
    await c.reply(c.t("scene-command-hint"));
    return true;
  }
  return pausedForMenu(c);
}

/** Waits taken by each running scene, counted as the scene (re)runs: its replay makes the same waits again. */
const stepsTaken = new WeakMap<SceneConversation, number>();

/**
 * Every wait of a scene goes through here: the next update of this chat, counted. Each answer lengthens the replay
 * log kept in Redis (and replayed on every later update), so a scene that has taken `sceneMaxSteps` updates ends
 * here, politely, with what was stored before it kept and the way to start again.
 */
export async function nextUpdate(conversation: SceneConversation): Promise<SceneContext> {
  const steps = (stepsTaken.get(conversation) ?? 0) + 1;
  stepsTaken.set(conversation, steps);
  const c = await conversation.wait();
  const max = c.deps.config.sceneMaxSteps;
  if (steps <= max) return c;
  const scene = await conversation.external((outer) => Object.keys(outer.conversation.active())[0] ?? "");
  await c.reply(c.t("scene-too-many-steps", { max, scene }));
  return conversation.halt();
}

/**
 * How many more updates this scene may take before {@link nextUpdate} ends it: a scene that collects many messages
 * (a report's parts) can move on to its summary while there is room, rather than lose the draft at the cap.
 */
export function stepsLeft(conversation: SceneConversation, ctx: SceneContext): number {
  return ctx.deps.config.sceneMaxSteps - (stepsTaken.get(conversation) ?? 0);
}

/**
 * Waits for the next update of this chat that the scene can use. Commands (other than /cancel, which is handled
 * before any scene runs) get a hint, and reply-keyboard labels pause the scene, instead of being taken as an answer.
 */
export async function nextAnswer(conversation: SceneConversation): Promise<SceneContext> {
  for (;;) {
    const c = await nextUpdate(conversation);
    if (isCommand(c)) {
      await c.reply(c.t("scene-command-hint"));
      continue;
    }
    if (await pausedForMenu(c)) continue;
    return c;
  }
}

/** A Fluent key, or a key with its variables. */
type Prompt = string | [string, Record<string, string | number>];
const say = (ctx: SceneContext, p: Prompt) => (typeof p === "string" ? ctx.t(p) : ctx.t(p[0], p[1]));

export async function askText<T>(
  conversation: SceneConversation,
  ctx: SceneContext,
  opts: { prompt: Prompt; invalid: string; schema: z.ZodType<T, string> },
): Promise<T> {
  await ctx.reply(say(ctx, opts.prompt));
  for (;;) {
    const c = await nextAnswer(conversation);
    const text = c.message?.text;
    if (text === undefined) {
      if (c.callbackQuery) await c.answerCallbackQuery({ text: c.t("reg-text-expected") });
      else await c.reply(c.t("reg-text-expected"));
      continue;
    }
    const parsed = opts.schema.safeParse(text);
    if (parsed.success) return parsed.data;
    await c.reply(c.t(opts.invalid));
  }
}

/** A label as people type it: no emoji or punctuation, lower case, NFC, single spaces ("🏫 Lớp học" → "lớp học"). */
function asTyped(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toLocaleLowerCase("vi");
}

/**
 * Offers `choices` as inline buttons (`<prefix>:<value>`) and waits for one. A typed answer equal to a label is
 * accepted too, for people who type rather than tap.
 */
export async function askChoice<V extends string>(
  conversation: SceneConversation,
  ctx: SceneContext,
  opts: { prompt: Prompt; invalid: string; prefix: string; choices: { value: V; label: string }[]; perRow?: number },
): Promise<V> {
  const kb = new InlineKeyboard();
  opts.choices.forEach((choice, i) => {
    kb.text(choice.label, `${opts.prefix}:${choice.value}`);
    if ((i + 1) % (opts.perRow ?? 2) === 0) kb.row();
  });
  await ctx.reply(say(ctx, opts.prompt), { reply_markup: kb });
  for (;;) {
    const c = await nextAnswer(conversation);
    const data = c.callbackQuery?.data;
    if (data !== undefined) {
      const picked = opts.choices.find((ch) => `${opts.prefix}:${ch.value}` === data);
      if (picked) {
        await c.answerCallbackQuery();
        return picked.value;
      }
      await c.answerCallbackQuery({ text: c.t(opts.invalid) });
      continue;
    }
    const typed = c.message?.text === undefined ? undefined : asTyped(c.message.text);
    const match = opts.choices.find((ch) => asTyped(ch.label) === typed);
    if (match) return match.value;
    await c.reply(c.t(opts.invalid), { reply_markup: kb });
  }
}

/**
 * The class a learner means (id and name): none → says so (`none`) and returns undefined; one → that class; several
 * → asks with buttons (`<prefix>:<classId>`). Same replay steps whichever scene calls it.
 */
export async function pickLearnerClass(
  conversation: SceneConversation,
  ctx: SceneContext,
  userId: number,
  opts: { none: string; prompt: string; prefix: string },
): Promise<{ id: string; name: string } | undefined> {
  const classes = await conversation.external(async () =>
    (await ctx.deps.store.classes.classesOfLearner(userId)).map((c) => ({ id: c.id, name: c.name })),
  );
  if (classes.length === 0) {
    await ctx.reply(ctx.t(opts.none));
    return undefined;
  }
  if (classes.length === 1) return classes[0];
  const id = await askChoice(conversation, ctx, {
    prompt: opts.prompt,
    invalid: "choice-invalid",
    prefix: opts.prefix,
    choices: classes.map((c) => ({ value: c.id, label: c.name.slice(0, 60) })),
    perRow: 1,
  });
  return classes.find((c) => c.id === id);
}
