/**
 * Privileged buttons and scenes, in one list, so the authorization matrix (test/security/authorization.test.ts)
 * tries every one of them as a learner, a stranger and an instructor of another class — a feature that adds a
 * privileged button or scene adds a row here and is covered from then on. Privileged COMMANDS need no row: the
 * matrix reads them from `COMMANDS` (src/bot/commands.ts), every entry whose role is above learner.
 *
 * Callback data never carries authority: a handler validates it (zod) and checks the sender's role — and, for
 * class-scoped actions, that the sender teaches THAT class — on every press, because anyone can forge any data.
 */
import type { Role } from "./context.js";

export interface PrivilegedCallback {
  /** What the button does, for test names and logs. */
  name: string;
  /** The lowest role allowed (coordinators are always allowed). */
  role: Role;
  /**
   * Only instructors of the class named in the data (and coordinators) may press it: an instructor of another
   * class is refused too.
   */
  classScoped?: boolean;
  /** Callback data a forger would send, aimed at `classId` (an existing class that the forger has no power over). */
  samples: (classId: string) => string[];
}

export interface PrivilegedScene {
  /** The conversation id (createConversation's `id`). */
  id: string;
  role: Role;
  /** Only for instructors of the class in question (and coordinators). */
  classScoped?: boolean;
  /** How it is entered: a command (`/newclass`) or callback data for `classId`. Each is tried by the matrix. */
  entries: (classId: string) => ({ command: string } | { callback: string })[];
}

export const PRIVILEGED_CALLBACKS: PrivilegedCallback[] = [
  // src/bot/features/classes — coordinator's class administration (class card, schedule edits, codes, removal).
  {
    name: "class administration buttons",
    role: "coordinator",
    samples: (c) => [`cls:o:${c}`, `cls:s:${c}`, `cls:rm:${c}`, `cls:rl:${c}`, `cls:ri:${c}`, `cls:ta:${c}`],
  },
  // src/bot/features/classes — class picks that run check-in and show attendance (also of another session).
  {
    name: "open check-in / attendance for a class",
    role: "instructor",
    classScoped: true,
    samples: (c) => [`cp:copen:${c}`, `cp:att:${c}`, `ca:${c}:s01`],
  },
  // src/bot/features/coursework — written reports: the class's list, one report, a grade (user 1001 is a learner).
  {
    name: "reports of a class: list, open, grade",
    role: "instructor",
    classScoped: true,
    samples: (c) => [`rps:c:${c}`, `rps:o:${c}:1001`, `rps:g:${c}:1001:gioi`],
  },
  // src/bot/features/coursework — session feedback of a class.
  { name: "feedback of a class", role: "instructor", classScoped: true, samples: (c) => [`fbl:${c}`] },
  // src/bot/features/coursework — the class evaluation and its export.
  { name: "class evaluation", role: "coordinator", samples: (c) => [`evl:c:${c}`, `evl:n:${c}`] },
];

export const PRIVILEGED_SCENES: PrivilegedScene[] = [
  { id: "newclass", role: "coordinator", entries: () => [{ command: "newclass" }] },
  { id: "class-edit", role: "coordinator", entries: (c) => [{ callback: `cls:mv:${c}` }, { callback: `cls:v:${c}` }] },
  { id: "grade", role: "instructor", classScoped: true, entries: (c) => [{ callback: `rps:g:${c}:1001:kha` }] },
];

/** For features: add rows at import time instead of editing this file (both work). */
export function registerPrivileged(rows: { callbacks?: PrivilegedCallback[]; scenes?: PrivilegedScene[] }): void {
  PRIVILEGED_CALLBACKS.push(...(rows.callbacks ?? []));
  PRIVILEGED_SCENES.push(...(rows.scenes ?? []));
}
