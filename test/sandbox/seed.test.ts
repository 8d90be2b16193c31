/**
 * The sandbox starts seeded: personas registered, and a demo class running this week that the learners are in and
 * the instructor teaches — so schedule, check-in and the rest can be tried at once.
 */
import { afterEach, describe, expect, it } from "vitest";
import { localDateOf } from "../../src/domain/time.js";
import { BotApiEmulator } from "../../src/sandbox/emulator/index.js";
import { PERSONAS, SANDBOX_COORDINATOR_IDS } from "../../src/sandbox/personas.js";
import { DEMO_CLASS_NAME, demoStartDate, seedSandbox } from "../../src/sandbox/seed.js";
import { createHarness, type Harness } from "../helpers/harness.js";

const [an, binh, instructor, coordinator] = PERSONAS.map((p) => p.user) as [
  (typeof PERSONAS)[0]["user"],
  (typeof PERSONAS)[0]["user"],
  (typeof PERSONAS)[0]["user"],
  (typeof PERSONAS)[0]["user"],
];

// A Wednesday morning in Hanoi.
const NOW = new Date("2026-11-25T02:00:00Z");
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function seeded() {
  h = await createHarness({ now: () => NOW, env: { COORDINATOR_IDS: SANDBOX_COORDINATOR_IDS.join(",") } });
  return { h, result: await seedSandbox(h.deps, PERSONAS) };
}

describe("the demo class's dates", () => {
  it("starts two course days before today, skipping weekends", () => {
    expect(demoStartDate(NOW, "Asia/Ho_Chi_Minh")).toBe("2026-11-23"); // Wednesday → Monday
    expect(demoStartDate(new Date("2026-11-23T02:00:00Z"), "Asia/Ho_Chi_Minh")).toBe("2026-11-19"); // Monday → Thursday
    // Late Friday evening UTC is already Saturday in Vietnam: Thursday.
    expect(demoStartDate(new Date("2026-11-27T21:30:00Z"), "Asia/Ho_Chi_Minh")).toBe("2026-11-26");
  });
});

describe("the seeded sandbox", () => {
  it("has the four personas registered, in Vietnamese", async () => {
    const { h, result } = await seeded();
    expect(result.profiles).toBe(4);
    expect(await h.store.users.get(an.id)).toMatchObject({
      fullName: "Nguyễn Văn An",
      position: "bi_thu",
      locale: "vi",
    });
    expect(await h.say(an, "/profile")).toEqual([expect.stringContaining("Nguyễn Văn An")]);
  });

  it("has a demo class running this week, with past, current-day and coming sessions", async () => {
    const { result } = await seeded();
    const c = result.demoClass;
    expect(c.name).toBe(DEMO_CLASS_NAME);
    const days = c.sessions.map((s) => localDateOf(s.start, c.timeZone));
    expect(days[0]).toBe("2026-11-23");
    expect(days).toContain("2026-11-25");
    expect(days.at(-1)).toBe("2026-11-27");
  });

  it("the learners are in it, the instructor teaches it, the coordinator is one", async () => {
    const { h, result } = await seeded();
    expect(await h.store.classes.learners(result.demoClass.id)).toEqual([an.id, binh.id]);
    expect(await h.store.classes.instructors(result.demoClass.id)).toEqual([instructor.id]);
    const [schedule] = await h.say(binh, "/schedule");
    expect(schedule).toContain(DEMO_CLASS_NAME);
    expect((await h.say(instructor, "/help")).join()).toContain("vai trò: giảng viên");
    expect((await h.say(coordinator, "/help")).join()).toContain("vai trò: cán bộ quản lý lớp");
  });

  it("has the attendance of the sessions already held: both learners, but the second missed the latest", async () => {
    const { h, result } = await seeded();
    const c = result.demoClass;
    const held = c.sessions.filter((s) => Date.parse(s.end) <= NOW.getTime());
    expect(held.map((s) => s.id)).toHaveLength(4); // Monday and Tuesday, two sessions a day
    for (const s of held.slice(0, -1)) {
      expect([...(await h.store.classes.attendance(c.id, s.id)).keys()].sort()).toEqual([an.id, binh.id]);
    }
    const latest = held.at(-1)?.id ?? "";
    expect([...(await h.store.classes.attendance(c.id, latest)).keys()]).toEqual([an.id]);
  });

  it("has ratings of the sessions held, from those who attended, and a suggestion", async () => {
    const { h, result } = await seeded();
    const c = result.demoClass;
    const held = c.sessions.filter((s) => Date.parse(s.end) <= NOW.getTime());
    const first = await h.store.feedback.ratings(c.id, held[0]?.id ?? "");
    expect(first.get(an.id)).toMatchObject({ stars: 5, comment: expect.stringContaining("Bài giảng") });
    expect(first.get(binh.id)?.stars).toBe(4);
    expect([...(await h.store.feedback.ratings(c.id, held.at(-1)?.id ?? "")).keys()]).toEqual([an.id]);
    expect(await h.store.feedback.notes(c.id)).toEqual([
      expect.objectContaining({ topic: "suggestion", userId: binh.id }),
    ]);
  });

  it("has one bản thu hoạch handed in early, by the second learner, for an instructor to grade", async () => {
    const { h, result } = await seeded();
    expect(await h.store.reports.submitters(result.demoClass.id)).toEqual([binh.id]);
    expect((await h.store.reports.latest(result.demoClass.id, binh.id))?.parts).toEqual([
      { kind: "text", text: expect.stringContaining("BẢN THU HOẠCH") },
    ]);
    const [list] = await h.say(instructor, "/reports");
    expect(list).toContain("Trần Thị Bình");
  });

  it("seeding again (a restart on the same Redis) adds nothing", async () => {
    const { h, result } = await seeded();
    const again = await seedSandbox(h.deps, PERSONAS);
    expect(again).toMatchObject({ profiles: 0, created: false, demoClass: { id: result.demoClass.id } });
    expect(await h.store.classes.list()).toHaveLength(1);
    expect(await h.store.classes.learners(result.demoClass.id)).toHaveLength(2);
    expect(await h.store.reports.versions(result.demoClass.id, binh.id)).toHaveLength(1);
  });

  it("a sandbox restarted on the same Redis answers again (its update ids do not repeat the last run's)", async () => {
    const first = await createHarness({ emulator: new BotApiEmulator({ firstUpdateId: Date.now() }) });
    await seedSandbox(first.deps, PERSONAS);
    expect(await first.say(an, "/start")).toEqual([expect.stringContaining("Xin chào")]);
    await first.close();
    await new Promise((r) => setTimeout(r, 5));
    h = await createHarness({ prefix: first.prefix, emulator: new BotApiEmulator({ firstUpdateId: Date.now() }) });
    expect((await seedSandbox(h.deps, PERSONAS)).created).toBe(false);
    expect(await h.say(an, "/start")).toEqual([expect.stringContaining("Xin chào")]);
  });
});
