/**
 * Prometheus metrics (`GET /metrics` when METRICS_PATH is set; off otherwise): updates by type and outcome, their
 * handling time, errors, Telegram's 429s, the Redis round trip (timed when scraped), and the BullMQ queues' depths
 * from BullMQ's own exporter. prom-client's default process metrics (memory, CPU, event loop lag) come along.
 */
import { Queue } from "bullmq";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { BotMetrics } from "../bot/middleware/metrics.js";
import { BullConnections } from "../jobs/connections.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/index.js";
import type { StoreAlarms } from "./store-watch.js";

export interface Metrics extends BotMetrics {
  /** The text Prometheus scrapes. */
  render(): Promise<{ contentType: string; body: string }>;
  close(): Promise<void>;
}

interface MetricsOptions {
  store: Store;
  logger: Logger;
  /** BullMQ's queues on this Redis (none in memory mode). */
  queues?: { redisUrl: string; names: readonly string[] };
  /** What the store watch last found (src/server/store-watch.ts); no watch, no alarm gauges. */
  alarms?: () => StoreAlarms | undefined;
}

export function createMetrics({ store, logger, queues, alarms }: MetricsOptions): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "trogiang_" });
  const updates = new Counter({
    name: "trogiang_updates_total",
    help: "Telegram updates handled, by update type and outcome (ok, error)",
    labelNames: ["type", "outcome"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "trogiang_update_duration_seconds",
    help: "Time to handle one update, by update type",
    labelNames: ["type"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: "trogiang_errors_total",
    help: "Updates whose handling failed (the user got the error or busy answer)",
    labelNames: ["type"] as const,
    registers: [registry],
  });
  const tooMany = new Counter({
    name: "trogiang_telegram_429_total",
    help: "Bot API calls Telegram refused with 429 Too Many Requests, by method",
    labelNames: ["method"] as const,
    registers: [registry],
  });
  new Gauge({
    name: "trogiang_redis_roundtrip_seconds",
    help: "Time of one Redis PING, measured when scraped (-1 when Redis did not answer)",
    registers: [registry],
    async collect() {
      const started = performance.now();
      const ok = await store.ping().catch(() => false);
      this.set(ok ? (performance.now() - started) / 1000 : -1);
    },
  });

  new Gauge({
    name: "trogiang_store_alarm",
    help: "1 while the store watch raises this alarm: data_lost (deployment marker missing or replaced), volatile (Redis without persistence in production)",
    labelNames: ["alarm"] as const,
    registers: [registry],
    collect() {
      const now = alarms?.();
      if (!now) return;
      this.set({ alarm: "data_lost" }, now.lost ? 1 : 0);
      this.set({ alarm: "volatile" }, now.volatile ? 1 : 0);
    },
  });
  new Gauge({
    name: "trogiang_redis_persistence",
    help: "Redis's persistence as the store watch last read it: 1 RDB or AOF on, 0 off, -1 unknown (CONFIG refused)",
    registers: [registry],
    collect() {
      const now = alarms?.();
      if (now) this.set(now.persistence === "on" ? 1 : now.persistence === "off" ? 0 : -1);
    },
  });

  // One connection for reading every queue's counts (Queue reuses a connection it is given and leaves it open).
  const connections = queues ? new BullConnections(queues.redisUrl, logger, "metrics") : undefined;
  const connection = connections?.connect();
  const bullQueues = connection && queues ? queues.names.map((name) => new Queue(name, { connection })) : [];

  return {
    observeUpdate(type, outcome, seconds) {
      updates.inc({ type, outcome });
      duration.observe({ type }, seconds);
      if (outcome === "error") errors.inc({ type });
    },
    telegram429: async (prev, method, payload, signal) => {
      const res = await prev(method, payload, signal);
      if (!res.ok && res.error_code === 429) tooMany.inc({ method });
      return res;
    },
    async render() {
      const own = await registry.metrics();
      const bull = await Promise.all(bullQueues.map((q) => q.exportPrometheusMetrics().catch(() => "")));
      return { contentType: registry.contentType, body: `${own}${mergeFamilies(bull)}` };
    },
    async close() {
      await Promise.all(bullQueues.map((q) => q.close()));
      await connections?.closeAll();
    },
  };
}

/** BullMQ exports each queue with its own HELP/TYPE lines; one scrape may name a metric family only once. */
function mergeFamilies(texts: string[]): string {
  const families = new Map<string, string[]>();
  for (const text of texts) {
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      const name = line.startsWith("#") ? (line.split(" ")[2] ?? "") : (line.split(/[{ ]/)[0] ?? "");
      const lines = families.get(name) ?? [];
      if (!families.has(name)) families.set(name, lines);
      if (!line.startsWith("#") || !lines.includes(line)) lines.push(line);
    }
  }
  return [...families.values()].map((lines) => `${lines.join("\n")}\n`).join("");
}
