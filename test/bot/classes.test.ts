/**
 * Classes through the full bot: a coordinator creates and edits a class, learners join with invite codes and
 * follow the schedule, reminders go out once (also across a restart), instructors run check-in.
 */
import { afterEach, describe, expect, it } from "vitest";
import { exportClass, exportCsv, REMINDER_QUEUE } from "../../src/classes/service.js";
import type { EmuUser } from "../../src/sandbox/emulator/index.js";
import { createHarness, type Harness, type HarnessOptions, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** Monday 30/11/2026 09:00 in Hà Nội: the day before the class starts (Tuesday 01/12/2026). */
const T0 = new Date("2026-11-30T02:00:00Z");
const at = (iso: string) => new Date(iso);

function clock(start = T0) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    set: (d: Date) => {
      t = d.getTime();
    },
  };
}

const roomy = { limit: 10_000, windowMs: 1_000 };

async function start(opts: HarnessOptions = {}) {
  const c = clock();
  h = await createHarness({ now: c.now, rateLimit: roomy, ...opts });
  return c;
}

async function createClass(h: Harness, name = "Lớp bồi dưỡng khoá I", startDate = "01/12/2026", days = "4 ngày") {
  await h.say(users.coordinator, "/newclass");
  await h.say(users.coordinator, name);
  await h.say(users.coordinator, "Trung tâm Chính trị huyện Đông Anh");
  await h.say(users.coordinator, "Hội trường A");
  await h.say(users.coordinator, startDate);
  await h.tap(users.coordinator, days);
  const created = h.texts(await h.tap(users.coordinator, "Tạo lớp")).join("\n");
  const codes = [...created.matchAll(/start=([A-Za-z0-9]+)/g)].map((m) => m[1] ?? "");
  const id = /mã lớp (c[0-9a-z]+)/.exec(created)?.[1] ?? "";
  return { created, id, learner: codes[0] ?? "", instructor: codes[1] ?? "" };
}

async function registered(user: EmuUser, fullName: string) {
  await h.store.users.update(user.id, { fullName, unit: "Chi bộ thôn Đông", position: "bi_thu" });
}

async function joined(user: EmuUser, fullName: string, code: string) {
  await registered(user, fullName);
  const reply = (await h.say(user, `/start ${code}`)).join("\n");
  expect(reply).toContain("Bạn đã vào lớp");
}

/** Opens the instructor link and the coordinator accepts: the way an instructor joins. */
async function teaching(user: EmuUser, code: string) {
  await h.say(user, `/start ${code}`);
  const reply = h.texts(await h.tap(users.coordinator, "Nhận làm giảng viên")).join();
  expect(reply).toContain("đã là giảng viên của lớp «Lớp bồi dưỡng khoá I»");
}

/** Messages the bot sent to a user since the call index `from`. */
function sentTo(user: EmuUser, from = 0): string[] {
  return h.emu.calls
    .slice(from)
    .filter((c) => c.ok && c.method === "sendMessage" && Number(c.payload.chat_id) === user.id)
    .map((c) => (c.result as { text?: string }).text ?? "");
}

