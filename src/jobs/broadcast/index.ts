/**
 * Announcement delivery at Telegram scale, behind one `Broadcaster`: BullMQ when there is a Redis URL
 * (./bullmq.ts), an in-process queue in memory mode (./memory.ts), both running each job through the same
 * delivery (./delivery.ts); the sender's progress message and report (./progress.ts). What the learners and the
 * sender read is rendered by the caller and passed in (`render` of {@link DeliveryDeps}).
 */
import type { Logger } from "../../logger.js";
import { BullBroadcast } from "./bullmq.js";
import type { Broadcaster } from "./delivery.js";
import { InProcessBroadcast } from "./memory.js";

export { BullBroadcast, SEND_WINDOW } from "./bullmq.js";
export {
  type AnnouncementRender,
  type Broadcaster,
  DEFAULT_CONCURRENCY,
  DEFAULT_LIMITER,
  type DeliveryDeps,
  type DeliveryReport,
  type ReportedLearner,
  sendAnnouncement,
} from "./delivery.js";
export { InProcessBroadcast } from "./memory.js";
export { BroadcastProgress } from "./progress.js";

export function createBroadcaster(opts: { redisUrl?: string; prefix?: string; logger: Logger }): Broadcaster {
  if (opts.redisUrl) return new BullBroadcast({ url: opts.redisUrl, prefix: opts.prefix, logger: opts.logger });
  return new InProcessBroadcast({ logger: opts.logger });
}
