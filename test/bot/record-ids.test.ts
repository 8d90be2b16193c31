/**
 * Ids that survive a wipe: every kind of button still fits Telegram's 64 bytes with the new ids, ids of the old
 * shape keep working, and a button whose record is gone says so (and does nothing else).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { callbackKinds } from "../../src/bot/callback-data.js";
import { CAPABILITIES } from "../../src/bot/index.js";
import { type IdLetter, isId, newId } from "../../src/store/ids.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

const LETTERS: IdLetter[] = ["c", "q", "f", "m", "a"];

/** The longest value a field's schema accepts, among the shapes a real press carries. */
function longest(schema: z.ZodType): string | number {
  const inner = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
  if (inner instanceof z.ZodEnum) {
    return (inner.options as string[]).reduce((a, b) => (String(b).length > String(a).length ? b : a));
  }
  if (inner instanceof z.ZodNumber) return inner.maxValue ?? Number.MAX_SAFE_INTEGER;
  if (inner instanceof z.ZodString) {
    const candidates = [...LETTERS.map(newId), "s9999", "x".repeat(inner.maxLength ?? 0)];
    const fits = candidates.filter((c) => inner.safeParse(c).success);
    if (fits.length === 0) throw new Error(`no sample value for ${JSON.stringify(inner.def)}`);
    return fits.reduce((a, b) => (b.length > a.length ? b : a));
  }
  throw new Error(`a field of a kind this test does not know: ${inner.constructor.name}`);
}

describe("record ids", () => {
  it("are the letter, the time and six more characters, unique in a burst, and both shapes are accepted", () => {
    // Far more than one millisecond's worth: a burst in one process never repeats an id.
    const ids = new Set(Array.from({ length: 20_000 }, () => newId("c")));
    expect(ids.size).toBe(20_000);
    for (const id of ids) expect(id).toMatch(/^c[0-9a-z]{14}$/);
    expect(isId("c", "c1")).toBe(true);
    expect(isId("q", "q42")).toBe(true);
    expect(isId("q", newId("q"))).toBe(true);
    expect(isId("q", newId("c"))).toBe(false);
    expect(isId("c", "c1' OR '1'='1")).toBe(false);
  });

  it("every kind of button, packed with its longest fields and the new ids, fits in 64 bytes", () => {
    expect(CAPABILITIES.length).toBeGreaterThan(0);
    const kinds = callbackKinds();
    expect(kinds.length).toBeGreaterThan(30);
    const sizes: Record<string, number> = {};
    for (const kind of kinds) {
      const value = Object.fromEntries(Object.entries(kind.shape).map(([f, s]) => [f, longest(s as z.ZodType)]));
      const data = kind.pack(value);
      sizes[kind.prefix] = Buffer.byteLength(data);
      expect(kind.unpack(data), data).toBeDefined();
      expect(Buffer.byteLength(data), data).toBeLessThanOrEqual(64);
    }
    // The class card's and the grade's buttons carry the most.
    expect(sizes.cls).toBeGreaterThan(40);
  });
});

describe("a button whose record is gone", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => h.close());

  const alert = (calls: Awaited<ReturnType<Harness["run"]>>) =>
    calls.find((c) => c.method === "answerCallbackQuery")?.payload as { text?: string; show_alert?: boolean };

  it("says so for a rating, a class card, a question, an FAQ entry, an announcement and a report, and stores nothing", async () => {
    await h.say(users.an, "/start");
    await h.say(users.coordinator, "/start");
    const gone = h.deps.i18n.t("vi", "callback-record-gone");
    const cases: [string, (typeof users)[keyof typeof users]][] = [
      [`fbr:${newId("c")}:s01:4`, users.an],
      [`fbr:c1:s01:4`, users.an],
      [`fbx:${newId("c")}:s01`, users.an],
      [`ann:f:${newId("a")}`, users.an],
      [`cls:o:${newId("c")}`, users.coordinator],
      [`rps:o:${newId("c")}:${users.an.id}`, users.coordinator],
      [`qst:a:${newId("q")}`, users.coordinator],
      [`faq:r:${newId("f")}`, users.coordinator],
      [`mtl:remove:${newId("m")}`, users.coordinator],
    ];
    for (const [data, who] of cases) {
      const before = (await h.redis.keys(`${h.prefix}*`)).sort();
      const calls = await h.run(h.emu.click(who, h.last(who).message_id, data));
      expect(alert(calls), data).toMatchObject({ text: gone, show_alert: true });
      expect(
        calls.filter((c) => c.method === "sendMessage"),
        data,
      ).toEqual([]);
      expect(
        (await h.redis.keys(`${h.prefix}*`)).sort().filter((k) => !/:(upd|rl):/.test(k)),
        data,
      ).toEqual(before.filter((k) => !/:(upd|rl):/.test(k)));
    }
  });
});
