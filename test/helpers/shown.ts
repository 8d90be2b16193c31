/** What a user was shown for an update: the texts sent or edited to, and the answers to button presses. */
import type { ApiCall } from "../../src/sandbox/emulator/index.js";
import type { Harness } from "./harness.js";

export function shownBy(h: Harness, calls: ApiCall[]): string {
  return [
    ...h.texts(calls),
    ...calls.filter((c) => c.method === "answerCallbackQuery").map((c) => String(c.payload.text ?? "")),
  ].join("\n");
}
