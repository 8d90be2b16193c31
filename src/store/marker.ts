/**
 * The deployment marker: one key, written once with the time, by which a bot process tells "the Redis I had" from
 * "a Redis that came back empty" (no persistence, a restart) or "another Redis" (a wrong REDIS_URL after a move).
 * The rule each check applies (src/server/store-watch.ts runs it at start and every minute):
 *
 * - the marker **expected** is the one this process saw last, or before its first check the one named in
 *   `DEPLOY_MARKER_FILE` (optional: a file on a disk that outlives the process);
 * - marker present and equal to the expected one (or nothing expected yet) → fine, it becomes the expected one;
 * - marker present but another one than expected → **lost** (the store was emptied and marked again by another
 *   process, or it is another deployment's Redis);
 * - marker missing and one was expected → **lost** (emptied under a running bot, or a new empty Redis);
 * - marker missing and none expected → created: a new deployment (no data of ours) or the first start of a version
 *   that writes it (data of ours already there). Without the file, a Redis emptied while no process ran looks new:
 *   the persistence alarm is the guard against that cause.
 *
 * A loss is written into the Redis as it is now (`deploy:lost`, SET NX): every process, including ones started
 * later, shows it until an operator has looked and deletes that key; whoever wrote it tells the coordinators, so they
 * are told once however many processes noticed. A new marker is then written, so a second wipe is a second loss.
 */
import { hostname } from "node:os";
import { z } from "zod";
import { keys } from "./keys.js";
import type { RedisClient } from "./redis.js";

export const DeployMarker = z.object({ createdAt: z.string(), by: z.string() });
export type DeployMarker = z.infer<typeof DeployMarker>;

export const StoreLoss = z.object({
  reason: z.enum(["marker-missing", "marker-replaced"]),
  detectedAt: z.string(),
  by: z.string(),
  /** The marker this process expected (when the store it knew was marked). */
  expected: DeployMarker,
  /** The marker found instead, if any. */
  found: DeployMarker.optional(),
});
export type StoreLoss = z.infer<typeof StoreLoss>;

/** `on`: RDB snapshots or AOF configured; `off`: neither; `unknown`: CONFIG is not allowed (managed Redis). */
export type Persistence = { state: "on" | "off" } | { state: "unknown"; error: string };

/** Keys whose presence means the store already holds data of ours (all of them top-level, no scan needed). */
const OUR_DATA = [keys.users(), keys.classes(), keys.faqs(), keys.materials(), keys.coordinators()];

/** Names the process in the marker and the loss record, for the operator reading them. */
export const processName = (): string => `${hostname()}:${process.pid}`;

function parse<T>(schema: z.ZodType<T>, raw: string | null): T | undefined {
  if (raw === null) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export class MarkerRepo {
  constructor(private readonly redis: RedisClient) {}

  async read(): Promise<DeployMarker | undefined> {
    return parse(DeployMarker, await this.redis.get(keys.deployMarker()));
  }

  /** Writes the marker unless one is there; returns the one that is there now (ours or another process's). */
  async ensure(now: Date, by = processName()): Promise<{ marker: DeployMarker; created: boolean }> {
    const mine: DeployMarker = { createdAt: now.toISOString(), by };
    const created = (await this.redis.set(keys.deployMarker(), JSON.stringify(mine), "NX")) === "OK";
    return { marker: created ? mine : ((await this.read()) ?? mine), created };
  }

  async holdsOurData(): Promise<boolean> {
    return (await this.redis.exists(...OUR_DATA)) > 0;
  }

  /** Records a loss unless one is recorded; true when this call recorded it (and so tells the coordinators). */
  async recordLoss(loss: StoreLoss): Promise<boolean> {
    return (await this.redis.set(keys.deployLost(), JSON.stringify(loss), "NX")) === "OK";
  }

  async loss(): Promise<StoreLoss | undefined> {
    return parse(StoreLoss, await this.redis.get(keys.deployLost()));
  }

  /** Clears the alarm once an operator has dealt with the loss; returns what was recorded. */
  async clearLoss(): Promise<StoreLoss | undefined> {
    const lost = await this.loss();
    await this.redis.del(keys.deployLost());
    return lost;
  }

  /** Redis's own persistence settings, or unknown when CONFIG is refused. */
  async persistence(): Promise<Persistence> {
    try {
      const [save, aof] = await Promise.all([
        this.redis.config("GET", "save") as Promise<string[]>,
        this.redis.config("GET", "appendonly") as Promise<string[]>,
      ]);
      const snapshots = (save[1] ?? "").trim() !== "";
      return { state: snapshots || aof[1] === "yes" ? "on" : "off" };
    } catch (err) {
      return { state: "unknown", error: err instanceof Error ? err.message : String(err) };
    }
  }

  /** True once for a volatile Redis (the coordinators are told); forgotten when persistence is seen on again. */
  async claimVolatileNotice(now: Date): Promise<boolean> {
    return (await this.redis.set(keys.deployVolatileTold(), now.toISOString(), "NX")) === "OK";
  }

  async forgetVolatileNotice(): Promise<void> {
    await this.redis.del(keys.deployVolatileTold());
  }

  /** A write that expires by itself: fails when Redis refuses writes (OOM under noeviction, a READONLY replica). */
  async probeWrite(now: Date): Promise<void> {
    await this.redis.set(keys.healthProbe(), String(now.getTime()), "PX", 5_000);
  }
}
