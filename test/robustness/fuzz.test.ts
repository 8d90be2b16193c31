/**
 * Fuzzing the full stack (createBot, real test Redis, the Bot API emulator that refuses what Telegram refuses):
 * random updates — random Unicode, 4,096+ characters, empty, emoji-only, right-to-left, control characters, bad
 * callback data, unknown update types, edited messages, group chats, channel posts, media without text, bots —
 * must cause 0 crashes, 0 unhandled rejections, 0 "something went wrong" replies, and every private text message
 * must get a reply.
 *
 * Seeded and reproducible: the seed is printed; rerun one with `FUZZ_SEED=<seed>`. `npm test` runs the full
 * 10,000 updates; `FUZZ_COUNT=N` runs any other number.
 */
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmuUser } from "../../src/sandbox/emulator/index.js";
import { createHarness, type Harness } from "../helpers/harness.js";

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const COUNT = Number(process.env.FUZZ_COUNT ?? 10_000);
/** Many distinct users, as in a real deployment: the per-user rate limit (20 / 10 s) is not what is tested here. */
const USERS = Math.max(50, Math.ceil(COUNT / 3));

/** mulberry32: small, fast, good enough to drive a fuzzer, and reproducible from one 32-bit seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  return { next, int, pick };
}

const rnd = prng(SEED);

const RANGES: [number, number][] = [
  [0x20, 0x7e], // ASCII
  [0x00, 0x1f], // C0 controls
  [0x7f, 0x9f], // DEL, C1 controls
  [0xc0, 0x1ef9], // Latin, Vietnamese letters, combining marks, Greek, Cyrillic…
  [0x0300, 0x036f], // combining diacritics alone
  [0x0590, 0x06ff], // Hebrew, Arabic (RTL)
  [0x200b, 0x206f], // zero-width, bidi controls (RLO, LRI…), general punctuation
  [0x4e00, 0x4fff], // CJK
  [0xd800, 0xdfff], // lone surrogates
  [0xfff0, 0xffff], // specials, BOM-like
  [0x1f300, 0x1faff], // emoji
  [0xe0000, 0xe007f], // tags
];

function randomChars(n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) {
    const [lo, hi] = rnd.pick(RANGES);
    s += String.fromCodePoint(lo + rnd.int(hi - lo + 1));
  }
  return s;
}

const SPECIAL_TEXTS = [
  () => "",
  () => " ",
  () => "\n\n\t",
  () => "😀".repeat(1 + rnd.int(50)),
  () => "👨‍👩‍👧‍👦🏳️‍🌈🇻🇳",
  () => "مرحبا بالعالم שלום עולם",
  () => "\u202Eadmin\u202C /reload",
  () => "\u0000\u0001\u0007\u001b[31m",
  () => "<b>bold</b> <script>alert(1)</script> & &amp; &#0; &lt",
  () => "a".repeat(4096 + rnd.int(3000)),
  () => randomChars(4096 + rnd.int(2000)),
  () => "Điều lệ Đảng quy định gì về đảng viên?",
  () => "dieu le dang",
  () => "bí thư chi bộ có nhiệm vụ gì",
  () => `/${"x".repeat(1 + rnd.int(40))}`,
  () => `/start ${randomChars(rnd.int(80))}`,
  () => `/start@trogiang_bot`,
  () => `/ask ${randomChars(rnd.int(300))}`,
  () => rnd.pick(["/help", "/start", "/profile", "/language", "/cancel", "/register", "/schedule", "/reload"]),
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal "${x}" is the point
  () => "%s%s%s%n {0} ${x} {{x}} __proto__ constructor",
  () => "DROP TABLE users; -- ' OR 1=1",
];

function randomText(): string {
  return rnd.next() < 0.5 ? rnd.pick(SPECIAL_TEXTS)() : randomChars(1 + rnd.int(rnd.next() < 0.1 ? 5000 : 200));
}

function randomCallbackData(): string {
  return rnd.pick([
    () => randomChars(rnd.int(40)),
    () => `lang:${randomChars(rnd.int(5))}`,
    () => rnd.pick(["lang:vi", "lang:en", "profile:edit", "qa:ask", "qa:n:1", "reg:pos:bi_thu", "reg:ok:yes"]),
    () => `cls:${rnd.pick(["o", "rm", "s"])}:c${rnd.int(5)}`,
    () => `cp:${rnd.pick(["copen", "att", "sched"])}:c${rnd.int(5)}`,
    () => "",
  ])();
}

interface Expectation {
  chatId: number;
  /** A private text message: at least one reply expected. */
  wantsReply: boolean;
}

