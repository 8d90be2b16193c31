/**
 * Questions: in a private chat, any plain text nobody else took (and `/ask <question>`) is a question. It is first
 * understood (src/search/understand.ts): a question about using the bot gets the guidance, one about the learner's
 * own class is answered from their data (course.ts), small talk gets a short reply and the menu, and a question near
 * the course that the material does not cover is declined with the offer to ask an instructor. Everything else is a
 * question about the program. The answer is the best passage of the material, trimmed around the match with the matched words in
 * bold, with its source and buttons for the next results and for asking an instructor. When the material does not
 * answer, the bot says so and offers up to three near topics instead of presenting a junk passage. Every button
 * carries the short id of its own question, so one under an older answer acts on that older question.
 *
 * Last in the router's list: menus, check-in codes and scenes take their text first.
 */
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { ContentError, formatProblem } from "../../../content/load.js";
import { renderExcerpt } from "../../../search/excerpt.js";
import type { SearchResponse } from "../../../search/index.js";
import { formatHeadingPath, type Passage } from "../../../search/passages.js";
import { type IntentMatch, intentKind, isSure, routeOf, searchReading } from "../../../search/understand.js";
import { readerScopes } from "../../../store/materials.js";
import { AskInstructor, callbackData } from "../../callback-data.js";
import { CapabilityBuilder } from "../../capability.js";
import { commandPayload } from "../../command.js";
import type { BotContext, QaSession } from "../../context.js";
import { syncFaqBeforeSearch } from "../../faq-sync.js";
import { escapeHtml } from "../../format.js";
import { mainMenu } from "../../menu.js";
import { courseAnswer } from "./course.js";

/** Longest question searched; longer text is cut (and the user told), since a question is never that long. */
const MAX_QUESTION_CHARS = 600;
const MAX_RESULTS = 5;
/** Questions remembered per chat, so the buttons under the last few answers keep working on their own question. */
const RECENT_QUESTIONS = 10;
/** Longest suggestion label: a phone shows about this much on a full-width button. */
const MAX_LABEL_CHARS = 40;

const QuestionNo = z.coerce.number().int().min(0).max(999_999).optional();
/** «Kết quả khác»: the next result of the question numbered `q` (the latest when absent: older buttons). */
const NextResult = callbackData("qa:n", {
  i: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_RESULTS - 1),
  q: QuestionNo,
});
/** A "did you mean" topic of the question numbered `q`. */
const Suggestion = callbackData("qa:s", { i: z.coerce.number().int().min(0).max(2), q: QuestionNo });
/** The request about the bot or the class that the question numbered `q` came close to. */
const NearIntent = callbackData("qa:i", { q: QuestionNo });

/** Where a passage comes from: its heading path, and for a centre's own file the file name and page first. */
function source(ctx: BotContext, p: Passage): string {
  if (p.scope === undefined || p.kind === "faq") return formatHeadingPath(p);
  const path = formatHeadingPath(p);
  return p.page
    ? ctx.t("material-cite-page", { file: p.file, page: p.page, path })
    : ctx.t("material-cite", { file: p.file, path });
}

/**
 * An answer as read on a phone: source, excerpt, and — once per session — the result counter and, for material the
 * editors summarised, a one-line note; the buttons already say how many results there are.
 */
function renderHit(ctx: BotContext, p: Passage, terms: string[], n: number, total: number, noted: boolean): string {
  const body = renderExcerpt(p.text, terms, { escape: escapeHtml, wrap: (s) => `<b>${s}</b>` }, { maxChars: 900 });
  const parts = [ctx.t("qa-source", { source: escapeHtml(source(ctx, p)) }), "", body];
  if (!noted) {
    parts.push("");
    if (p.confidence !== "high") parts.push(ctx.t("qa-medium-short"));
    parts.push(ctx.t("qa-footer", { n, total }));
  }
  return parts.join("\n");
}

