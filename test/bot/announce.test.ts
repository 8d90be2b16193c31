/**
 * Announcements through the full bot: an instructor or a coordinator composes in the /announce scene, sees the
 * preview, confirms; learners receive it (delivered by the in-process broadcaster through the emulator), the
 * sender gets the report with the names behind blocked deliveries, coordinators see unreachable learners,
 * learners reread with /announcements.
 */
import type { Message } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { startAnnouncementWorker } from "../../src/bot/features/announcements/index.js";
import { InProcessBroadcast } from "../../src/jobs/broadcast/index.js";
import type { EmuUser } from "../../src/sandbox/emulator/index.js";
import type { ClassRecord } from "../../src/store/index.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
let broadcast: InProcessBroadcast | undefined;
afterEach(async () => {
  await broadcast?.close();
  broadcast = undefined;
  await h?.close();
});

const dung: EmuUser = { id: 3001, first_name: "Dũng", language_code: "vi" };
const cuc: EmuUser = { id: 3002, first_name: "Cúc", language_code: "vi" };
/** Learners who blocked the bot: the worker's Bot API answers 403 for them. */
const BLOCKED = new Set([dung.id]);

async function start() {
  h = await createHarness({ rateLimit: { limit: 10_000, windowMs: 1_000 } });
  broadcast = new InProcessBroadcast({ logger: h.deps.logger, backoffMs: 5 });
  h.deps.broadcast = broadcast;
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as { chat_id?: number }) : {};
    if (body.chat_id !== undefined && BLOCKED.has(Number(body.chat_id))) {
      return new Response(
        JSON.stringify({ ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }),
        { status: 403, headers: { "content-type": "application/json" } },
      );
    }
    return h.emu.fetch(input, init);
  }) as typeof globalThis.fetch;
  startAnnouncementWorker(h.deps, "123456:TEST-token", { fetch });
}

async function makeClass(id: string, name: string, centre: string, learners: EmuUser[], instructors: EmuUser[] = []) {
  const record = {
    id,
    name,
    centre,
    timeZone: "Asia/Ho_Chi_Minh",
    variant: 4,
    startDate: "2026-12-01",
    context: {},
    sessions: [],
    learnerCode: `L${id}abcdefghij`,
    instructorCode: `I${id}abcdefghij`,
    createdAt: new Date().toISOString(),
  } as unknown as ClassRecord;
  await h.store.classes.create(record);
  for (const u of learners) {
    await h.store.classes.addLearner(id, u.id);
    h.emu.openChat(u);
  }
  for (const u of instructors) await h.store.classes.addInstructor(id, u.id);
}

async function named(user: EmuUser, fullName: string) {
  await h.store.users.update(user.id, {
    fullName,
    unit: "Chi bộ thôn Đông",
    position: "bi_thu",
    telegramName: user.first_name,
  });
}

const shown = (m: Message | undefined) => m?.text ?? m?.caption ?? "";
const lastTo = (user: EmuUser) => shown(h.emu.botMessages(user.id).at(-1));

