import { describe, expect, it } from "vitest";
import { evaluateClass } from "../../src/domain/evaluation.js";
import { checkReportDocument, checkReportPhoto, isLate, reportDeadline } from "../../src/domain/reports.js";
import type { Session } from "../../src/domain/schedule.js";

const session = (id: string, kind: Session["kind"], start: string, end: string): Session => ({
  id,
  kind,
  title: id,
  start,
  end,
  day: 1,
  half: "morning",
});

const SESSIONS = [
  session("s01", "lesson", "2026-12-01T00:30:00Z", "2026-12-01T04:00:00Z"),
  session("s02", "discussion", "2026-12-01T06:30:00Z", "2026-12-01T10:00:00Z"),
  session("s03", "report_writing", "2026-12-02T00:30:00Z", "2026-12-02T04:00:00Z"),
];

describe("report files", () => {
  it("accepts PDF, DOC, DOCX and ODT only when extension and MIME type agree", () => {
    expect(checkReportDocument({ file_name: "a.PDF", mime_type: "application/pdf", file_size: 1 })).toEqual({
      ok: true,
      ext: "pdf",
    });
    expect(checkReportDocument({ file_name: "a.odt", mime_type: "application/vnd.oasis.opendocument.text" }).ok).toBe(
      true,
    );
    expect(checkReportDocument({ file_name: "a.doc", mime_type: "application/msword" }).ok).toBe(true);
    expect(checkReportDocument({ file_name: "a.pdf", mime_type: "application/msword" })).toEqual({
      ok: false,
      reason: "type",
    });
    expect(checkReportDocument({ file_name: "a.exe", mime_type: "application/pdf" })).toMatchObject({ reason: "type" });
    expect(checkReportDocument({ file_name: "noext", mime_type: "application/pdf" })).toMatchObject({ reason: "type" });
  });

  it("refuses anything over Telegram's 20 MB bot download limit", () => {
    const max = 20 * 1024 * 1024;
    expect(checkReportDocument({ file_name: "a.pdf", mime_type: "application/pdf", file_size: max }).ok).toBe(true);
    expect(checkReportDocument({ file_name: "a.pdf", mime_type: "application/pdf", file_size: max + 1 })).toEqual({
      ok: false,
      reason: "size",
    });
    expect(checkReportPhoto({ file_size: max + 1 }).ok).toBe(false);
  });
});

describe("report deadline", () => {
  it("defaults to 23:59 local on the day after the report-writing session; a coordinator's deadline wins", () => {
    const cls = { sessions: SESSIONS, timeZone: "Asia/Ho_Chi_Minh" };
    expect(reportDeadline(cls)).toBe("2026-12-03T16:59:00.000Z");
    expect(reportDeadline({ ...cls, reportDeadline: "2026-12-02T10:00:00.000Z" })).toBe("2026-12-02T10:00:00.000Z");
    expect(isLate(new Date("2026-12-03T16:59:00Z"), "2026-12-03T16:59:00.000Z")).toBe(false);
    expect(isLate(new Date("2026-12-03T16:59:01Z"), "2026-12-03T16:59:00.000Z")).toBe(true);
    expect(isLate(new Date("2030-01-01T00:00:00Z"), null)).toBe(false);
  });
});

describe("class evaluation", () => {
  const base = {
    class: { id: "c1", name: "Lớp", timeZone: "Asia/Ho_Chi_Minh", sessions: SESSIONS, reportDeadline: null },
    learners: [
      { userId: 1, fullName: "Nguyễn Văn An", registered: true },
      { userId: 2, telegramName: "Bình", registered: false },
    ],
    preRegistered: { total: 3, claimed: 1 },
    attendance: new Map([
      ["s01", new Set([1, 2, 99])],
      ["s02", new Set([1])],
    ]),
    reports: new Map([
      [1, { versions: 2, late: false, lastAt: "2026-12-02T05:00:00Z", grade: "kha" as const, comment: "Tốt" }],
      [2, { versions: 1, late: true, lastAt: "2026-12-05T05:00:00Z" }],
    ]),
    ratings: new Map([
      [
        "s01",
        new Map([
          [1, { stars: 5, comment: "Hay" }],
          [2, { stars: 4 }],
        ]),
      ],
    ]),
    notes: [
      { topic: "class", text: "Có tên", at: "2026-12-01T05:00:00Z", anonymous: false, userId: 1 },
      { topic: "class", text: "Ẩn danh", at: "2026-12-01T05:00:00Z", anonymous: true },
    ],
    reflections: new Map(),
    followups: new Map([[2, { applied: "some", at: "2027-03-01T00:00:00Z" }]]),
    now: new Date("2026-12-10T00:00:00Z"),
  };

  it("counts enrolment, attendance of enrolled learners only, reports, grades, ratings and eligibility", () => {
    const ev = evaluateClass(base);
    expect(ev.enrolment).toEqual({ enrolled: 2, registered: 1, preRegistered: 3, preRegisteredJoined: 1 });
    expect(ev.sessions.map((s) => [s.session.id, s.present, s.average])).toEqual([
      ["s01", 2, 4.5],
      ["s02", 1, null],
      ["s03", 0, null],
    ]);
    expect(ev.sessions[0]?.comments).toEqual(["Hay"]);
    expect(ev.reports).toEqual({ submitted: 2, missing: 0, late: 1, graded: 1, ungraded: 1 });
    expect(ev.grades.counts.kha).toBe(1);
    expect(ev.eligible.map((l) => l.name)).toEqual(["Nguyễn Văn An"]);
    expect(ev.learners.find((l) => l.name === "Bình")?.certificate.reasons).toEqual([
      "attendance_below_minimum",
      "report_not_graded",
    ]);
    expect(ev.followupCounts).toEqual({ some: 1 });
  });

  it("names the author of a named note only; an anonymous note has no author even if an id slipped in", () => {
    const ev = evaluateClass({
      ...base,
      notes: [
        ...base.notes,
        { topic: "class", text: "Lọt id", at: "2026-12-03T03:00:00Z", anonymous: true, userId: 2 },
      ],
    });
    expect(ev.notes.map((n) => [n.text, n.author])).toEqual([
      ["Có tên", "Nguyễn Văn An"],
      ["Ẩn danh", undefined],
      ["Lọt id", undefined],
    ]);
  });

  it("is provisional while the course runs", () => {
    const ev = evaluateClass({ ...base, now: new Date("2026-12-01T05:00:00Z") });
    expect(ev.eligible).toEqual([]);
    expect(ev.learners[0]?.certificate.reasons).toContain("course_in_progress");
  });
});
