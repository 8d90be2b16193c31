/**
 * Late jobs on real BullMQ (the test Redis): planned by one process, due while the bot was down, and run by the
 * next process(es) — a reminder judged by its moment, and reminders and rating prompts that fell due together
 * merged into one message though the two queues run side by side.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  classReminders,
  createClass,
  loadProgramTemplate,
  REMINDER_QUEUE,
  type ReminderJobData,
  reminderJobId,
} from "../../src/classes/service.js";
import { FEEDBACK_QUEUE, type FeedbackJobData, sessionEndJobId } from "../../src/feedback/plan.js";
import { BotApiEmulator, type EmuUser } from "../../src/sandbox/emulator/index.js";
import { classPlannedOnBullmq, sentTo } from "../helpers/bullmq-class.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";
import { clockDueIn, waitFor } from "../helpers/real-time.js";

let h: Harness | undefined;
let others: Harness[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const o of others) await o.close();
  others = [];
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

describe("a reminder and a rating prompt that fall due together on BullMQ", () => {
  const ROUNDS = 5;
  // Several learners per round: each is one more chance for the two jobs to interleave their claims.
  const learners: EmuUser[] = [
    users.an,
    users.binh,
    ...Array.from({ length: 8 }, (_, i) => ({ id: 3001 + i, first_name: `Học viên ${i + 1}`, language_code: "vi" })),
  ];

  /**
   * One outage: the rating prompt of Tuesday's morning session (s01) and the 30-minute reminder of the afternoon
   * one (s02) were both missed; two bot processes come back at 13:05 local and both jobs fire at the same instant,
   * each queue's worker in each process ready to take them.
   */
  async function outageRound(): Promise<{ emu: BotApiEmulator; record: { id: string } }> {
    const soon = (r: { kind: string; sessionIds?: string[] }) =>
      r.kind === "session_soon" && r.sessionIds?.[0] === "s02";
    // Planned on Tuesday 10:59:58 local, just before s01 ends; the bot stops right after.
    const planNow = clockDueIn("2026-12-01T04:00:00Z", LEAD_MS);
    const emu = new BotApiEmulator({ now: planNow });
    const first = await createHarness({ now: planNow, emulator: emu, jobs: "bullmq" });
    let record: Awaited<ReturnType<typeof createClass>>;
    try {
      record = await createClass(
        first.store,
        loadProgramTemplate(first.deps.config.contentDir),
        { name: "Lớp khoá I", startDate: "2026-12-01", variant: 4, timeZone: "Asia/Ho_Chi_Minh" },
        planNow(),
      );
      for (const u of learners) {
        await first.store.users.update(u.id, {
          fullName: `${u.first_name} Nguyễn`,
          unit: "Chi bộ 1",
          position: "bi_thu",
        });
        await first.store.classes.addLearner(record.id, u.id);
        emu.openChat(u);
      }
      const all = classReminders(record);
      await first.store.classes.setReminderKeys(
        record.id,
        all.map((r) => r.key),
      );
      const s01 = record.sessions.find((s) => s.id === "s01");
      const reminder = all.find(soon);
      if (!s01 || !reminder) throw new Error("the class has no s01 or no 30-minute reminder of s02");
      // Both jobs fall due LEAD_MS from now in real time: the outage made them due together.
      const rData: ReminderJobData = { classId: record.id, key: reminder.key, kind: reminder.kind };
      if (reminder.sessionIds) rData.sessionIds = reminder.sessionIds;
      const fData: FeedbackJobData = { kind: "session_end", classId: record.id, sessionId: s01.id };
      const jobs = first.deps.jobs!;
      await jobs.schedule(REMINDER_QUEUE, {
        name: reminder.kind,
        jobId: reminderJobId(record.id, reminder.key),
        data: rData,
        delay: LEAD_MS,
      });
      await jobs.schedule(FEEDBACK_QUEUE, {
        name: "session_end",
        jobId: sessionEndJobId(record.id, s01.id),
        data: fData,
        delay: LEAD_MS,
      });
      const jobKeys = [
        `bull:${REMINDER_QUEUE}:${reminderJobId(record.id, reminder.key)}`,
        `bull:${FEEDBACK_QUEUE}:${sessionEndJobId(record.id, s01.id)}`,
      ];
      await first.close();
      // Back at 13:05 local (06:05Z), five minutes after the 30-minute reminder's time, in two processes.
      const back = Date.now();
      const now = () => new Date(Date.parse("2026-12-01T06:05:00Z") + (Date.now() - back));
      h = await createHarness({ now, emulator: emu, prefix: first.prefix, jobs: "bullmq" });
      others.push(await createHarness({ now, emulator: emu, prefix: first.prefix, jobs: "bullmq" }));
      const harness = h;
      let finished = 0;
      await waitFor(
        "both jobs to finish",
        () => {
          void Promise.all(jobKeys.map((k) => harness.redis.hget(k, "finishedOn"))).then((v) => {
            finished = v.filter((x) => x !== null).length;
          });
          return finished === jobKeys.length;
        },
        25_000,
      );
      return { emu, record };
    } finally {
      await h?.close();
      h = undefined;
      for (const o of others) await o.close();
      others = [];
    }
  }

  it(`after an outage each learner gets one message with both, in each of ${ROUNDS} rounds`, async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const { emu } = await outageRound();
      for (const u of learners) {
        const got = emu.calls
          .filter((c) => c.ok && c.method === "sendMessage" && Number(c.payload.chat_id) === u.id)
          .map((c) => String(c.payload.text));
        expect(got, `round ${round}, learner ${u.id}`).toHaveLength(1);
        expect(got[0]).toContain("Còn 25 phút nữa (13:30)");
        expect(got[0]).toContain("Bạn chấm buổi học này mấy sao?");
      }
    }
  }, 120_000);
});