describe("a coordinator creates a class with /newclass", () => {
  it("answers five questions, sees the generated schedule, and gets a learner and an instructor link", async () => {
    await start();
    await h.say(users.coordinator, "/newclass");
    await h.say(users.coordinator, "Lớp bồi dưỡng khoá I");
    await h.say(users.coordinator, "Trung tâm Chính trị huyện Đông Anh");
    await h.say(users.coordinator, "Hội trường A");
    expect(await h.say(users.coordinator, "31/02/2026")).toEqual([expect.stringContaining("Ngày không hợp lệ")]);
    expect((await h.say(users.coordinator, "01/12/2026")).join()).toContain("mấy ngày");
    const preview = h.texts(await h.tap(users.coordinator, "5 ngày")).join("\n");
    expect(preview).toContain("Ngày 1 — Thứ Ba, 01/12/2026");
    expect(preview).toContain("Bài 6. Công tác dân vận");
    expect(preview).toContain("Tham quan");
    expect(preview).toContain("Tạo lớp với lịch này?");
    const created = h.texts(await h.tap(users.coordinator, "Tạo lớp")).join("\n");
    expect(created).toMatch(/Link mời học viên: https:\/\/t\.me\/trogiang_bot\?start=[A-Za-z0-9]{12}/);
    expect(created).toMatch(/Link mời giảng viên: https:\/\/t\.me\/trogiang_bot\?start=[A-Za-z0-9]{12}/);
    const [record] = await h.store.classes.list();
    expect(record).toMatchObject({ name: "Lớp bồi dưỡng khoá I", venue: "Hội trường A", variant: 5 });
    expect(record?.sessions).toHaveLength(10);
    expect(record?.learnerCode).not.toBe(record?.instructorCode);
    // Reminders are queued as soon as the class exists.
    expect(h.pendingJobs(REMINDER_QUEUE).map((j) => j.jobId)).toContain(
      `${record?.id}.evening_before.2026-12-01.20261130T1200Z`,
    );
  });

  it("stores the centre's follow-up delay (FOLLOWUP_DAYS) on the class and plans the survey after it", async () => {
    await start({ env: { FOLLOWUP_DAYS: "30" } });
    const { id } = await createClass(h);
    const record = await h.store.classes.get(id);
    expect(record?.followupDays).toBe(30);
    const lastEnd = Math.max(...(record?.sessions ?? []).map((s) => Date.parse(s.end)));
    const followup = h.pendingJobs("feedback").find((j) => j.jobId === `${id}.followup`);
    expect(followup?.runAt.getTime()).toBe(lastEnd + 30 * 24 * 3600 * 1000);
  });

  it("starts over when the coordinator wants to change the answers", async () => {
    await start();
    await h.say(users.coordinator, "/newclass");
    await h.say(users.coordinator, "Lớp A1");
    await h.say(users.coordinator, "Trung tâm");
    await h.say(users.coordinator, "Hội trường");
    await h.say(users.coordinator, "2026-12-01");
    await h.tap(users.coordinator, "4 ngày");
    expect(h.texts(await h.tap(users.coordinator, "Nhập lại")).join()).toContain("Bước 1/5");
    expect(await h.store.classes.list()).toHaveLength(0);
  });

  it("refuses a learner politely, for /newclass and /classes", async () => {
    await start();
    expect(await h.say(users.an, "/newclass")).toEqual([expect.stringContaining("chỉ dành cho cán bộ quản lý lớp")]);
    expect(await h.say(users.an, "/classes")).toEqual([expect.stringContaining("chỉ dành cho cán bộ quản lý lớp")]);
    const { id } = await createClass(h);
    // A forged button press carries no authority.
    const calls = await h.run(h.emu.click(users.an, 1, `cls:rl:${id}`));
    expect(calls.find((c) => c.method === "answerCallbackQuery")?.payload.text).toContain("chỉ dành cho");
  });
});

