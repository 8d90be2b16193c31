import { describe, expect, it } from "vitest";
import { certificateEligibility, requiredAttendance } from "../../src/domain/certificate.js";
import { buildSchedule } from "../../src/domain/schedule.js";
import { shippedTemplate } from "./fixtures.js";

const template = shippedTemplate();
// 4-day class: s01–s06 lessons, s07 discussion, s08 report writing → 7 sessions count.
const sessions = buildSchedule(template, { startDate: "2024-11-25", variant: 4 });
const ALL = sessions.map((s) => s.id);

describe("certificate eligibility", () => {
  it("is granted with full attendance and a passing report", () => {
    expect(certificateEligibility({ sessions, attendedSessionIds: ALL, report: { grade: "kha" } })).toEqual({
      eligible: true,
      reasons: [],
      attended: 7,
      counted: 7,
      required: 6,
    });
  });

  it("needs 80% of the counted sessions (6 of 7), report writing not counted", () => {
    const six = ["s01", "s02", "s03", "s04", "s05", "s07"];
    expect(
      certificateEligibility({ sessions, attendedSessionIds: six, report: { grade: "trung_binh" } }).eligible,
    ).toBe(true);
    const fivePlusWriting = ["s01", "s02", "s03", "s04", "s05", "s08"];
    expect(
      certificateEligibility({ sessions, attendedSessionIds: fivePlusWriting, report: { grade: "gioi" } }),
    ).toMatchObject({ eligible: false, reasons: ["attendance_below_minimum"], attended: 5 });
  });

  it("counts the field visit as official learning", () => {
    const five = buildSchedule(template, { startDate: "2024-11-25", variant: 5 });
    const decision = certificateEligibility({ sessions: five, attendedSessionIds: [], report: { grade: "gioi" } });
    expect(decision.counted).toBe(9);
    expect(decision.required).toBe(8);
  });

  it("tells a missing, an ungraded and a failed report apart", () => {
    const base = { sessions, attendedSessionIds: ALL };
    expect(certificateEligibility({ ...base, report: {} }).reasons).toEqual(["report_not_submitted"]);
    expect(certificateEligibility({ ...base, report: { submitted: true } }).reasons).toEqual(["report_not_graded"]);
    expect(certificateEligibility({ ...base, report: { submitted: true, grade: null } }).reasons).toEqual([
      "report_not_graded",
    ]);
    expect(certificateEligibility({ ...base, report: { grade: "khong_dat" } }).reasons).toEqual([
      "grade_below_minimum",
    ]);
  });

  it("lists every reason at once", () => {
    const decision = certificateEligibility({
      sessions,
      attendedSessionIds: ["s01", "unknown"],
      report: {},
      now: new Date("2024-11-25T05:00:00Z"),
    });
    expect(decision).toMatchObject({
      eligible: false,
      reasons: ["course_in_progress", "attendance_below_minimum", "report_not_submitted"],
      attended: 1,
    });
  });

  it("is configurable per centre", () => {
    const decision = certificateEligibility(
      { sessions, attendedSessionIds: ALL.slice(0, 5), report: { grade: "trung_binh" } },
      { minAttendancePercent: 70, minGrade: "kha", countedKinds: ["lesson"] },
    );
    expect(decision).toMatchObject({ counted: 6, required: 5, attended: 5, reasons: ["grade_below_minimum"] });
    expect(() =>
      certificateEligibility({ sessions, attendedSessionIds: [], report: {} }, { minAttendancePercent: 120 }),
    ).toThrow();
  });

  it("rounds the requirement up without float surprises", () => {
    expect(requiredAttendance(10, 80)).toBe(8);
    expect(requiredAttendance(9, 80)).toBe(8);
    expect(requiredAttendance(7, 80)).toBe(6);
    expect(requiredAttendance(0, 80)).toBe(0);
    expect(requiredAttendance(5, 100)).toBe(5);
    expect(requiredAttendance(15, 200 / 3)).toBe(10);
    expect(requiredAttendance(14, 200 / 3)).toBe(10);
  });
});
