/**
 * The understanding step through the real bot: a learner of a seeded class asks about their own course, how to use
 * the bot, and makes small talk — each gets its own kind of reply, never a passage of the material; and the buttons
 * under an older answer act on that older question.
 */
import { afterEach, describe, expect, it } from "vitest";
import { formatDay } from "../../src/bot/format.js";
import { reportDeadline } from "../../src/domain/reports.js";
import type { Session } from "../../src/domain/schedule.js";
import { sessionsOn } from "../../src/domain/schedule-ops.js";
import { localDateOf, localTimeOf } from "../../src/domain/time.js";
import { clock, gradedReport, setUpClass } from "../helpers/coursework.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe("a learner of a seeded class talks to the bot as they would to a person", () => {
  it("asks about tomorrow's session, the deadline, how to check in, and thanks the bot", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    record.venue = "Hội trường A, Trung tâm Chính trị huyện";
    await h.store.classes.save(record);
    const tz = record.timeZone;
    const tomorrow = sessionsOn(record.sessions, "2026-12-01", tz);
    expect(tomorrow.length).toBeGreaterThan(0);
    const times = (s: Session) => `${localTimeOf(s.start, tz)}–${localTimeOf(s.end, tz)}`;

    // Typed without diacritics, as on a phone.
    const [next] = await h.say(users.an, "mai may gio hoc, hoc o dau vay");
    expect(next).toContain("Ngày mai (Thứ Ba, 01/12/2026)");
    for (const s of tomorrow) expect(next).toContain(times(s));
    expect(next).toContain(`📍 ${record.venue}`);
    expect(next).not.toContain("📖");

    const [thursday] = await h.say(users.an, "thứ năm này học gì");
    expect(thursday).toContain("Thứ Năm, 03/12/2026");
    expect(thursday).toMatch(/Bài \d/);
    // A half-day named: that half only.
    const [afternoon] = await h.say(users.an, "chieu thu 5 hoc bai gi");
    const thursdayPm = sessionsOn(record.sessions, "2026-12-03", tz).filter((s) => s.half === "afternoon");
    expect(afternoon).toContain(`Chiều ${times(thursdayPm[0]!)}`);
    expect(afternoon).not.toContain("Sáng");

    const deadline = reportDeadline(record)!;
    const vi = (key: string, vars?: Record<string, string | number>) => h.deps.i18n.t("vi", key, vars);
    const [due] = await h.say(users.an, "bao giờ hết hạn nộp bài thu hoạch ạ");
    expect(due).toContain(
      `Hạn nộp bản thu hoạch: ${localTimeOf(deadline, tz)} ${formatDay(vi, localDateOf(deadline, tz))}`,
    );
    expect(due).toMatch(/Còn \d+ ngày/);

    const [checkin] = await h.say(users.an, "muốn điểm danh thì bấm vào đâu");
    expect(checkin).toContain("bấm «✅ Điểm danh» ở menu bên dưới (hoặc gõ /checkin)");
    expect(checkin).not.toContain("📖");
    // The button it names is on the keyboard sent with it.
    expect(h.replyKeyboard(users.an)).toContain("✅ Điểm danh");

    const before = h.emu.botMessages(users.an.id).length;
    const [thanks, ...more] = await h.say(users.an, "ok cam on ban nhieu nhe");
    expect(more).toEqual([]);
    expect(thanks).toBe("Không có gì ạ! 😊 Cần gì bạn cứ hỏi tiếp nhé.");
    expect(h.emu.botMessages(users.an.id).length).toBe(before + 1);
    expect(h.inlineButtons(h.last(users.an))).toEqual([]);
    expect(h.replyKeyboard(users.an)).toContain("📅 Lịch học");

    // A greeting that wishes a good day is small talk too, though "ngày" is also a word of the schedule.
    const [hello, ...afterHello] = await h.say(users.an, "xin chao, chuc ca lop mot ngay tot lanh nhe");
    expect(afterHello).toEqual([]);
    expect(hello).toContain("Chào bạn");
    expect(hello).not.toContain("📖");
  });

  it("asks in English about tomorrow and next week, and gets the class's sessions", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    await setUpClass(h);
    await h.store.users.update(users.an.id, { locale: "en" });
    const [tomorrow] = await h.say(users.an, "what time is class tomorrow");
    expect(tomorrow).toContain("Tomorrow (");
    expect(tomorrow).toMatch(/\d{2}:\d{2}–\d{2}:\d{2}/);
    const week = (await h.say(users.an, "what do we study this week")).join("\n");
    expect(week).toContain("This week (");
    expect(week.split("\n").filter((l) => l.startsWith("▫️")).length).toBeGreaterThan(1);
  });

  it("after the first day, answers attendance, the report's grade and one more absence from the learner's own record", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    const [morning, afternoon] = sessionsOn(record.sessions, "2026-12-01", record.timeZone);
    c.set(new Date(Date.parse(afternoon!.end) + 3_600_000));
    await h.store.classes.markPresent(record.id, morning!.id, users.an.id, new Date(morning!.start));
    await gradedReport(h, record, users.an.id, "kha", c.now());

    const [attendance] = await h.say(users.an, "e vang bn buoi r");
    expect(attendance).toBe("✅ Bạn có mặt 1/2 buổi đã học, vắng 1 buổi (cả khoá 9 buổi được tính).");
    const [grade] = await h.say(users.an, "bth cua e dc xep loai gi");
    expect(grade).toBe("📝 Bản thu hoạch của bạn: Khá.");
    const [absence] = await h.say(users.an, "nếu em nghỉ thêm một buổi nữa thì có sao không");
    expect(absence).toContain("cần ít nhất 8/9 buổi");
    expect(absence).toContain("Bạn đã có mặt 1 buổi, còn 7 buổi; bạn không nên vắng thêm buổi nào.");
  });

  it("answers the certificate and a missed session with the class's own rule, and a stranger how to join", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    await setUpClass(h);
    const [cert] = await h.say(users.an, "mình đã đủ điều kiện nhận giấy chứng nhận chưa");
    expect(cert).toContain("chưa đủ điều kiện");
    expect(cert).toContain("khoá học chưa kết thúc");
    const [absent] = await h.say(users.an, "vắng một buổi thì sao ạ");
    expect(absent).toMatch(/cần ít nhất \d+\/\d+ buổi/);
    expect(absent).toContain("vắng tối đa");
    // The day said before the question makes it the learner's own absence, not the program's rule in general.
    const [tomorrow] = await h.say(users.an, "mai nhà có đám giỗ ở quê, không lên lớp được thì phải làm sao");
    expect(tomorrow).toContain("vắng tối đa");
    expect(tomorrow).not.toContain("📖");
    h.emu.openChat(users.stranger);
    const [noClass] = await h.say(users.stranger, "hôm nay học gì");
    expect(noClass).toMatch(/not in a class|chưa ở lớp nào/);
  });

  it("answers the report's status asked in other words: not sent, sent and waiting, graded with a newer version", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    const send = (text: string) =>
      h.store.reports.addVersion(record.id, users.an.id, {
        parts: [{ kind: "text", text }],
        submittedAt: c.now().toISOString(),
        late: false,
      });
    const [none] = await h.say(users.an, "điểm của tôi thế nào rồi");
    expect(none).toBe("📝 Bạn chưa nộp bản thu hoạch. Gõ /report để nộp.");
    await send("Bản thu hoạch về công tác dân vận.");
    const [waiting] = await h.say(users.an, "em nộp rồi mà chưa thấy điểm");
    expect(waiting).toMatch(/^📝 Bạn đã nộp bản thu hoạch \(lần 1, .+\); bài chưa được chấm\.$/);
    const [soon] = await h.say(users.an, "bao giờ có điểm");
    expect(soon).toBe(waiting);
    await gradedReport(h, record, users.an.id, "kha", c.now());
    await send("Bản sửa.");
    const [graded] = await h.say(users.an, "kết quả thu hoạch của em");
    expect(graded).toBe("📝 Bản thu hoạch của bạn: Khá.\nLần nộp 3 chưa được chấm; kết quả trên là của lần 2.");
  });

  it("says who teaches a lesson or tomorrow morning from the schedule, and that no name is set otherwise", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    const lesson4 = record.sessions.find((s) => s.kind === "lesson" && s.lesson === 4)!;
    lesson4.instructor = "TS. Hoàng Văn Minh";
    await h.store.classes.save(record);
    const [byLesson] = await h.say(users.an, "giảng viên bài 4 là ai");
    expect(byLesson).toContain("giảng viên TS. Hoàng Văn Minh");
    expect(byLesson).toContain("Bài 4");
    const [morning] = await h.say(users.an, "ai dạy buổi sáng mai");
    const tomorrowAm = sessionsOn(record.sessions, "2026-12-01", record.timeZone).filter((s) => s.half === "morning");
    expect(morning).toContain(localTimeOf(tomorrowAm[0]!.start, record.timeZone));
    expect(morning).toContain("lịch chưa ghi tên giảng viên");
    expect(morning).toContain("/question");
    // A lesson named by its topic is which lesson; «bài 5 học gì» asks what it teaches, not who.
    const [byTopic] = await h.say(users.an, "buổi học bài dân vận của lớp mình là thầy nào lên lớp vậy");
    expect(byTopic).toMatch(/^👤 .*Bài 6\. Công tác dân vận: lịch chưa ghi tên giảng viên\./);
    const [byWord] = await h.say(users.an, "bài thứ tư ai dạy vậy");
    expect(byWord).toContain("Bài 4");
    expect(byWord).toContain("giảng viên TS. Hoàng Văn Minh");
    const [what] = await h.say(users.an, "bài 5 học gì");
    expect(what).toMatch(/^📖 Bài 5\./);
    expect(what).not.toContain("giảng viên");
  });

  it("answers the class's instructor and coordinator from the class they run, not with an invite link", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    h.emu.openChat(users.coordinator);
    const [taught] = await h.say(users.lan, "mai lớp mình học mấy giờ");
    expect(taught).toContain("Ngày mai (Thứ Ba, 01/12/2026)");
    expect(taught).not.toContain("link mời");
    const [own] = await h.say(users.lan, "mình vắng mấy buổi rồi");
    expect(own).toBe(
      `Phần này tính theo từng học viên, còn bạn là giảng viên hoặc cán bộ quản lý của lớp ${record.name}. Điểm danh của cả lớp: /attendance; bản thu hoạch: /reports.`,
    );
    const [run] = await h.say(users.coordinator, "lớp mình có bao nhiêu người");
    expect(run).toContain("👥 Lớp có 2 học viên");
    // With a second class, which one is meant is not guessed.
    await h.store.classes.create({ ...record, id: "second-class", name: "Lớp thứ hai" });
    const [many] = await h.say(users.coordinator, "lớp mình có bao nhiêu người");
    expect(many).toBe("Bạn quản lý nhiều lớp; chọn lớp ở /classes để xem lịch, địa điểm và học viên của lớp đó.");
  });

  it("a refusal offers first the request the message came close to, and the button does it", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    await setUpClass(h);
    const [refused] = await h.say(users.an, "bài thu hoạch tôi gửi tuần trước thầy chấm được loại gì rồi");
    expect(refused).toContain("Tài liệu của lớp chưa có câu trả lời");
    expect(refused).toContain("Có phải bạn muốn hỏi về:");
    const buttons = h.inlineButtons(h.last(users.an)).map((b) => b.text);
    expect(buttons[0]).toBe("👉 Kết quả bản thu hoạch của bạn");
    expect(buttons.at(-1)).toContain("Hỏi giảng viên");
    // Read when tapped: An has sent no report.
    const [done] = h.texts(await h.tap(users.an, "Kết quả bản thu hoạch"));
    expect(done).toBe("📝 Bạn chưa nộp bản thu hoạch. Gõ /report để nộp.");
    // Far from any request: no such button.
    await h.say(users.an, "gà nhà tôi ủ rũ bỏ ăn có phải bị cúm không");
    expect(h.inlineButtons(h.last(users.an)).some((b) => b.text.startsWith("👉"))).toBe(false);
  });

  it("tells the class's size and venue", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    const record = await setUpClass(h);
    const [size] = await h.say(users.an, "lớp mình có bao nhiêu người");
    expect(size).toBe("👥 Lớp có 2 học viên đã vào lớp trên trợ giảng.");
    const [unset] = await h.say(users.an, "lớp học ở đâu");
    expect(unset).toBe("Lớp chưa ghi địa điểm học; bạn hỏi cán bộ quản lý lớp giúp nhé.");
    record.venue = "Hội trường B, Trung tâm Chính trị huyện";
    await h.store.classes.save(record);
    const [room] = await h.say(users.an, "lớp học phòng nào vậy");
    expect(room).toBe("📍 Lớp học tại: Hội trường B, Trung tâm Chính trị huyện");
  });

  it("declines a question near the course that the material does not cover, offering the instructor", async () => {
    h = await createHarness();
    const [reply] = await h.say(users.an, "học phí lớp này bao nhiêu");
    expect(reply).toContain("tài liệu của lớp không có");
    expect(h.inlineButtons(h.last(users.an)).map((b) => b.text)).toContain("🙋 Hỏi giảng viên");
  });

  it("a long message with a preamble is answered on its question", async () => {
    h = await createHarness();
    const [answer] = await h.say(
      users.an,
      "Em chào thầy ạ. Em là bí thư chi bộ thôn mới được bầu, còn nhiều bỡ ngỡ. Cho em hỏi chi bộ sinh hoạt mấy lần một tháng ạ?",
    );
    expect(answer).toMatch(/^📖 .*Chi bộ sinh hoạt mấy lần một tháng/);
  });

  it("a question that leans on the clause before it is answered on both, not taken for a request about the bot", async () => {
    h = await createHarness();
    const [answer] = await h.say(users.an, "Thôn em định làm mô hình dân vận khéo, có thể chọn những việc gì?");
    expect(answer).toMatch(/^📖 .*[Dd]ân vận khéo/);
    expect(answer).not.toContain("/help");
  });
});

