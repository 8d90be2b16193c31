import { afterEach, describe, expect, it } from "vitest";
import { clock, setUpClass, submitTextReport } from "../helpers/coursework.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";
import { longReport } from "../helpers/similarity-corpus.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** Bình's report: most of An's paragraphs, the rest her own. */
function partlyCopied(original: string, share: number): string {
  const mine = original.split("\n\n");
  const own = longReport(31, 1).split("\n\n");
  const kept = Math.round(mine.length * share);
  return [...mine.slice(0, kept), ...own.slice(0, mine.length - kept)].join("\n\n");
}

async function centreClass(h: Harness, centre = "TTCT Đông Anh") {
  const record = await setUpClass(h);
  await h.store.classes.save({ ...record, centre });
  h.emu.openChat(users.coordinator);
  return record;
}

describe("a coordinator sets how alike reports of the centre must be", () => {
  it("a centre that sets 80% no longer sees a two-thirds copy marked", async () => {
    h = await createHarness({ now: clock(new Date("2026-12-07T08:00:00Z")).now });
    await centreClass(h);
    const original = longReport(3, 1);
    await submitTextReport(h, users.an, original);
    await submitTextReport(h, users.binh, partlyCopied(original, 0.5));

    const before = (await h.say(users.lan, "/reports")).join("\n");
    const percent = Number(/Trần Thị Bình — .*⚠️ giống (\d+)% một bản khác/.exec(before)?.[1]);
    expect(percent).toBeGreaterThanOrEqual(60);
    expect(percent).toBeLessThan(80);

    const saved = (await h.say(users.coordinator, "/similarity 80")).join("\n");
    expect(saved).toContain("Đã đặt ngưỡng giống nhau của TTCT Đông Anh: 80%");
    const after = (await h.say(users.lan, "/reports")).join("\n");
    expect(after).not.toMatch(/Trần Thị Bình — .*giống/);
    const opened = h.texts(await h.tap(users.lan, "Trần Thị Bình")).join("\n");
    expect(opened).toContain("Không thấy bản nào trong trung tâm giống quá 80%");

    const listed = (await h.say(users.coordinator, "/similarity")).join("\n");
    expect(listed).toContain("• TTCT Đông Anh: 80%");
    expect(listed).not.toContain("(mặc định)");
  });

  it("a centre that has set nothing is shown the default of 60%", async () => {
    h = await createHarness({ now: clock(new Date("2026-12-07T08:00:00Z")).now });
    await centreClass(h);
    const listed = (await h.say(users.coordinator, "/similarity")).join("\n");
    expect(listed).toContain("• TTCT Đông Anh: 60% (mặc định)");
  });

  it("a threshold outside 30–95% is politely refused and the centre keeps its own", async () => {
    h = await createHarness({ now: clock(new Date("2026-12-07T08:00:00Z")).now });
    await centreClass(h);
    for (const typed of ["/similarity 20", "/similarity 99", "/similarity nhiều"]) {
      const reply = (await h.say(users.coordinator, typed)).join("\n");
      expect(reply).toContain("Xin lỗi, ngưỡng phải là một số nguyên từ 30 đến 95");
    }
    expect(await h.store.materials.similarityPercent("TTCT Đông Anh")).toBeUndefined();
  });

  it("an instructor cannot change the centre's threshold", async () => {
    h = await createHarness({ now: clock(new Date("2026-12-07T08:00:00Z")).now });
    await centreClass(h);
    const reply = (await h.say(users.lan, "/similarity 90")).join("\n");
    expect(reply).not.toContain("Đã đặt ngưỡng");
    expect(await h.store.materials.similarityPercent("TTCT Đông Anh")).toBeUndefined();
  });

  it("with several centres the coordinator picks the centre, and the other keeps the default", async () => {
    h = await createHarness({ now: clock(new Date("2026-12-07T08:00:00Z")).now });
    await centreClass(h, "TTCT Đông Anh");
    const other = await setUpClass(h, "Lớp khoá II");
    await h.store.classes.save({ ...other, centre: "TTCT Sóc Sơn" });
    const ask = (await h.say(users.coordinator, "/similarity 75")).join("\n");
    expect(ask).toContain("Đặt ngưỡng 75% cho trung tâm nào?");
    const calls = await h.tap(users.coordinator, "TTCT Sóc Sơn");
    const saved = h.texts(calls).join("\n");
    expect(saved).toContain("Đã đặt ngưỡng giống nhau của TTCT Sóc Sơn: 75%");
    const listed = (await h.say(users.coordinator, "/similarity")).join("\n");
    expect(listed).toContain("• TTCT Sóc Sơn: 75%");
    expect(listed).toContain("• TTCT Đông Anh: 60% (mặc định)");
    const named = (await h.say(users.coordinator, "/similarity 85 ttct dong anh")).join("\n");
    expect(named).toContain("Đã đặt ngưỡng giống nhau của TTCT Đông Anh: 85%");
  });
});