describe("a learner joins with /start <code>", () => {
  it("joins at once when registered, and sees the whole schedule by day", async () => {
    await start();
    const { learner, id } = await createClass(h);
    await joined(users.an, "Nguyễn Văn An", learner);
    expect(await h.store.classes.isLearner(id, users.an.id)).toBe(true);
    expect((await h.say(users.an, `/start ${learner}`)).join()).toContain("đã ở trong lớp");
    const schedule = (await h.say(users.an, "/schedule")).join("\n");
    for (let n = 1; n <= 6; n++) expect(schedule).toContain(`Bài ${n}.`);
    expect(schedule).toContain("Ngày 4 — Thứ Sáu, 04/12/2026");
    expect(schedule).toContain("⏭ Sáng 07:30–11:00 · Bài 1.");
    expect(schedule).toContain("Chiều 13:30–17:00 · Viết bản thu hoạch");
    expect(h.replyKeyboard(users.an)).toContain("📅 Lịch học");
    expect((await h.say(users.an, "📅 Lịch học")).join()).toContain("Thảo luận, giải đáp thắc mắc");
  });

  it("registers first when not registered, then the join completes", async () => {
    await start();
    const { learner, id } = await createClass(h);
    const first = (await h.say(users.binh, `/start ${learner}`)).join("\n");
    expect(first).toContain("Chào mừng bạn đến với lớp «Lớp bồi dưỡng khoá I»");
    expect(first).toContain("Bước 1/3");
    await h.say(users.binh, "Trần Văn Bình");
    await h.say(users.binh, "Chi bộ khu phố 2");
    await h.tap(users.binh, "Chi uỷ viên");
    const done = h.texts(await h.tap(users.binh, "Đúng, lưu lại")).join("\n");
    expect(done).toContain("Bạn đã vào lớp «Lớp bồi dưỡng khoá I»");
    expect(done).toContain("Thứ Ba, 01/12/2026");
    expect(await h.store.classes.learners(id)).toEqual([users.binh.id]);
  });

  it("prefills a learner imported from the CSV by Telegram username; matches another by name", async () => {
    await start();
    const { learner, id } = await createClass(h);
    await h.store.classes.importLearners(id, [
      { fullName: "Nguyễn Văn An", unit: "Chi bộ thôn Bắc", username: "an_nguyen" },
      { fullName: "Trần Văn Bình", unit: "Chi bộ 2" },
    ]);
    const reply = (await h.say(users.an, `/start ${learner}`)).join("\n");
    expect(reply).toContain("Họ tên: Nguyễn Văn An");
    expect(reply).toContain("Đơn vị: Chi bộ thôn Bắc");
    expect(h.texts(await h.tap(users.an, "Bí thư chi bộ")).join()).toContain("Bạn đã vào lớp");
    expect(await h.store.users.get(users.an.id)).toMatchObject({ fullName: "Nguyễn Văn An", unit: "Chi bộ thôn Bắc" });

    await registered(users.binh, "tran van binh");
    await h.say(users.binh, `/start ${learner}`);
    const pre = await h.store.classes.preRegistered(id);
    expect(pre.find((p) => p.fullName === "Trần Văn Bình")?.userId).toBe(users.binh.id);
    expect(pre.find((p) => p.fullName === "Nguyễn Văn An")?.userId).toBe(users.an.id);
  });

  it("gets a clear reply for a wrong code and for a revoked one; the new link works", async () => {
    await start();
    const { learner, id } = await createClass(h);
    await registered(users.an, "Nguyễn Văn An");
    expect(await h.say(users.an, "/start WRONGcode123")).toEqual([expect.stringContaining("Mã mời không đúng")]);
    expect(await h.say(users.an, "/start x<y>")).toEqual([expect.stringContaining("Mã mời không đúng")]);

    await h.say(users.coordinator, "/classes");
    await h.tap(users.coordinator, "Lớp bồi dưỡng khoá I");
    expect(h.texts(await h.tap(users.coordinator, "Đổi link học viên")).join()).toContain("Thu hồi link học viên");
    const renewed = h.texts(await h.tap(users.coordinator, "Thu hồi và tạo link mới")).join();
    const fresh = /start=([A-Za-z0-9]+)/.exec(renewed)?.[1];
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(learner);
    expect(await h.say(users.an, `/start ${learner}`)).toEqual([expect.stringContaining("đã bị thu hồi")]);
    expect((await h.say(users.an, `/start ${fresh}`)).join()).toContain("Bạn đã vào lớp");
    expect(await h.store.classes.isLearner(id, users.an.id)).toBe(true);
  });

  it("is asked which class when in several, for /schedule", async () => {
    await start();
    const a = await createClass(h, "Lớp khoá I");
    const b = await createClass(h, "Lớp khoá II", "07/12/2026");
    await joined(users.an, "Nguyễn Văn An", a.learner);
    await h.say(users.an, `/start ${b.learner}`);
    expect(await h.say(users.an, "/schedule")).toEqual([expect.stringContaining("nhiều lớp")]);
    expect(h.inlineButtons(h.last(users.an)).map((b) => b.text)).toEqual(["Lớp khoá I", "Lớp khoá II"]);
    const shown = h.texts(await h.tap(users.an, "Lớp khoá II")).join("\n");
    expect(shown).toContain("Lịch học — Lớp khoá II");
    expect(shown).toContain("07/12/2026");
    // A learner cannot open a class they are not in by forging the button.
    const c = await createClass(h, "Lớp khoá III");
    const calls = await h.run(h.emu.click(users.an, h.last(users.an).message_id, `cp:sched:${c.id}`));
    expect(calls.find((x) => x.method === "answerCallbackQuery")?.payload.text).toContain("không ở trong lớp");
  });
});

