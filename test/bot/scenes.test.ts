/**
 * `scenes(...)` (src/bot/scenes.ts) registers the scenes only on the updates that need them. Seen from the chat it
 * must be indistinguishable from installing each `createConversation` one after another, as @grammyjs/conversations
 * documents: same replies, same scene entered, resumed, skipped and left. Both wirings get the same conversation.
 */
import { type Conversation, conversations, createConversation } from "@grammyjs/conversations";
import { Bot, type Context } from "grammy";
import { describe, expect, it } from "vitest";
import { FastBot, tail } from "../../src/bot/composer.js";
import { scenes } from "../../src/bot/scenes.js";
import { BotApiEmulator } from "../../src/sandbox/emulator.js";

type Ctx = Context & { conversation: import("@grammyjs/conversations").ConversationControls };

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

function build(wiring: "one after another" | "scenes()", emu: BotApiEmulator) {
  const bot =
    wiring === "scenes()"
      ? new FastBot<Ctx>("1:test", { botInfo: emu.botInfo, client: { fetch: emu.fetch } })
      : new Bot<Ctx>("1:test", { botInfo: emu.botInfo, client: { fetch: emu.fetch } });
  bot.use(conversations<Ctx, Context>());
  if (wiring === "scenes()") {
    bot.use(
      tail(
        scenes<Ctx, Context>([
          { id: "name", builder: askName },
          { id: "number", builder: askNumber },
        ]),
      ),
    );
  } else {
    bot.use(createConversation(askName, { id: "name", parallel: false }));
    bot.use(createConversation(askNumber, { id: "number", parallel: false }));
  }
  bot.command("name", (ctx) => ctx.conversation.enter("name"));
  bot.command("number", (ctx) => ctx.conversation.enter("number"));
  bot.command("active", (ctx) => ctx.reply(`active ${JSON.stringify(ctx.conversation.active())}`));
  bot.command("wrong", (ctx) => ctx.conversation.enter("nope"));
  bot.on("message:text", (ctx) => ctx.reply(`fallback ${ctx.message.text}`));
  return bot;
}

async function transcript(wiring: "one after another" | "scenes()", says: string[]): Promise<string[]> {
  const emu = new BotApiEmulator();
  const bot = build(wiring, emu);
  await bot.init();
  const user = { id: 7, first_name: "An", language_code: "vi" };
  const out: string[] = [];
  for (const text of says) {
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

const says = ["hi", "/active", "/name", "/active", "Lan", "/active", "/number", "7", "x", "/wrong"];

describe("scenes(): the scenes registered only when needed", () => {
  it("answers exactly as the scenes installed one after another", async () => {
    const expected = [
      "fallback hi",
      "active {}",
      "name?",
      'active {"name":1}',
      "hello Lan",
      "active {}",
      "number?",
      "got 7",
      "fallback x",
      "error: The conversation 'nope' has not been registered",
    ];
    expect(await transcript("one after another", says)).toEqual(expected);
    expect(await transcript("scenes()", says)).toEqual(expected);
  });
});
