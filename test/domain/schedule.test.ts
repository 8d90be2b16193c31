import { describe, expect, it } from "vitest";
import { buildSchedule, ScheduleOptionsError, type Session, SessionSchema } from "../../src/domain/schedule.js";
import { localDateOf, localTimeOf } from "../../src/domain/time.js";
import { shippedTemplate } from "./fixtures.js";

const template = shippedTemplate();
const TZ = "Asia/Ho_Chi_Minh";
// 2024-11-25 is a Monday, 2024-11-28 a Thursday.
const MONDAY = "2024-11-25";
const THURSDAY = "2024-11-28";

function countKinds(sessions: Session[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of sessions) counts[s.kind] = (counts[s.kind] ?? 0) + 1;
  return counts;
}

function dates(sessions: Session[], tz = TZ): string[] {
  return [...new Set(sessions.map((s) => localDateOf(s.start, tz)))];
}

describe("a 4-day class", () => {
  const sessions = buildSchedule(template, { startDate: MONDAY, variant: 4 });

  it("has 6 lessons, discussion and report writing: 8 half-days over 4 days", () => {
    expect(sessions).toHaveLength(8);
    expect(countKinds(sessions)).toEqual({ lesson: 6, discussion: 1, report_writing: 1 });
    expect(dates(sessions)).toEqual(["2024-11-25", "2024-11-26", "2024-11-27", "2024-11-28"]);
    expect(sessions.map((s) => s.day)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    expect(sessions.map((s) => s.half)).toEqual([
      "morning",
      "afternoon",
      "morning",
      "afternoon",
      "morning",
      "afternoon",
      "morning",
      "afternoon",
    ]);
  });

  it("teaches the lessons in order, then discussion, and writes the report last", () => {
    expect(sessions.map((s) => s.kind)).toEqual([
      "lesson",
      "lesson",
      "lesson",
      "lesson",
      "lesson",
      "lesson",
      "discussion",
      "report_writing",
    ]);
    expect(sessions.filter((s) => s.kind === "lesson").map((s) => s.lesson)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sessions[0]?.title).toBe(template.lessons[0]?.title);
    expect(sessions[7]?.title).toBe(template.reportWriting.title);
  });

  it("numbers sessions s01… and flags the opening and closing ceremonies", () => {
    expect(sessions.map((s) => s.id)).toEqual(["s01", "s02", "s03", "s04", "s05", "s06", "s07", "s08"]);
    expect(sessions[0]?.opening).toBe(true);
    expect(sessions[7]?.closing).toBe(true);
    expect(sessions.filter((s) => s.opening || s.closing)).toHaveLength(2);
  });

  it("produces sessions that match the stored schema", () => {
    for (const s of sessions) expect(SessionSchema.parse(s)).toEqual(s);
  });

  it("adds a field visit only when asked", () => {
    const withVisit = buildSchedule(template, { startDate: MONDAY, variant: 4, fieldVisit: true });
    expect(countKinds(withVisit)).toEqual({ lesson: 6, field_visit: 1, discussion: 1, report_writing: 1 });
    expect(withVisit.map((s) => s.kind).slice(-3)).toEqual(["field_visit", "discussion", "report_writing"]);
  });
});

describe("a 5-day class", () => {
  it("fills 10 half-days with a 2-session field visit", () => {
    const sessions = buildSchedule(template, { startDate: MONDAY, variant: 5 });
    expect(sessions).toHaveLength(10);
    expect(countKinds(sessions)).toEqual({ lesson: 6, field_visit: 2, discussion: 1, report_writing: 1 });
    expect(dates(sessions)).toEqual(["2024-11-25", "2024-11-26", "2024-11-27", "2024-11-28", "2024-11-29"]);
    expect(sessions.map((s) => s.kind).slice(6)).toEqual([
      "field_visit",
      "field_visit",
      "discussion",
      "report_writing",
    ]);
  });

  it("shortens the visit to one half-day when a chuyên đề is added, staying at 10", () => {
    const sessions = buildSchedule(template, { startDate: MONDAY, variant: 5, extraTopics: ["dan_van"] });
    expect(countKinds(sessions)).toEqual({ lesson: 6, topic: 1, field_visit: 1, discussion: 1, report_writing: 1 });
    expect(sessions).toHaveLength(10);
    const topic = sessions.find((s) => s.kind === "topic");
    expect(topic).toMatchObject({ id: "s07", topicKey: "dan_van", day: 4, half: "morning" });
  });

  it("pushes into a sixth day with two chuyên đề", () => {
    const sessions = buildSchedule(template, {
      startDate: MONDAY,
      variant: 5,
      extraTopics: ["tu_tuong_dia_phuong", "kiem_tra_giam_sat"],
    });
    expect(countKinds(sessions)).toEqual({ lesson: 6, topic: 2, field_visit: 1, discussion: 1, report_writing: 1 });
    expect(sessions).toHaveLength(11);
    expect(sessions.at(-1)).toMatchObject({ kind: "report_writing", day: 6, half: "morning", closing: true });
    // Friday, then the weekend is skipped.
    expect(localDateOf(sessions.at(-1)!.start, TZ)).toBe("2024-12-02");
  });

  it("can drop the visit or fix its length", () => {
    expect(buildSchedule(template, { startDate: MONDAY, variant: 5, fieldVisit: false })).toHaveLength(8);
    const one = buildSchedule(template, { startDate: MONDAY, variant: 5, fieldVisitSessions: 1 });
    expect(countKinds(one).field_visit).toBe(1);
  });
});

describe("chuyên đề", () => {
  it("adds template topics and custom titles, one session each, after the lessons and in the given order", () => {
    const sessions = buildSchedule(template, {
      startDate: MONDAY,
      variant: 4,
      extraTopics: ["kiem_tra_giam_sat", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"],
    });
    expect(sessions).toHaveLength(10);
    const topics = sessions.filter((s) => s.kind === "topic");
    expect(topics.map((t) => t.title)).toEqual([
      "Công tác kiểm tra, giám sát của cấp uỷ, uỷ ban kiểm tra các cấp ở địa phương",
      "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    ]);
    expect(topics[0]?.topicKey).toBe("kiem_tra_giam_sat");
    expect(topics[1]?.topicKey).toBeUndefined();
    expect(sessions.map((s) => s.kind).slice(6)).toEqual(["topic", "topic", "discussion", "report_writing"]);
    expect(sessions.at(-1)?.day).toBe(5);
  });

  it("refuses an unknown topic key, naming the entry", () => {
    expect(() =>
      buildSchedule(template, { startDate: MONDAY, variant: 4, extraTopics: ["dan_van", "danvan"] }),
    ).toThrow(/extraTopics\[1\]: unknown topic key/);
  });
});

describe("weekends", () => {
  it("are skipped by default: a class starting on Thursday resumes on Monday", () => {
    const sessions = buildSchedule(template, { startDate: THURSDAY, variant: 4 });
    expect(dates(sessions)).toEqual(["2024-11-28", "2024-11-29", "2024-12-02", "2024-12-03"]);
    expect(sessions.map((s) => s.day)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it("are used when skipWeekends is off", () => {
    const sessions = buildSchedule(template, { startDate: THURSDAY, variant: 4, skipWeekends: false });
    expect(dates(sessions)).toEqual(["2024-11-28", "2024-11-29", "2024-11-30", "2024-12-01"]);
  });

  it("move a Saturday start to Monday", () => {
    const sessions = buildSchedule(template, { startDate: "2024-11-30", variant: 4 });
    expect(localDateOf(sessions[0]!.start, TZ)).toBe("2024-12-02");
  });

  it("and holidays in skipDates are skipped too", () => {
    const sessions = buildSchedule(template, { startDate: MONDAY, variant: 4, skipDates: ["2024-11-26"] });
    expect(dates(sessions)).toEqual(["2024-11-25", "2024-11-27", "2024-11-28", "2024-11-29"]);
  });
});

describe("time zones", () => {
  const sessions = buildSchedule(template, { startDate: MONDAY, variant: 4 });

  it("puts 07:30 in Asia/Ho_Chi_Minh at 00:30Z and 13:30 at 06:30Z", () => {
    expect(sessions[0]).toMatchObject({ start: "2024-11-25T00:30:00.000Z", end: "2024-11-25T04:00:00.000Z" });
    expect(sessions[1]).toMatchObject({ start: "2024-11-25T06:30:00.000Z", end: "2024-11-25T10:00:00.000Z" });
  });

  it("follows a DST change in other zones (New York, 3 Nov 2024)", () => {
    const ny = buildSchedule(template, {
      startDate: "2024-11-01",
      variant: 4,
      timeZone: "America/New_York",
      skipWeekends: false,
    });
    expect(ny[0]?.start).toBe("2024-11-01T11:30:00.000Z"); // EDT, UTC−4
    expect(ny[6]?.start).toBe("2024-11-04T12:30:00.000Z"); // EST, UTC−5
    expect(ny.every((s) => ["07:30", "13:30"].includes(localTimeOf(s.start, "America/New_York")))).toBe(true);
  });

  it("honours overridden session times", () => {
    const custom = buildSchedule(template, {
      startDate: MONDAY,
      variant: 4,
      sessionTimes: { morning: { start: "08:00", end: "11:30" } },
    });
    expect(custom[0]).toMatchObject({ start: "2024-11-25T01:00:00.000Z", end: "2024-11-25T04:30:00.000Z" });
    expect(custom[1]?.start).toBe("2024-11-25T06:30:00.000Z");
  });

  it("rejects an unknown zone and overlapping halves, listing both", () => {
    let error: unknown;
    try {
      buildSchedule(template, {
        startDate: "2024-02-30",
        variant: 4,
        timeZone: "Asia/Hanoi_City",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScheduleOptionsError);
    expect((error as ScheduleOptionsError).problems.map((p) => p.path)).toEqual(["startDate", "timeZone"]);
    expect(() =>
      buildSchedule(template, {
        startDate: MONDAY,
        variant: 4,
        sessionTimes: { morning: { start: "07:30", end: "14:00" } },
      }),
    ).toThrow(/sessionTimes/);
  });
});

describe("venue and instructor", () => {
  it("are set on every session when given", () => {
    const sessions = buildSchedule(template, {
      startDate: MONDAY,
      variant: 4,
      venue: "Hội trường Trung tâm Chính trị huyện",
      instructor: "Nguyễn Văn A",
    });
    expect(sessions.every((s) => s.venue === "Hội trường Trung tâm Chính trị huyện")).toBe(true);
    expect(sessions.every((s) => s.instructor === "Nguyễn Văn A")).toBe(true);
  });

  it("are absent otherwise", () => {
    const sessions = buildSchedule(template, { startDate: MONDAY, variant: 4 });
    expect(sessions.some((s) => "venue" in s || "instructor" in s)).toBe(false);
  });
});