describe("in English", () => {
  it("a learner who chose English sees the schedule and the change notices in English", async () => {
    await start();
    const { learner } = await createClass(h);
    await joined(users.stranger, "Khach Nguyen", learner);
    await h.store.users.update(users.stranger.id, { locale: "en" });
    const schedule = (await h.say(users.stranger, "/schedule")).join("\n");
    expect(schedule).toContain("Schedule — Lớp bồi dưỡng khoá I");
    expect(schedule).toContain("Day 1 — Tuesday, 01/12/2026");
    expect(schedule).toContain("Morning 07:30–11:00 · Lesson 1.");
    await h.say(users.coordinator, "/classes");
    await h.tap(users.coordinator, "Lớp bồi dưỡng khoá I");
    await h.tap(users.coordinator, "Đổi địa điểm");
    const mark = h.emu.calls.length;
    await h.say(users.coordinator, "Hội trường B");
    expect(sentTo(users.stranger, mark).join()).toContain("Schedule change: new venue: Hội trường B");
  });
});

describe("/today and /next", () => {
  it("tells what is on today, now and next, in the class time zone", async () => {
    const c = await start();
    const { learner } = await createClass(h);
    await joined(users.an, "Nguyễn Văn An", learner);
    const monday = (await h.say(users.an, "/today")).join("\n");
    expect(monday).toContain("Hôm nay lớp «Lớp bồi dưỡng khoá I» không có buổi học");
    expect(monday).toContain("Buổi tiếp theo: Bài 1.");
    c.set(at("2026-12-01T01:00:00Z")); // Tuesday 08:00 local
    const today = (await h.say(users.an, "/today")).join("\n");
    expect(today).toContain("Hôm nay — Thứ Ba, 01/12/2026");
    expect(today).toContain("▶️ Sáng 07:30–11:00 · Bài 1.");
    expect(today).toContain("⏭ Chiều 13:30–17:00 · Bài 2.");
    const next = (await h.say(users.an, "/next")).join("\n");
    expect(next).toContain("Đang học: Bài 1.");
    expect(next).toContain("Buổi tiếp theo: Bài 2.");
    expect(next).toContain("Địa điểm: Hội trường A");
    c.set(at("2026-12-05T01:00:00Z"));
    expect((await h.say(users.an, "/next")).join()).toContain("đã học xong");
  });

  it("says how to join when the user is in no class", async () => {
    await start();
    expect(await h.say(users.an, "/schedule")).toEqual([expect.stringContaining("chưa tham gia lớp nào")]);
    expect(await h.say(users.an, "/today")).toEqual([expect.stringContaining("chưa tham gia lớp nào")]);
  });
});

