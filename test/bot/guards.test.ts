/**
 * Routing by guard: each capability's guard (`owns`) says which updates are its business, and the
 * router hands an update only to the capabilities whose guard says so. These contracts hold the guards to what the
 * handlers really match: commands as grammY reads them (with this bot's @name, not another bot's, not in a caption),
 * callback-data prefixes, reply-keyboard labels in every language; and a role withdrawn while a scene waits stops
 * the scene's commit.
 */
import { Bot, Context } from "grammy";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import type { Capability } from "../../src/bot/capability.js";
import { commandName } from "../../src/bot/command.js";
import { COMMANDS } from "../../src/bot/commands.js";
import type { BotContext } from "../../src/bot/context.js";
import { CAPABILITIES, layers, router } from "../../src/bot/index.js";
import { MENU_ITEMS } from "../../src/bot/menu.js";
import { BotApiEmulator, type EmuUser } from "../../src/sandbox/emulator/index.js";
import { clock, setUpClass, submitTextReport } from "../helpers/coursework.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/**
 * The names of the capabilities that own `update`, read with the real stack up to the router (profile, role, lazy
 * session, i18n, scene state), as the router reads them.
 */
async function ownersOf(update: Update): Promise<string[]> {
  const probe = new Bot<BotContext>("123456:TEST-token", { botInfo: h.emu.botInfo, client: { fetch: h.emu.fetch } });
  const stack = layers(h.deps);
  for (const layer of stack.slice(
    0,
    stack.findIndex((l) => l.name.startsWith("router")),
  ))
    probe.use(layer.middleware);
  const owners: string[] = [];
  probe.use(async (ctx) => {
    for (const cap of CAPABILITIES) if (await cap.owns(ctx)) owners.push(cap.name);
  });
  await probe.handleUpdate(update);
  return owners;
}

/** The capabilities the router hands `update` to, in order. */
async function routedTo(update: Update): Promise<string[]> {
  const probe = new Bot<BotContext>("123456:TEST-token", { botInfo: h.emu.botInfo, client: { fetch: h.emu.fetch } });
  const stack = layers(h.deps);
  for (const layer of stack.slice(
    0,
    stack.findIndex((l) => l.name.startsWith("router")),
  ))
    probe.use(layer.middleware);
  const route = router(CAPABILITIES);
  const picked: string[] = [];
  probe.use(async (ctx) => {
    for (const composer of await route(ctx)) picked.push(nameOf(composer));
  });
  await probe.handleUpdate(update);
  return picked;
}

const nameOf = (composer: unknown) => (CAPABILITIES.find((c) => c.composer === composer) as Capability).name;

describe("a command is a command exactly when grammY's command filter says so", () => {
  const emu = new BotApiEmulator();
  const me = emu.botInfo.username;
  const ctxOf = (update: Update) => new Context(update, {} as never, emu.botInfo);
  const cases: [string, Update][] = [
    ["/help", emu.text(users.an, "/help")],
    ["/help with text after it", emu.text(users.an, "/help me please")],
    ["/help@this_bot", emu.text(users.an, `/help@${me}`)],
    ["/help@THIS_BOT in capitals", emu.text(users.an, `/help@${me.toUpperCase()}`)],
    ["/help@another_bot", emu.text(users.an, "/help@another_bot")],
    ["/HELP in capitals", emu.text(users.an, "/HELP")],
    ["text that mentions /help later", emu.text(users.an, "how do I use /help")],
  ];
  const withoutEntity = emu.text(users.an, "/help");
  cases.push([
    "a slash without a command entity",
    { ...withoutEntity, message: { ...withoutEntity.message, entities: undefined } } as Update,
  ]);
  const photo = emu.photo(users.an, { file_size: 1000 });
  cases.push([
    "a photo whose caption starts with /help",
    {
      ...photo,
      message: {
        ...photo.message,
        caption: "/help",
        caption_entities: [{ type: "bot_command", offset: 0, length: 5 }],
      },
    } as Update,
  ]);

  for (const [what, update] of cases) {
    it(what, () => {
      const grammy = Context.has.command("help")(ctxOf(update));
      expect(commandName(ctxOf(update)) === "help", what).toBe(grammy);
    });
  }
});

