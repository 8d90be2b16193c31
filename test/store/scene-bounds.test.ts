/**
 * What one person keeps in Redis is bounded: the session and the scene state expire (refreshed on each write), a
 * scene ends politely after `SCENE_MAX_STEPS` messages, and someone whose unfinished report expired is told so once,
 * with how to start again, when they come back.
 */
import { afterEach, describe, expect, it } from "vitest";
import { clock, setUpClass } from "../helpers/coursework.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

const DAY = 24 * 3600;
let open: Harness[] = [];
afterEach(async () => {
  await Promise.all(open.map((h) => h.bot.stop().catch(() => undefined)));
  await Promise.all(open.map((h) => h.store.close()));
  open = [];
});

async function harness(env: Record<string, string> = {}) {
  const c = clock();
  const h = await createHarness({ now: c.now, env, rateLimit: { limit: 1000, windowMs: 1000 } });
  open.push(h);
  await setUpClass(h);
  return { h, c };
}

describe("session and scene state expire", () => {
  it("sets the configured TTL on sess: and conv: at each write", async () => {
    const { h } = await harness({ SESSION_TTL_DAYS: "180", SCENE_TTL_DAYS: "14" });
    await h.say(users.an, "/report");
    const conv = await h.redis.ttl(`conv:${users.an.id}`);
    const sess = await h.redis.ttl(`sess:${users.an.id}`);
    expect(conv).toBeGreaterThan(14 * DAY - 60);
    expect(conv).toBeLessThanOrEqual(14 * DAY);
    expect(sess).toBeGreaterThan(180 * DAY - 60);
    expect(sess).toBeLessThanOrEqual(180 * DAY);
    // A step rewrites the scene state and so its expiry.
    await h.redis.expire(`conv:${users.an.id}`, 100);
    await h.say(users.an, "Phần mở đầu của bài thu hoạch.");
    expect(await h.redis.ttl(`conv:${users.an.id}`)).toBeGreaterThan(14 * DAY - 60);
  });

  it("tells a learner whose report draft expired, once, and how to start again", async () => {
    const { h, c } = await harness({ SCENE_TTL_DAYS: "14" });
    await h.say(users.an, "/report");
    await h.say(users.an, "Phần mở đầu của bài thu hoạch.");
    // Fifteen days later Redis has dropped the scene state (its TTL ran out).
    c.set(new Date(c.now().getTime() + 15 * DAY * 1000));
    await h.redis.pexpire(`conv:${users.an.id}`, 1);
    await new Promise((r) => setTimeout(r, 20));
    const replies = await h.say(users.an, "/status");
    expect(replies[0]).toContain("đã hết hạn sau 14 ngày");
    expect(replies[0]).toContain("/report");
    expect(replies.length).toBeGreaterThan(1); // the command itself is answered too
    const again = await h.say(users.an, "/status");
    expect(again.join("\n")).not.toContain("hết hạn");
  });

  it("says nothing of a scene that ended normally", async () => {
    const { h, c } = await harness();
    await h.say(users.an, "/report");
    await h.say(users.an, "/cancel");
    c.set(new Date(c.now().getTime() + 30 * DAY * 1000));
    expect((await h.say(users.an, "/status")).join("\n")).not.toContain("hết hạn");
    const session = JSON.parse((await h.redis.get(`sess:${users.an.id}`)) ?? "{}");
    expect(session.scene).toBeUndefined();
  });
});

describe("a scene's steps are capped", () => {
  it("ends the scene after SCENE_MAX_STEPS messages, keeping the scene state small and stored data intact", async () => {
    const { h } = await harness({ SCENE_MAX_STEPS: "20" });
    await h.say(users.an, "/report");
    let last: string[] = [];
    let sent = 0;
    // Each text is a part of the draft, and each is a step of the scene.
    const replies: string[] = [];
    while (sent < 25) {
      last = await h.say(users.an, `Đoạn ${++sent} của bài thu hoạch.`);
      replies.push(last.join("\n"));
      if (last.join("\n").includes("quá 20 tin nhắn")) break;
    }
    // Three steps before the cap the draft is moved to its preview, where it could still be sent.
    expect(replies[16]).toContain("chuyển sang phần xem lại");
    expect(sent).toBe(21);
    expect(last.join("\n")).toContain("Bước này đã nhận quá 20 tin nhắn");
    expect(last.join("\n")).toContain("/report");
    // The scene is over: its state is gone, and the next message is an ordinary one.
    expect((await h.redis.get(`conv:${users.an.id}`)) ?? "").not.toContain("Đoạn 1 ");
    const next = await h.say(users.an, "/status");
    expect(next.join("\n")).not.toContain("Bạn đang ở giữa một bước");
    // Nothing stored was touched.
    expect(await h.store.classes.classesOfLearner(users.an.id)).toHaveLength(1);
  });

  it("moves a long draft to its preview before the cap, so its parts can still be sent", async () => {
    const { h } = await harness({ SCENE_MAX_STEPS: "20" });
    await h.say(users.an, "/report");
    for (let n = 1; n <= 17; n++) await h.say(users.an, `Đoạn ${n} của bài thu hoạch.`);
    await h.tap(users.an, "📨 Nộp");
    const [klass] = await h.store.classes.classesOfLearner(users.an.id);
    const versions = await h.store.reports.versions(klass?.id ?? "", users.an.id);
    expect(versions).toHaveLength(1);
    expect(versions[0]?.parts).toHaveLength(17);
  });
});
