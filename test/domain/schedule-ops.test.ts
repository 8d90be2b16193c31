import { describe, expect, it } from "vitest";
import { buildSchedule, parseScheduleOptions, type Session } from "../../src/domain/schedule.js";
import {
  addTopicSession,
  groupByDay,
  halfOf,
  moveSession,
  orderWarnings,
  removeTopicSession,
  sessionStatus,
  sessionsOn,
  updateSessionDetails,
} from "../../src/domain/schedule-ops.js";
import { localDateOf, localTimeOf } from "../../src/domain/time.js";
import { shippedTemplate } from "./fixtures.js";

const template = shippedTemplate();
const TZ = "Asia/Ho_Chi_Minh";
const input = { startDate: "2024-11-25", variant: 4 as const, venue: "Hội trường A" };
const { context } = parseScheduleOptions(template, input);
const base = buildSchedule(template, input);

function ok(result: { ok: true; sessions: Session[] } | { ok: false; error: string }): Session[] {
  if (!result.ok) throw new Error(`edit failed: ${result.error}`);
  return result.sessions;
}

function byId(sessions: Session[], id: string): Session {
  const s = sessions.find((x) => x.id === id);
  if (!s) throw new Error(`no ${id}`);
  return s;
}

describe("coordinator moves a session", () => {
  it("to a free half-day: re-sorted, ids kept, days and ceremonies recomputed", () => {
    const moved = ok(moveSession(base, "s02", { date: "2024-11-29", half: "morning" }, context));
    expect(moved).toHaveLength(8);
    expect(moved.map((s) => s.id)).toEqual(["s01", "s03", "s04", "s05", "s06", "s07", "s08", "s02"]);
    expect(byId(moved, "s02")).toMatchObject({
      start: "2024-11-29T00:30:00.000Z",
      end: "2024-11-29T04:00:00.000Z",
      half: "morning",
      day: 5,
      closing: true,
    });
    expect(byId(moved, "s08").closing).toBeUndefined();
    expect(byId(moved, "s01").opening).toBe(true);
    // The original is untouched.
    expect(byId(base, "s02").start).toBe("2024-11-25T06:30:00.000Z");
  });

  it("with its own times when given", () => {
    const moved = ok(
      moveSession(
        base,
        "s08",
        { date: "2024-11-28", half: "afternoon", times: { start: "14:00", end: "16:30" } },
        context,
      ),
    );
    expect(byId(moved, "s08")).toMatchObject({ start: "2024-11-28T07:00:00.000Z", end: "2024-11-28T09:30:00.000Z" });
  });

  it("refuses a taken slot unless asked to swap", () => {
    expect(moveSession(base, "s01", { date: "2024-11-26", half: "morning" }, context)).toEqual({
      ok: false,
      error: "slot_taken",
    });
    const swapped = ok(
      moveSession(base, "s01", { date: "2024-11-26", half: "morning" }, context, { onConflict: "swap" }),
    );
    expect(byId(swapped, "s01").start).toBe("2024-11-26T00:30:00.000Z");
    expect(byId(swapped, "s03").start).toBe("2024-11-25T00:30:00.000Z");
    expect(swapped[0]).toMatchObject({ id: "s03", opening: true });
  });

  it("reports an unknown session, a bad date or bad times", () => {
    expect(moveSession(base, "s99", { date: "2024-11-29", half: "morning" }, context)).toEqual({
      ok: false,
      error: "session_not_found",
    });
    expect(moveSession(base, "s01", { date: "2024-13-01", half: "morning" }, context)).toEqual({
      ok: false,
      error: "invalid_slot",
    });
    expect(
      moveSession(
        base,
        "s01",
        { date: "2024-11-29", half: "morning", times: { start: "11:00", end: "09:00" } },
        context,
      ),
    ).toEqual({ ok: false, error: "invalid_times" });
  });
});