describe("an instructor announces to their class", () => {
  it("previews exactly what learners get, and reports delivered and blocked with names", async () => {
    await start();
    await named(users.lan, "Phạm Thị Lan");
    await named(users.an, "Nguyễn Văn An");
    await named(dung, "Lê Dũng <Tổ 3>");
    await makeClass("c1", "Lớp K12", "Trung tâm Đông Anh", [users.an, users.binh, dung], [users.lan]);
    await makeClass("c2", "Lớp K13", "Trung tâm Đông Anh", [cuc]);

    const first = (await h.say(users.lan, "/announce")).join("\n");
    expect(first).toContain("bước 1/3");
    const picker = h.inlineButtons(h.last(users.lan)).map((b) => b.text);
    expect(picker).toContain("☑️ Lớp K12 (3)");
    expect(picker.join()).not.toContain("K13"); // not her class
    const next = h.texts(await h.tap(users.lan, "Tiếp tục")).join("\n");
    expect(next).toContain("Gửi tới: Lớp K12 — 3 học viên.");
    expect(next).toContain("Bước 2/3");

    const preview = await h.say(users.lan, "Sáng mai học Bài 3 tại <phòng 2>, mang theo tài liệu.");
    const expected =
      "📢 Thông báo — Lớp K12\n\nSáng mai học Bài 3 tại <phòng 2>, mang theo tài liệu.\n\n— Phạm Thị Lan";
    expect(preview).toEqual([
      expect.stringContaining("Bước 3/3"),
      expected,
      "Gửi thông báo này tới 3 học viên của Lớp K12?",
    ]);
    await h.tap(users.lan, "Gửi");
    await broadcast?.idle();

    expect(lastTo(users.an)).toBe(expected);
    expect(lastTo(users.binh)).toBe(expected);
    expect(h.emu.botMessages(dung.id)).toHaveLength(0);
    expect(h.emu.botMessages(cuc.id)).toHaveLength(0);

    const lanSees = h.emu.botMessages(users.lan.id).map(shown);
    const report = lanSees.find((t) => t.startsWith("📊"));
    expect(report).toContain("Tổng 3 học viên: đã nhận 2 · chặn bot hoặc tài khoản không còn 1 · lỗi 0.");
    expect(report).toContain("Chặn bot hoặc tài khoản không còn (1):\n• Lê Dũng <Tổ 3>");
    // The status message was edited to the progress (the first update is shown at once).
    expect(lanSees.some((t) => t.startsWith("📤") || t.startsWith("✅ Đã gửi xong"))).toBe(true);
  });

  it("a coordinator sees the blocked learner under the class until they press Start again", async () => {
    await start();
    await named(dung, "Lê Dũng");
    await makeClass("c1", "Lớp K12", "Trung tâm Đông Anh", [users.an, dung], [users.lan]);
    await h.say(users.lan, "/announce");
    await h.tap(users.lan, "Tiếp tục");
    await h.say(users.lan, "Nghỉ học chiều nay.");
    await h.tap(users.lan, "Gửi");
    await broadcast?.idle();

    const list = (await h.say(users.coordinator, "/unreachable")).join("\n");
    expect(list).toContain("Lớp K12 (1):\n• Lê Dũng — từ");
    expect((await h.say(users.lan, "/unreachable")).join()).toContain("chỉ dành cho");

    await h.say(dung, "/start");
    expect(await h.say(users.coordinator, "/unreachable")).toEqual(["Không có học viên nào chặn bot."]);
  });

  it("a learner who unblocked the bot leaves the list when the next announcement reaches them", async () => {
    await start();
    await named(dung, "Lê Dũng");
    await makeClass("c1", "Lớp K12", "Trung tâm Đông Anh", [dung], [users.lan]);
    const send = async (text: string) => {
      await h.say(users.lan, "/announce");
      await h.tap(users.lan, "Tiếp tục");
      await h.say(users.lan, text);
      await h.tap(users.lan, "Gửi");
      await broadcast?.idle();
    };
    await send("Thông báo một");
    expect((await h.say(users.coordinator, "/unreachable")).join()).toContain("Lê Dũng");
    BLOCKED.delete(dung.id);
    try {
      await send("Thông báo hai");
    } finally {
      BLOCKED.add(dung.id);
    }
    expect(lastTo(dung)).toContain("Thông báo hai");
    await h.say(users.coordinator, "/unreachable");
    expect(lastTo(users.coordinator)).toBe("Không có học viên nào chặn bot.");
  });

  it("checks the sender's rights again on confirm: removed from the class meanwhile, nothing is sent", async () => {
    await start();
    await makeClass("c1", "Lớp K12", "Trung tâm Đông Anh", [users.an], [users.lan]);
    await h.say(users.lan, "/announce");
    await h.tap(users.lan, "Tiếp tục");
    await h.say(users.lan, "Thông báo quan trọng");
    await h.store.classes.removeInstructor("c1", users.lan.id);
    const answer = h.texts(await h.tap(users.lan, "Gửi"));
    expect(answer).toEqual([expect.stringContaining("không còn quyền gửi")]);
    await broadcast?.idle();
    expect(h.emu.botMessages(users.an.id)).toHaveLength(0);
  });

  it("re-asks a text that is too long with the header, and takes a photo with a caption", async () => {
    await start();
    await makeClass("c1", "Lớp K12", "Trung tâm Đông Anh", [users.an], [users.lan]);
    await h.say(users.lan, "/announce");
    await h.tap(users.lan, "Tiếp tục");
    expect((await h.say(users.lan, "x".repeat(4090))).join()).toContain("Nội dung dài quá");
    const calls = await h.run(h.emu.photo(users.lan, { caption: "Sơ đồ phòng học" }));
    const photoPreview = calls.find((c) => c.method === "sendPhoto");
    expect((photoPreview?.result as Message | undefined)?.caption).toBe(
      "📢 Thông báo — Lớp K12\n\nSơ đồ phòng học\n\n— Lan Phạm",
    );
    await h.tap(users.lan, "Gửi");
    await broadcast?.idle();
    const got = h.emu.botMessages(users.an.id).at(-1);
    expect(got?.photo?.length).toBeGreaterThan(0);
    expect(got?.caption).toBe("📢 Thông báo — Lớp K12\n\nSơ đồ phòng học\n\n— Lan Phạm");
  });

  it("/cancel or the cancel button leaves without sending", async () => {
    await start();
    await makeClass("c1", "Lớp K12", "Trung tâm Đông Anh", [users.an], [users.lan]);
    await h.say(users.lan, "/announce");
    await h.tap(users.lan, "Tiếp tục");
    await h.say(users.lan, "Bản nháp");
    expect(h.texts(await h.tap(users.lan, "Huỷ"))).toEqual(["Đã huỷ, chưa gửi gì."]);
    await broadcast?.idle();
    expect(h.emu.botMessages(users.an.id)).toHaveLength(0);
  });
});