/** One button a row: two side by side are cut off on a narrow screen. */
function hitKeyboard(ctx: BotContext, q: number, n: number, total: number): InlineKeyboard {
  const kb = new InlineKeyboard();
  if (n < total) kb.text(ctx.t("qa-more", { n: n + 1, total }), NextResult.pack({ i: n, q })).row();
  return kb.text(ctx.t("qa-ask-instructor"), AskInstructor.pack({ q }));
}

function shortLabel(label: string): string {
  const leaf = label.split(" › ").at(-1) ?? label;
  return leaf.length > MAX_LABEL_CHARS ? `${leaf.slice(0, MAX_LABEL_CHARS - 1).trimEnd()}…` : leaf;
}

/** Remembers a question under a new short id (the last few are kept) and returns the id. */
async function remember(ctx: BotContext, entry: Omit<QaSession, "n" | "said">, said?: string): Promise<number> {
  const session = await ctx.session;
  const recent = session.qaRecent ?? [];
  const n = ((recent.at(-1)?.n ?? session.qa?.n ?? 0) + 1) % 1_000_000;
  // Kept once, in the list: the session is written on every answer, so its size is paid per question.
  session.qaRecent = [...recent, { ...entry, ...(said ? { said } : {}), n }].slice(-RECENT_QUESTIONS);
  session.qa = undefined;
  return n;
}

/** Shown once per session: after the first answer, the note and counter stay out of the way. */
async function takeNoted(ctx: BotContext): Promise<boolean> {
  const session = await ctx.session;
  const noted = session.qaNoted === true;
  if (!noted) session.qaNoted = true;
  return noted;
}

/** The reply to an intent: guidance, small talk (with the menu), a declined question, or the learner's own data. */
/** The Fluent key of a request's short name on a button («Cách điểm danh»). */
const intentLabelKey = (id: string) => `intent-label-${id.replace(/\./g, "-")}`;

async function answerIntent(ctx: BotContext, intent: IntentMatch, question: string, said?: string): Promise<void> {
  const key = `intent-${intent.id.replace(/\./g, "-")}`;
  switch (intent.kind) {
    case "chat":
      await ctx.reply(ctx.t(key), { reply_markup: mainMenu(ctx, ctx.role) });
      return;
    case "usage":
      // With the menu: the button that does what was asked is right under the guidance.
      await ctx.reply(ctx.t(key), { reply_markup: mainMenu(ctx, ctx.role) });
      return;
    case "course":
      await ctx.reply(await courseAnswer(ctx, intent.id, question), { link_preview_options: { is_disabled: true } });
      return;
    case "decline": {
      const q = await remember(ctx, { q: question, hits: [] }, said);
      await ctx.reply(ctx.t("intent-declined"), {
        reply_markup: new InlineKeyboard().text(ctx.t("qa-ask-instructor"), AskInstructor.pack({ q })),
      });
      return;
    }
  }
}

/** The best passage with its source and the buttons for the next results and for asking an instructor. */
async function presentAnswer(
  ctx: BotContext,
  res: SearchResponse,
  question: string,
  lead: string,
  said?: string,
): Promise<void> {
  const hits = res.results.map((h) => ({ id: h.passage.id, terms: h.matchedTerms }));
  const q = await remember(ctx, { q: question, hits }, said);
  const first = res.results[0]!;
  const noted = await takeNoted(ctx);
  await ctx.reply(lead + renderHit(ctx, first.passage, first.matchedTerms, 1, hits.length, noted), {
    reply_markup: hitKeyboard(ctx, q, 1, hits.length),
    link_preview_options: { is_disabled: true },
  });
}