describe("a coordinator edits a class; learners are told", () => {
  async function openCard() {
    await h.say(users.coordinator, "/classes");
    await h.tap(users.coordinator, "Lớp bồi dưỡng khoá I");
  }

  it("moves a session: learners get 'Thay đổi lịch học', and its reminders move with it", async () => {
    await start();
    const { learner, id } = await createClass(h);
    await joined(users.an, "Nguyễn Văn An", learner);
    await joined(users.binh, "Trần Văn Bình", learner);
    const before = h.pendingJobs(REMINDER_QUEUE).map((j) => j.jobId);
    expect(before).toContain(`${id}.session_soon.s03.20261202T0000Z`);

    await openCard();
    await h.tap(users.coordinator, "Dời buổi học");
    expect(h.texts(await h.tap(users.coordinator, "Bài 3")).join()).toContain("sang ngày nào");
    expect(await h.say(users.coordinator, "ngày mai")).toEqual([expect.stringContaining("Ngày không hợp lệ")]);
    await h.say(users.coordinator, "07/12/2026");
    // Monday 07/12 is after «Viết bản thu hoạch»: said, and confirmed.
    expect(h.texts(await h.tap(users.coordinator, "Chiều")).join()).toContain("sau buổi «Viết bản thu hoạch»");
    const mark = h.emu.calls.length;
    const done = h.texts(await h.tap(users.coordinator, "Vẫn dời")).join("\n");
    expect(done).toContain("Đã báo cho 2 học viên");
    const notice = sentTo(users.an, mark).join("\n");
    expect(notice).toContain(
      "Thay đổi lịch học: Bài 3. Công tác tư tưởng chuyển sang Chiều Thứ Hai, 07/12/2026 (13:30–17:00)",
    );
    expect(sentTo(users.binh, mark).join()).toContain("Thay đổi lịch học");

    const after = h.pendingJobs(REMINDER_QUEUE).map((j) => j.jobId);
    expect(after).not.toContain(`${id}.session_soon.s03.20261202T0000Z`);
    expect(after).toContain(`${id}.session_soon.s03.20261207T0600Z`);
    expect((await h.say(users.an, "/schedule")).join("\n")).toMatch(/07\/12\/2026\n.*Chiều 13:30–17:00 · Bài 3/);
  });

  it("refuses to move a session onto another one", async () => {
    await start();
    await createClass(h);
    await openCard();
    await h.tap(users.coordinator, "Dời buổi học");
    await h.tap(users.coordinator, "Bài 3");
    await h.say(users.coordinator, "01/12/2026");
    expect(h.texts(await h.tap(users.coordinator, "Sáng")).join()).toContain("đã có buổi học khác");
  });

  it("changes the venue and an instructor", async () => {
    await start();
    const { learner, id } = await createClass(h);
    await joined(users.an, "Nguyễn Văn An", learner);
    await openCard();
    await h.tap(users.coordinator, "Đổi địa điểm");
    const mark = h.emu.calls.length;
    await h.say(users.coordinator, "Phòng họp số 2 <tầng 3>");
    expect(sentTo(users.an, mark).join()).toContain("Thay đổi lịch học: địa điểm học mới: Phòng họp số 2 <tầng 3>");
    expect((await h.say(users.an, "/next")).join()).toContain("Địa điểm: Phòng họp số 2 <tầng 3>");

    await h.store.users.update(users.lan.id, { fullName: "TS. Lê Văn Minh" });
    await h.store.classes.addInstructor(id, users.lan.id);
    await openCard();
    await h.tap(users.coordinator, "Đổi giảng viên");
    await h.tap(users.coordinator, "Bài 2");
    const mark2 = h.emu.calls.length;
    await h.tap(users.coordinator, "TS. Lê Văn Minh");
    expect(sentTo(users.an, mark2).join()).toContain(
      "giảng viên buổi «Bài 2. Nhiệm vụ của chi uỷ và công tác của bí thư chi bộ»: TS. Lê Văn Minh",
    );
    expect((await h.say(users.an, "/schedule")).join()).toContain("giảng viên: TS. Lê Văn Minh");
  });

  it("adds a chuyên đề from the template and a custom one, then removes one", async () => {
    await start();
    const { learner } = await createClass(h);
    await joined(users.an, "Nguyễn Văn An", learner);
    await openCard();
    await h.tap(users.coordinator, "Thêm chuyên đề");
    const mark = h.emu.calls.length;
    await h.tap(users.coordinator, "Công tác dân vận của cấp uỷ");
    expect(sentTo(users.an, mark).join()).toContain("Thay đổi lịch học: thêm Chuyên đề: Công tác dân vận");
    let schedule = (await h.say(users.an, "/schedule")).join("\n");
    expect(schedule).toContain("Sáng 07:30–11:00 · Chuyên đề: Công tác dân vận");
    expect(schedule).toContain("Ngày 5 — Thứ Hai, 07/12/2026");

    await openCard();
    await h.tap(users.coordinator, "Thêm chuyên đề");
    await h.tap(users.coordinator, "Chuyên đề khác");
    expect(await h.say(users.coordinator, "abc")).toEqual([expect.stringContaining("Tên chuyên đề cần")]);
    await h.say(users.coordinator, "Xây dựng nông thôn mới ở địa phương");
    schedule = (await h.say(users.an, "/schedule")).join("\n");
    expect(schedule).toContain("Chuyên đề: Xây dựng nông thôn mới ở địa phương");

    await openCard();
    await h.tap(users.coordinator, "Bỏ chuyên đề");
    const mark2 = h.emu.calls.length;
    await h.tap(users.coordinator, /Xây dựng nông thôn/);
    expect(sentTo(users.an, mark2).join()).toContain("Thay đổi lịch học: bỏ Chuyên đề: Xây dựng nông thôn mới");
    expect((await h.say(users.an, "/schedule")).join()).not.toContain("nông thôn mới");
  });

  it("removes a learner, who then gets no reminders", async () => {
    await start();
    const { learner, id } = await createClass(h);
    await joined(users.an, "Nguyễn Văn An", learner);
    await openCard();
    await h.tap(users.coordinator, "Học viên");
    expect(h.last(users.coordinator).text).toContain("Nguyễn Văn An — Chi bộ thôn Đông");
    expect(h.texts(await h.tap(users.coordinator, "❌ Nguyễn Văn An")).join()).toContain("Xoá Nguyễn Văn An khỏi lớp");
    expect(await h.store.classes.learners(id)).toEqual([users.an.id]);
    expect(h.texts(await h.tap(users.coordinator, "Xoá khỏi lớp")).join()).toContain("Đã xoá Nguyễn Văn An");
    expect(await h.store.classes.learners(id)).toEqual([]);
    const mark = h.emu.calls.length;
    await h.runJobs(at("2026-11-30T12:00:00Z"));
    expect(sentTo(users.an, mark)).toEqual([]);
  });
});

