/**
 * The authorization matrix: every privileged command (from COMMANDS, whose roles the capabilities install as
 * `requireRole`), and every privileged button and scene entry the capabilities declare (`Capability.rights`, recorded
 * where each handler is registered) is tried by a learner, a stranger who never registered and — once classes exist —
 * an instructor of ANOTHER class. Each is refused with the clear "only for …" reply, and nothing in Redis changes
 * (every key of this bot's prefix is compared before and after, except the per-update dedupe and rate-limit keys).
 * Forged and garbage button data get an answer (no spinner, no crash) and change nothing either; so do a learner's
 * own buttons aimed at what is not theirs to write: another learner's report, a session that does not exist or has
 * not happened, a reflection of a lesson, the follow-up survey of a class still running.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { COMMANDS } from "../../src/bot/commands.js";
import { ROLE_RANK, type Role } from "../../src/bot/context.js";
import { CAPABILITIES } from "../../src/bot/index.js";
import type { ApiCall, EmuUser } from "../../src/sandbox/emulator/index.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";
import { shownBy } from "../helpers/shown.js";

let h: Harness;
let raw: Redis;
/** Set when the store has classes: class A (the target) and class B (taught by the "other" instructor). */
let classA = "c-none";
/** A question asked in class A and an FAQ entry answered in it (what the question and FAQ buttons aim at). */
let questionA = "q-none";
let faqA = "f-none";
let hasClasses = false;

/** What the matrix needs of the class repository, duck-typed so that this file depends on no feature's types. */
interface ClassesLike {
  nextId(): Promise<string>;
  create(record: unknown): Promise<void>;
  addLearner(classId: string, userId: number): Promise<unknown>;
  addInstructor(classId: string, userId: number): Promise<unknown>;
}

/** A lesson that ended yesterday (`s01`), one that starts tomorrow (`s02`). */
function sessionsAround(now: Date) {
  const at = (hours: number) => new Date(now.getTime() + hours * 3600_000).toISOString();
  const session = (id: string, from: number, day: number) => ({
    id,
    kind: "lesson",
    lesson: day,
    title: `Bài ${day}`,
    start: at(from),
    end: at(from + 3),
    day,
    half: "morning",
  });
  return [session("s01", -27, 1), session("s02", 21, 2)];
}

function minimalClass(id: string, name: string, now: Date) {
  return {
    id,
    name,
    timeZone: "Asia/Ho_Chi_Minh",
    variant: 4,
    startDate: now.toISOString().slice(0, 10),
    context: { timeZone: "Asia/Ho_Chi_Minh" },
    sessions: sessionsAround(now),
    learnerCode: `L${id}abcdefghij`,
    instructorCode: `I${id}abcdefghij`,
    createdAt: now.toISOString(),
  };
}

beforeAll(async () => {
  // Generous rate limit: the matrix sends many updates per actor in a second.
  h = await createHarness({ rateLimit: { limit: 10_000, windowMs: 10_000 } });
  raw = new Redis(inject("redisUrl"));
  await h.store.users.update(users.an.id, { fullName: "Nguyễn Văn An", unit: "Chi bộ 1", position: "bi_thu" });
  const classes = (h.store as unknown as { classes?: ClassesLike }).classes;
  if (classes) {
    hasClasses = true;
    const now = new Date();
    classA = await classes.nextId();
    await classes.create(minimalClass(classA, "Lớp A", now));
    const classB = await classes.nextId();
    await classes.create(minimalClass(classB, "Lớp B", now));
    await classes.addLearner(classA, users.an.id);
    await classes.addLearner(classA, users.binh.id);
    await h.store.reports.addVersion(classA, users.binh.id, {
      parts: [{ kind: "text", text: "Bản thu hoạch của Bình" }],
      submittedAt: now.toISOString(),
      late: false,
    });
    await classes.addInstructor(classB, users.lan.id);
    const asked = { classId: classA, userId: users.an.id, text: "Câu hỏi của An", askedAt: now.toISOString() };
    questionA = (await h.store.questions.create(asked)).id;
    const entry = { question: "Hỏi", answer: "Đáp", classId: classA, addedBy: 1, addedAt: now.toISOString() };
    faqA = (await h.store.faq.add(entry)).id;
  }
  // Every actor has talked to the bot once, so first-contact bookkeeping is not mistaken for a change.
  for (const u of [users.an, users.binh, users.stranger, users.lan]) await h.say(u, "/start");
});

