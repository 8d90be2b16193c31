/**
 * Schedules as centres run them, through the full bot: exact times and a venue per session, a move into a taken slot
 * that asks again, order checks to confirm, and /newclass stating a past start, a weekend start and a name in use.
 * The clock: Monday 30/11/2026 09:00 in Hà Nội.
 */
import { afterEach, describe, expect, it } from "vitest";
import { REMINDER_QUEUE } from "../../src/classes/service.js";
import { localDateOf } from "../../src/domain/time.js";
import type { EmuUser } from "../../src/sandbox/emulator/index.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const NAME = "Lớp bồi dưỡng khoá I";

async function start() {
  const now = () => new Date("2026-11-30T02:00:00Z");
  h = await createHarness({ now, rateLimit: { limit: 10_000, windowMs: 1_000 } });
}

/** /newclass up to the start date; returns the replies to the date. */
async function newClassUntilStart(name: string, startDate: string): Promise<string> {
  await h.say(users.coordinator, "/newclass");
  await h.say(users.coordinator, name);
  await h.say(users.coordinator, "Trung tâm Chính trị huyện Đông Anh");
  await h.say(users.coordinator, "Hội trường A");
  return (await h.say(users.coordinator, startDate)).join("\n");
}

async function finishNewClass(days = "4 ngày"): Promise<string> {
  await h.tap(users.coordinator, days);
  const created = h.texts(await h.tap(users.coordinator, "Tạo lớp")).join("\n");
  return /mã lớp (c[0-9a-z]+)/.exec(created)?.[1] ?? "";
}

async function classWithLearner(days = "4 ngày"): Promise<string> {
  await newClassUntilStart(NAME, "01/12/2026");
  const id = await finishNewClass(days);
  await h.store.users.update(users.an.id, { fullName: "Nguyễn Văn An", unit: "Chi bộ 1", position: "bi_thu" });
  await h.store.classes.addLearner(id, users.an.id);
  h.emu.openChat(users.an);
  return id;
}

async function openCard() {
  await h.say(users.coordinator, "/classes");
  await h.tap(users.coordinator, NAME);
}

const sentTo = (u: EmuUser, from = 0) =>
  h.emu.calls
    .slice(from)
    .filter((c) => c.ok && c.method === "sendMessage" && Number(c.payload.chat_id) === u.id)
    .map((c) => (c.result as { text?: string }).text ?? "");

const tapText = async (u: EmuUser, label: string | RegExp) => h.texts(await h.tap(u, label)).join("\n");

describe("«Dời buổi học» as centres need it", () => {
  it("a move into a taken slot says what is there and asks again; the next date typed is the answer", async () => {
    await start();
    const id = await classWithLearner();
    await openCard();
    await h.tap(users.coordinator, "Dời buổi học");
    await h.tap(users.coordinator, "Bài 3");
    await h.say(users.coordinator, "01/12/2026");
    const taken = await tapText(users.coordinator, "Sáng");
    expect(taken).toContain("Sáng Thứ Ba, 01/12/2026 đã có buổi học khác: Bài 1.");
    expect(taken).toContain("sang ngày nào");
    const mark = h.emu.calls.length;
    // Still in the scene: the date is not a question for Q&A.
    expect((await h.say(users.coordinator, "30/11/2026")).join()).toContain("giờ cụ thể");
    await h.tap(users.coordinator, "Chiều");
    expect(sentTo(users.an, mark).join()).toContain(
      "Thay đổi lịch học: Bài 3. Công tác tư tưởng chuyển sang Chiều Thứ Hai, 30/11/2026 (13:30–17:00).",
    );
    const s03 = (await h.store.classes.get(id))?.sessions.find((s) => s.id === "s03");
    expect(s03 && localDateOf(s03.start, "Asia/Ho_Chi_Minh")).toBe("2026-11-30");
  });

  it("a session moved to exact times keeps them, and its 30-minute reminder follows", async () => {
    await start();
    const id = await classWithLearner();
    await openCard();
    await h.tap(users.coordinator, "Dời buổi học");
    await h.tap(users.coordinator, "Bài 2");
    await h.say(users.coordinator, "30/11/2026");
    expect(await tapText(users.coordinator, "Giờ cụ thể")).toContain("bắt đầu và kết thúc");
    expect((await h.say(users.coordinator, "16:00-14:00")).join()).toContain("Giờ chưa đúng");
    const mark = h.emu.calls.length;
    await h.say(users.coordinator, "14h - 16h30");
    expect(sentTo(users.an, mark).join()).toContain("chuyển sang Chiều Thứ Hai, 30/11/2026 (14:00–16:30)");
    expect((await h.say(users.an, "/schedule")).join()).toContain("Chiều 14:00–16:30 · Bài 2.");
    const jobs = h.pendingJobs(REMINDER_QUEUE).map((j) => j.jobId);
    expect(jobs).toContain(`${id}.session_soon.s02.20261130T0630Z`);
  });

  it("a lesson moved after «Viết bản thu hoạch» is warned: «Chọn lại» asks again, «Vẫn dời» moves it", async () => {
    await start();
    const id = await classWithLearner();
    await openCard();
    await h.tap(users.coordinator, "Dời buổi học");
    await h.tap(users.coordinator, "Bài 1");
    await h.say(users.coordinator, "07/12/2026");
    const warned = await tapText(users.coordinator, "Sáng");
    expect(warned).toContain("có buổi học nằm sau buổi «Viết bản thu hoạch»");
    expect(await tapText(users.coordinator, "Chọn lại")).toContain("sang ngày nào");
    expect((await h.store.classes.get(id))?.sessions[0]?.id).toBe("s01");
    await h.say(users.coordinator, "07/12/2026");
    await h.tap(users.coordinator, "Sáng");
    const mark = h.emu.calls.length;
    await h.tap(users.coordinator, "Vẫn dời");
    expect(sentTo(users.an, mark).join()).toContain("chuyển sang Sáng Thứ Hai, 07/12/2026");
    expect((await h.store.classes.get(id))?.sessions.at(-1)?.id).toBe("s01");
  });

  it("a field visit moved outside the course is warned", async () => {
    await start();
    await classWithLearner("5 ngày");
    await openCard();
    await h.tap(users.coordinator, "Dời buổi học");
    await h.tap(users.coordinator, "Tham quan");
    await h.say(users.coordinator, "20/12/2026");
    expect(await tapText(users.coordinator, "Sáng")).toContain("buổi tham quan nằm ngoài thời gian khoá học");
  });
});

