/** Pure helpers of the classes feature: dates typed by people, invite codes, names, the learners CSV, splitting. */
import { describe, expect, it } from "vitest";
import { packBlocks } from "../../src/bot/format.js";
import { learnerRows } from "../../src/classes/learner-file.js";
import { parseCsv, parseDateInput, planClassReminders } from "../../src/classes/service.js";

const parseLearnersCsv = (text: string) => learnerRows(parseCsv(text));

import { buildSchedule, parseScheduleOptions } from "../../src/domain/schedule.js";
import { moveSession } from "../../src/domain/schedule-ops.js";
import { InProcessJobs } from "../../src/jobs/index.js";
import { foldName, generateInviteCode, reminderSettingOf } from "../../src/store/index.js";
import { shippedTemplate } from "../domain/fixtures.js";

describe("dates as coordinators type them", () => {
  it("takes DD/MM/YYYY, D/M/YYYY, DD-MM-YYYY, DD.MM.YYYY and YYYY-MM-DD", () => {
    expect(parseDateInput("01/12/2026")).toBe("2026-12-01");
    expect(parseDateInput(" 1/2/2027 ")).toBe("2027-02-01");
    expect(parseDateInput("07-12-2026")).toBe("2026-12-07");
    expect(parseDateInput("07.12.2026")).toBe("2026-12-07");
    expect(parseDateInput("2026-12-01")).toBe("2026-12-01");
  });

  it("refuses impossible and ambiguous dates", () => {
    for (const bad of ["31/02/2026", "2026-13-01", "12/2026", "mai", "", "01/12/26", "2026/12/01"]) {
      expect(parseDateInput(bad), bad).toBeUndefined();
    }
  });
});

describe("invite codes", () => {
  it("are 12 base62 characters from the CSPRNG, and do not repeat", () => {
    const codes = new Set(Array.from({ length: 2000 }, () => generateInviteCode()));
    expect(codes.size).toBe(2000);
    for (const c of codes) expect(c).toMatch(/^[0-9A-Za-z]{12}$/);
    expect(generateInviteCode(20)).toHaveLength(20);
  });

  it("use the whole alphabet (no modulo bias towards a few characters)", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) for (const ch of generateInviteCode()) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(62);
    // 24,000 characters over 62 symbols ≈ 387 each; a biased generator would be far off for some.
    for (const n of counts.values()) expect(n).toBeGreaterThan(250);
  });
});

describe("names are matched folded", () => {
  it("ignores case, diacritics, đ and spacing", () => {
    expect(foldName("  Trần   Văn  Bình ")).toBe("tran van binh");
    expect(foldName("ĐẶNG THỊ HOÀ")).toBe(foldName("dang thi hoa"));
    expect(foldName("Nguyễn Văn An")).not.toBe(foldName("Nguyễn Văn Anh"));
  });

  it("maps the two report-deadline reminders to one setting", () => {
    expect(reminderSettingOf("report_deadline_evening")).toBe("report_deadline");
    expect(reminderSettingOf("report_deadline_soon")).toBe("report_deadline");
    expect(reminderSettingOf("session_soon")).toBe("session_soon");
  });
});

