/**
 * Reminders on real BullMQ (the test Redis): a reminder planned by one process is sent exactly once even though
 * the bot restarts before it is due, re-plans at start-up, and restarts again after it went out.
 */
import { afterEach, describe, expect, it } from "vitest";
import { runReminder } from "../../src/bot/features/schedule/reminders.js";
import { REMINDER_QUEUE, reminderJobId } from "../../src/classes/service.js";
import { classPlannedOnBullmq, sentTo } from "../helpers/bullmq-class.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";
import { waitFor } from "../helpers/real-time.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const LEAD_MS = 2_500;

describe("reminders on BullMQ survive restarts without duplicates", () => {
  it("sends the 30-minute reminder once across two restarts", async () => {
    // The class starts Tuesday 01/12/2026 07:30 in Hà Nội; the bot's clock is set so that the 30-minute reminder of
    // the first session is due LEAD_MS from now in real time (BullMQ measures delays on the real clock).
    const { now, emu, prefix, record } = await classPlannedOnBullmq("2026-12-01T00:00:00Z", LEAD_MS);

    // Restart before it is due: start-up re-plans every class (same job ids), the worker sends it once.
    h = await createHarness({ now, emulator: emu, prefix, jobs: "bullmq" });
    const soon = () => sentTo(emu, users.an.id, "Còn 30 phút");
    await waitFor("the 30-minute reminder", () => soon() === 1);
    await h.close();

    // Restart after it went out: nothing is planned again, and running the same job again (a BullMQ retry after a
    // crash mid-way) finds the sent-marker and sends nothing.
    h = await createHarness({ now, emulator: emu, prefix, jobs: "bullmq" });
    const key = (await h.store.classes.reminderKeys(record.id)).find((k) => k.startsWith("session_soon.s01."));
    expect(key).toBe("session_soon.s01.20261201T0000Z");
    const sent = await runReminder(h.bot.api, h.deps, {
      id: reminderJobId(record.id, key as string),
      name: "session_soon",
      attempt: 2,
      data: { classId: record.id, key: key as string, kind: "session_soon", sessionIds: ["s01"] },
    });
    expect(sent).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(soon()).toBe(1);
    expect(REMINDER_QUEUE).toBe("reminders");
  });
});
