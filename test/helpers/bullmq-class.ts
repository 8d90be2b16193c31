/**
 * For tests of queued work on real BullMQ (the test Redis): a class planned by one bot process that then stopped,
 * with the bot's clock set so that `dueAt` falls `leadMs` from now in real time (BullMQ measures delays on the real
 * clock). Start the next process with `createHarness({ now, emulator, prefix, jobs: "bullmq" })`.
 */
import { createClass, loadProgramTemplate, planClassReminders } from "../../src/classes/service.js";
import { BotApiEmulator } from "../../src/sandbox/emulator/index.js";
import type { ClassRecord } from "../../src/store/index.js";
import { createHarness, users } from "./harness.js";
import { clockDueIn } from "./real-time.js";

export async function classPlannedOnBullmq(
  dueAt: string,
  leadMs: number,
): Promise<{ now: () => Date; emu: BotApiEmulator; prefix: string; record: ClassRecord }> {
  const now = clockDueIn(dueAt, leadMs);
  const emu = new BotApiEmulator({ now });
  const h = await createHarness({ now, emulator: emu, jobs: "bullmq" });
  try {
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
    return { now, emu, prefix: h.prefix, record };
  } finally {
    await h.close();
  }
}

/** How many messages the emulator delivered to `userId` whose text contains `text`. */
export function sentTo(emu: BotApiEmulator, userId: number, text: string): number {
  return emu.calls.filter(
    (c) =>
      c.ok &&
      c.method === "sendMessage" &&
      Number(c.payload.chat_id) === userId &&
      String(c.payload.text).includes(text),
  ).length;
}