describe("each capability's guard lets through exactly its updates", () => {
  it("every command of COMMANDS has exactly one owner (a bare /start and /start <code> two different ones)", async () => {
    h = await createHarness({ rateLimit: { limit: 100_000, windowMs: 10_000 } });
    for (const spec of COMMANDS) {
      const owners = await ownersOf(h.emu.text(users.an, `/${spec.command}`));
      expect(owners, `/${spec.command}`).toHaveLength(1);
      expect(await ownersOf(h.emu.text(users.an, `/${spec.command}@${h.emu.botInfo.username}`))).toEqual(owners);
      // Another bot's command is nobody's (the fallback answers it), and so is the same word in a caption.
      expect(await ownersOf(h.emu.text(users.an, `/${spec.command}@another_bot`)), `/${spec.command}@other`).toEqual(
        [],
      );
    }
    expect(await ownersOf(h.emu.text(users.an, "/start"))).toEqual(["account"]);
    expect(await ownersOf(h.emu.text(users.an, "/start Lc1abcdefghij"))).toEqual(["joining"]);
    expect(await ownersOf(h.emu.text(users.an, "/nosuchcommand"))).toEqual([]);
  });

  it("the declared commands are those of COMMANDS, each declared once (but /start and /help, also in groups)", () => {
    const declared = CAPABILITIES.flatMap((c) => c.commands);
    expect([...new Set(declared)].sort()).toEqual(COMMANDS.map((c) => c.command).sort());
    const repeated = declared.filter((name, i) => declared.indexOf(name) !== i);
    expect([...new Set(repeated)].sort()).toEqual(["help", "start"]);
  });

  it("a button's data belongs to the capability of its prefix, and to no other", async () => {
    h = await createHarness({ rateLimit: { limit: 100_000, windowMs: 10_000 } });
    await h.say(users.an, "/help");
    const messageId = h.last(users.an).message_id;
    for (const cap of CAPABILITIES) {
      for (const prefix of cap.callbackPrefixes) {
        expect(await ownersOf(h.emu.click(users.an, messageId, `${prefix}:x`)), prefix).toEqual([cap.name]);
      }
    }
    expect(await ownersOf(h.emu.click(users.an, messageId, "zz:1"))).toEqual([]);
    // A prefix is a whole segment: "cls" does not own "clsx:1".
    expect(await ownersOf(h.emu.click(users.an, messageId, "clsx:1"))).toEqual([]);
  });

  it("a reply-keyboard label, in Vietnamese and in English, belongs to its capability; plain text to Q&A", async () => {
    h = await createHarness({ rateLimit: { limit: 100_000, windowMs: 10_000 } });
    for (const item of MENU_ITEMS) {
      const owner = CAPABILITIES.filter((c) => c.labels.includes(item.key)).map((c) => c.name);
      expect(owner, item.key).toHaveLength(1);
      for (const locale of ["vi", "en"]) {
        const label = h.deps.i18n.t(locale, item.key);
        expect(await ownersOf(h.emu.text(users.an, label)), `${locale} ${label}`).toEqual([...owner, "qa"]);
      }
    }
    expect(await ownersOf(h.emu.text(users.an, "chi bo la gi"))).toEqual(["qa"]);
    // Four digits may be a check-in code: check-in looks first, then Q&A.
    expect(await ownersOf(h.emu.text(users.an, "1234"))).toEqual(["checkin", "qa"]);
  });

  it("in a group only /start and /help are answered (by account); nothing else is anyone's", async () => {
    h = await createHarness({ rateLimit: { limit: 100_000, windowMs: 10_000 } });
    const group = { id: -1001, type: "group" as const, title: "Lớp" };
    const inGroup = (text: string) => {
      const u = h.emu.text(users.an, text);
      return { ...u, message: { ...u.message, chat: group } } as Update;
    };
    expect(await ownersOf(inGroup("/start"))).toEqual(["account"]);
    expect(await ownersOf(inGroup("/help"))).toEqual(["account"]);
    expect(await ownersOf(inGroup("/schedule"))).toEqual([]);
    expect(await ownersOf(inGroup("chi bo la gi"))).toEqual([]);
  });

  it("while a scene is active its capability comes first, and /cancel goes to scene control alone", async () => {
    h = await createHarness({ rateLimit: { limit: 100_000, windowMs: 10_000 } });
    await h.say(users.an, "/register");
    expect(await routedTo(h.emu.text(users.an, "Nguyễn Văn An"))).toEqual(["account", "qa"]);
    expect(await routedTo(h.emu.text(users.an, "/schedule"))).toEqual(["account", "schedule"]);
    expect(await routedTo(h.emu.text(users.an, "/cancel"))).toEqual(["scenes"]);
    // Without a scene the same text is Q&A's alone.
    await h.say(users.an, "/cancel");
    expect(await routedTo(h.emu.text(users.an, "Nguyễn Văn An"))).toEqual(["qa"]);
  });
});

