/**
 * Rights as the people of a course meet them: an instructor is one a coordinator said yes to (or appointed); every
 * write is judged by the rights and the facts of its moment (membership, the session's existence and state,
 * attendance); nothing irreversible happens on one tap.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ApiCall, EmuUser } from "../../src/sandbox/emulator/index.js";
import { clock, setUpClass, submitTextReport } from "../helpers/coursework.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";
import { shownBy } from "../helpers/shown.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const roomy = { limit: 10_000, windowMs: 1_000 };
const vi = (key: string, vars?: Record<string, string | number>) => h.deps.i18n.t("vi", key, vars);

const shown = (calls: ApiCall[]) => shownBy(h, calls);

/** A button press with data of the user's choosing, on the last message the bot sent them. */
async function press(user: EmuUser, data: string): Promise<ApiCall[]> {
  if (h.emu.botMessages(user.id).length === 0) await h.say(user, "/help");
  return h.run(h.emu.click(user, h.last(user).message_id, data));
}

async function start() {
  const c = clock();
  h = await createHarness({ now: c.now, rateLimit: roomy });
  const record = await setUpClass(h);
  h.emu.openChat(users.coordinator);
  h.emu.openChat(users.stranger);
  // The stranger's client is in English; the stories read in the language they chose in the bot.
  await h.store.users.update(users.stranger.id, { locale: "vi" });
  await h.say(users.coordinator, "/start");
  return { c, record };
}

/** An submits a bản thu hoạch through the scene. */
async function submitReport(user: EmuUser, text: string) {
  return (await submitTextReport(h, user, text)).receipt;
}