describe("coordinator changes venue or instructor", () => {
  it("of one session", () => {
    const edited = ok(updateSessionDetails(base, "s03", { instructor: "Trần Thị B", venue: "Phòng 2" }, TZ));
    expect(byId(edited, "s03")).toMatchObject({ instructor: "Trần Thị B", venue: "Phòng 2" });
    expect(byId(edited, "s04").instructor).toBeUndefined();
    expect(byId(edited, "s04").venue).toBe("Hội trường A");
  });

  it("of all sessions, and clears with null", () => {
    const all = ok(updateSessionDetails(base, "all", { instructor: "Lê Văn C" }, TZ));
    expect(all.every((s) => s.instructor === "Lê Văn C")).toBe(true);
    const cleared = ok(updateSessionDetails(all, "s01", { venue: null }, TZ));
    expect("venue" in byId(cleared, "s01")).toBe(false);
  });

  it("reports an unknown session", () => {
    expect(updateSessionDetails(base, "s42", { venue: "x" }, TZ)).toEqual({ ok: false, error: "session_not_found" });
  });
});

describe("coordinator adds or removes a chuyên đề", () => {
  it("inserts it before discussion and pushes discussion and report writing half a day on", () => {
    const result = addTopicSession(base, template, { topic: "dan_van" }, context);
    const added = ok(result);
    expect(result.ok && result.id).toBe("s09");
    expect(added.map((s) => s.id)).toEqual(["s01", "s02", "s03", "s04", "s05", "s06", "s09", "s07", "s08"]);
    expect(byId(added, "s09")).toMatchObject({
      kind: "topic",
      topicKey: "dan_van",
      start: "2024-11-28T00:30:00.000Z",
      venue: "Hội trường A",
    });
    expect(byId(added, "s07").start).toBe("2024-11-28T06:30:00.000Z");
    expect(byId(added, "s08")).toMatchObject({ start: "2024-11-29T00:30:00.000Z", day: 5, closing: true });
  });

  it("respects weekends when pushing", () => {
    const thursday = buildSchedule(template, { startDate: "2024-11-28", variant: 4 });
    const ctx = parseScheduleOptions(template, { startDate: "2024-11-28", variant: 4 }).context;
    const added = ok(addTopicSession(thursday, template, { topic: "Chuyên đề riêng của huyện" }, ctx));
    expect(localDateOf(byId(added, "s08").start, TZ)).toBe("2024-12-04");
  });

  it("removes it again, closing the gap (add then remove gives the schedule back)", () => {
    const added = ok(addTopicSession(base, template, { topic: "dan_van" }, context));
    const removed = ok(removeTopicSession(added, "s09", context));
    expect(removed).toEqual(base);
  });

  it("can leave the gap open", () => {
    const added = ok(addTopicSession(base, template, { topic: "dan_van" }, context));
    const removed = ok(removeTopicSession(added, "s09", context, { compact: false }));
    expect(removed).toHaveLength(8);
    expect(byId(removed, "s08").start).toBe("2024-11-29T00:30:00.000Z");
  });

  it("places it in a chosen free slot only", () => {
    const at = ok(
      addTopicSession(
        base,
        template,
        { topic: "kiem_tra_giam_sat", at: { date: "2024-11-29", half: "morning" } },
        context,
      ),
    );
    expect(byId(at, "s09")).toMatchObject({ start: "2024-11-29T00:30:00.000Z", closing: true });
    expect(byId(at, "s08").start).toBe(byId(base, "s08").start);
    expect(
      addTopicSession(base, template, { topic: "dan_van", at: { date: "2024-11-25", half: "morning" } }, context),
    ).toEqual({ ok: false, error: "slot_taken" });
  });

  it("refuses unknown keys and removing a lesson", () => {
    expect(addTopicSession(base, template, { topic: "dan_vann" }, context)).toEqual({
      ok: false,
      error: "unknown_topic",
    });
    expect(removeTopicSession(base, "s01", context)).toEqual({ ok: false, error: "not_a_topic" });
    expect(removeTopicSession(base, "s77", context)).toEqual({ ok: false, error: "session_not_found" });
  });
});

