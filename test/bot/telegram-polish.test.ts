/**
 * How the bot looks and behaves in Telegram itself: its menus per scope and language, its description, the language
 * of a first-time user, and what it does when blocked or added to a group.
 */
import { afterEach, describe, expect, it } from "vitest";
import { publishBotTexts, publishCommands } from "../../src/bot/commands.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const english = { id: 3001, first_name: "Anna", language_code: "en-GB" };

describe("the bot in Telegram", () => {
  it("answers a first-time user in their app's language until they choose one", async () => {
    h = await createHarness();
    const [hello] = await h.say(english, "/start");
    expect(hello).toContain("Hello");
    const [vi] = await h.say(users.an, "/start");
    expect(vi).toContain("Xin chào");
  });

  it("publishes the learner menu in private chats only, and republishes it in the language chosen with /language", async () => {
    h = await createHarness();
    await publishCommands(h.bot.api, h.deps.i18n, h.deps.logger);
    const published = h.emu.calls.filter((c) => c.method === "setMyCommands").map((c) => c.payload);
    expect(published.map((p) => (p.scope as { type: string }).type)).toEqual([
      "all_private_chats",
      "all_private_chats",
    ]);
    expect(h.emu.calls.some((c) => c.method === "deleteMyCommands")).toBe(true);

    await h.say(users.an, "/language");
    await h.tap(users.an, "English");
    const mine = h.emu.calls.filter(
      (c) => c.method === "setMyCommands" && (c.payload.scope as { chat_id?: number }).chat_id === users.an.id,
    );
    expect(mine).toHaveLength(1);
    const commands = mine[0]?.payload.commands as { command: string; description: string }[];
    expect(commands.find((c) => c.command === "help")?.description).toMatch(/[A-Za-z]/);
    expect(JSON.stringify(commands)).not.toMatch(/[ăâđêôơư]/);
  });

  it("sets its description and short description in vi and en, and only when they differ", async () => {
    h = await createHarness();
    await publishBotTexts(h.bot.api, h.deps.i18n, h.deps.logger);
    const sets = h.emu.calls.filter((c) => c.method.startsWith("setMy") && c.method.includes("Description"));
    expect(sets).toHaveLength(4);
    expect(sets.map((c) => c.payload.language_code ?? "vi").sort()).toEqual(["en", "en", "vi", "vi"]);
    const before = h.emu.calls.length;
    await publishBotTexts(h.bot.api, h.deps.i18n, h.deps.logger);
    expect(h.emu.calls.slice(before).filter((c) => c.method.startsWith("setMy"))).toEqual([]);
  });

  it("marks a learner who blocks the bot unreachable at once, and clears it when they unblock", async () => {
    h = await createHarness();
    await h.say(users.an, "/start");
    const member = (status: string) => ({
      my_chat_member: {
        chat: { id: users.an.id, type: "private", first_name: users.an.first_name },
        from: users.an,
        date: Math.floor(Date.now() / 1000),
        old_chat_member: { status: status === "kicked" ? "member" : "kicked", user: h.emu.botInfo },
        new_chat_member: { status, user: h.emu.botInfo, ...(status === "kicked" ? { until_date: 0 } : {}) },
      },
    });
    await h.run(h.emu.raw(member("kicked")));
    expect((await h.store.announcements.unreachable([users.an.id])).get(users.an.id)?.reason).toBe("blocked the bot");
    await h.run(h.emu.raw(member("member")));
    expect((await h.store.announcements.unreachable([users.an.id])).size).toBe(0);
  });

  it("says one polite line in a group it is added to, and leaves", async () => {
    h = await createHarness();
    const calls = await h.run(
      h.emu.raw({
        my_chat_member: {
          chat: { id: -100123, type: "supergroup", title: "Chi bộ 3" },
          from: users.an,
          date: Math.floor(Date.now() / 1000),
          old_chat_member: { status: "left", user: h.emu.botInfo },
          new_chat_member: { status: "member", user: h.emu.botInfo },
        },
      }),
    );
    const said = calls.filter((c) => c.method === "sendMessage");
    expect(said).toHaveLength(1);
    expect(String(said[0]?.payload.text)).toContain("tin nhắn riêng");
    expect(calls.some((c) => c.method === "leaveChat" && c.payload.chat_id === -100123)).toBe(true);
  });

  it("counts and formats numbers in each language: one version, 3 versions; 4,5 in Vietnamese, 4.5 in English", async () => {
    h = await createHarness();
    const t = (l: string, k: string, v: Record<string, string | number>) => h.deps.i18n.t(l, k, v);
    expect(t("en", "eval-report-versions", { n: 1 })).toBe("Submitted (one version)");
    expect(t("en", "eval-report-versions", { n: 3 })).toBe("Submitted (3 versions)");
    expect(t("en", "cls-list-line", { learners: 1, name: "K1", id: "c1", start: "01/12" })).toContain("one learner");
    expect(t("vi", "eval-rating", { avg: 4.5, n: 2 })).toBe("4,5/5 (2)");
    expect(t("en", "eval-rating", { avg: 4.5, n: 1 })).toBe("4.5/5 (one rating)");
  });
});