/** Understand, then search unless an intent is sure, and reply; the heart of the feature. */
async function answerQuestion(ctx: BotContext, raw: string): Promise<void> {
  const knowledge = ctx.deps.knowledge;
  if (!knowledge) {
    await ctx.reply(ctx.t("qa-unavailable"));
    return;
  }
  const text = raw.normalize("NFC").trim();
  const cut = text.length > MAX_QUESTION_CHARS;
  const message = cut ? text.slice(0, MAX_QUESTION_CHARS) : text;
  if (!/[\p{L}\p{N}]/u.test(message)) {
    await ctx.reply(ctx.t("qa-empty"));
    return;
  }
  const understood = knowledge.understand(message);
  const question = understood.question;
  // What an instructor is sent from «Hỏi giảng viên»: the whole message when the question was cut from a story.
  const said = understood.trimmed ? message : undefined;
  const sure = understood.intent && isSure(understood) ? understood.intent : undefined;
  if (sure && sure.kind !== "decline") {
    ctx.log.info({ q: message.slice(0, 200), intent: sure.id }, "question");
    await answerIntent(ctx, sure, question, said);
    return;
  }
  await syncFaqBeforeSearch(ctx);
  // The reader's classes are read only when some passage is not for everyone.
  const scopes = ctx.from && knowledge.scoped ? await readerScopes(ctx.deps.store, ctx.from.id) : [];
  if (sure) {
    // Lodging, lunch, what to wear: the program is silent, but the reader's own class or centre may have answered it
    // in its FAQ; only their scoped entries are asked, since the general material does not answer such a question.
    const own =
      scopes.length > 0 ? knowledge.search(question, { limit: MAX_RESULTS, scopes, scopedOnly: true }) : undefined;
    ctx.log.info({ q: message.slice(0, 200), intent: sure.id, scoped: own?.confident === true }, "question");
    if (own?.confident && own.results.length > 0) await presentAnswer(ctx, own, question, "", said);
    else await answerIntent(ctx, sure, question, said);
    return;
  }
  const read = searchReading(understood, (q) => knowledge.search(q, { limit: MAX_RESULTS, scopes }));
  const res = read.res;
  const asked = read.question;
  let route = routeOf(understood, {
    confident: res.confident,
    confidence: res.signals?.confidence ?? 0,
    wide: read.wide,
  });
  // A near-course question the reader's own FAQ answers is answered from it rather than declined.
  if (route.kind === "intent" && route.intent.kind === "decline" && res.confident) {
    if (res.results[0]?.passage.scope !== undefined) route = { kind: "answer" };
  }
  ctx.log.info(
    {
      q: message.slice(0, 200),
      normalized: res.normalizedQuery,
      confident: res.confident,
      coverage: res.coverage,
      intent: route.kind === "intent" ? route.intent.id : undefined,
    },
    "question",
  );
  if (route.kind === "intent") {
    await answerIntent(ctx, route.intent, asked, said);
    return;
  }
  const notes: string[] = [];
  if (cut) notes.push(ctx.t("qa-long-question", { chars: MAX_QUESTION_CHARS }));
  if (route.kind === "answer" && understood.rest) {
    notes.push(ctx.t("qa-answered-part", { part: escapeHtml(asked), rest: escapeHtml(understood.rest) }));
  }
  const lead = notes.length > 0 ? `${notes.join("\n")}\n\n` : "";
  if (route.kind === "answer" && res.results.length > 0) {
    await presentAnswer(ctx, res, asked, lead, said);
    return;
  }
  // No answer: offer the nearest topics the search judged close enough, never a passage as if it answered.
  const suggestionIds: string[] = [];
  const labels: string[] = [];
  res.suggestions.slice(0, 3).forEach((label, i) => {
    const id = res.suggestionIds[i];
    if (!id) return;
    labels.push(shortLabel(label));
    suggestionIds.push(id);
  });
  // «Nãy giờ mình nhắn với máy hay với người?»: close to a request the bot can do, which is offered first.
  const near = understood.near;
  const q = await remember(
    ctx,
    { q: asked, hits: [], suggestions: suggestionIds, ...(near ? { near: near.id } : {}) },
    said,
  );
  const kb = new InlineKeyboard();
  if (near) kb.text(ctx.t("qa-near", { what: ctx.t(intentLabelKey(near.id)) }), NearIntent.pack({ q })).row();
  labels.forEach((label, i) => {
    kb.text(label, Suggestion.pack({ i, q })).row();
  });
  kb.text(ctx.t("qa-ask-instructor"), AskInstructor.pack({ q }));
  const lines = [lead + ctx.t("qa-no-answer")];
  if (suggestionIds.length > 0 || near) lines.push("", ctx.t("qa-did-you-mean"));
  else lines.push("", ctx.t("qa-no-answer-next"));
  await ctx.reply(lines.join("\n"), { reply_markup: kb });
}