afterAll(async () => {
  raw?.disconnect();
  await h?.close();
});

/** Every key of this bot's prefix with its value, except per-update keys (dedupe claims, rate-limit counters). */
async function snapshot(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  let cursor = "0";
  do {
    const [next, found] = await raw.scan(cursor, "MATCH", `${h.prefix}*`, "COUNT", 1000);
    cursor = next;
    for (const key of found) {
      const name = key.slice(h.prefix.length);
      if (name.startsWith("upd:") || name.startsWith("rl:")) continue;
      const type = await raw.type(key);
      if (type === "string") out[name] = await raw.get(key);
      else if (type === "set") out[name] = (await raw.smembers(key)).sort();
      else if (type === "hash") out[name] = await raw.hgetall(key);
      else if (type === "zset") out[name] = await raw.zrange(key, 0, -1, "WITHSCORES");
      else if (type === "list") out[name] = await raw.lrange(key, 0, -1);
      else out[name] = type;
    }
  } while (cursor !== "0");
  return out;
}

const refusal = (min: Role) => h.deps.i18n.t("vi", "not-allowed", { role: h.deps.i18n.t("vi", `role-${min}`) });

const shown = (calls: ApiCall[]) => shownBy(h, calls);

async function press(user: EmuUser, data: string): Promise<ApiCall[]> {
  await h.say(user, "/help"); // a bot message to attach the button to, as a forger would use
  return h.run(h.emu.click(user, h.last(user).message_id, data));
}

interface Actor {
  who: string;
  user: EmuUser;
  role: Role;
  /** Only when classes exist: an instructor, but of class B. */
  needsClasses?: boolean;
}

const ACTORS: Actor[] = [
  { who: "a learner", user: users.an, role: "learner" },
  { who: "a stranger who never registered", user: users.stranger, role: "learner" },
  { who: "an instructor of another class", user: users.lan, role: "instructor", needsClasses: true },
];

const privilegedCommands = COMMANDS.filter((c) => c.role !== "learner");
const PRIVILEGED_CALLBACKS = CAPABILITIES.flatMap((c) => c.rights.callbacks);
const PRIVILEGED_SCENES = CAPABILITIES.flatMap((c) => c.rights.scenes);
/**
 * The records forged data aims at: class A (which the forger has no power over), An's report, a session, and a
 * question and an FAQ entry of class A.
 */
const targets = () => ({
  classId: classA,
  learnerId: users.an.id,
  sessionId: "s01",
  questionId: questionA,
  faqId: faqA,
});

describe("privileged commands", () => {
  it("the matrix is not empty: at least one privileged command exists", () => {
    expect(privilegedCommands.length).toBeGreaterThan(0);
  });

  for (const actor of ACTORS) {
    it(`${actor.who}: every command above their role is refused, with nothing changed`, async () => {
      if (actor.needsClasses && !hasClasses) return;
      const tried: string[] = [];
      for (const c of privilegedCommands) {
        if (ROLE_RANK[actor.role] >= ROLE_RANK[c.role]) continue;
        for (const text of [`/${c.command}`, `/${c.command} ${classA} now`]) {
          const before = await snapshot();
          const reply = shown(await h.run(h.emu.text(actor.user, text)));
          expect(reply, `${actor.who} → ${text}`).toContain(refusal(c.role));
          expect(await snapshot(), `${actor.who} → ${text} changed the store`).toEqual(before);
          tried.push(text);
        }
      }
      expect(tried.length).toBeGreaterThan(0);
    });
  }
});

