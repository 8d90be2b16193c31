/**
 * The bot's context types. `BotContext` is what handlers outside scenes see; `SceneContext` is what a scene (a
 * @grammyjs/conversations v2 conversation) sees: the app flavour and translations, but neither the session (a
 * scene's state is its own replay log) nor a role (a scene re-reads rights from the store when it commits, see
 * access.ts).
 */
import type { Conversation, ConversationFlavor } from "@grammyjs/conversations";
import type { I18n, I18nFlavor } from "@grammyjs/i18n";
import type { Context, LazySessionFlavor } from "grammy";
import type { Config } from "../config.js";
import type { Knowledge } from "../content/knowledge.js";
import type { Broadcaster } from "../jobs/broadcast/index.js";
import type { Jobs } from "../jobs/index.js";
import type { Logger } from "../logger.js";
import type { Store, UpdateStart, UserProfile } from "../store/index.js";
import type { BotMetrics } from "./middleware/metrics.js";

export type Role = "learner" | "instructor" | "coordinator";
export const ROLE_RANK: Record<Role, number> = { learner: 0, instructor: 1, coordinator: 2 };

/** Everything the bot needs from outside, passed in so tests build the very same bot on a test Redis. */
export interface BotDeps {
  config: Config;
  store: Store;
  logger: Logger;
  i18n: I18n<SceneContext>;
  /** The clock; tests pin it. */
  now: () => Date;
  /** Per-user rate limit (default 20 updates / 10 s, see middleware/ratelimit.ts); tests and benches tune it. */
  rateLimit?: { limit: number; windowMs: number };
  /** The lesson material and its search index (Q&A); without it the bot says Q&A is paused. */
  knowledge?: Knowledge;
  /** Queued jobs (reminders, feedback prompts); without it nothing is queued (src/jobs). */
  jobs?: Jobs;
  /** Announcement delivery (src/jobs/broadcast); without it /announce says announcements are paused. */
  broadcast?: Broadcaster;
  /** Prometheus metrics (src/server/metrics.ts), when METRICS_PATH is set. */
  metrics?: BotMetrics;
}

/** What the session remembers of a question, so "other results" and suggestions work from a button. */
export interface QaSession {
  /** The question's short id in this chat, carried by the buttons under its answer. */
  n?: number;
  q: string;
  /** The message as typed, when the question `q` was cut from a longer story: what an instructor is sent. */
  said?: string;
  /** Passage ids with the folded terms to highlight in each. */
  hits: { id: string; terms: string[] }[];
  /** "Did you mean" passages, when the question had no answer. */
  suggestions?: string[];
  /** The request about the bot or the learner's class the question came close to, offered beside the refusal. */
  near?: string;
}

/** Per-chat UI state kept in the grammY session (`sess:<chatId>`). Domain data lives in the store instead. */
export interface SessionData {
  /** The last question, as sessions stored it before `qaRecent` (read for buttons under such answers). */
  qa?: QaSession;
  /** The last few questions (the latest last), so a button under an older answer acts on its own question. */
  qaRecent?: QaSession[];
  /** The editors' note and the result counter were shown once in this session; later answers go without. */
  qaNoted?: boolean;
  /** Check-in: after a bare /checkin, the next plain message is the check-in code, until this time (ISO). */
  checkinAwaitUntil?: string;
  /**
   * /feedback: the next plain message is a note about `topic` for `classId`, until `until` (ISO). Taken by a plain
   * handler, not a scene, so an anonymous note's text never enters the chat's replayed scene state.
   */
  feedbackNote?: { classId: string; topic: string; anonymous: boolean; until: string };
  /** The scene running in this chat and when it last took a step (ISO, to the hour): middleware/scene-expiry.ts. */
  scene?: { id: string; at: string };
}

export interface AppFlavor {
  deps: BotDeps;
  log: Logger;
  /** The sender's stored profile, loaded once per update (undefined for updates without a sender). */
  profile: UserProfile | undefined;
}

/** The sender's role, known for updates outside scenes (middleware/app.ts). */
export interface RoleFlavor {
  role: Role;
  /** What the first round trip to Redis read and claimed for an update from a user (middleware/app.ts). */
  updateStart?: UpdateStart;
}

export type SceneContext = Context & I18nFlavor & AppFlavor;
export type BotContext = ConversationFlavor<
  Context & LazySessionFlavor<SessionData> & I18nFlavor & AppFlavor & RoleFlavor
>;
export type SceneConversation = Conversation<BotContext, SceneContext>;
