/**
 * Rights, checked in one way everywhere. Handlers declare theirs as middleware on a capability's composer
 * (`requireRole`, `requireTeaches`), which refuses politely (a message, or an alert for a button) and stops the
 * update. Scenes re-check with `stillMay` (buttons that write at once, with `mayWrite`) right before they change anything, because a role can be withdrawn while
 * a scene waits for an answer: the rights are those of the moment of the commit, read from the store.
 */
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Context, MiddlewareFn } from "grammy";
import type { Session } from "../domain/schedule.js";
import type { ClassRecord } from "../store/index.js";
import {
  type AppFlavor,
  type BotContext,
  type BotDeps,
  ROLE_RANK,
  type Role,
  type RoleFlavor,
  type SceneContext,
  type SceneConversation,
} from "./context.js";

export function hasRole(ctx: RoleFlavor, min: Role): boolean {
  return ROLE_RANK[ctx.role] >= ROLE_RANK[min];
}

/** The "only for …" refusal, as a message or as a button's alert. */
async function refuse(ctx: Context & I18nFlavor, min: Role): Promise<void> {
  const text = ctx.t("not-allowed", { role: ctx.t(`role-${min}`) });
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
  else await ctx.reply(text);
}

type Guarded = Context & I18nFlavor & AppFlavor & RoleFlavor;

export function requireRole<C extends Guarded>(min: Role): MiddlewareFn<C> {
  return async (ctx, next) => {
    if (hasRole(ctx, min)) return next();
    ctx.log.warn({ role: ctx.role, needed: min }, "refused a privileged action");
    await refuse(ctx, min);
  };
}

/**
 * Only coordinators and the instructors of the class `classIdOf` names (a class that does not exist is refused the
 * same way, so a forger learns nothing).
 */
export function requireTeaches<C extends Guarded>(
  classIdOf: (ctx: C) => string | undefined | Promise<string | undefined>,
): MiddlewareFn<C> {
  return async (ctx, next) => {
    if (hasRole(ctx, "coordinator")) return next();
    const classId = await classIdOf(ctx);
    if (classId !== undefined && ctx.from && (await teaches(ctx.deps, ctx.from.id, classId))) return next();
    ctx.log.warn({ role: ctx.role, class: classId }, "refused an action on a class the sender does not teach");
    await refuse(ctx, "instructor");
  };
}

async function teaches(deps: BotDeps, userId: number, classId: string): Promise<boolean> {
  return (await deps.store.classes.instructors(classId)).includes(userId);
}

/** Coordinators come from config or are appointed in the bot; instructors are those who teach a class. */
export async function currentRole(deps: BotDeps, userId: number): Promise<Role> {
  if (deps.config.coordinatorIds.includes(userId)) return "coordinator";
  const roles = await deps.store.users.roleFlags(userId);
  if (roles.coordinator) return "coordinator";
  if (roles.instructor) return "instructor";
  return "learner";
}

/**
 * What a write needs, checked as things are at the moment of the write: a role; for class-scoped work that the
 * person teaches those classes (or coordinates); for a learner's write that they are in the class now, and what the
 * session it is about must be; never a grade of one's own work.
 */
export interface CommitRight {
  role: Role;
  teaches?: string | readonly string[];
  /** The person is a learner of this class now. */
  learns?: string;
  /** A session of the `learns` class: it exists, and has ended / was attended (when check-in was held) / is a visit. */
  session?: { id: string; held?: true; attended?: true; kind?: Session["kind"] };
  /** The `learns` class is over (its last session has ended). */
  classEnded?: true;
  /** Whose work the write judges: never the person's own. */
  notOwn?: number;
}

/** Why a write is refused: a role missing (named in "only for …"), or a reason of its own (a Fluent key). */
type Refusal = { role: Role } | { key: string };