describe("a venue per session", () => {
  it("a field visit gets its own address; learners are told, and a new class venue leaves it", async () => {
    await start();
    await classWithLearner("5 ngày");
    await openCard();
    await h.tap(users.coordinator, "Địa điểm một buổi");
    await h.tap(users.coordinator, "Tham quan");
    const mark = h.emu.calls.length;
    await h.say(users.coordinator, "Khu di tích K9, Đá Chông, Ba Vì");
    expect(sentTo(users.an, mark).join()).toContain(
      "Thay đổi lịch học: địa điểm buổi «Tham quan, nghe báo cáo kinh nghiệm thực tế»: Khu di tích K9, Đá Chông, Ba Vì",
    );
    await openCard();
    await h.tap(users.coordinator, "Đổi địa điểm");
    await h.say(users.coordinator, "Hội trường B");
    const schedule = (await h.say(users.an, "/schedule")).join("\n");
    expect(schedule).toContain("Địa điểm: Hội trường B");
    expect(schedule).toContain("tại Khu di tích K9, Đá Chông, Ba Vì");
  });
});

describe("/newclass states what it would otherwise decide alone", () => {
  it("a start date in the past is stated and must be confirmed", async () => {
    await start();
    const reply = await newClassUntilStart(NAME, "20/11/2026");
    expect(reply).toContain("Ngày Thứ Sáu, 20/11/2026 đã qua (hôm nay là Thứ Hai, 30/11/2026)");
    expect(await tapText(users.coordinator, "Nhập ngày khác")).toContain("Ngày khai giảng");
    expect((await h.say(users.coordinator, "01/12/2026")).join()).toContain("mấy ngày");
  });

  it("a Saturday start does not silently become Monday: the coordinator picks", async () => {
    await start();
    expect(await newClassUntilStart(NAME, "05/12/2026")).toContain("Thứ Bảy, 05/12/2026 là ngày cuối tuần");
    await h.tap(users.coordinator, "Bắt đầu đúng Thứ Bảy");
    const id = await finishNewClass();
    const first = (await h.store.classes.get(id))?.sessions[0];
    expect(first && localDateOf(first.start, "Asia/Ho_Chi_Minh")).toBe("2026-12-05");

    await newClassUntilStart("Lớp bồi dưỡng khoá II", "05/12/2026");
    await h.tap(users.coordinator, "Bắt đầu Thứ Hai, 07/12/2026");
    const id2 = await finishNewClass();
    const first2 = (await h.store.classes.get(id2))?.sessions[0];
    expect(first2 && localDateOf(first2.start, "Asia/Ho_Chi_Minh")).toBe("2026-12-07");
  });

  it("a class name already in use is warned, and another can be given", async () => {
    await start();
    await newClassUntilStart(NAME, "01/12/2026");
    const id = await finishNewClass();
    await h.say(users.coordinator, "/newclass");
    const warned = (await h.say(users.coordinator, "lớp bồi dưỡng khoá i")).join();
    expect(warned).toContain(`Đã có lớp «${NAME}» (${id}, khai giảng 01/12/2026)`);
    expect(await tapText(users.coordinator, "Đặt tên khác")).toContain("Tên lớp");
    expect((await h.say(users.coordinator, "Lớp bồi dưỡng khoá II")).join()).toContain("Đơn vị tổ chức");
  });
});
