/**
 * The sender's view of a broadcast: one status message, edited at most every 3 s while deliveries come in
 * (throttled, and the last state is always shown: an update that arrives inside the 3 s gets a trailing edit when
 * they are over), then — once every recipient has an outcome — a final report: delivered / blocked / failed, with
 * the learners behind blocked and failed deliveries. The report is claimed with SET NX, so it is sent once even
 * with several workers. The texts come from the caller's {@link AnnouncementRender}.
 *
 * It runs where the deliveries run (the worker); time comes from an injected clock and timer so tests drive it.
 */
import { randomUUID } from "node:crypto";
import type { Api } from "grammy";
import { GrammyError } from "grammy";
import type { Logger } from "../../logger.js";
import type { Announcement, DeliveryOutcome, Store } from "../../store/index.js";
import type { AnnouncementRender, DeliveryReport } from "./delivery.js";

const PROGRESS_INTERVAL_MS = 3000;

type SetTimer = (fn: () => void, ms: number) => () => void;

const realTimer: SetTimer = (fn, ms) => {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return () => clearTimeout(t);
};

interface ProgressOptions {
  store: Store;
  api: Api;
  render: AnnouncementRender;
  logger: Logger;
  now?: () => Date;
  setTimer?: SetTimer;
  intervalMs?: number;
  /**
   * The deliveries' global send window: edits and reports take a slot of it too (they count at Telegram), allowed
   * one more than deliveries (`max + 1`), so the sender's updates never starve behind a broadcast.
   */
  sendWindow?: { max: number; windowMs: number };
}

interface State {
  lastEditAt: number;
  cancel?: () => void;
  chain: Promise<void>;
}

/** What the final report of `ann` tells: the counts and the learners behind blocked and failed deliveries. */
async function deliveryReport(store: Store, ann: Announcement): Promise<DeliveryReport> {
  const counts = await store.announcements.counts(ann.id);
  const { outcomes, errors } = await store.announcements.results(ann.id);
  const byOutcome = (o: DeliveryOutcome) => [...outcomes.entries()].filter(([, v]) => v === o).map(([id]) => id);
  const blocked = byOutcome("blocked");
  const failed = byOutcome("failed");
  const profiles = await store.users.getMany([...blocked, ...failed]);
  return {
    ann,
    counts,
    blocked: blocked.map((userId) => ({ userId, profile: profiles.get(userId) })),
    failed: failed.map((userId) => ({ userId, profile: profiles.get(userId), error: errors.get(userId) })),
  };
}

export class BroadcastProgress {
  private readonly states = new Map<string, State>();
  private readonly now: () => Date;
  private readonly setTimer: SetTimer;
  private readonly interval: number;

  constructor(private readonly opts: ProgressOptions) {
    this.now = opts.now ?? (() => new Date());
    this.setTimer = opts.setTimer ?? realTimer;
    this.interval = opts.intervalMs ?? PROGRESS_INTERVAL_MS;
  }

  /** A delivery of `annId` got its outcome: refresh the status (throttled); report when all are done. */
  async notify(annId: string): Promise<void> {
    const counts = await this.opts.store.announcements.counts(annId);
    if (counts.total > 0 && counts.done >= counts.total) await this.report(annId);
    this.schedule(annId);
  }

  private state(annId: string): State {
    let s = this.states.get(annId);
    if (!s) {
      s = { lastEditAt: Number.NEGATIVE_INFINITY, chain: Promise.resolve() };
      this.states.set(annId, s);
    }
    return s;
  }

  private schedule(annId: string): void {
    const s = this.state(annId);
    if (s.cancel) return; // a trailing edit is already planned; it will show the state of its time
    const wait = s.lastEditAt + this.interval - this.now().getTime();
    if (wait <= 0) {
      this.edit(annId);
      return;
    }
    s.cancel = this.setTimer(() => {
      s.cancel = undefined;
      this.edit(annId);
    }, wait);
  }

  private edit(annId: string): void {
    const s = this.state(annId);
    s.lastEditAt = this.now().getTime();
    s.chain = s.chain.then(() => this.editNow(annId)).catch(() => undefined);
  }

  private async editNow(annId: string): Promise<void> {
    const ann = await this.opts.store.announcements.get(annId);
    if (!ann?.status) return;
    const counts = await this.opts.store.announcements.counts(annId);
    const finished = counts.total > 0 && counts.done >= counts.total;
    const text = this.opts.render.progress(ann.senderLocale ?? "vi", counts, finished);
    const wait = await this.slot(`edit-${annId}`);
    if (wait > 0) {
      // The window is full right now: try again when a slot frees (the state shown will be the newest).
      const s = this.state(annId);
      s.cancel ??= this.setTimer(() => {
        s.cancel = undefined;
        this.edit(annId);
      }, wait);
      return;
    }
    try {
      await this.opts.api.editMessageText(ann.status.chatId, ann.status.messageId, text, { parse_mode: "HTML" });
    } catch (err) {
      // "message is not modified", a 429 on the sender's chat …: the next edit (or the report) shows the state.
      if (!(err instanceof GrammyError)) throw err;
      this.opts.logger.debug({ annId, err: err.description }, "broadcast: progress edit skipped");
    }
    if (finished) this.states.delete(annId);
  }

  /** 0 when a slot of the send window was taken (or there is no window), else the ms to wait. */
  private async slot(what: string): Promise<number> {
    const w = this.opts.sendWindow;
    if (!w) return 0;
    return this.opts.store.announcements.takeSendSlot(w.max, w.windowMs, `${what}-${randomUUID().slice(0, 8)}`);
  }

  /** Sends the final report to the sender, once across all workers. */
  async report(annId: string): Promise<boolean> {
    const { store, api, render, logger } = this.opts;
    const ann = await store.announcements.get(annId);
    if (!ann?.status) return false;
    if (!(await store.announcements.claimReport(annId))) return false;
    const messages = render.report(ann.senderLocale ?? "vi", await deliveryReport(store, ann));
    for (const text of messages) {
      // The report matters more than the progress edits: wait out a 429 a few times (no auto-retry on this Api).
      for (let attempt = 1; ; attempt++) {
        try {
          for (let wait = await this.slot(`report-${annId}`); wait > 0; wait = await this.slot(`report-${annId}`)) {
            await new Promise((r) => setTimeout(r, wait));
          }
          await api.sendMessage(ann.status.chatId, text, { parse_mode: "HTML" });
          break;
        } catch (err) {
          const retryAfter = err instanceof GrammyError ? err.parameters?.retry_after : undefined;
          if (retryAfter !== undefined && attempt < 4) {
            await new Promise((r) => setTimeout(r, retryAfter * 1000));
            continue;
          }
          logger.warn({ annId, err: String(err) }, "broadcast: could not send the final report");
          break;
        }
      }
    }
    return true;
  }

  /** Waits for edits in flight (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.states.values()].map((s) => s.chain));
  }

  close(): void {
    for (const s of this.states.values()) s.cancel?.();
    this.states.clear();
  }
}
