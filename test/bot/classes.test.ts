import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** Monday 30/11/2026 09:00 in Hà Nội: before the class starts on Tuesday 01/12/2026. */
const T0 = new Date("2026-11-30T02:00:00Z");

function clock(start = T0) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    set: (d: Date) => {
      t = d.getTime();
    },
  };
}

async function coordinatorCreatesClass(h: Harness, start = "01/12/2026", days = "4 ngày") {
  await h.say(users.coordinator, "/newclass");
  await h.say(users.coordinator, "Lớp bồi dưỡng bí thư chi bộ khoá I");
  await h.say(users.coordinator, "Trung tâm Chính trị huyện Đông Anh");
  await h.say(users.coordinator, "Hội trường A");
  await h.say(users.coordinator, start);
  await h.tap(users.coordinator, days);
  const calls = await h.tap(users.coordinator, "Tạo lớp");
  const created = h.texts(calls).join("\n");
  const learner = /start=([A-Za-z0-9]+)/.exec(created)?.[1];
  const instructor = /start=([A-Za-z0-9]+)[\s\S]*start=([A-Za-z0-9]+)/.exec(created)?.[2];
  return { created, learner: learner ?? "", instructor: instructor ?? "" };
}

async function register(h: Harness, user: (typeof users)[keyof typeof users], name: string) {
  await h.store.users.update(user.id, { fullName: name, unit: "Chi bộ 1", position: "bi_thu" });
}

describe("a coordinator creates a class", () => {
  it("walks through /newclass, sees the schedule and gets two invite links", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    const { created, learner, instructor } = await coordinatorCreatesClass(h);
    expect(created).toContain("https://t.me/trogiang_bot?start=");
    expect(learner).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(instructor).not.toBe(learner);
    const list = await h.store.classes.list();
    expect(list).toHaveLength(1);
    expect(list[0]?.sessions).toHaveLength(8);
  });
});

describe("a learner joins and follows the schedule", () => {
  it("joins with /start <code> and sees the schedule by day", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    const { learner } = await coordinatorCreatesClass(h);
    await register(h, users.an, "Nguyễn Văn An");
    const joined = await h.say(users.an, `/start ${learner}`);
    expect(joined.join()).toContain("Bạn đã vào lớp");
    const sched = (await h.say(users.an, "/schedule")).join("\n");
    expect(sched).toContain("Bài 1.");
    expect(sched).toContain("Bài 6.");
    expect(sched).toContain("Thảo luận, giải đáp thắc mắc");
    expect(sched).toContain("Viết bản thu hoạch");
    expect(sched).toContain("01/12/2026");
  });
});
