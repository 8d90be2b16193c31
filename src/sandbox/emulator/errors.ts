/** Telegram's refusals: thrown by the emulator's parts, answered by `fetch` as Telegram's error JSON. */
import type { ApiErrorSpec } from "./types.js";

export class EmuApiError extends Error {
  constructor(readonly spec: ApiErrorSpec) {
    super(spec.description);
  }
}

/** A 400, worded as Telegram words it. */
export const bad = (description: string) =>
  new EmuApiError({ error_code: 400, description: `Bad Request: ${description}` });
