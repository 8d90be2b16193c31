/**
 * FastComposer / FastBot behave like grammY's Composer / Bot: same order, same `next` rules, same filters.
 * Each case runs the same registrations on both and compares what happened.
 */
import { Api, Composer, Context } from "grammy";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { FastBot, FastComposer, tail } from "../../src/bot/composer.js";
import { BotApiEmulator } from "../../src/sandbox/emulator/index.js";

const me = new BotApiEmulator().botInfo;
const api = new Api("1:test");

function textUpdate(text: string, chatType: "private" | "group" = "private"): Update {
  const command = text.startsWith("/")
    ? [{ type: "bot_command" as const, offset: 0, length: text.split(" ")[0]!.length }]
    : undefined;
  return {
    update_id: 1,
    message: {
      message_id: 1,
      date: 0,
      chat:
        chatType === "private" ? { id: 5, type: "private", first_name: "An" } : { id: -5, type: "group", title: "g" },
      from: { id: 5, is_bot: false, first_name: "An" },
      text,
      ...(command ? { entities: command } : {}),
    },
  } as Update;
}

type Make = () => Composer<Context>;
const kinds: [string, Make][] = [
  ["grammY Composer", () => new Composer<Context>()],
  ["FastComposer", () => new FastComposer<Context>()],
];

/** Registers a small feature tree like ours and returns the log of what ran for `text`. */
async function trace(make: Make, text: string, chatType: "private" | "group" = "private"): Promise<string[]> {
  const log: string[] = [];
  const root = make();
  root.use(async (_ctx, next) => {
    log.push("first");
    await next();
    log.push("first after");
  });
  const feature = make();
  const pm = feature.chatType("private");
  pm.command("help", (ctx) => {
    log.push(`help match=${String(ctx.match)}`);
  });
  pm.command("start", async (ctx, next) => {
    if (ctx.match === "") return next();
    log.push(`start code=${String(ctx.match)}`);
  });
  pm.filter(
    async (ctx) => ctx.message?.text === "async",
    () => {
      log.push("async predicate");
    },
  );
  pm.on("message:text", async (ctx, next) => {
    log.push(`text ${ctx.message.text}`);
    await next();
  });
  root.use(feature);
  const other = make();
  other.command("start", () => {
    log.push("start (other)");
  });
  other.use(
    (_ctx, next) => {
      log.push("a");
      return next();
    },
    (_ctx, next) => {
      log.push("b");
      return next();
    },
  );
  root.use(other);
  root.on("message", () => {
    log.push("fallback");
  });
  await root.middleware()(new Context(textUpdate(text, chatType), api, me), async () => {
    log.push("leaf");
  });
  return log;
}

describe("FastComposer runs middleware exactly like grammY's Composer", () => {
  const at = me.username;
  for (const text of [
    "/help me",
    "/start",
    "/start c1-abc",
    "async",
    "hello",
    "/unknown",
    `/help@${at} now`,
    `/help@${at.toUpperCase()}`,
    "/help@someone_else_bot",
    "/Help",
    "/start@ c1",
    "x /help",
  ]) {
    it(`same path for «${text}» in a private chat and in a group`, async () => {
      const [grammy, fast] = await Promise.all(kinds.map(([, make]) => trace(make, text)));
      expect(fast).toEqual(grammy);
      const [grammyGroup, fastGroup] = await Promise.all(kinds.map(([, make]) => trace(make, text, "group")));
      expect(fastGroup).toEqual(grammyGroup);
    });
  }

  it("calling next twice is an error, as in grammY", async () => {
    for (const [, make] of kinds) {
      const c = make();
      c.use(async (_ctx, next) => {
        await next();
        await next();
      });
      c.use(() => {});
      await expect(c.middleware()(new Context(textUpdate("x"), api, me), async () => {})).rejects.toThrow(
        "`next` already called before!",
      );
    }
  });

  it("a throwing handler rejects, and handlers added after installation still run", async () => {
    const c = new FastComposer<Context>();
    const late = new FastComposer<Context>();
    c.use(late);
    late.use(() => {
      throw new Error("boom");
    });
    await expect(c.middleware()(new Context(textUpdate("x"), api, me), async () => {})).rejects.toThrow("boom");
  });

  it("FastBot dispatches updates through its own chain", async () => {
    const bot = new FastBot("1:test", { botInfo: me });
    const seen: string[] = [];
    bot.command("help", () => {
      seen.push("help");
    });
    bot.on("message:text", (ctx) => {
      seen.push(`text ${ctx.message.text}`);
    });
    await bot.handleUpdate(textUpdate("/help"));
    await bot.handleUpdate(textUpdate("hi"));
    expect(seen).toEqual(["help", "text hi"]);
  });

  it("middleware marked tail runs in the same order, and stops the update when it does not call next", async () => {
    for (const marked of [false, true]) {
      const seen: string[] = [];
      const bot = new FastBot("1:test", { botInfo: me });
      const scene = (name: string, handles: string) => async (ctx: Context, next: () => Promise<void>) => {
        seen.push(name);
        if (ctx.message?.text === handles) return;
        await next();
      };
      const wrap = (mw: ReturnType<typeof scene>) => (marked ? tail(mw) : mw);
      bot.use(wrap(scene("scene a", "a")));
      bot.use(wrap(scene("scene b", "b")));
      bot.on("message:text", (ctx) => {
        seen.push(`feature ${ctx.message.text}`);
      });
      await bot.handleUpdate(textUpdate("b"));
      await bot.handleUpdate(textUpdate("x"));
      expect(seen).toEqual(["scene a", "scene b", "scene a", "scene b", "feature x"]);
    }
  });
});
