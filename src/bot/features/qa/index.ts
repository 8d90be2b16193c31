/**
 * Questions about the program: in a private chat, any plain text nobody else took (and `/ask <question>`) is a
 * question. The answer is the best passage of the material, trimmed around the match with the matched words in
 * bold, with its source and buttons for the next results and for asking an instructor. When the material does not
 * answer, the bot says so and offers up to three near topics instead of presenting a junk passage.
 *
 * Last in the router's list: menus, check-in codes and scenes take their text first.
 */
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { ContentError } from "../../../content/load.js";
import { renderExcerpt } from "../../../search/excerpt.js";
import { formatHeadingPath, type Passage } from "../../../search/passages.js";
import { readerScopes } from "../../../store/materials.js";
import { callbackData } from "../../callback-data.js";
import { CapabilityBuilder } from "../../capability.js";
import { commandPayload } from "../../command.js";
import type { BotContext } from "../../context.js";
import { syncFaqBeforeSearch } from "../../faq-sync.js";
import { escapeHtml } from "../../format.js";

/** Longest question searched; longer text is cut (and the user told), since a question is never that long. */
const MAX_QUESTION_CHARS = 600;
const MAX_RESULTS = 5;

/** «Kết quả khác»: the next result of the last question. */
const NextResult = callbackData("qa:n", {
  i: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_RESULTS - 1),
});
/** A "did you mean" topic of the last question. */
const Suggestion = callbackData("qa:s", { i: z.coerce.number().int().min(0).max(2) });
/** «Hỏi giảng viên»: taken by the questions capability. */
const ASK_INSTRUCTOR = "qa:ask";

/** Where a passage comes from: its heading path, and for a centre's own file the file name and page first. */
function source(ctx: BotContext, p: Passage): string {
  if (p.scope === undefined) return formatHeadingPath(p);
  const path = formatHeadingPath(p);
  return p.page
    ? ctx.t("material-cite-page", { file: p.file, page: p.page, path })
    : ctx.t("material-cite", { file: p.file, path });
}

function renderHit(ctx: BotContext, p: Passage, terms: string[], n: number, total: number, note?: string): string {
  const body = renderExcerpt(p.text, terms, { escape: escapeHtml, wrap: (s) => `<b>${s}</b>` }, { maxChars: 900 });
  const parts = [ctx.t("qa-source", { source: escapeHtml(source(ctx, p)) }), "", body, ""];
  if (p.confidence !== "high") parts.push(ctx.t("qa-medium-confidence"));
  parts.push(ctx.t("qa-footer", { n, total }));
  if (note) parts.unshift(note, "");
  return parts.join("\n");
}

function hitKeyboard(ctx: BotContext, n: number, total: number): InlineKeyboard {
  const kb = new InlineKeyboard();
  if (n < total) kb.text(ctx.t("qa-more", { n: n + 1, total }), NextResult.pack({ i: n }));
  return kb.text(ctx.t("qa-ask-instructor"), ASK_INSTRUCTOR);
}

/** Search and reply; the heart of the feature. */
async function answerQuestion(ctx: BotContext, raw: string): Promise<void> {
  const knowledge = ctx.deps.knowledge;
  if (!knowledge) {
    await ctx.reply(ctx.t("qa-unavailable"));
    return;
  }
  const text = raw.normalize("NFC").trim();
  const cut = text.length > MAX_QUESTION_CHARS;
  const question = cut ? text.slice(0, MAX_QUESTION_CHARS) : text;
  if (!/[\p{L}\p{N}]/u.test(question)) {
    await ctx.reply(ctx.t("qa-empty"));
    return;
  }
  await syncFaqBeforeSearch(ctx);
  const scopes = ctx.from ? await readerScopes(ctx.deps.store, ctx.from.id) : [];
  const res = knowledge.search(question, { limit: MAX_RESULTS, scopes });
  ctx.log.info(
    { q: question.slice(0, 200), normalized: res.normalizedQuery, confident: res.confident, coverage: res.coverage },
    "question",
  );
  const note = cut ? ctx.t("qa-long-question", { chars: MAX_QUESTION_CHARS }) : undefined;
  if (res.confident && res.results.length > 0) {
    const hits = res.results.map((h) => ({ id: h.passage.id, terms: h.matchedTerms }));
    (await ctx.session).qa = { q: question, hits };
    const first = res.results[0]!;
    await ctx.reply(renderHit(ctx, first.passage, first.matchedTerms, 1, hits.length, note), {
      reply_markup: hitKeyboard(ctx, 1, hits.length),
      link_preview_options: { is_disabled: true },
    });
    return;
  }
  // No answer: offer the nearest topics the search judged close enough, never a passage as if it answered.
  const suggestionIds: string[] = [];
  const kb = new InlineKeyboard();
  res.suggestions.slice(0, 3).forEach((label, i) => {
    const id = res.suggestionIds[i];
    if (!id) return;
    kb.text(label.length > 60 ? `${label.slice(0, 57)}…` : label, Suggestion.pack({ i: suggestionIds.length })).row();
    suggestionIds.push(id);
  });
  kb.text(ctx.t("qa-ask-instructor"), ASK_INSTRUCTOR);
  (await ctx.session).qa = { q: question, hits: [], suggestions: suggestionIds };
  const lines = [ctx.t("qa-no-answer")];
  if (note) lines.unshift(note, "");
  if (suggestionIds.length > 0) lines.push("", ctx.t("qa-did-you-mean"));
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
    const problems = err.message.split("\n").slice(0, 20).map(escapeHtml).join("\n");
    await ctx.reply(ctx.t("reload-failed", { problems }));
  }
}

/** The last question's state, with the FAQ in step (the passage may be an entry another process added since). */
async function lastQuestion(ctx: BotContext) {
  await syncFaqBeforeSearch(ctx);
  const state = (await ctx.session).qa;
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
  .callback(NextResult, { invalid: "qa-expired" }, async (ctx, { i }) => {
    const last = await lastQuestion(ctx);
    const hit = last?.state.hits[i];
    const passage = hit && last?.index.get(hit.id);
    if (!last || !hit || !passage) return expired(ctx);
    await ctx.answerCallbackQuery();
    await ctx.reply(renderHit(ctx, passage, hit.terms, i + 1, last.state.hits.length), {
      reply_markup: hitKeyboard(ctx, i + 1, last.state.hits.length),
      link_preview_options: { is_disabled: true },
    });
  })
  .callback(Suggestion, { invalid: "qa-expired" }, async (ctx, { i }) => {
    const last = await lastQuestion(ctx);
    const id = last?.state.suggestions?.[i];
    const passage = id ? last?.index.get(id) : undefined;
    if (!passage) return expired(ctx);
    await ctx.answerCallbackQuery();
    await ctx.reply(renderHit(ctx, passage, [], 1, 1), {
      reply_markup: new InlineKeyboard().text(ctx.t("qa-ask-instructor"), ASK_INSTRUCTOR),
      link_preview_options: { is_disabled: true },
    });
  })
  // Any plain text no other capability took is a question (the router hands it here last).
  .text(
    () => true,
    async (ctx) => {
      await answerQuestion(ctx, ctx.message?.text ?? "");
    },
  )
  .build();
