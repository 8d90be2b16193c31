import { describe, expect, it } from "vitest";
import {
  type AttemptState,
  generateCheckinCode,
  INITIAL_ATTEMPT_STATE,
  isCheckinOpen,
  openCheckin,
  verifyCheckin,
} from "../../src/domain/checkin.js";

const T0 = new Date("2024-11-25T00:35:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const fixed = (value: number) => () => value;

describe("instructor opens a check-in", () => {
  it("draws a 4-digit code from the injected random source", () => {
    expect(generateCheckinCode(fixed(0))).toBe("0000");
    expect(generateCheckinCode(fixed(0.0042))).toBe("0042");
    expect(generateCheckinCode(fixed(0.12345))).toBe("1234");
    expect(generateCheckinCode(fixed(0.99999999))).toBe("9999");
    expect(() => generateCheckinCode(fixed(1))).toThrow(RangeError);
    expect(() => generateCheckinCode(fixed(Number.NaN))).toThrow(RangeError);
  });

  it("is valid for 15 minutes by default", () => {
    const window = openCheckin("s01", T0, fixed(0.5));
    expect(window).toEqual({
      sessionId: "s01",
      code: "5000",
      openedAt: "2024-11-25T00:35:00.000Z",
      expiresAt: "2024-11-25T00:50:00.000Z",
    });
    expect(isCheckinOpen(window, at(14.9))).toBe(true);
    expect(isCheckinOpen(window, at(15))).toBe(false);
    expect(openCheckin("s01", T0, fixed(0.5), { validityMinutes: 5 }).expiresAt).toBe("2024-11-25T00:40:00.000Z");
  });
});

describe("learner checks in", () => {
  const window = openCheckin("s01", T0, fixed(0.2468));

  it("with the right code, spaces allowed", () => {
    expect(verifyCheckin(window, " 24 68 ", INITIAL_ATTEMPT_STATE, at(1))).toEqual({
      outcome: "accepted",
      state: { failures: [] },
    });
  });

  it("too late: expired, even with the right code", () => {
    expect(verifyCheckin(window, "2468", INITIAL_ATTEMPT_STATE, at(15)).outcome).toBe("expired");
    expect(verifyCheckin(null, "2468", INITIAL_ATTEMPT_STATE, at(1)).outcome).toBe("not_open");
    expect(verifyCheckin(window, "2468", INITIAL_ATTEMPT_STATE, at(-1)).outcome).toBe("not_open");
  });

  it("typos that are not 4 digits are not counted as guesses", () => {
    const r = verifyCheckin(window, "24a8", INITIAL_ATTEMPT_STATE, at(1));
    expect(r).toMatchObject({ outcome: "invalid_format", state: { failures: [] }, attemptsLeft: 5 });
  });

  it("is blocked for 10 minutes after 5 wrong codes within 10 minutes", () => {
    let state: AttemptState = INITIAL_ATTEMPT_STATE;
    for (let i = 0; i < 4; i++) {
      const r = verifyCheckin(window, "0000", state, at(1 + i));
      expect(r).toMatchObject({ outcome: "wrong_code", attemptsLeft: 4 - i });
      state = r.state;
    }
    const fifth = verifyCheckin(window, "0000", state, at(5));
    expect(fifth).toMatchObject({ outcome: "wrong_code", attemptsLeft: 0, blockedUntil: "2024-11-25T00:50:00.000Z" });
    state = fifth.state;

    // Even the right code is refused while blocked.
    const blocked = verifyCheckin(window, "2468", state, at(9));
    expect(blocked).toMatchObject({ outcome: "blocked", blockedUntil: "2024-11-25T00:50:00.000Z" });
    expect(blocked.state).toBe(state);

    // Once the block ends the learner may try again (here with a longer window).
    const longWindow = openCheckin("s01", T0, fixed(0.2468), { validityMinutes: 30 });
    expect(verifyCheckin(longWindow, "2468", state, at(15)).outcome).toBe("accepted");
  });

  it("forgets wrong codes older than 10 minutes", () => {
    const longWindow = openCheckin("s01", T0, fixed(0.2468), { validityMinutes: 60 });
    let state: AttemptState = INITIAL_ATTEMPT_STATE;
    for (let i = 0; i < 4; i++) state = verifyCheckin(longWindow, "1111", state, at(i)).state;
    expect(state.failures).toHaveLength(4);
    const later = verifyCheckin(longWindow, "1111", state, at(12));
    expect(later).toMatchObject({ outcome: "wrong_code", attemptsLeft: 3 });
    expect(later.state.failures).toHaveLength(2);
  });

  it("follows a stricter policy when configured", () => {
    const policy = { maxWrongAttempts: 2, blockMinutes: 30 };
    const first = verifyCheckin(window, "1111", INITIAL_ATTEMPT_STATE, at(1), policy);
    const second = verifyCheckin(window, "1112", first.state, at(2), policy);
    expect(second).toMatchObject({ outcome: "wrong_code", blockedUntil: "2024-11-25T01:07:00.000Z" });
  });
});
