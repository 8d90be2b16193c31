/**
 * The rating prompt after a session on real BullMQ (the test Redis): planned with the class, it survives a bot
 * restart and reaches each learner once, when the session ends.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createClass, loadProgramTemplate, planClassReminders } from "../../src/classes/service.js";
import { FEEDBACK_QUEUE, sessionEndJobId } from "../../src/feedback/plan.js";
import { BotApiEmulator } from "../../src/sandbox/emulator.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";
import { clockDueIn, waitFor } from "../helpers/real-time.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const LEAD_MS = 2_500;

describe("the after-session rating prompt on BullMQ", () => {
  it("is sent once when the first session ends, across a restart", async () => {
    // The first session ends Tuesday 01/12/2026 11:00 in Hà Nội; the bot's clock puts that LEAD_MS from now.
    const now = clockDueIn("2026-12-01T04:00:00Z", LEAD_MS);
    const emu = new BotApiEmulator({ now });
    h = await createHarness({ now, emulator: emu, jobs: "bullmq" });
    const { prefix } = h;
    const record = await createClass(
      h.store,
      loadProgramTemplate(h.deps.config.contentDir),
      { name: "Lớp khoá I", startDate: "2026-12-01", variant: 4, timeZone: "Asia/Ho_Chi_Minh" },
      now(),
    );
    await h.store.users.update(users.an.id, { fullName: "Nguyễn Văn An", unit: "Chi bộ 1", position: "bi_thu" });
    await h.store.classes.addLearner(record.id, users.an.id);
    emu.openChat(users.an);
    await planClassReminders(h.store, h.deps.jobs!, record, now());
    await h.close();

    h = await createHarness({ now, emulator: emu, prefix, jobs: "bullmq" });
    const prompts = () =>
      emu.calls.filter(
        (c) =>
          c.ok &&
          c.method === "sendMessage" &&
          Number(c.payload.chat_id) === users.an.id &&
          String(c.payload.text).includes("Buổi học vừa kết thúc"),
      ).length;
    await waitFor("the rating prompt", () => prompts() === 1);
    expect(sessionEndJobId(record.id, "s01")).toBe(`${record.id}.end.s01`);
    expect(FEEDBACK_QUEUE).toBe("feedback");
    await new Promise((r) => setTimeout(r, 500));
    expect(prompts()).toBe(1);
  }, 30_000);
});
