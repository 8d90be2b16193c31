/**
 * For tests on real BullMQ, which measures delays on the real clock: a bot clock under which `instant` falls
 * `leadMs` from now, and a poll that waits for something to happen.
 */
export function clockDueIn(instant: string, leadMs: number): () => Date {
  const offset = Date.parse(instant) - (Date.now() + leadMs);
  return () => new Date(Date.now() + offset);
}

export async function waitFor(what: string, probe: () => boolean, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