describe("a right withdrawn while a scene waits stops its commit", () => {
  async function appointed(user: EmuUser) {
    await h.store.users.addCoordinator(user.id);
    await h.say(user, "/start");
  }

  it("a coordinator dismissed half-way through /newclass does not create the class on «Tạo lớp»", async () => {
    // Before the start date typed below, which would otherwise be a past date to confirm.
    const now = () => new Date("2026-11-30T02:00:00Z");
    h = await createHarness({ now, rateLimit: { limit: 100_000, windowMs: 10_000 } });
    await appointed(users.binh);
    await h.say(users.binh, "/newclass");
    for (const answer of ["Lớp bồi dưỡng khoá II", "Trung tâm", "Hội trường B", "01/12/2026"]) {
      await h.say(users.binh, answer);
    }
    await h.tap(users.binh, "5 ngày");
    await h.store.users.removeCoordinator(users.binh.id);
    const reply = h.texts(await h.tap(users.binh, "Tạo lớp")).join("\n");
    expect(reply).toContain(h.deps.i18n.t("vi", "not-allowed", { role: h.deps.i18n.t("vi", "role-coordinator") }));
    expect(await h.store.classes.list()).toEqual([]);
  });

  it("a coordinator dismissed while typing a new venue leaves the class's venue as it was", async () => {
    h = await createHarness({ rateLimit: { limit: 100_000, windowMs: 10_000 } });
    const record = await setUpClass(h);
    await appointed(users.binh);
    await h.run(h.emu.click(users.binh, h.last(users.binh).message_id, `cls:v:${record.id}`));
    await h.store.users.removeCoordinator(users.binh.id);
    const reply = (await h.say(users.binh, "Hội trường mới")).join("\n");
    expect(reply).toContain(h.deps.i18n.t("vi", "not-allowed", { role: h.deps.i18n.t("vi", "role-coordinator") }));
    expect((await h.store.classes.get(record.id))?.venue).toBe(record.venue);
  });

  it("a learner removed from the class while writing the report submits nothing to it", async () => {
    h = await createHarness({ rateLimit: { limit: 100_000, windowMs: 10_000 } });
    const record = await setUpClass(h);
    await h.say(users.an, "/report");
    await h.say(users.an, "Bản thu hoạch của An");
    await h.tap(users.an, "Xong");
    await h.store.classes.removeLearner(record.id, users.an.id);
    const reply = h.texts(await h.tap(users.an, "Nộp")).join("\n");
    expect(reply).toContain(h.deps.i18n.t("vi", "rights-not-in-class"));
    expect(await h.store.reports.versions(record.id, users.an.id)).toEqual([]);
  });

  it("a learner removed from the class while writing a field-visit reflection stores nothing", async () => {
    const c = clock();
    h = await createHarness({ now: c.now, rateLimit: { limit: 100_000, windowMs: 10_000 } });
    const record = await setUpClass(h);
    c.set("2026-12-04T04:00:00Z"); // the field visit (s07) has ended
    await h.say(users.an, "/help");
    await h.run(h.emu.click(users.an, h.last(users.an).message_id, `fbx:${record.id}:s07`));
    await h.store.classes.removeLearner(record.id, users.an.id);
    const reply = (await h.say(users.an, "Chi bộ bạn sinh hoạt rất nền nếp")).join("\n");
    expect(reply).toContain(h.deps.i18n.t("vi", "rights-not-in-class"));
    expect((await h.store.feedback.reflections(record.id, "s07")).size).toBe(0);
  });

  it("a learner removed from the class before sending a question asks its instructors nothing", async () => {
    h = await createHarness({ rateLimit: { limit: 100_000, windowMs: 10_000 } });
    const record = await setUpClass(h);
    await h.say(users.an, "/question Sinh hoạt chi bộ chuyên đề mấy lần một năm?");
    await h.store.classes.removeLearner(record.id, users.an.id);
    const reply = h.texts(await h.tap(users.an, "Gửi")).join("\n");
    expect(reply).toContain(h.deps.i18n.t("vi", "rights-not-in-class"));
    expect(await h.store.questions.ofClass(record.id)).toEqual([]);
  });

  it("an instructor taken off the class while typing an answer does not answer", async () => {
    h = await createHarness({ rateLimit: { limit: 100_000, windowMs: 10_000 } });
    const record = await setUpClass(h);
    await h.say(users.an, "/question Sinh hoạt chi bộ chuyên đề mấy lần một năm?");
    await h.tap(users.an, "Gửi");
    const [q] = await h.store.questions.ofClass(record.id);
    await h.run(h.emu.click(users.lan, h.last(users.lan).message_id, `qst:a:${q?.id}`));
    await h.store.classes.removeInstructor(record.id, users.lan.id);
    const reply = (await h.say(users.lan, "Ít nhất mỗi quý một lần")).join("\n");
    expect(reply).toContain(h.deps.i18n.t("vi", "not-allowed", { role: h.deps.i18n.t("vi", "role-instructor") }));
    expect((await h.store.questions.get(q?.id ?? ""))?.status).not.toBe("answered");
  });

  it("a coordinator dismissed while choosing whom to appoint appoints no instructor", async () => {
    h = await createHarness({ rateLimit: { limit: 100_000, windowMs: 10_000 } });
    const record = await setUpClass(h);
    await appointed(users.binh);
    await h.say(users.stranger, "/start");
    await h.run(h.emu.click(users.binh, h.last(users.binh).message_id, `cls:ia:${record.id}`));
    await h.store.users.removeCoordinator(users.binh.id);
    const reply = (await h.say(users.binh, String(users.stranger.id))).join("\n");
    expect(reply).toContain(h.deps.i18n.t("vi", "not-allowed", { role: h.deps.i18n.t("vi", "role-coordinator") }));
    expect(await h.store.classes.instructors(record.id)).toEqual([users.lan.id]);
  });

  it("an instructor taken off the class while writing the comment does not grade the report", async () => {
    h = await createHarness({ rateLimit: { limit: 100_000, windowMs: 10_000 } });
    const record = await setUpClass(h);
    await submitTextReport(h, users.an, "Bản thu hoạch của An");
    await h.say(users.lan, "/reports");
    await h.tap(users.lan, "Nguyễn Văn An");
    await h.tap(users.lan, "Khá");
    await h.store.classes.removeInstructor(record.id, users.lan.id);
    const reply = (await h.say(users.lan, "Tốt")).join("\n");
    expect(reply).toContain(h.deps.i18n.t("vi", "not-allowed", { role: h.deps.i18n.t("vi", "role-instructor") }));
    expect(await h.store.reports.grades(record.id, users.an.id)).toEqual([]);
  });
});
