import { describe, expect, it } from "vitest";
import { defaultReportDeadline, diffReminders, judgeReminder, planReminders } from "../../src/domain/reminders.js";
import { buildSchedule, parseScheduleOptions } from "../../src/domain/schedule.js";
import { moveSession } from "../../src/domain/schedule-ops.js";
import { shippedTemplate } from "./fixtures.js";

const template = shippedTemplate();
const input = { startDate: "2024-11-25", variant: 4 as const };
const { context } = parseScheduleOptions(template, input);
const sessions = buildSchedule(template, input);
const BEFORE_ALL = new Date("2024-11-20T00:00:00Z");
const TZ = "Asia/Ho_Chi_Minh";

describe("reminders for a 4-day class", () => {
  const plan = planReminders(sessions, BEFORE_ALL);

  it("has one evening-before per day, one per session and two for the report deadline", () => {
    const count = (kind: string) => plan.filter((r) => r.kind === kind).length;
    expect(count("evening_before")).toBe(4);
    expect(count("session_soon")).toBe(8);
    expect(count("report_deadline_evening")).toBe(1);
    expect(count("report_deadline_soon")).toBe(1);
    expect(plan).toHaveLength(14);
  });

  it("reminds at 19:00 local the evening before, with that day's sessions", () => {
    const first = plan[0];
    expect(first).toMatchObject({
      kind: "evening_before",
      at: "2024-11-24T12:00:00.000Z",
      date: "2024-11-25",
      sessionIds: ["s01", "s02"],
    });
  });

  it("reminds 30 minutes before each session", () => {
    const s01 = plan.find((r) => r.kind === "session_soon" && r.sessionIds?.[0] === "s01");
    expect(s01?.at).toBe("2024-11-25T00:00:00.000Z");
  });

  it("sets the report deadline to 23:59 the day after report writing and reminds twice", () => {
    expect(defaultReportDeadline(sessions, "Asia/Ho_Chi_Minh")).toBe("2024-11-29T16:59:00.000Z");
    expect(plan.filter((r) => r.kind.startsWith("report_deadline"))).toEqual([
      expect.objectContaining({
        kind: "report_deadline_evening",
        at: "2024-11-28T12:00:00.000Z",
        deadline: "2024-11-29T16:59:00.000Z",
      }),
      expect.objectContaining({
        kind: "report_deadline_soon",
        at: "2024-11-29T13:59:00.000Z",
        deadline: "2024-11-29T16:59:00.000Z",
      }),
    ]);
  });

  it("is sorted by time", () => {
    const times = plan.map((r) => Date.parse(r.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });
});

describe("reminder keys", () => {
  it("are the same when planned again and unique within a plan", () => {
    const a = planReminders(sessions, BEFORE_ALL);
    const b = planReminders(structuredClone(sessions), new Date("2024-11-21T00:00:00Z"));
    expect(b.map((r) => r.key)).toEqual(a.map((r) => r.key));
    expect(new Set(a.map((r) => r.key)).size).toBe(a.length);
  });

  it("are usable as BullMQ job ids (no ':') and readable", () => {
    const plan = planReminders(sessions, BEFORE_ALL);
    expect(plan.every((r) => !r.key.includes(":"))).toBe(true);
    expect(plan.map((r) => r.key)).toContain("session_soon.s01.20241125T0000Z");
    expect(plan.map((r) => r.key)).toContain("evening_before.2024-11-25.20241124T1200Z");
  });
});

describe("past reminders", () => {
  it("are dropped", () => {
    const now = new Date("2024-11-26T05:00:00Z"); // 12:00 local on day 2
    const plan = planReminders(sessions, now);
    expect(plan.every((r) => Date.parse(r.at) >= now.getTime())).toBe(true);
    expect(plan[0]).toMatchObject({ kind: "session_soon", sessionIds: ["s04"] });
    expect(plan.some((r) => r.kind === "evening_before" && r.date === "2024-11-26")).toBe(false);
    expect(plan.some((r) => r.kind === "evening_before" && r.date === "2024-11-27")).toBe(true);
  });

  it("leave nothing after the deadline", () => {
    expect(planReminders(sessions, new Date("2024-11-30T00:00:00Z"))).toEqual([]);
  });
});

describe("when a session moves", () => {
  it("its reminders move with it under new keys, the others keep theirs", () => {
    const before = planReminders(sessions, BEFORE_ALL);
    const moved = moveSession(sessions, "s04", { date: "2024-11-29", half: "morning" }, context);
    if (!moved.ok) throw new Error(moved.error);
    const after = planReminders(moved.sessions, BEFORE_ALL);

    const soon = after.find((r) => r.kind === "session_soon" && r.sessionIds?.[0] === "s04");
    expect(soon?.at).toBe("2024-11-29T00:00:00.000Z");
    const friday = after.find((r) => r.kind === "evening_before" && r.date === "2024-11-29");
    expect(friday?.sessionIds).toEqual(["s04"]);
    const tuesday = after.find((r) => r.kind === "evening_before" && r.date === "2024-11-26");
    expect(tuesday?.sessionIds).toEqual(["s03"]);

    const diff = diffReminders(
      before.map((r) => r.key),
      after,
    );
    expect(diff.remove).toEqual(["session_soon.s04.20241126T0600Z"]);
    expect(diff.add.map((r) => r.key).sort()).toEqual(
      ["evening_before.2024-11-29.20241128T1200Z", "session_soon.s04.20241129T0000Z"].sort(),
    );
  });

  it("the report deadline follows the report-writing session", () => {
    const moved = moveSession(sessions, "s08", { date: "2024-11-29", half: "afternoon" }, context);
    if (!moved.ok) throw new Error(moved.error);
    // Friday afternoon → deadline Saturday 23:59 local (calendar day, weekends are not skipped).
    expect(defaultReportDeadline(moved.sessions, "Asia/Ho_Chi_Minh")).toBe("2024-11-30T16:59:00.000Z");
  });
});

describe("reminder options", () => {
  it("can turn kinds off and set an explicit deadline", () => {
    const plan = planReminders(sessions, BEFORE_ALL, {
      eveningBefore: false,
      minutesBefore: 15,
      reportDeadline: "2024-12-02T10:00:00.000Z",
      deadlineEvening: false,
    });
    expect(plan.filter((r) => r.kind === "evening_before")).toEqual([]);
    expect(plan.find((r) => r.sessionIds?.[0] === "s01")?.at).toBe("2024-11-25T00:15:00.000Z");
    expect(plan.filter((r) => r.kind.startsWith("report_deadline"))).toEqual([
      expect.objectContaining({ kind: "report_deadline_soon", at: "2024-12-02T07:00:00.000Z" }),
    ]);
  });

  it("has no deadline reminders without a report-writing session or with reportDeadline: false", () => {
    const noWriting = sessions.filter((s) => s.kind !== "report_writing");
    expect(planReminders(noWriting, BEFORE_ALL).some((r) => r.kind.startsWith("report_deadline"))).toBe(false);
    expect(
      planReminders(sessions, BEFORE_ALL, { reportDeadline: false }).some((r) => r.kind.startsWith("report_deadline")),
    ).toBe(false);
  });
});

describe("a reminder that runs late is judged by the moment it is about", () => {
  const first = sessions[0]!;
  const soon = { kind: "session_soon" as const, sessionIds: [first.id] };

  it("a 30-minute reminder after the start is dropped; before it, it counts the minutes left", () => {
    const after = new Date(Date.parse(first.start) + 60_000);
    expect(judgeReminder(soon, sessions, null, after, TZ)).toEqual({ send: false });
    const tenBefore = new Date(Date.parse(first.start) - 10 * 60_000);
    expect(judgeReminder(soon, sessions, null, tenBefore, TZ)).toEqual({ send: true, minutesLeft: 10 });
  });

  it("the evening-before reminder run on the day itself says today and keeps only what is still to come", () => {
    // Tuesday 26/11/2024 08:00 in Hà Nội: the morning session has begun.
    const verdict = judgeReminder(
      { kind: "evening_before", date: "2024-11-26" },
      sessions,
      null,
      new Date("2024-11-26T01:00:00Z"),
      TZ,
    );
    expect(verdict.send && verdict.day).toBe("today");
    expect(verdict.send && verdict.sessions?.map((s) => s.half)).toEqual(["afternoon"]);
    const onTime = judgeReminder(
      { kind: "evening_before", date: "2024-11-26" },
      sessions,
      null,
      new Date("2024-11-25T12:00:00Z"),
      TZ,
    );
    expect(onTime.send && onTime.day).toBe("tomorrow");
    expect(
      judgeReminder(
        { kind: "evening_before", date: "2024-11-26" },
        sessions,
        null,
        new Date("2024-11-26T11:00:00Z"),
        TZ,
      ),
    ).toEqual({ send: false });
  });

  it("a deadline reminder after the deadline is dropped", () => {
    const deadline = defaultReportDeadline(sessions)!;
    const kind = "report_deadline_soon" as const;
    expect(judgeReminder({ kind }, sessions, deadline, new Date(Date.parse(deadline) + 1), TZ)).toEqual({
      send: false,
    });
    expect(judgeReminder({ kind }, sessions, deadline, new Date(Date.parse(deadline) - 3_600_000), TZ)).toEqual({
      send: true,
      day: "today",
    });
  });
});
