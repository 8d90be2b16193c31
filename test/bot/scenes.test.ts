/**
 * `scenes(...)` and `sceneLayer(...)` (src/bot/scenes.ts) run the scenes, and the conversations plugin, only on the
 * updates that need them. Seen from the chat they must be indistinguishable from installing the plugin and each
 * `createConversation` one after another, as @grammyjs/conversations documents: same replies, same scene entered,
 * resumed, skipped, cancelled and left, also across a restart. Every wiring gets the same conversation.
 */
import {
  type Conversation,
  type ConversationData,
  conversations,
  createConversation,
  type VersionedState,
} from "@grammyjs/conversations";
import { Bot, type Context, MemorySessionStorage } from "grammy";
import { describe, expect, it } from "vitest";
import { FastBot, FastComposer, tail } from "../../src/bot/composer.js";
import { sceneLayer, scenes } from "../../src/bot/scenes.js";
import { BotApiEmulator } from "../../src/sandbox/emulator/index.js";

type Ctx = Context & {
  conversation: import("@grammyjs/conversations").ConversationControls;
  updateStart?: { sceneState?: boolean };
};
type Wiring = "one after another" | "scenes()" | "sceneLayer()";
type Storage = MemorySessionStorage<VersionedState<ConversationData>>;

async function askName(conversation: Conversation<Ctx, Context>, ctx: Context) {
  await ctx.reply("name?");
  for (;;) {
    const answer = await conversation.waitFor("message:text");
    // A scene may let an update through to the rest of the bot and keep waiting (here: commands).
    if (answer.message.text.startsWith("/")) await conversation.skip({ next: true });
    await answer.reply(`hello ${answer.message.text}`);
    return;
  }
}

async function askNumber(conversation: Conversation<Ctx, Context>, ctx: Context) {
  await ctx.reply("number?");
  const answer = await conversation.waitFor("message:text");
  await answer.reply(`got ${answer.message.text}`);
}

function build(wiring: Wiring, emu: BotApiEmulator, adapter: Storage) {
  const bot =
    wiring === "one after another"
      ? new Bot<Ctx>("1:test", { botInfo: emu.botInfo, client: { fetch: emu.fetch } })
      : new FastBot<Ctx>("1:test", { botInfo: emu.botInfo, client: { fetch: emu.fetch } });
  const storage = { type: "key" as const, adapter, prefix: "conv:" };
  const cancel = new FastComposer<Ctx>();
  cancel.command("cancel", async (ctx) => {
    const active = Object.keys(ctx.conversation.active()).length > 0;
    await ctx.conversation.exitAll();
    await ctx.reply(active ? "cancelled" : "nothing to cancel");
  });
  const entries = [
    { id: "name", builder: askName },
    { id: "number", builder: askNumber },
  ];
  if (wiring === "sceneLayer()") {
    // What the app's first round trip tells (UpdateStart.sceneState): is there scene state for this chat?
    bot.use((ctx, next) => {
      ctx.updateStart = { sceneState: adapter.has(`conv:${ctx.chat?.id}`) };
      return next();
    });
    bot.use(sceneLayer<Ctx, Context>({ conversations: { storage }, scenes: entries, before: cancel.middleware() }));
  } else {
    bot.use(conversations<Ctx, Context>({ storage }));
    bot.use(cancel);
    if (wiring === "scenes()") {
      bot.use(tail(scenes<Ctx, Context>(entries)));
    } else {
      bot.use(createConversation(askName, { id: "name", parallel: false }));
      bot.use(createConversation(askNumber, { id: "number", parallel: false }));
    }
  }
  bot.command("name", (ctx) => ctx.conversation.enter("name"));
  bot.command("number", (ctx) => ctx.conversation.enter("number"));
  bot.command("active", (ctx) => ctx.reply(`active ${JSON.stringify(ctx.conversation.active())}`));
  bot.command("wrong", (ctx) => ctx.conversation.enter("nope"));
  bot.on("message:text", (ctx) => ctx.reply(`fallback ${ctx.message.text}`));
  return bot;
}

/** What the user sees for each message; `restartAt` builds a new bot (same storage) before that message. */
async function transcript(wiring: Wiring, says: string[], restartAt?: number): Promise<string[]> {
  const emu = new BotApiEmulator();
  const adapter: Storage = new MemorySessionStorage();
  let bot = build(wiring, emu, adapter);
  await bot.init();
  const user = { id: 7, first_name: "An", language_code: "vi" };
  const out: string[] = [];
  for (const [k, text] of says.entries()) {
    if (k === restartAt) {
      bot = build(wiring, emu, adapter);
      await bot.init();
    }
    const before = emu.calls.length;
    try {
      await bot.handleUpdate(emu.text(user, text));
    } catch (err) {
      out.push(`error: ${/The conversation '\w+' has not been registered/.exec(String(err))?.[0] ?? String(err)}`);
    }
    for (const call of emu.calls.slice(before)) {
      if (call.method === "sendMessage") out.push(String(call.payload.text));
    }
  }
  return out;
}

const says = ["hi", "/active", "/cancel", "/name", "/active", "Lan", "/active", "/number", "7", "x", "/wrong"];
const wirings: Wiring[] = ["one after another", "scenes()", "sceneLayer()"];

describe("scenes() and sceneLayer(): the scenes and the plugin run only when needed", () => {
  it("answer exactly as the plugin and the scenes installed one after another", async () => {
    const expected = [
      "fallback hi",
      "active {}",
      "nothing to cancel",
      "name?",
      'active {"name":1}',
      "hello Lan",
      "active {}",
      "number?",
      "got 7",
      "fallback x",
      "error: The conversation 'nope' has not been registered",
    ];
    for (const wiring of wirings) expect(await transcript(wiring, says), wiring).toEqual(expected);
  });

  it("a scene entered before a restart resumes after it, and /cancel leaves it", async () => {
    const steps = ["/number", "/cancel", "/active", "/name", "Bình", "/name", "/cancel", "x"];
    const expected = ["number?", "cancelled", "active {}", "name?", "hello Bình", "name?", "cancelled", "fallback x"];
    for (const wiring of wirings) {
      for (const restartAt of [1, 4, 6]) {
        expect(await transcript(wiring, steps, restartAt), `${wiring}, restart before #${restartAt}`).toEqual(expected);
      }
    }
  });
});
