/**
 * Attendance check-in: the instructor opens a window for a session and shows a 4-digit code in class; learners
 * send it to the bot. Randomness and time are passed in, so this is pure and replay-safe inside conversations.
 *
 * Guessing is limited per learner: `maxWrongAttempts` wrong codes within `attemptWindowMinutes` block the learner
 * for `blockMinutes` (default 5 in 10 min → 10 min). With 10,000 codes and a 15-minute window that leaves a
 * guesser about a 0.1% chance. The limiter is a plain state value (`AttemptState`) that the caller stores per
 * learner and class and passes back on the next attempt.
 */
import { z } from "zod";

const CheckinPolicySchema = z.object({
  validityMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  maxWrongAttempts: z.number().int().min(1).max(100).default(5),
  attemptWindowMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(10),
  blockMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(10),
});
type CheckinPolicyInput = z.input<typeof CheckinPolicySchema>;

const MINUTE_MS = 60_000;
const CODE_RE = /^\d{4}$/;

/** A source of uniform numbers in [0, 1), e.g. `Math.random` or a seeded generator in tests. */
type RandomSource = () => number;

/** A 4-digit code, `0000`–`9999`. */
export function generateCheckinCode(random: RandomSource): string {
  const r = random();
  if (!(r >= 0 && r < 1)) throw new RangeError("random source must return a number in [0, 1)");
  return Math.floor(r * 10_000)
    .toString()
    .padStart(4, "0");
}

export interface CheckinWindow {
  sessionId: string;
  code: string;
  /** ISO instants; the code is valid in [openedAt, expiresAt). */
  openedAt: string;
  expiresAt: string;
}

export function openCheckin(
  sessionId: string,
  now: Date,
  random: RandomSource,
  policyInput: CheckinPolicyInput = {},
): CheckinWindow {
  const policy = CheckinPolicySchema.parse(policyInput);
  return {
    sessionId,
    code: generateCheckinCode(random),
    openedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + policy.validityMinutes * MINUTE_MS).toISOString(),
  };
}

export function isCheckinOpen(window: CheckinWindow, now: Date): boolean {
  const t = now.getTime();
  return Date.parse(window.openedAt) <= t && t < Date.parse(window.expiresAt);
}

/** One learner's wrong attempts (ISO instants, oldest first) and block. */
export interface AttemptState {
  failures: string[];
  blockedUntil?: string;
}

export const INITIAL_ATTEMPT_STATE: AttemptState = Object.freeze({ failures: [] }) as AttemptState;

type CheckinOutcome =
  /** Right code in time: record the attendance. */
  | "accepted"
  /** Counted against the limiter; `attemptsLeft` says how many remain, `blockedUntil` is set when it blocks now. */
  | "wrong_code"
  /** Not four digits: not counted (a typo is not a guess). */
  | "invalid_format"
  | "expired"
  /** No window, or a window that has not opened. */
  | "not_open"
  /** Still blocked from earlier wrong attempts: nothing was checked. */
  | "blocked";

interface CheckinVerification {
  outcome: CheckinOutcome;
  /** Store this for the learner's next attempt. */
  state: AttemptState;
  attemptsLeft?: number;
  blockedUntil?: string;
}

/** Digits as typed, with spaces, dots and dashes removed ("12 34" → "1234"). */
function normalizeCode(input: string): string {
  return input.replace(/[\s.\-_]/g, "");
}

/** Check a learner's code against the open window, as a transition of their limiter state. */
export function verifyCheckin(
  window: CheckinWindow | null,
  input: string,
  state: AttemptState,
  now: Date,
  policyInput: CheckinPolicyInput = {},
): CheckinVerification {
  const policy = CheckinPolicySchema.parse(policyInput);
  const t = now.getTime();

  if (state.blockedUntil !== undefined && Date.parse(state.blockedUntil) > t) {
    return { outcome: "blocked", state, blockedUntil: state.blockedUntil };
  }
  // A block that has run out is forgotten, and so are failures older than the window.
  const since = t - policy.attemptWindowMinutes * MINUTE_MS;
  const current: AttemptState = { failures: state.failures.filter((f) => Date.parse(f) > since) };

  if (!window || t < Date.parse(window.openedAt)) return { outcome: "not_open", state: current };
  if (t >= Date.parse(window.expiresAt)) return { outcome: "expired", state: current };

  const code = normalizeCode(input);
  if (!CODE_RE.test(code)) {
    return {
      outcome: "invalid_format",
      state: current,
      attemptsLeft: policy.maxWrongAttempts - current.failures.length,
    };
  }
  if (code === window.code) return { outcome: "accepted", state: { failures: [] } };

  const failures = [...current.failures, now.toISOString()];
  if (failures.length >= policy.maxWrongAttempts) {
    const blockedUntil = new Date(t + policy.blockMinutes * MINUTE_MS).toISOString();
    return { outcome: "wrong_code", state: { failures: [], blockedUntil }, attemptsLeft: 0, blockedUntil };
  }
  return { outcome: "wrong_code", state: { failures }, attemptsLeft: policy.maxWrongAttempts - failures.length };
}