function makeUpdate(h: Harness, users: EmuUser[], groupId: number): { update: Update; expect: Expectation } {
  const user = rnd.pick(users);
  const kind = rnd.int(100);
  if (kind < 55) {
    return { update: h.emu.text(user, randomText()), expect: { chatId: user.id, wantsReply: true } };
  }
  if (kind < 67) {
    const msgs = h.emu.botMessages(user.id);
    const messageId = msgs.length > 0 && rnd.next() < 0.7 ? (msgs.at(-1)?.message_id ?? 1) : 1 + rnd.int(1000);
    return {
      update: h.emu.click(user, messageId, randomCallbackData()),
      expect: { chatId: user.id, wantsReply: false },
    };
  }
  if (kind < 75) {
    return {
      update: h.emu.text(user, randomText(), { chatId: groupId }),
      expect: { chatId: groupId, wantsReply: false },
    };
  }
  const date = Math.floor(Date.now() / 1000);
  const chat = { id: user.id, type: "private", first_name: user.first_name };
  const from = { is_bot: false, ...user };
  const raw: Record<string, unknown>[] = [
    { edited_message: { message_id: 1 + rnd.int(50), date, edit_date: date, chat, from, text: randomText() } },
    {
      channel_post: {
        message_id: 1 + rnd.int(1000),
        date,
        chat: { id: -1009876543210, type: "channel", title: "Kênh" },
        text: randomText(),
      },
    },
    { edited_channel_post: { message_id: 1, date, chat: { id: -1009876543210, type: "channel", title: "K" } } },
    { message: { message_id: 1 + rnd.int(1000), date, chat, from, sticker: { file_id: "x", file_unique_id: "y" } } },
    { message: { message_id: 1 + rnd.int(1000), date, chat, from, location: { latitude: 21, longitude: 105 } } },
    { message: { message_id: 1 + rnd.int(1000), date, chat, from, new_chat_members: [from] } },
    { message: { message_id: 1 + rnd.int(1000), date, chat, from: { ...from, is_bot: true }, text: "bot says hi" } },
    { my_chat_member: { chat, from, date, old_chat_member: {}, new_chat_member: {} } },
    { some_future_update_type: { anything: randomChars(20) } },
    { poll: { id: "1", question: "?", options: [], total_voter_count: 0, is_closed: false } },
    { inline_query: { id: "1", from, query: randomText(), offset: "" } },
    {},
  ];
  return { update: h.emu.raw(rnd.pick(raw)), expect: { chatId: user.id, wantsReply: false } };
}

let h: Harness;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

beforeAll(async () => {
  process.on("unhandledRejection", onRejection);
  h = await createHarness();
});

afterAll(async () => {
  process.off("unhandledRejection", onRejection);
  await h?.close();
});

describe(`fuzzing the full stack (seed ${SEED}, ${COUNT} updates; FUZZ_SEED=${SEED} reproduces)`, () => {
  it("0 crashes, 0 unhandled rejections, 0 generic errors, every private text message answered", async () => {
    console.log(`fuzz: seed ${SEED}, ${COUNT} updates, ${USERS} users`);
    const users: EmuUser[] = Array.from({ length: USERS }, (_, i) => ({
      id: 300_000 + i,
      first_name: randomChars(1 + rnd.int(12)) || "U",
      ...(rnd.next() < 0.5 ? { last_name: randomChars(rnd.int(30)) } : {}),
      ...(rnd.next() < 0.3 ? { username: `u${i}` } : {}),
      language_code: rnd.pick(["vi", "en", "ar", "zh", undefined]),
    }));
    const groupId = -100555;
    h.emu.group(groupId);
    const generic = [h.deps.i18n.t("vi", "error-generic"), h.deps.i18n.t("en", "error-generic")];
    const crashes: string[] = [];
    const unanswered: string[] = [];
    let genericReplies = 0;
    let expectedReplies = 0;
    const started = performance.now();
    for (let i = 0; i < COUNT; i++) {
      const { update, expect: want } = makeUpdate(h, users, groupId);
      let calls: Awaited<ReturnType<Harness["run"]>> = [];
      try {
        calls = await h.run(update);
      } catch (err) {
        crashes.push(`#${i} ${JSON.stringify(update).slice(0, 200)}: ${String(err).slice(0, 300)}`);
        continue;
      }
      const texts = h.texts(calls);
      genericReplies += texts.filter((t) => generic.some((g) => t.includes(g))).length;
      if (want.wantsReply) {
        expectedReplies++;
        const replied = calls.some(
          (c) => c.ok && c.method === "sendMessage" && Number(c.payload.chat_id) === want.chatId,
        );
        if (!replied) unanswered.push(`#${i} ${JSON.stringify(update.message?.text ?? "").slice(0, 120)}`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`fuzz: ${COUNT} updates in ${seconds.toFixed(1)} s (${(COUNT / seconds).toFixed(0)} updates/s)`);
    await new Promise((r) => setTimeout(r, 50)); // let any stray rejection surface
    expect(crashes).toEqual([]);
    expect(rejections.map(String)).toEqual([]);
    expect(genericReplies).toBe(0);
    expect(unanswered).toEqual([]);
    expect(expectedReplies).toBeGreaterThan(COUNT / 3);
  }, 300_000);
});
