/**
 * A class for the coursework tests: created through the same service as /newclass (5-day variant: six lessons,
 * a field visit, the discussion day and the report-writing half-day), with An and Bình as registered learners and
 * Lan as its instructor. The clock is settable.
 */
import { createClass, loadProgramTemplate, planClassReminders } from "../../src/classes/service.js";
import type { Grade } from "../../src/domain/grading.js";
import type { EmuUser } from "../../src/sandbox/emulator/index.js";
import type { ClassRecord } from "../../src/store/index.js";
import type { Harness } from "./harness.js";
import { users } from "./harness.js";

/** Monday 30/11/2026 09:00 in Hà Nội, before the class starts on Tuesday 01/12/2026. */
export const T0 = new Date("2026-11-30T02:00:00Z");

export function clock(start = T0) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    set: (d: Date | string) => {
      t = new Date(d).getTime();
    },
  };
}

export async function setUpClass(h: Harness, name = "Lớp bồi dưỡng khoá I"): Promise<ClassRecord> {
  const record = await createClass(
    h.store,
    loadProgramTemplate("content"),
    { name, startDate: "2026-12-01", variant: 5, timeZone: "Asia/Ho_Chi_Minh" },
    h.deps.now(),
  );
  await h.store.users.update(users.an.id, { fullName: "Nguyễn Văn An", unit: "Chi bộ thôn Đông", position: "bi_thu" });
  await h.store.users.update(users.binh.id, {
    fullName: "Trần Thị Bình",
    unit: "Chi bộ thôn Tây",
    position: "chi_uy_vien",
  });
  await h.store.users.update(users.lan.id, { fullName: "Phạm Thị Lan", unit: "Trung tâm Chính trị", position: "khac" });
  await h.store.classes.addLearner(record.id, users.an.id);
  await h.store.classes.addLearner(record.id, users.binh.id);
  await h.store.classes.addInstructor(record.id, users.lan.id);
  for (const u of [users.an, users.binh, users.lan]) h.emu.openChat(u);
  if (h.deps.jobs) await planClassReminders(h.store, h.deps.jobs, record, h.deps.now());
  return record;
}

/** A typed report from `userId`, stored at `at` and graded `grade` by Lan, as the report scene and /reports leave it. */
export async function gradedReport(h: Harness, record: ClassRecord, userId: number, grade: Grade, at: Date) {
  const v = await h.store.reports.addVersion(record.id, userId, {
    parts: [{ kind: "text", text: "Bản thu hoạch về công tác dân vận ở chi bộ thôn." }],
    submittedAt: at.toISOString(),
    late: false,
  });
  await h.store.reports.addGrade(record.id, userId, {
    grade,
    by: users.lan.id,
    at: at.toISOString(),
    version: v.version,
  });
  return v;
}

/**
 * `user` sends a one-message typed report through the report scene (/report, the text, «Xong», «Nộp»), as a learner
 * does; returns the scene's opening text and the receipt.
 */
export async function submitTextReport(
  h: Harness,
  user: EmuUser,
  text: string,
): Promise<{ intro: string; receipt: string }> {
  const intro = (await h.say(user, "/report")).join("\n");
  await h.say(user, text);
  await h.tap(user, "Xong");
  const receipt = h.texts(await h.tap(user, "Nộp")).join("\n");
  return { intro, receipt };
}