describe("reminders", () => {
  it("the evening before at 19:00 lists tomorrow's sessions; 30 minutes before each session", async () => {
    await start();
    const { learner } = await createClass(h);
    await joined(users.an, "Nguyễn Văn An", learner);
    const mark = h.emu.calls.length;
    await h.runJobs(at("2026-11-30T12:00:00Z"));
    const evening = sentTo(users.an, mark);
    expect(evening).toHaveLength(1);
    expect(evening[0]).toContain("ngày mai, Thứ Ba, 01/12/2026, lớp «Lớp bồi dưỡng khoá I» học");
    expect(evening[0]).toContain("Sáng 07:30–11:00 · Bài 1.");
    expect(evening[0]).toContain("Chiều 13:30–17:00 · Bài 2.");
    await h.runJobs(at("2026-12-01T00:00:00Z"));
    expect(sentTo(users.an, mark).at(-1)).toContain(
      "Còn 30 phút nữa (07:30) lớp «Lớp bồi dưỡng khoá I» bắt đầu: Bài 1.",
    );
  });

  it("the report deadline is reminded the evening before and a few hours before", async () => {
    await start();
    const { learner } = await createClass(h);
    await joined(users.an, "Nguyễn Văn An", learner);
    const mark = h.emu.calls.length;
    await h.runJobs(at("2026-12-05T14:00:00Z"));
    const texts = sentTo(users.an, mark).join("\n");
    expect(texts).toContain("hạn nộp bản thu hoạch của lớp «Lớp bồi dưỡng khoá I» là 23:59 Thứ Bảy, 05/12/2026");
    expect(texts).toContain("Còn ít giờ nữa là hết hạn nộp bản thu hoạch");
  });

  it("/settings mutes one kind of reminder and not the others", async () => {
    await start();
    const { learner } = await createClass(h);
    await joined(users.an, "Nguyễn Văn An", learner);
    await h.say(users.an, "/settings");
    const calls = await h.tap(users.an, "Tối hôm trước");
    expect(calls.find((c) => c.method === "answerCallbackQuery")?.payload.text).toContain("Đã tắt");
    expect(h.inlineButtons(h.last(users.an))[0]?.text).toContain("🔕");
    const mark = h.emu.calls.length;
    await h.runJobs(at("2026-12-01T00:00:00Z"));
    const got = sentTo(users.an, mark);
    expect(got.some((t) => t.includes("ngày mai"))).toBe(false);
    expect(got.some((t) => t.includes("Còn 30 phút"))).toBe(true);
  });

  it("a learner who left with /leave gets none", async () => {
    await start();
    const { learner } = await createClass(h);
    await joined(users.an, "Nguyễn Văn An", learner);
    expect((await h.say(users.an, "/leave")).join()).toContain("Bạn muốn rời lớp");
    expect(h.texts(await h.tap(users.an, "Rời lớp")).join()).toContain("Bạn đã rời lớp");
    const mark = h.emu.calls.length;
    await h.runJobs(at("2026-12-02T00:00:00Z"));
    expect(sentTo(users.an, mark)).toEqual([]);
  });

  it("none is sent twice after the bot restarts on the same Redis", async () => {
    const c = await start();
    const { learner } = await createClass(h);
    await joined(users.an, "Nguyễn Văn An", learner);
    c.set(at("2026-11-30T12:00:00Z"));
    await h.runJobs();
    expect(sentTo(users.an).filter((t) => t.includes("ngày mai"))).toHaveLength(1);
    const { prefix, emu } = h;
    await h.close();
    // A new process: jobs are re-planned at start-up from the stored classes; the evening job comes back.
    h = await createHarness({ now: c.now, prefix, emulator: emu, rateLimit: roomy });
    expect(h.pendingJobs(REMINDER_QUEUE).length).toBeGreaterThan(0);
    await h.runJobs(at("2026-11-30T12:00:00Z"));
    expect(sentTo(users.an).filter((t) => t.includes("ngày mai"))).toHaveLength(1);
    // …but the next ones still go out, once.
    await h.runJobs(at("2026-12-01T00:00:00Z"));
    expect(sentTo(users.an).filter((t) => t.includes("Còn 30 phút"))).toHaveLength(1);
  });
});

