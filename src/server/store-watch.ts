/**
 * Watches that the Redis is still the one the bot had: the deployment marker (the rule is in src/store/marker.ts)
 * and Redis's persistence settings, at start and every minute. What it finds is read by `/healthz` and `/metrics`:
 *
 * - **data lost** (the marker vanished or was replaced): error log, `/healthz` 503 with the reason, the coordinators
 *   of COORDINATOR_IDS told once (whichever process records the loss tells them);
 * - **volatile** (no RDB snapshots and no AOF, with a token set and no ALLOW_VOLATILE_REDIS=1): error log, a warning
 *   on `/healthz` (still 200: the bot works, and a failing probe would only take it out of service), the coordinators
 *   told once;
 * - persistence **unknown** (CONFIG refused, as managed Redis services do): a warning in the log, nothing else.
 */
import { readFile, writeFile } from "node:fs/promises";
import type { I18n } from "@grammyjs/i18n";
import type { Api } from "grammy";
import type { Logger } from "../logger.js";
import { DeployMarker, type Persistence, processName, type Store, type StoreLoss } from "../store/index.js";

/** What `/healthz` and `/metrics` show. */
export interface StoreAlarms {
  lost?: StoreLoss;
  persistence: Persistence["state"];
  /** Persistence off where it must be on. */
  volatile: boolean;
}

export interface StoreWatchOptions {
  store: Store;
  logger: Logger;
  // biome-ignore lint/suspicious/noExplicitAny: the translator is used outside any update.
  i18n: I18n<any>;
  /** Sends the alarm to the coordinators; without it the alarm is only logged and shown. */
  api?: Api;
  coordinatorIds: readonly number[];
  /** A token is set and ALLOW_VOLATILE_REDIS is not: persistence must be on. */
  persistenceRequired: boolean;
  markerFile?: string;
  /** For the time shown to the coordinators. */
  timeZone: string;
  intervalMs?: number;
  now?: () => Date;
}

export class StoreWatch {
  private expected: DeployMarker | undefined;
  private alarms: StoreAlarms = { persistence: "unknown", volatile: false };
  private loggedLoss: string | undefined;
  private warnedUnknown = false;
  private loggedVolatile = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => Date;

  constructor(private readonly opts: StoreWatchOptions) {
    this.now = opts.now ?? (() => new Date());
  }

  /** The first check (the expected marker read from the file first), then one every interval. */
  async start(): Promise<void> {
    this.expected = await this.readFile();
    const checkNow = () =>
      this.check().catch((err) => this.opts.logger.warn({ err }, "store check failed; retried in a minute"));
    await checkNow();
    this.timer = setInterval(checkNow, this.opts.intervalMs ?? 60_000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  state(): StoreAlarms {
    return this.alarms;
  }

  /** One check of the marker and the persistence settings. */
  async check(): Promise<StoreAlarms> {
    const { store } = this.opts;
    const { persistence, volatile } = await this.persistence();
    const found = await store.marker.read();
    const expected = this.expected;
    if (expected && found?.createdAt !== expected.createdAt) {
      const loss: StoreLoss = {
        reason: found ? "marker-replaced" : "marker-missing",
        detectedAt: this.now().toISOString(),
        by: processName(),
        expected,
        ...(found ? { found } : {}),
      };
      if (await store.marker.recordLoss(loss)) {
        // The likely cause goes into the same message, and counts as told.
        const cause = volatile && (await store.marker.claimVolatileNotice(this.now()));
        await this.tell([
          ["store-alarm-lost", { since: this.shownTime(expected.createdAt) }],
          ...(cause ? [["store-alarm-volatile", {}] as const] : []),
        ]);
      }
    }
    if (!found) {
      const hadData = await store.marker.holdsOurData();
      const { marker, created } = await store.marker.ensure(this.now());
      if (created && !expected) {
        this.opts.logger.info(
          { marker, hadData },
          hadData ? "deployment marker written on a store already in use" : "deployment marker written on a new store",
        );
      }
      await this.adopt(marker);
    } else await this.adopt(found);

    const lost = await store.marker.loss();
    if (lost && this.loggedLoss !== lost.detectedAt) {
      this.loggedLoss = lost.detectedAt;
      this.opts.logger.error(
        { loss: lost },
        "Redis lost the bot's data (deployment marker missing or replaced): restore a backup or fix REDIS_URL, then npm run cli -- store ack",
      );
    }
    if (volatile && (await store.marker.claimVolatileNotice(this.now())))
      await this.tell([["store-alarm-volatile", {}]]);
    this.alarms = { ...(lost ? { lost } : {}), persistence: persistence.state, volatile };
    return this.alarms;
  }

  /** Redis's persistence, and whether it is off where it must be on. */
  private async persistence(): Promise<{ persistence: Persistence; volatile: boolean }> {
    const { store, logger } = this.opts;
    const persistence = await store.marker.persistence();
    if (persistence.state === "unknown" && !this.warnedUnknown) {
      this.warnedUnknown = true;
      logger.warn(
        { err: persistence.error },
        "cannot read Redis's persistence settings (CONFIG refused); make sure the service keeps its data",
      );
    }
    const volatile = persistence.state === "off" && this.opts.persistenceRequired;
    // Once while it lasts: the alarm stays on /healthz and /metrics, the log need not repeat it every minute.
    if (volatile && !this.loggedVolatile) {
      logger.error(
        "Redis runs without persistence (no RDB snapshots, no AOF): a restart loses every class, profile and report. " +
          "Set appendonly yes, or ALLOW_VOLATILE_REDIS=1 if this is intended",
      );
    }
    this.loggedVolatile = volatile;
    if (persistence.state === "on") await store.marker.forgetVolatileNotice();
    return { persistence, volatile };
  }

  private async adopt(marker: DeployMarker): Promise<void> {
    if (this.expected?.createdAt === marker.createdAt) return;
    this.expected = marker;
    const file = this.opts.markerFile;
    if (file) {
      await writeFile(file, `${JSON.stringify(marker)}\n`).catch((err) =>
        this.opts.logger.warn({ err, file }, "cannot write DEPLOY_MARKER_FILE"),
      );
    }
  }

  private async readFile(): Promise<DeployMarker | undefined> {
    const file = this.opts.markerFile;
    if (!file) return undefined;
    try {
      const parsed = DeployMarker.safeParse(JSON.parse(await readFile(file, "utf8")));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** dd/mm/yyyy hh:mm in the bot's time zone, as the coordinators read dates elsewhere. */
  private shownTime(iso: string): string {
    const parts = new Intl.DateTimeFormat("en-GB", {
      timeZone: this.opts.timeZone,
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).formatToParts(new Date(iso));
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
    return `${part("day")}/${part("month")}/${part("year")} ${part("hour")}:${part("minute")}`;
  }

  /** The coordinators of COORDINATOR_IDS, each in the language of their profile if one is left (else Vietnamese). */
  private async tell(texts: readonly (readonly [key: string, vars: Record<string, string>])[]): Promise<void> {
    const { api, coordinatorIds, store, i18n, logger } = this.opts;
    if (!api) return;
    for (const id of coordinatorIds) {
      const locale = (await store.users.get(id).catch(() => undefined))?.locale ?? "vi";
      await api
        .sendMessage(id, texts.map(([key, vars]) => i18n.t(locale, key, vars)).join("\n\n"))
        .catch((err) => logger.error({ err, coordinator: id }, "could not tell a coordinator about the store"));
    }
  }
}