describe("instructors join by a coordinator's yes", () => {
  it("a learner who opens the instructor link waits for the coordinator and cannot grade", async () => {
    const { c, record } = await start();
    await submitReport(users.an, "Bản thu hoạch của An");
    // A learner of the class is never its instructor at the same time.
    const own = (await h.say(users.an, `/start ${record.instructorCode}`)).join("\n");
    expect(own).toContain("bạn đang là học viên của lớp «Lớp bồi dưỡng khoá I» nên không thể đồng thời là giảng viên");
    expect(await h.store.classes.instructors(record.id)).toEqual([users.lan.id]);
    const forged = await press(users.an, `rps:g:${record.id}:${users.an.id}:gioi`);
    expect(shown(forged)).toContain(vi("not-allowed", { role: vi("role-instructor") }));

    // Someone outside the class asks; the coordinator sees who it is, with Accept / Refuse.
    await h.store.users.update(users.stranger.id, { fullName: "Đỗ Văn Khách", unit: "Huyện uỷ", position: "khac" });
    const mark = h.emu.calls.length;
    const asked = (await h.say(users.stranger, `/start ${record.instructorCode}`)).join("\n");
    expect(asked).toContain("Đã gửi đề nghị của bạn tới cán bộ quản lý lớp «Lớp bồi dưỡng khoá I»");
    const request = h.last(users.coordinator);
    expect(request.text).toContain("xin làm giảng viên");
    expect(request.text).toContain("Đỗ Văn Khách");
    expect(request.text).toContain("Huyện uỷ");
    expect(request.text).toContain(`id ${users.stranger.id}`);
    expect(h.inlineButtons(request).map((b) => b.text)).toEqual(["✅ Nhận làm giảng viên", "❌ Từ chối"]);
    expect(h.emu.calls.slice(mark).some((c) => c.method === "setMyCommands")).toBe(false);
    // Until then: no instructor right.
    expect(await h.store.classes.instructors(record.id)).toEqual([users.lan.id]);
    expect((await h.say(users.stranger, "/reports")).join()).toContain(
      vi("not-allowed", { role: vi("role-instructor") }),
    );
    const grade = await press(users.stranger, `rps:g:${record.id}:${users.an.id}:gioi`);
    expect(shown(grade)).toContain(vi("not-allowed", { role: vi("role-instructor") }));
    expect(await h.store.reports.grades(record.id, users.an.id)).toEqual([]);
    // Opening the link again, a minute later, does not ask twice.
    c.set(new Date(c.now().getTime() + 60_000));
    expect((await h.say(users.stranger, `/start ${record.instructorCode}`)).join()).toContain("đang chờ");
  });

  it("the coordinator accepts: the person is told and may grade; a second answer is refused", async () => {
    const { record } = await start();
    await h.say(users.stranger, `/start ${record.instructorCode}`);
    const accepted = await h.tap(users.coordinator, "Nhận làm giảng viên");
    expect(shown(accepted)).toContain("đã là giảng viên của lớp «Lớp bồi dưỡng khoá I» và đã được báo");
    expect(h.last(users.stranger).text).toContain("đã nhận bạn làm giảng viên của lớp «Lớp bồi dưỡng khoá I»");
    expect(await h.store.classes.instructors(record.id)).toEqual([users.lan.id, users.stranger.id]);
    expect((await h.say(users.stranger, "/reports")).join()).toContain("Lớp bồi dưỡng khoá I");
    const again = await press(users.coordinator, `ins:a:${record.id}:${users.stranger.id}:no`);
    expect(shown(again)).toContain("đã được trả lời rồi");
    expect(await h.store.classes.instructors(record.id)).toContain(users.stranger.id);
  });

  it("the coordinator refuses: the person is told and has no instructor right", async () => {
    const { record } = await start();
    await h.say(users.stranger, `/start ${record.instructorCode}`);
    expect(shown(await h.tap(users.coordinator, "Từ chối"))).toContain("không trở thành giảng viên");
    expect(h.last(users.stranger).text).toContain("chưa nhận bạn làm giảng viên");
    expect(await h.store.classes.instructors(record.id)).toEqual([users.lan.id]);
    expect((await h.store.users.roleFlags(users.stranger.id)).instructor).toBe(false);
  });

  it("a coordinator appoints an instructor from the class card, by @username or from those who wrote to the bot", async () => {
    const { record } = await start();
    await h.say(users.coordinator, "/classes");
    await h.tap(users.coordinator, "Lớp bồi dưỡng khoá I");
    await h.tap(users.coordinator, "Đổi giảng viên");
    expect(h.last(users.coordinator).text).toContain("Giảng viên lớp «Lớp bồi dưỡng khoá I»: 1 người");
    await h.tap(users.coordinator, "Bổ nhiệm giảng viên");
    // A learner of the class is offered no button, and typed in is refused politely.
    const offered = h.inlineButtons(h.last(users.coordinator)).map((b) => b.text);
    expect(offered).not.toContain("Nguyễn Văn An");
    expect(offered).not.toContain("Hải Lê");
    await h.say(users.an, "/help"); // An has written to the bot, so the bot knows @an_nguyen
    const learner = (await h.say(users.coordinator, "@an_nguyen")).join("\n");
    expect(learner).toContain("đang là học viên của lớp «Lớp bồi dưỡng khoá I» nên không thể đồng thời là giảng viên");
    expect(await h.store.classes.instructors(record.id)).toEqual([users.lan.id]);

    await h.store.users.update(users.stranger.id, { fullName: "Đỗ Văn Khách" });
    await h.tap(users.coordinator, "Bổ nhiệm giảng viên");
    expect((await h.say(users.coordinator, "@nobody_here")).join()).toContain("Không tìm thấy");
    const done = h.texts(await h.tap(users.coordinator, "Đỗ Văn Khách")).join("\n");
    expect(done).toContain("Đỗ Văn Khách đã là giảng viên của lớp «Lớp bồi dưỡng khoá I»");
    expect(h.last(users.stranger).text).toContain("đã nhận bạn làm giảng viên");
    expect(await h.store.classes.instructors(record.id)).toEqual([users.lan.id, users.stranger.id]);
  });

  it("«Đổi giảng viên» picks the session's instructor from the class's instructors, never a typed name", async () => {
    const { record } = await start();
    await h.say(users.coordinator, "/classes");
    await h.tap(users.coordinator, "Lớp bồi dưỡng khoá I");
    await h.tap(users.coordinator, "Đổi giảng viên");
    await h.tap(users.coordinator, "Bài 2");
    expect(h.inlineButtons(h.last(users.coordinator)).map((b) => b.text)).toEqual(["Phạm Thị Lan"]);
    const mark = h.emu.calls.length;
    await h.tap(users.coordinator, "Phạm Thị Lan");
    const told = h.emu.calls
      .slice(mark)
      .filter((c) => c.method === "sendMessage" && Number(c.payload.chat_id) === users.an.id);
    expect(String(told[0]?.payload.text)).toContain("giảng viên buổi «Bài 2.");
    expect((await h.store.classes.get(record.id))?.sessions.find((s) => s.lesson === 2)?.instructor).toBe(
      "Phạm Thị Lan",
    );
    // A forged pick of someone who does not teach the class stores nothing.
    await press(users.coordinator, `cls:ip:${record.id}:s04-${users.an.id}`);
    expect((await h.store.classes.get(record.id))?.sessions.find((s) => s.id === "s04")?.instructor).toBeUndefined();
  });

  it("no one grades their own report, not even a coordinator who is also a learner", async () => {
    const { record } = await start();
    await h.store.classes.addLearner(record.id, users.coordinator.id);
    await submitReport(users.coordinator, "Bản thu hoạch của cán bộ quản lý");
    const calls = await press(users.coordinator, `rps:g:${record.id}:${users.coordinator.id}:gioi`);
    expect(shown(calls)).toContain("không ai tự chấm bài của chính mình");
    expect(await h.store.reports.grades(record.id, users.coordinator.id)).toEqual([]);
  });
});