describe("instructors and check-in", () => {
  async function setup() {
    const c = await start();
    const codes = await createClass(h);
    await teaching(users.lan, codes.instructor);
    await joined(users.an, "Nguyễn Văn An", codes.learner);
    await joined(users.binh, "Trần Văn Bình", codes.learner);
    c.set(at("2026-12-01T00:40:00Z")); // Tuesday 07:40, lesson 1 is on
    const opened = (await h.say(users.lan, "/checkin_open")).join();
    const code = /Mã điểm danh: (\d{4})/.exec(opened)?.[1] ?? "";
    expect(code).toMatch(/^\d{4}$/);
    return { c, codes, opened, code };
  }

  it("the instructor link makes an instructor, with their own command menu", async () => {
    await start();
    const { instructor, id } = await createClass(h);
    await teaching(users.lan, instructor);
    expect(await h.store.classes.instructors(id)).toEqual([users.lan.id]);
    expect((await h.store.users.roleFlags(users.lan.id)).instructor).toBe(true);
    const scoped = h.emu.calls.find(
      (c) => c.method === "setMyCommands" && (c.payload.scope as { chat_id?: number })?.chat_id === users.lan.id,
    );
    expect(JSON.stringify(scoped?.payload.commands)).toContain("checkin_open");
    expect((await h.say(users.lan, "/help")).join()).toContain("/attendance");
  });

  it("opens check-in for the current session with a code valid 15 minutes", async () => {
    const { opened } = await setup();
    expect(opened).toContain("Bài 1.");
    expect(opened).toContain("hiệu lực 15 phút (đến 07:55)");
  });

  it("learners check in with /checkin <code>, with /checkin then the code, or the bare code — once each", async () => {
    const { code, codes } = await setup();
    expect(await h.say(users.an, `/checkin ${code}`)).toEqual([expect.stringContaining("Đã điểm danh: Bài 1.")]);
    expect(await h.say(users.an, code)).toEqual([expect.stringContaining("Bạn đã điểm danh rồi")]);
    expect(await h.say(users.binh, "/checkin")).toEqual([expect.stringContaining("gửi mã điểm danh")]);
    expect(await h.say(users.binh, code)).toEqual([expect.stringContaining("Đã điểm danh")]);
    const present = await h.store.classes.attendance(codes.id, "s01");
    expect([...present.keys()].sort()).toEqual([users.an.id, users.binh.id]);
  });

  it("a wrong code gets the attempts left; repeated wrong codes are blocked", async () => {
    const { code } = await setup();
    const wrong = code === "0000" ? "1111" : "0000";
    expect(await h.say(users.an, `/checkin ${wrong}`)).toEqual([expect.stringContaining("Bạn còn 4 lần thử")]);
    expect(await h.say(users.an, "/checkin 12ab")).toEqual([expect.stringContaining("đúng 4 chữ số")]);
    for (let i = 0; i < 3; i++) await h.say(users.an, `/checkin ${wrong}`);
    expect(await h.say(users.an, `/checkin ${wrong}`)).toEqual([expect.stringContaining("nhập sai quá nhiều lần")]);
    expect(await h.say(users.an, `/checkin ${code}`)).toEqual([expect.stringContaining("nhập sai quá nhiều lần")]);
  });

  it("after a bare /checkin, a menu button is a menu button, not a wrong code", async () => {
    await setup();
    await h.say(users.an, "/checkin");
    expect((await h.say(users.an, "📅 Lịch học")).join()).toContain("Lịch học — Lớp bồi dưỡng khoá I");
    expect(await h.store.classes.attempts((await h.store.classes.list())[0]?.id ?? "", users.an.id)).toEqual({
      failures: [],
    });
  });

  it("after a bare /checkin, other commands in between do not lose the wait; it ends with the window", async () => {
    const { c, code } = await setup();
    await h.say(users.an, "/checkin");
    await h.say(users.an, "/help");
    expect(await h.say(users.an, code)).toEqual([expect.stringContaining("Đã điểm danh: Bài 1.")]);
    await h.say(users.binh, "/checkin");
    c.set(at("2026-12-01T01:00:00Z")); // the window (07:40–07:55) has closed
    const late = (await h.say(users.binh, "12 34")).join();
    expect(late).not.toContain("điểm danh");
    expect(await h.store.classes.attempts((await h.store.classes.list())[0]?.id ?? "", users.binh.id)).toEqual({
      failures: [],
    });
  });

  it("after the window closes, the code is refused and plain digits are left alone", async () => {
    const { c, code } = await setup();
    c.set(at("2026-12-01T01:00:00Z"));
    expect(await h.say(users.an, `/checkin ${code}`)).toEqual([
      expect.stringContaining("không có lớp nào của bạn đang mở điểm danh"),
    ]);
  });

  it("the instructor sees who is present and who is missing", async () => {
    const { code } = await setup();
    await h.say(users.an, code);
    const report = (await h.say(users.lan, "/attendance")).join("\n");
    expect(report).toContain("Điểm danh — Bài 1.");
    expect(report).toContain("có mặt 1/2");
    expect(report).toMatch(/Có mặt\n✅ Nguyễn Văn An/);
    expect(report).toMatch(/Vắng\n❌ Trần Văn Bình/);
  });

  it("the instructor can look at another session that has started", async () => {
    const { c, code } = await setup();
    await h.say(users.an, code);
    c.set(at("2026-12-01T07:00:00Z")); // 14:00, lesson 2
    // The last check-in's session first, with the other started sessions as buttons.
    expect((await h.say(users.lan, "/attendance")).join()).toContain("Điểm danh — Bài 1.");
    expect(h.inlineButtons(h.last(users.lan)).map((b) => b.text)).toEqual(["01/12/2026 Chiều · Bài 2"]);
    const other = h.texts(await h.tap(users.lan, "01/12/2026 Chiều · Bài 2")).join("\n");
    expect(other).toContain("Điểm danh — Bài 2.");
    expect(other).toContain("có mặt 0/2");
  });

  it("learners cannot open check-in or see attendance", async () => {
    await setup();
    expect(await h.say(users.an, "/checkin_open")).toEqual([expect.stringContaining("chỉ dành cho giảng viên")]);
    expect(await h.say(users.an, "/attendance")).toEqual([expect.stringContaining("chỉ dành cho giảng viên")]);
  });

  it("an instructor of another class can neither open its check-in nor see its attendance", async () => {
    await setup();
    const other = await createClass(h, "Lớp khoá II", "07/12/2026");
    const calls = await h.run(h.emu.click(users.lan, h.last(users.lan).message_id, `cp:att:${other.id}`));
    expect(calls.find((c) => c.method === "answerCallbackQuery")?.payload.text).toContain("chỉ dành cho giảng viên");
    const open = await h.run(h.emu.click(users.lan, h.last(users.lan).message_id, `cp:copen:${other.id}`));
    expect(open.find((c) => c.method === "answerCallbackQuery")?.payload.text).toContain("chỉ dành cho giảng viên");
    expect(await h.store.classes.checkinWindow(other.id)).toBeUndefined();
  });

  it("the class export has enrolment, schedule and attendance (JSON and CSV)", async () => {
    const { code, codes } = await setup();
    await h.say(users.an, code);
    const data = await exportClass(h.store, codes.id);
    expect(data?.learners.map((l) => l.fullName)).toEqual(["Nguyễn Văn An", "Trần Văn Bình"]);
    expect(data?.instructors.map((i) => i.userId)).toEqual([users.lan.id]);
    expect(data?.attendance.find((a) => a.sessionId === "s01")?.present).toEqual([users.an.id]);
    expect(JSON.stringify(data)).not.toContain(codes.learner);
    const csv = exportCsv(data as NonNullable<typeof data>);
    expect(csv.startsWith("\uFEFFuser_id,full_name,unit,position,username,s01,s02")).toBe(true);
    expect(csv).toContain(`${users.an.id},Nguyễn Văn An,Chi bộ thôn Đông,bi_thu,an_nguyen,1,0`);
    expect(csv).toContain(`${users.binh.id},Trần Văn Bình,Chi bộ thôn Đông,bi_thu,,0,0`);
  });

  it("CHECKIN_MINUTES sets how long the code is valid", async () => {
    const c = clock(at("2026-12-01T00:40:00Z"));
    h = await createHarness({ now: c.now, rateLimit: roomy, env: { CHECKIN_MINUTES: "5" } });
    const codes = await createClass(h);
    await teaching(users.lan, codes.instructor);
    expect((await h.say(users.lan, "/checkin_open")).join()).toContain("hiệu lực 5 phút (đến 07:45)");
  });
});