describe("learner asks what is on", () => {
  it("before the class: nothing done, the first session next", () => {
    const st = sessionStatus(base, new Date("2024-11-24T12:00:00Z"));
    expect(st.done).toEqual([]);
    expect(st.current).toBeNull();
    expect(st.next?.id).toBe("s01");
  });

  it("during a session: it is current, the afternoon is next", () => {
    const st = sessionStatus(base, new Date("2024-11-25T02:00:00Z")); // 09:00 local
    expect(st.current?.id).toBe("s01");
    expect(st.next?.id).toBe("s02");
    expect(st.done).toEqual([]);
  });

  it("at lunch: the morning is done, nothing current", () => {
    const st = sessionStatus(base, new Date("2024-11-25T05:00:00Z")); // 12:00 local
    expect(st.done.map((s) => s.id)).toEqual(["s01"]);
    expect(st.current).toBeNull();
    expect(st.next?.id).toBe("s02");
  });

  it("a session ends exactly at its end instant", () => {
    const st = sessionStatus(base, new Date("2024-11-25T04:00:00Z"));
    expect(st.done.map((s) => s.id)).toEqual(["s01"]);
    expect(st.current).toBeNull();
  });

  it("after the class: everything done, nothing next", () => {
    const st = sessionStatus(base, new Date("2024-12-01T00:00:00Z"));
    expect(st.done).toHaveLength(8);
    expect(st.next).toBeNull();
  });

  it("groups sessions by local day", () => {
    const days = groupByDay(base, TZ);
    expect(days.map((d) => [d.date, d.day, d.sessions.map((s) => s.id)])).toEqual([
      ["2024-11-25", 1, ["s01", "s02"]],
      ["2024-11-26", 2, ["s03", "s04"]],
      ["2024-11-27", 3, ["s05", "s06"]],
      ["2024-11-28", 4, ["s07", "s08"]],
    ]);
  });

  it("/today uses the local date, not the UTC one", () => {
    // 2024-11-25 20:00Z is 03:00 on the 26th in Hà Nội.
    expect(sessionsOn(base, new Date("2024-11-25T20:00:00Z"), TZ).map((s) => s.id)).toEqual(["s03", "s04"]);
    expect(sessionsOn(base, "2024-11-28", TZ).map((s) => s.id)).toEqual(["s07", "s08"]);
    expect(sessionsOn(base, "2024-11-30", TZ)).toEqual([]);
  });
});

describe("order the guidance expects", () => {
  it("a lesson moved after «Viết bản thu hoạch» is warned; moved within the lessons it is not", () => {
    const late = ok(moveSession(base, "s01", { date: "2024-12-02", half: "morning" }, context));
    expect(orderWarnings(late, "s01")).toEqual(["after_report_writing"]);
    const swapped = ok(
      moveSession(base, "s01", { date: "2024-11-25", half: "afternoon" }, context, { onConflict: "swap" }),
    );
    expect(orderWarnings(swapped, "s01")).toEqual([]);
  });

  it("a field visit outside the course dates is warned", () => {
    const five = buildSchedule(template, { ...input, variant: 5 });
    const visit = five.find((s) => s.kind === "field_visit")!;
    const moved = ok(moveSession(five, visit.id, { date: "2024-11-18", half: "morning" }, context));
    expect(orderWarnings(moved, visit.id)).toEqual(["visit_outside_course"]);
  });

  it("exact times place a session in the half they start in", () => {
    expect(halfOf("07:00")).toBe("morning");
    expect(halfOf("13:00")).toBe("afternoon");
    const moved = ok(
      moveSession(
        base,
        "s02",
        { date: "2024-11-25", half: halfOf("14:00"), times: { start: "14:00", end: "16:30" } },
        context,
      ),
    );
    expect(localTimeOf(byId(moved, "s02").start, TZ)).toBe("14:00");
  });
});

describe("a start on a weekend", () => {
  it("moves to Monday unless the coordinator kept the day", () => {
    const monday = buildSchedule(template, { ...input, startDate: "2024-11-23" });
    expect(localDateOf(monday[0]!.start, TZ)).toBe("2024-11-25");
    const saturday = buildSchedule(template, { ...input, startDate: "2024-11-23", keepStartDate: true });
    expect(saturday.map((s) => localDateOf(s.start, TZ)).slice(0, 3)).toEqual([
      "2024-11-23",
      "2024-11-23",
      "2024-11-25",
    ]);
  });
});