describe("every write re-checks its right at the moment it is made", () => {
  it("a rating of a session that has not happened, or does not exist, is refused and nothing is stored", async () => {
    const { c, record } = await start();
    c.set("2026-12-01T04:00:00Z"); // s01 has just ended; s02 is this afternoon
    expect(shown(await press(users.an, `fbr:${record.id}:s02:5`))).toContain("Buổi học này chưa diễn ra");
    expect(shown(await press(users.an, `fbr:${record.id}:s99:5`))).toContain("Không tìm thấy buổi học này");
    expect(shown(await press(users.an, `fbc:${record.id}:s02`))).toContain("Buổi học này chưa diễn ra");
    expect((await h.store.feedback.ratings(record.id, "s02")).size).toBe(0);
    expect((await h.store.feedback.ratings(record.id, "s99")).size).toBe(0);
    // Another class's learner cannot rate this one.
    expect(shown(await press(users.stranger, `fbr:${record.id}:s01:1`))).toContain("không (còn) là học viên");
    expect(shown(await press(users.an, `fbr:${record.id}:s01:4`))).toContain("Cảm ơn");
    expect((await h.store.feedback.ratings(record.id, "s01")).size).toBe(1);
  });

  it("when check-in was held, only those present rate the session", async () => {
    const { c, record } = await start();
    await h.store.classes.markPresent(record.id, "s01", users.binh.id, new Date("2026-12-01T00:35:00Z"));
    c.set("2026-12-01T04:00:00Z");
    expect(shown(await press(users.an, `fbr:${record.id}:s01:2`))).toContain("bạn không có mặt ở buổi này");
    expect(shown(await press(users.binh, `fbr:${record.id}:s01:5`))).toContain("Cảm ơn");
    expect([...(await h.store.feedback.ratings(record.id, "s01")).keys()]).toEqual([users.binh.id]);
  });

  it("a field-visit reflection is accepted only for a field visit", async () => {
    const { c, record } = await start();
    c.set("2026-12-04T04:00:00Z"); // the field visit (s07) has ended
    expect(shown(await press(users.an, `fbx:${record.id}:s01`))).toContain("chỉ dành cho buổi đi thực tế");
    await press(users.an, `fbx:${record.id}:s07`);
    await h.say(users.an, "Chi bộ bạn sinh hoạt chuyên đề rất nền nếp");
    expect((await h.store.feedback.reflections(record.id, "s07")).get(users.an.id)?.text).toContain("nền nếp");
    expect((await h.store.feedback.reflections(record.id, "s01")).size).toBe(0);
  });

  it("the follow-up survey is refused before the class ended", async () => {
    const { c, record } = await start();
    c.set("2026-12-02T04:00:00Z");
    expect(shown(await press(users.an, `fbu:${record.id}:some`))).toContain("Lớp học chưa kết thúc");
    expect((await h.store.feedback.followups(record.id)).size).toBe(0);
  });
});

describe("nothing irreversible on one tap", () => {
  it("/leave asks first, naming what leaving does; «Ở lại lớp» keeps the learner in", async () => {
    const { record } = await start();
    const asked = (await h.say(users.an, "/leave")).join("\n");
    expect(asked).toContain("Bạn muốn rời lớp «Lớp bồi dưỡng khoá I»?");
    expect(asked).toContain("không nhận nhắc lịch");
    expect(await h.store.classes.isLearner(record.id, users.an.id)).toBe(true);
    expect(h.texts(await h.tap(users.an, "Ở lại lớp")).join()).toContain("Bạn vẫn ở trong lớp");
    expect(await h.store.classes.isLearner(record.id, users.an.id)).toBe(true);
    await h.say(users.an, "/leave");
    expect(h.texts(await h.tap(users.an, "Rời lớp")).join()).toContain("Bạn đã rời lớp");
    expect(await h.store.classes.isLearner(record.id, users.an.id)).toBe(false);
  });

  it("renewing the learner link asks first; «Không» keeps the old link working", async () => {
    const { record } = await start();
    await h.say(users.coordinator, "/classes");
    await h.tap(users.coordinator, "Lớp bồi dưỡng khoá I");
    expect(h.texts(await h.tap(users.coordinator, "Đổi link học viên")).join()).toContain(
      "Thu hồi link học viên của lớp «Lớp bồi dưỡng khoá I»?",
    );
    expect(h.texts(await h.tap(users.coordinator, "Không")).join()).toContain("Đã giữ nguyên");
    expect((await h.store.classes.get(record.id))?.learnerCode).toBe(record.learnerCode);
    expect((await h.store.classes.invite(record.learnerCode))?.revoked).toBeUndefined();
  });

  it("removing a learner asks first and can be undone", async () => {
    const { record } = await start();
    await h.say(users.coordinator, "/classes");
    await h.tap(users.coordinator, "Lớp bồi dưỡng khoá I");
    await h.tap(users.coordinator, "Học viên");
    expect(h.texts(await h.tap(users.coordinator, "❌ Nguyễn Văn An")).join()).toContain(
      "Xoá Nguyễn Văn An khỏi lớp «Lớp bồi dưỡng khoá I»?",
    );
    expect(await h.store.classes.isLearner(record.id, users.an.id)).toBe(true);
    await h.tap(users.coordinator, "Xoá khỏi lớp");
    expect(await h.store.classes.isLearner(record.id, users.an.id)).toBe(false);
    expect(h.texts(await h.tap(users.coordinator, "Thêm lại vào lớp")).join()).toContain("Đã thêm lại Nguyễn Văn An");
    expect(await h.store.classes.isLearner(record.id, users.an.id)).toBe(true);
  });
});