describe("a coordinator announces to a whole centre", () => {
  it("picks the centre in one tap; learners in two of its classes get one message", async () => {
    await start();
    await makeClass("c1", "Lớp K12", "Trung tâm Đông Anh", [users.an, users.binh]);
    await makeClass("c2", "Lớp K13", "Trung tâm Đông Anh", [users.an, cuc]);
    await makeClass("c3", "Lớp K14", "Trung tâm Sóc Sơn", [dung]);
    await h.say(users.coordinator, "/announce");
    const buttons = h.inlineButtons(h.last(users.coordinator)).map((b) => b.text);
    expect(buttons).toEqual(
      expect.arrayContaining(["🏫 Cả Trung tâm Đông Anh (2 lớp)", "🏫 Cả Trung tâm Sóc Sơn (1 lớp)"]),
    );
    await h.tap(users.coordinator, "Cả Trung tâm Đông Anh");
    const marked = h.inlineButtons(h.last(users.coordinator)).map((b) => b.text);
    expect(marked).toEqual(expect.arrayContaining(["☑️ Lớp K12 (2)", "☑️ Lớp K13 (2)", "▫️ Lớp K14 (1)"]));
    const chosen = h.texts(await h.tap(users.coordinator, "Tiếp tục")).join("\n");
    expect(chosen).toContain("3 học viên");
    await h.say(users.coordinator, "Lịch thi cuối khoá");
    await h.tap(users.coordinator, "Gửi");
    await broadcast?.idle();
    expect(h.emu.botMessages(users.an.id)).toHaveLength(1);
    expect(lastTo(cuc)).toContain("Lớp K12, Lớp K13");
    expect(h.emu.botMessages(dung.id)).toHaveLength(0);
  });

  it("forged picker data is answered, not trusted", async () => {
    await start();
    await makeClass("c1", "Lớp K12", "Trung tâm Đông Anh", [users.an], [users.lan]);
    await h.say(users.lan, "/announce");
    const picker = h.last(users.lan);
    for (const data of ["ann:t:99", "ann:c:0", "ann:t:-1", "ann:zz"]) {
      const calls = await h.run(h.emu.click(users.lan, picker.message_id, data));
      expect(calls.find((c) => c.method === "answerCallbackQuery")).toBeDefined();
    }
    expect(h.texts(await h.tap(users.lan, "Tiếp tục")).join()).toContain("Lớp K12");
  });
});

describe("a learner rereads announcements", () => {
  it("/announcements lists the last ones of their classes, newest first, with the attachment a tap away", async () => {
    await start();
    await makeClass("c1", "Lớp K12", "Trung tâm Đông Anh", [users.an], [users.lan]);
    await makeClass("c2", "Lớp K13", "Trung tâm Đông Anh", [cuc]);
    expect(await h.say(users.an, "/announcements")).toEqual(["Chưa có thông báo nào cho lớp của bạn."]);
    for (const text of ["Thông báo thứ nhất", "Thông báo thứ hai"]) {
      await h.say(users.lan, "/announce");
      await h.tap(users.lan, "Tiếp tục");
      await h.say(users.lan, text);
      await h.tap(users.lan, "Gửi");
    }
    await h.say(users.lan, "/announce");
    await h.tap(users.lan, "Tiếp tục");
    await h.run(h.emu.document(users.lan, { file_name: "lich-hoc.pdf" }, "Lịch học chi tiết"));
    await h.tap(users.lan, "Gửi");
    await broadcast?.idle();

    // (Progress edits of the sender's status message may land meanwhile: pick the list among the texts.)
    const list = (await h.say(users.an, "/announcements")).find((t) => t.includes("Các thông báo"));
    expect(list).toContain("Các thông báo gần nhất (3)");
    expect(list?.indexOf("Lịch học chi tiết")).toBeLessThan(list?.indexOf("Thông báo thứ hai") ?? 0);
    expect(list?.indexOf("Thông báo thứ hai")).toBeLessThan(list?.indexOf("Thông báo thứ nhất") ?? 0);
    expect(list).toContain("Có ảnh hoặc tệp đính kèm");
    const calls = await h.tap(users.an, "Tệp của thông báo 1");
    expect(calls.find((c) => c.method === "sendDocument")?.ok).toBe(true);

    // Someone outside the class forging the button gets nothing.
    expect(await h.say(cuc, "/announcements")).toEqual(["Chưa có thông báo nào cho lớp của bạn."]);
    await h.say(cuc, "/help");
    const real = h.emu
      .botMessages(users.an.id)
      .flatMap((m) => h.inlineButtons(m))
      .find((b) => b.data?.startsWith("ann:f:"))?.data;
    expect(real).toMatch(/^ann:f:a[0-9a-z]{14}$/);
    const forged = await h.run(h.emu.click(cuc, h.last(cuc).message_id, real ?? ""));
    expect(forged.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe("Thông báo này không còn.");
    expect(forged.some((c) => c.method === "sendDocument")).toBe(false);
  });
});
