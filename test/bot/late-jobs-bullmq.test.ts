/**
 * A late reminder on real BullMQ (the test Redis): planned by one process, due while the bot was down, and run by the
 * next process after the session had started — dropped, not sent.
 */
import { afterEach, describe, expect, it } from "vitest";
import { reminderJobId } from "../../src/classes/service.js";
import { classPlannedOnBullmq, sentTo } from "../helpers/bullmq-class.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";
import { waitFor } from "../helpers/real-time.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const LEAD_MS = 2_000;

describe("a reminder that runs late on BullMQ", () => {
  it("a 30-minute reminder that runs after the start is not sent", async () => {
    // Planned on Tuesday 06:59:58 in Hà Nội: the 07:00 reminder of the 07:30 session is due LEAD_MS from now.
    const { emu, prefix, record } = await classPlannedOnBullmq("2026-12-01T00:00:00Z", LEAD_MS);
    // The bot comes back at 08:00: the job fires in real time, but the clock it judges by reads after the start.
    const back = Date.now();
    const now = () => new Date(Date.parse("2026-12-01T01:00:00Z") + (Date.now() - back));
    h = await createHarness({ now, emulator: emu, prefix, jobs: "bullmq" });
    const jobKey = `bull:reminders:${reminderJobId(record.id, "session_soon.s01.20261201T0000Z")}`;
    const harness = h;
    let finished = false;
    await waitFor(
      "the reminder job to finish",
      () => {
        void harness.redis.hget(jobKey, "finishedOn").then((v) => {
          finished = v !== null;
        });
        return finished;
      },
      25_000,
    );
    expect(sentTo(emu, users.an.id, "phút nữa")).toBe(0);
  });
});