/** The rights as they are now: the refusal, or undefined when the write may go ahead. */
async function refusalOf(deps: BotDeps, userId: number, need: CommitRight): Promise<Refusal | undefined> {
  const role = await currentRole(deps, userId);
  if (ROLE_RANK[role] < ROLE_RANK[need.role]) return { role: need.role };
  if (need.teaches !== undefined && role !== "coordinator") {
    for (const classId of typeof need.teaches === "string" ? [need.teaches] : need.teaches) {
      if (!(await teaches(deps, userId, classId))) return { role: "instructor" };
    }
  }
  if (need.notOwn === userId) return { key: "rights-own-work" };
  const classId = need.learns;
  if (classId === undefined) return undefined;
  const store = deps.store.classes;
  if (!(await store.isLearner(classId, userId))) return { key: "rights-not-in-class" };
  const record = await store.get(classId);
  if (!record) return { key: "rights-not-in-class" };
  const now = deps.now().getTime();
  if (need.classEnded && record.sessions.some((s) => Date.parse(s.end) > now)) return { key: "rights-class-not-ended" };
  const wanted = need.session;
  if (!wanted) return undefined;
  const session = record.sessions.find((s) => s.id === wanted.id);
  if (!session) return { key: "rights-session-unknown" };
  if (wanted.kind && session.kind !== wanted.kind) return { key: "rights-session-not-visit" };
  if (wanted.held && Date.parse(session.end) > now) return { key: "rights-session-not-held" };
  if (wanted.attended) {
    // No check-in held for the session (nobody recorded): everyone may speak of it.
    const present = await store.attendance(classId, session.id);
    if (present.size > 0 && !present.has(userId)) return { key: "rights-session-absent" };
  }
  return undefined;
}

function refusalText(t: (key: string, vars?: Record<string, string>) => string, refusal: Refusal): string {
  return "role" in refusal ? t("not-allowed", { role: t(`role-${refusal.role}`) }) : t(refusal.key);
}

/**
 * The one re-check of a scene before its commit: true when the rights still hold, read from the store now (a replay
 * step, so a restart does not ask again); otherwise the refusal is sent and nothing may be written.
 */
export async function stillMay(
  conversation: SceneConversation,
  ctx: SceneContext,
  need: CommitRight,
  /** A refusal that says more than "only for …" (the announcement's classes changed, say). */
  refusal?: string,
): Promise<boolean> {
  const userId = ctx.from?.id;
  const missing: Refusal | undefined =
    userId === undefined ? { role: need.role } : await conversation.external(() => refusalOf(ctx.deps, userId, need));
  if (missing === undefined) return true;
  ctx.log.warn({ refusal: missing, user: userId }, "rights withdrawn during a scene; nothing committed");
  await ctx.reply(refusal && "role" in missing ? ctx.t(refusal) : refusalText((k, v) => ctx.t(k, v), missing));
  return false;
}

/**
 * The same re-check for a write made straight from a button or a command: true when it may go ahead; otherwise the
 * refusal is the button's alert (or a message) and nothing may be written.
 */
export async function mayWrite(ctx: BotContext, need: CommitRight): Promise<boolean> {
  const missing = ctx.from ? await refusalOf(ctx.deps, ctx.from.id, need) : { role: need.role };
  if (missing === undefined) return true;
  ctx.log.warn({ refusal: missing }, "refused a write");
  const text = refusalText((k, v) => ctx.t(k, v), missing);
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
  else await ctx.reply(text);
  return false;
}

/** Whether the sender teaches `classId` (coordinators: every class). */
export async function mayTeach(ctx: BotContext, classId: string): Promise<boolean> {
  if (!ctx.from) return false;
  if (hasRole(ctx, "coordinator")) return true;
  return teaches(ctx.deps, ctx.from.id, classId);
}

/** Classes the sender may run check-in, grade and read feedback of: those they teach; every class for coordinators. */
export async function taughtClasses(ctx: BotContext): Promise<ClassRecord[]> {
  if (!ctx.from) return [];
  if (hasRole(ctx, "coordinator")) return ctx.deps.store.classes.list();
  return ctx.deps.store.classes.classesOfInstructor(ctx.from.id);
}

/** Classes the sender learns in. */
export async function learnerClasses(ctx: BotContext): Promise<ClassRecord[]> {
  if (!ctx.from) return [];
  return ctx.deps.store.classes.classesOfLearner(ctx.from.id);
}

/** Classes the sender follows: as a learner, as an instructor; a coordinator with none sees every class. */
export async function followedClasses(ctx: BotContext): Promise<ClassRecord[]> {
  const userId = ctx.from?.id;
  if (userId === undefined) return [];
  const store = ctx.deps.store.classes;
  const byId = new Map<string, ClassRecord>();
  for (const c of await store.classesOfLearner(userId)) byId.set(c.id, c);
  for (const c of await store.classesOfInstructor(userId)) byId.set(c.id, c);
  if (byId.size === 0 && hasRole(ctx, "coordinator")) for (const c of await store.list()) byId.set(c.id, c);
  return [...byId.values()];
}
