/**
 * The rating prompt after a session on real BullMQ (the test Redis): planned with the class, it survives a bot
 * restart and reaches each learner once, when the session ends.
 */
import { afterEach, describe, expect, it } from "vitest";
import { FEEDBACK_QUEUE, sessionEndJobId } from "../../src/feedback/plan.js";
import { classPlannedOnBullmq, sentTo } from "../helpers/bullmq-class.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";
import { waitFor } from "../helpers/real-time.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const LEAD_MS = 2_500;

describe("the after-session rating prompt on BullMQ", () => {
  it("is sent once when the first session ends, across a restart", async () => {
    // The first session ends Tuesday 01/12/2026 11:00 in Hà Nội; the bot's clock puts that LEAD_MS from now.
    const { now, emu, prefix, record } = await classPlannedOnBullmq("2026-12-01T04:00:00Z", LEAD_MS);

    h = await createHarness({ now, emulator: emu, prefix, jobs: "bullmq" });
    const prompts = () => sentTo(emu, users.an.id, "Buổi học vừa kết thúc");
    await waitFor("the rating prompt", () => prompts() === 1);
    expect(sessionEndJobId(record.id, "s01")).toBe(`${record.id}.end.s01`);
    expect(FEEDBACK_QUEUE).toBe("feedback");
    await new Promise((r) => setTimeout(r, 500));
    expect(prompts()).toBe(1);
  }, 30_000);
});