describe("answers read on a phone", () => {
  it("show the counter and the editors' note once a session, not under every answer", async () => {
    h = await createHarness();
    const [first] = await h.say(users.an, "điều kiện để được kết nạp vào đảng");
    expect(first).toMatch(/^📖 /);
    expect(first).toContain("Phần này do nhóm biên soạn tóm tắt");
    expect(first).toContain("Kết quả 1/");
    const [second] = await h.say(users.an, "người vào đảng phải bao nhiêu tuổi");
    expect(second).toMatch(/^📖 /);
    expect(second).not.toContain("nhóm biên soạn");
    expect(second).not.toContain("Kết quả 1/");
  });
});

describe("buttons under an older answer", () => {
  it("«Kết quả khác» under the first answer pages through the first question, not the latest", async () => {
    h = await createHarness();
    const [firstAnswer] = await h.say(users.an, "bản thu hoạch là gì");
    const older = h.last(users.an);
    // Several questions later, as a learner scrolling back up a morning's chat.
    for (const q of [
      "khoá học kéo dài bao lâu",
      "tổ đảng là gì",
      "đảng phí đóng thế nào",
      "kỷ luật đảng viên có mấy hình thức",
    ])
      await h.say(users.an, q);
    await h.say(users.an, "chi bộ sinh hoạt mấy lần một tháng");
    // Read on a narrow phone: a button shares its row only when its label is short.
    for (const row of older.reply_markup?.inline_keyboard ?? [])
      if (row.length > 1) for (const b of row) expect(b.text.length).toBeLessThanOrEqual(24);
    const more = h.inlineButtons(older).find((b) => b.text.startsWith("➡️ Kết quả khác"));
    expect(more?.data).toMatch(/^qa:n:1:\d+$/);
    const [second] = h.texts(await h.run(h.emu.click(users.an, older.message_id, more!.data!)));
    expect(second).toMatch(/thu hoạch/i);
    expect(second).not.toMatch(/sinh hoạt mấy lần/);
    expect(second).not.toBe(firstAnswer);
    // The second result's own «Kết quả khác» stays on the first question too.
    const next = h.inlineButtons(h.last(users.an)).find((b) => b.text.startsWith("➡️ Kết quả khác"));
    expect(next?.data?.split(":").at(-1)).toBe(more!.data!.split(":").at(-1));
  });

  it("«Hỏi giảng viên» under an older answer forwards the older question to the class's instructor", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    await setUpClass(h);
    const OLDER = "đảng viên dự bị bao lâu thì được chuyển chính thức";
    await h.say(users.an, OLDER);
    const older = h.last(users.an);
    await h.say(users.an, "chi bộ sinh hoạt mấy lần một tháng");
    const ask = h.inlineButtons(older).find((b) => b.text === "🙋 Hỏi giảng viên");
    expect(ask?.data).toMatch(/^qa:ask:\d+$/);
    const confirm = h.texts(await h.run(h.emu.click(users.an, older.message_id, ask!.data!))).join("\n");
    expect(confirm).toContain(OLDER);
    expect(confirm).not.toContain("sinh hoạt mấy lần");
    expect(h.texts(await h.tap(users.an, "Gửi")).join("\n")).toContain("Đã gửi câu hỏi tới giảng viên");
    const toLan = h.last(users.lan).text ?? "";
    expect(toLan).toContain("Câu hỏi của Nguyễn Văn An");
    expect(toLan).toContain(OLDER);
    expect(toLan).not.toContain("sinh hoạt mấy lần");
  });
});