async function reload(ctx: BotContext): Promise<void> {
  const knowledge = ctx.deps.knowledge;
  if (!knowledge) {
    await ctx.reply(ctx.t("qa-unavailable"));
    return;
  }
  try {
    const stats = await knowledge.reload();
    await ctx.reply(ctx.t("reload-done", { docs: stats.docs, passages: stats.passages, ms: stats.buildMs }));
  } catch (err) {
    if (!(err instanceof ContentError)) throw err;
    // In the coordinator's language, as content:check words them.
    const problems = err.problems
      .slice(0, 20)
      .map((p) => escapeHtml(formatProblem(p, (key, vars) => ctx.t(key, vars))))
      .join("\n");
    await ctx.reply(ctx.t("reload-failed", { problems }));
  }
}

/** The question a button names (the latest for buttons without an id), with the FAQ in step. */
async function questionOf(ctx: BotContext, q: number | undefined) {
  await syncFaqBeforeSearch(ctx);
  const session = await ctx.session;
  const state = q === undefined ? (session.qaRecent?.at(-1) ?? session.qa) : session.qaRecent?.find((e) => e.n === q);
  const index = ctx.deps.knowledge?.index;
  return state && index ? { state, index } : undefined;
}

const expired = (ctx: BotContext) => ctx.answerCallbackQuery({ text: ctx.t("qa-expired"), show_alert: true });

export const qa = new CapabilityBuilder("qa")
  .command("ask", async (ctx) => {
    const q = commandPayload(ctx);
    if (!q) {
      await ctx.reply(ctx.t("qa-ask-prompt"));
      return;
    }
    await answerQuestion(ctx, q);
  })
  .command("reload", reload)
  .callback(NextResult, { invalid: "qa-expired" }, async (ctx, { i, q }) => {
    const last = await questionOf(ctx, q);
    const hit = last?.state.hits[i];
    const passage = hit && last?.index.get(hit.id);
    if (!last || !hit || !passage) return expired(ctx);
    await ctx.answerCallbackQuery();
    const n = last.state.n ?? 0;
    await ctx.reply(renderHit(ctx, passage, hit.terms, i + 1, last.state.hits.length, await takeNoted(ctx)), {
      reply_markup: hitKeyboard(ctx, n, i + 1, last.state.hits.length),
      link_preview_options: { is_disabled: true },
    });
  })
  .callback(Suggestion, { invalid: "qa-expired" }, async (ctx, { i, q }) => {
    const last = await questionOf(ctx, q);
    const id = last?.state.suggestions?.[i];
    const passage = id ? last?.index.get(id) : undefined;
    if (!last || !passage) return expired(ctx);
    await ctx.answerCallbackQuery();
    await ctx.reply(renderHit(ctx, passage, [], 1, 1, await takeNoted(ctx)), {
      reply_markup: new InlineKeyboard().text(ctx.t("qa-ask-instructor"), AskInstructor.pack({ q: last.state.n })),
      link_preview_options: { is_disabled: true },
    });
  })
  .callback(NearIntent, { invalid: "qa-expired" }, async (ctx, { q }) => {
    const last = await questionOf(ctx, q);
    const id = last?.state.near;
    const kind = id ? intentKind(id) : undefined;
    if (!last || !id || (kind !== "usage" && kind !== "course")) return expired(ctx);
    await ctx.answerCallbackQuery();
    // Read when tapped: the learner's class, schedule and grade as they are now.
    await answerIntent(ctx, { id, kind, score: 0 }, last.state.q);
  })
  // Any plain text no other capability took is a question (the router hands it here last).
  .text(
    () => true,
    async (ctx) => {
      await answerQuestion(ctx, ctx.message?.text ?? "");
    },
  )
  .build();
