/**
 * BullMQ's Redis connections: its own, not the store's (no key prefix, and `maxRetriesPerRequest: null`, which
 * BullMQ's blocking commands require), each logged when it has a problem and all closed together.
 */
import { Redis } from "ioredis";
import type { Logger } from "../logger.js";
import { closeRedis } from "../store/redis.js";

export class BullConnections {
  private readonly open: Redis[] = [];

  /** `label` names the owner in the log ("jobs", "broadcast"). */
  constructor(
    private readonly url: string,
    private readonly logger: Logger,
    private readonly label: string,
  ) {}

  connect(): Redis {
    const c = new Redis(this.url, { maxRetriesPerRequest: null, enableReadyCheck: true });
    c.on("error", (err: Error) => this.logger.warn({ err: err.message }, `${this.label}: redis connection problem`));
    this.open.push(c);
    return c;
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled(this.open.map(closeRedis));
  }
}
