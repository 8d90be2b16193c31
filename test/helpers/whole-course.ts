/**
 * A whole course through the bot, for the retention test and the footprint bench: learners write to the bot and
 * join with the class's link, check in to every session, rate each session from its prompt, leave a note, ask a
 * question (one answered), submit a report of a realistic size, get it graded, receive an announcement, and answer
 * the follow-up survey. The class is created through the same service as /newclass.
 */
import { startAnnouncementWorker } from "../../src/bot/features/announcements/index.js";
import { createClass, loadProgramTemplate, planClassReminders } from "../../src/classes/service.js";
import { InProcessBroadcast } from "../../src/jobs/broadcast/index.js";
import type { EmuUser } from "../../src/sandbox/emulator/index.js";
import type { ClassRecord } from "../../src/store/index.js";
import type { clock } from "./coursework.js";
import type { Harness } from "./harness.js";

export interface CourseOptions {
  name: string;
  /** Monday-to-Friday start, `YYYY-MM-DD`; the clock is moved through the course from its day before. */
  startDate: string;
  learners: EmuUser[];
  instructor: EmuUser;
  coordinator: EmuUser;
  /** Characters of each learner's typed report (a few pages: 6,000 is about three). */
  reportChars: number;
}

const POSITIONS = ["bi_thu", "pho_bi_thu", "chi_uy_vien", "dang_uy_vien", "khac"] as const;

/** Report text of about `chars` characters: Vietnamese sentences, varied per learner. */
export function reportText(learner: number, chars: number): string {
  const sentences = [
    "Qua khoá bồi dưỡng, tôi nắm rõ hơn chức năng, nhiệm vụ của chi bộ trong lãnh đạo thực hiện nhiệm vụ chính trị.",
    "Chi bộ thôn chúng tôi sẽ đổi mới nội dung sinh hoạt, chọn chuyên đề sát với đời sống của bà con.",
    `Kinh nghiệm ${learner}: phân công đảng viên phụ trách hộ gia đình giúp nắm tình hình nhanh và sát hơn.`,
    "Công tác kiểm tra, giám sát cần làm thường xuyên, công khai, để phòng ngừa vi phạm từ sớm.",
    "Tôi đề nghị trung tâm tổ chức thêm buổi trao đổi kinh nghiệm giữa các bí thư chi bộ trong huyện.",
  ];
  let out = "";
  for (let i = 0; out.length < chars; i++) out += `${sentences[(i + learner) % sentences.length]} `;
  return out.slice(0, chars).trim();
}

export async function runWholeCourse(h: Harness, c: ReturnType<typeof clock>, o: CourseOptions): Promise<ClassRecord> {
  const broadcast = new InProcessBroadcast({ logger: h.deps.logger, backoffMs: 5 });
  h.deps.broadcast = broadcast;
  startAnnouncementWorker(h.deps, h.bot.token, { fetch: h.emu.fetch });
  c.set(`${o.startDate}T00:00:00Z`);
  c.set(new Date(c.now().getTime() - 24 * 3600_000));
  const record = await createClass(
    h.store,
    loadProgramTemplate("content"),
    { name: o.name, startDate: o.startDate, variant: 5, timeZone: "Asia/Ho_Chi_Minh" },
    c.now(),
  );
  await h.store.classes.addInstructor(record.id, o.instructor.id);
  for (const u of [o.instructor, o.coordinator, ...o.learners]) h.emu.openChat(u);
  await h.say(o.instructor, "/start");
  await h.store.users.update(o.instructor.id, { fullName: "Giảng viên Lan", unit: "Trung tâm", position: "khac" });
  await planClassReminders(h.store, h.jobs, record, c.now());

  // Join: each learner writes to the bot, fills in the profile, and opens the class's link.
  for (const [i, u] of o.learners.entries()) {
    await h.say(u, "/start");
    await h.store.users.update(u.id, {
      fullName: `${u.first_name} ${u.last_name ?? ""}`.trim(),
      unit: `Chi bộ thôn ${i + 1}`,
      position: POSITIONS[i % POSITIONS.length],
    });
    await h.say(u, `/start ${record.learnerCode}`);
  }

  // Sessions: everyone checks in; at each session's end the rating prompt goes out and is answered.
  for (const s of record.sessions) {
    c.set(s.start);
    await h.runJobs();
    for (const u of o.learners) await h.store.classes.markPresent(record.id, s.id, u.id, new Date(s.start));
    c.set(new Date(Date.parse(s.end) + 60_000));
    await h.runJobs();
    for (const [i, u] of o.learners.entries()) {
      const stars = `${4 + (i % 2)}⭐`;
      await h.tap(u, stars).catch(() => undefined);
    }
  }

  const lastEnd = Math.max(...record.sessions.map((s) => Date.parse(s.end)));
  c.set(new Date(lastEnd + 3600_000));
  for (const [i, u] of o.learners.entries()) {
    // A note about the class, named or anonymous.
    await h.say(u, "/feedback");
    await h.tap(u, "Lớp học nói chung");
    await h.tap(u, i % 3 === 0 ? "Ẩn danh" : "Kèm tên tôi");
    await h.say(u, `Góp ý của học viên ${i + 1}: lớp tổ chức chu đáo, tài liệu rõ ràng.`);
    // A question to the instructors.
    await h.say(u, `/question Học viên ${i + 1} hỏi: chi bộ có bao nhiêu đảng viên thì cần bầu chi uỷ?`);
    await h.tap(u, "Gửi");
    // The report, typed in two messages.
    const text = reportText(i, o.reportChars);
    const half = Math.floor(text.length / 2);
    await h.say(u, "/report");
    await h.say(u, text.slice(0, half));
    await h.say(u, text.slice(half));
    await h.tap(u, "Xong");
    await h.tap(u, "Nộp");
  }

  // The instructor answers the first question and grades every report.
  await h.tap(o.instructor, "Trả lời").catch(() => undefined);
  await h.say(o.instructor, "Chi bộ có từ 9 đảng viên chính thức trở lên thì bầu chi uỷ.");
  for (const [i, u] of o.learners.entries()) {
    await h.store.reports.addGrade(record.id, u.id, {
      grade: i % 4 === 0 ? "gioi" : "kha",
      comment: "Bài viết sát thực tế, có đề xuất cụ thể.",
      by: o.instructor.id,
      at: c.now().toISOString(),
      version: 1,
    });
  }

  // An announcement to the class.
  await h.say(o.instructor, "/announce");
  await h.tap(o.instructor, "Tiếp tục");
  await h.say(o.instructor, "Lễ bế giảng lúc 8 giờ sáng thứ Hai tại hội trường lớn.");
  await h.tap(o.instructor, "Gửi");
  await broadcast.idle();

  // The follow-up survey, answered.
  c.set(new Date(lastEnd + ((record.followupDays ?? 90) * 24 + 1) * 3600_000));
  await h.runJobs();
  for (const u of o.learners) {
    const m = h.emu.botMessages(u.id).at(-1);
    const first = h.inlineButtons(m as never)[0]?.text;
    if (first) await h.tap(u, first).catch(() => undefined);
  }
  await broadcast.close();
  return record;
}
