/**
 * Rights, checked in one way everywhere. Handlers declare theirs as middleware on a capability's composer
 * (`requireRole`, `requireTeaches`), which refuses politely (a message, or an alert for a button) and stops the
 * update. Scenes re-check with `mayCommit` right before they change anything, because a role can be withdrawn while
 * a scene waits for an answer: the rights are those of the moment of the commit, read from the store.
 */
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Context, MiddlewareFn } from "grammy";
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

/** What a commit needs: a role, and for class-scoped work that the person teaches those classes (or coordinates). */
interface CommitRight {
  role: Role;
  teaches?: string | readonly string[];
}

/**
 * The rights as they are now, for a scene about to commit: the lowest role missing (to name in the refusal), or
 * undefined when the commit may go ahead.
 */
async function mayCommit(deps: BotDeps, userId: number, need: CommitRight): Promise<Role | undefined> {
  const role = await currentRole(deps, userId);
  if (ROLE_RANK[role] < ROLE_RANK[need.role]) return need.role;
  if (need.teaches === undefined || role === "coordinator") return undefined;
  for (const classId of typeof need.teaches === "string" ? [need.teaches] : need.teaches) {
    if (!(await teaches(deps, userId, classId))) return "instructor";
  }
  return undefined;
}

/**
 * The one re-check of a scene before its commit: true when the rights still hold, read from the store now (a replay
 * step, so a restart does not ask again); otherwise the "only for …" refusal is sent and nothing may be written.
 */
export async function stillMay(
  conversation: SceneConversation,
  ctx: SceneContext,
  need: CommitRight,
  /** A refusal that says more than "only for …" (the announcement's classes changed, say). */
  refusal?: string,
): Promise<boolean> {
  const userId = ctx.from?.id;
  const missing =
    userId === undefined ? need.role : await conversation.external(() => mayCommit(ctx.deps, userId, need));
  if (missing === undefined) return true;
  ctx.log.warn({ needed: missing, user: userId }, "rights withdrawn during a scene; nothing committed");
  await ctx.reply(refusal ? ctx.t(refusal) : ctx.t("not-allowed", { role: ctx.t(`role-${missing}`) }));
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
