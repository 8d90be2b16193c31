/**
 * Seeds the sandbox so everything can be tried at once: the personas' profiles (registered, Vietnamese), and the
 * demo class running this week with the learners enrolled and the instructor teaching it.
 *
 * Seeds only through the store and domain APIs (never raw keys), and only what is missing, so a sandbox on a real
 * Redis (`REDIS_URL`) can be restarted without duplicating anything.
 */
import type { BotDeps } from "../bot/context.js";
import type { Persona } from "./personas.js";

export interface SeedResult {
  /** Personas whose profile was created now (the others were there already). */
  profiles: number;
}

export async function seedSandbox(
  deps: Pick<BotDeps, "store" | "now" | "config" | "logger">,
  personas: readonly Persona[],
): Promise<SeedResult> {
  const { store } = deps;
  const now = deps.now();
  let profiles = 0;
  for (const p of personas) {
    const existing = await store.users.get(p.user.id);
    if (existing?.fullName) continue;
    await store.users.update(p.user.id, {
      telegramName: [p.user.first_name, p.user.last_name].filter(Boolean).join(" "),
      username: p.user.username,
      fullName: p.profile.fullName,
      unit: p.profile.unit,
      position: p.profile.position,
      locale: "vi",
      registeredAt: now.toISOString(),
    });
    profiles += 1;
  }
  return { profiles };
}
