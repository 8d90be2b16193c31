/**
 * The session (`sess:<chat>` in Redis) is grammY's lazy session: a command or a button that has nothing to remember
 * leaves it alone (nothing stored), a question and its buttons keep working.
 */
import { afterEach, describe, expect, it } from "vitest";
import { keys } from "../../src/store/index.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe("through the bot", () => {
  it("/help, /start and the language buttons store no session; a question does, and its buttons work", async () => {
    h = await createHarness();
    await h.say(users.an, "/start");
    await h.say(users.an, "/help");
    await h.say(users.an, "/language");
    await h.tap(users.an, "Tiếng Việt");
    expect(await h.redis.get(`${keys.sessionPrefix}${users.an.id}`)).toBeNull();

    const answer = (await h.say(users.an, "nhiem vu cua chi bo la gi")).join("\n");
    expect(answer).toContain("Kết quả 1/");
    expect(JSON.parse((await h.redis.get(`${keys.sessionPrefix}${users.an.id}`)) ?? "{}")).toMatchObject({
      qaRecent: [{ q: "nhiem vu cua chi bo la gi" }],
    });
    // «Kết quả khác» answers from the session: the next passage of the same question.
    const first = h.last(users.an).text ?? "";
    const more = h.texts(await h.tap(users.an, "Kết quả khác")).join("\n");
    expect(more.length).toBeGreaterThan(0);
    expect(more).not.toBe(first);
    expect(more).not.toContain(h.deps.i18n.t("vi", "qa-expired"));
  });
});