describe("privileged buttons and scene entries (forged callback data)", () => {
  for (const actor of ACTORS) {
    it(`${actor.who}: every privileged button is refused with an alert, with nothing changed`, async () => {
      if (actor.needsClasses && !hasClasses) return;
      for (const row of PRIVILEGED_CALLBACKS) {
        const refused =
          ROLE_RANK[actor.role] < ROLE_RANK[row.role] || (row.classScoped && actor.role !== "coordinator");
        if (!refused) continue;
        for (const data of row.samples(targets())) {
          const before = await snapshot();
          const calls = await press(actor.user, data);
          const answer = calls.find((c) => c.method === "answerCallbackQuery");
          expect(answer, `${actor.who} → ${data}: the button must be answered`).toBeDefined();
          const needed = row.classScoped && ROLE_RANK[actor.role] >= ROLE_RANK[row.role] ? "instructor" : row.role;
          expect(shown(calls), `${actor.who} → ${data} (${row.name})`).toContain(refusal(needed));
          expect(await snapshot(), `${actor.who} → ${data} changed the store`).toEqual(before);
        }
      }
    });

    it(`${actor.who}: no privileged scene can be entered`, async () => {
      if (actor.needsClasses && !hasClasses) return;
      for (const scene of PRIVILEGED_SCENES) {
        const refused =
          ROLE_RANK[actor.role] < ROLE_RANK[scene.role] || (scene.classScoped && actor.role !== "coordinator");
        if (!refused) continue;
        const needed = scene.classScoped && ROLE_RANK[actor.role] >= ROLE_RANK[scene.role] ? "instructor" : scene.role;
        for (const entry of scene.entries(targets())) {
          const before = await snapshot();
          const calls =
            "command" in entry
              ? await h.run(h.emu.text(actor.user, `/${entry.command}`))
              : await press(actor.user, entry.callback);
          expect(shown(calls), `${actor.who} → scene ${scene.id}`).toContain(refusal(needed));
          // No conversation state was written: the scene did not start.
          expect(await snapshot(), `${actor.who} → scene ${scene.id} changed the store`).toEqual(before);
        }
      }
    });
  }
});

describe("garbage and forged button data", () => {
  const GARBAGE = [
    "",
    "x",
    ":",
    "::::",
    "cls:",
    "cls:o:",
    "cls:o:../../etc/passwd",
    "cls:rm:c1' OR '1'='1",
    "cp:copen:",
    "cp::c1",
    "cp:copen:c99999999999999999999",
    "lang:",
    "lang:xx",
    "lang:vi:extra",
    "reg:pos:bi_thu",
    "reg:ok:yes",
    "qa:n:99",
    "qa:s:-1",
    "rs:__proto__",
    "__proto__",
    "constructor",
    "%00%00",
    "\u0000\u0001\u0002",
    "💥".repeat(16),
    "\u202Eevil\u202C",
    "a".repeat(64),
  ];

  it("each gets an answer (no endless spinner), never the generic error, and changes nothing", async () => {
    for (const user of [users.an, users.stranger]) {
      for (const data of GARBAGE) {
        const before = await snapshot();
        const calls = await press(user, data);
        expect(
          calls.some((c) => c.method === "answerCallbackQuery"),
          `no answer to ${JSON.stringify(data)}`,
        ).toBe(true);
        expect(shown(calls)).not.toContain(h.deps.i18n.t("vi", "error-generic"));
        expect(await snapshot(), `${JSON.stringify(data)} changed the store`).toEqual(before);
      }
    }
  });
});

describe("a learner's own buttons, forged at what is not theirs to write", () => {
  const refusedWith = (key: string) => h.deps.i18n.t("vi", key);
  const cases = (): [string, string, string][] => [
    ["another learner's report, opened", `rps:o:${classA}:${users.binh.id}`, refusal("instructor")],
    ["another learner's report, graded", `rps:g:${classA}:${users.binh.id}:gioi`, refusal("instructor")],
    ["a rating of a session that does not exist", `fbr:${classA}:s99:5`, refusedWith("rights-session-unknown")],
    ["a rating of a session still to come", `fbr:${classA}:s02:5`, refusedWith("rights-session-not-held")],
    ["a comment on a future session's rating", `fbc:${classA}:s02`, refusedWith("rights-session-not-held")],
    ["a field-visit reflection of a lesson", `fbx:${classA}:s01`, refusedWith("rights-session-not-visit")],
    ["the follow-up survey of a class still running", `fbu:${classA}:some`, refusedWith("rights-class-not-ended")],
  ];

  it("each is refused politely, and nothing in Redis changes", async () => {
    if (!hasClasses) return;
    for (const [what, data, expected] of cases()) {
      const before = await snapshot();
      const calls = await press(users.an, data);
      expect(shown(calls), what).toContain(expected);
      expect(await snapshot(), `${what} changed the store`).toEqual(before);
    }
  });

  it("a rating of a class one does not learn in (an instructor of another class) is refused, and nothing changes", async () => {
    if (!hasClasses) return;
    const before = await snapshot();
    expect(shown(await press(users.lan, `fbr:${classA}:s01:5`))).toContain(refusedWith("rights-not-in-class"));
    expect(await snapshot()).toEqual(before);
  });
});