describe("the learners CSV", () => {
  it("reads UTF-8 with a BOM, a header, quotes, CRLF, phones and usernames in any order", () => {
    const csv =
      "\uFEFFHọ và tên,Đơn vị,Điện thoại,Telegram\r\n" +
      'Nguyễn Văn An,"Chi bộ thôn Đông, xã Hoà Bình",0912 345 678,@an_nguyen\r\n' +
      "Trần Thị Bình,Chi bộ 2,binh_tran\r\n" +
      '"Lê ""Cường""",Chi bộ 3\r\n\r\n';
    const { learners, problems } = parseLearnersCsv(csv);
    expect(problems).toEqual([]);
    expect(learners).toEqual([
      { fullName: "Nguyễn Văn An", unit: "Chi bộ thôn Đông, xã Hoà Bình", phone: "0912345678", username: "an_nguyen" },
      { fullName: "Trần Thị Bình", unit: "Chi bộ 2", username: "binh_tran" },
      { fullName: 'Lê "Cường"', unit: "Chi bộ 3" },
    ]);
  });

  it("reads ';'-separated files (Excel in Vietnamese locale) without a BOM or header", () => {
    const { learners } = parseLearnersCsv("Phạm Lan;Đảng bộ xã A\nHồ Minh;Đảng bộ xã B;+84 912 000 111\n");
    expect(learners).toEqual([
      { fullName: "Phạm Lan", unit: "Đảng bộ xã A" },
      { fullName: "Hồ Minh", unit: "Đảng bộ xã B", phone: "+84912000111" },
    ]);
  });

  it("reports rows without a unit and values that are neither phone nor username", () => {
    const { learners, problems } = parseLearnersCsv("An\nBình,Chi bộ 2,???\n");
    expect(learners).toHaveLength(1);
    expect(problems).toEqual([
      { row: 1, code: "needs_name_and_unit" },
      { row: 2, code: "bad_extra", value: "???" },
    ]);
  });

  it("refuses an unterminated quote instead of guessing", () => {
    expect(() => parseCsv('"An,Chi bộ\n')).toThrow(/unterminated/);
  });
});

describe("long messages are split under Telegram's limit", () => {
  it("packs blocks, never cuts one that fits, and cuts an oversized one at line ends", () => {
    const day = (n: number) =>
      [`Ngày ${n}`, ...Array.from({ length: 20 }, (_, i) => `• buổi ${i} ${"x".repeat(60)}`)].join("\n");
    const blocks = Array.from({ length: 12 }, (_, i) => day(i + 1));
    const parts = packBlocks(blocks);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(4096);
    expect(parts.join("\n\n")).toBe(blocks.join("\n\n"));
    const huge = Array.from({ length: 200 }, (_, i) => `dòng ${i} ${"y".repeat(40)}`).join("\n");
    const cut = packBlocks([huge]);
    expect(cut.length).toBeGreaterThan(1);
    for (const p of cut) expect(p.length).toBeLessThanOrEqual(4096);
    expect(cut.join("\n")).toBe(huge);
  });
});

describe("planning a class's reminder jobs", () => {
  it("is idempotent and cancels the jobs of a moved session", async () => {
    const template = shippedTemplate();
    const options = { startDate: "2026-12-01", variant: 4 as const };
    const sessions = buildSchedule(template, options);
    const { context } = parseScheduleOptions(template, options);
    const keys = new Set<string>();
    const store = {
      classes: {
        reminderKeys: async () => [...keys],
        setReminderKeys: async (_: string, k: string[]) => {
          keys.clear();
          for (const x of k) keys.add(x);
        },
      },
    } as never;
    const now = new Date("2026-11-30T02:00:00Z");
    const jobs = new InProcessJobs({ now: () => now, manual: true });
    const record = { id: "c7", timeZone: "Asia/Ho_Chi_Minh", sessions, context } as never;
    const first = await planClassReminders(store, jobs, record, now);
    const again = await planClassReminders(store, jobs, record, now);
    expect(again.planned.map((r) => r.key)).toEqual(first.planned.map((r) => r.key));
    expect(jobs.list("reminders")).toHaveLength(first.planned.length);
    expect(jobs.list("reminders").every((j) => j.jobId.startsWith("c7."))).toBe(true);

    const moved = moveSession(sessions, "s02", { date: "2026-12-07", half: "morning" }, context);
    if (!moved.ok) throw new Error(moved.error);
    const edited = await planClassReminders(
      store,
      jobs,
      { ...(record as object), sessions: moved.sessions } as never,
      now,
    );
    expect(edited.cancelled).toContain("session_soon.s02.20261201T0600Z");
    const ids = jobs.list("reminders").map((j) => j.jobId);
    expect(ids).not.toContain("c7.session_soon.s02.20261201T0600Z");
    expect(ids).toContain("c7.session_soon.s02.20261207T0000Z");
    expect(ids).toContain("c7.evening_before.2026-12-07.20261206T1200Z");
  });
});
