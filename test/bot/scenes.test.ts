/**
 * Each capability registers its own scenes inside its composer, and the router (src/bot/index.ts) hands an update to
 * the capability of the chat's active scene first. Seen from the chat this must be indistinguishable from installing
 * the plugin and every `createConversation` one after another, as @grammyjs/conversations documents: same replies,
 * same scene entered, resumed, skipped, cancelled and left, also across a restart.
 */
import {
  type Conversation,
  type ConversationData,
  conversations,
  createConversation,
  type VersionedState,
} from "@grammyjs/conversations";
import { Bot, Composer, type Context, MemorySessionStorage } from "grammy";
import { describe, expect, it } from "vitest";
import type { Capability } from "../../src/bot/capability.js";
import { commandName } from "../../src/bot/command.js";
import { router } from "../../src/bot/index.js";
import { BotApiEmulator } from "../../src/sandbox/emulator/index.js";

type Ctx = Context & { conversation: import("@grammyjs/conversations").ConversationControls };
type Wiring = "one after another" | "capabilities and the router";
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

/** A capability as CapabilityBuilder makes one: its scenes first, then its commands; it owns those commands. */
function capability(name: string, commands: string[], setup: (c: Composer<Ctx>) => void, sceneIds: string[] = []) {
  const composer = new Composer<Ctx>();
  setup(composer);
  return {
    name,
    composer,
    owns: (ctx: Ctx) => commands.includes(commandName(ctx) ?? ""),
    sceneIds,
    commands,
    callbackPrefixes: [],
    labels: [],
    rights: { callbacks: [], scenes: [] },
  };
}

function build(wiring: Wiring, emu: BotApiEmulator, adapter: Storage) {
  const bot = new Bot<Ctx>("1:test", { botInfo: emu.botInfo, client: { fetch: emu.fetch } });
  const storage = { type: "key" as const, adapter, prefix: "conv:" };
  bot.use(conversations<Ctx, Context>({ storage }));
  const cancel = async (ctx: Ctx) => {
    const active = Object.keys(ctx.conversation.active()).length > 0;
    await ctx.conversation.exitAll();
    await ctx.reply(active ? "cancelled" : "nothing to cancel");
  };
  const active = (ctx: Ctx) => ctx.reply(`active ${JSON.stringify(ctx.conversation.active())}`);
  if (wiring === "one after another") {
    bot.command("cancel", cancel);
    bot.use(createConversation(askName, { id: "name", parallel: false }));
    bot.use(createConversation(askNumber, { id: "number", parallel: false }));
    bot.command("name", (ctx) => ctx.conversation.enter("name"));
    bot.command("number", (ctx) => ctx.conversation.enter("number"));
    bot.command("active", active);
    bot.command("wrong", (ctx) => ctx.conversation.enter("nope"));
  } else {
    const caps = [
      capability("scenes", ["cancel"], (c) => c.command("cancel", cancel)),
      capability(
        "names",
        ["name"],
        (c) => {
          c.use(createConversation(askName, { id: "name", parallel: false }));
          c.command("name", (ctx) => ctx.conversation.enter("name"));
        },
        ["name"],
      ),
      capability(
        "numbers",
        ["number"],
        (c) => {
          c.use(createConversation(askNumber, { id: "number", parallel: false }));
          c.command("number", (ctx) => ctx.conversation.enter("number"));
        },
        ["number"],
      ),
      capability("tools", ["active", "wrong"], (c) => {
        c.command("active", active);
        c.command("wrong", (ctx) => ctx.conversation.enter("nope"));
      }),
    ];
    // The test's context is smaller than the bot's; the router only reads what both have.
    bot.lazy(router(caps as unknown as Capability[]) as unknown as (ctx: Ctx) => Promise<Composer<Ctx>[]>);
  }
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
const wirings: Wiring[] = ["one after another", "capabilities and the router"];

describe("scenes registered per capability, routed to the active one", () => {
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
