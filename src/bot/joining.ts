/** Completing a learner's join: enrol, claim their pre-registration, say what comes next. */
import { localDateOf } from "../domain/time.js";
import type { ClassRecord, UserProfile } from "../store/index.js";
import type { BotDeps } from "./context.js";
import { escapeHtml, formatDay, type Translate } from "./format.js";

interface JoinResult {
  classId: string;
  name: string;
  /** Local date of the first session. */
  firstDay?: string;
  already: boolean;
}

export async function completeJoin(
  deps: BotDeps,
  classId: string,
  profile: UserProfile,
): Promise<JoinResult | undefined> {
  const record: ClassRecord | undefined = await deps.store.classes.get(classId);
  if (!record) return undefined;
  const added = await deps.store.classes.addLearner(classId, profile.id);
  const pre = await deps.store.classes.matchPreRegistered(classId, {
    username: profile.username,
    fullName: profile.fullName,
  });
  if (pre) await deps.store.classes.claimPreRegistered(classId, pre, profile.id);
  const first = [...record.sessions].sort((a, b) => Date.parse(a.start) - Date.parse(b.start))[0];
  const result: JoinResult = { classId, name: record.name, already: !added };
  if (first) result.firstDay = localDateOf(first.start, record.timeZone);
  deps.logger.info({ class: classId, user: profile.id, added }, "learner joined a class");
  return result;
}

export function joinedText(t: Translate, r: JoinResult): string {
  const name = escapeHtml(r.name);
  if (r.already) return t("cls-join-already", { name });
  return t("cls-joined", { name, day: r.firstDay ? formatDay(t, r.firstDay) : "—" });
}
