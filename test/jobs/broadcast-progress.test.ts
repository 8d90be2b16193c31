/**
 * The sender's progress message and final report, with time driven by hand (an injected clock and timer): edited
 * at most every 3 s, the last state always shown, the report sent once with the names behind failures, escaped.
 */
import { randomUUID } from "node:crypto";
import { Api } from "grammy";
import { afterEach, describe, expect, inject, it } from "vitest";
import { announcementText } from "../../src/bot/announcement-text.js";
import { createI18n } from "../../src/i18n.js";
import { BroadcastProgress } from "../../src/jobs/broadcast/index.js";
import { createLogger } from "../../src/logger.js";
import { createRedis, Store } from "../../src/store/index.js";

const url = inject("redisUrl");
let store: Store | undefined;
afterEach(async () => {
  await store?.close();
});

interface Call {
  method: string;
  payload: Record<string, unknown>;
  at: number;
}

function rig() {
  store = new Store(createRedis({ url, keyPrefix: `t:${randomUUID().slice(0, 8)}:` }));
  let clock = 0;
  const timers: { at: number; fn: () => void; cancelled: boolean }[] = [];
  const calls: Call[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const method = String(input).split("/").pop() ?? "";
    const payload = JSON.parse(String(init?.body ?? "{}")) as Record<string, unknown>;
    calls.push({ method, payload, at: clock });
    const result = { message_id: 5, date: 0, chat: { id: 9001, type: "private" }, text: String(payload.text) };
    return new Response(JSON.stringify({ ok: true, result }), { headers: { "content-type": "application/json" } });
  }) as typeof globalThis.fetch;
  const progress = new BroadcastProgress({
    store,
    api: new Api("1:test", { fetch }),
    render: announcementText(createI18n()),
    logger: createLogger("silent"),
    now: () => new Date(clock),
    setTimer: (fn, ms) => {
      const t = { at: clock + ms, fn, cancelled: false };
      timers.push(t);
      return () => {
        t.cancelled = true;
      };
    },
  });
  return {
    store,
    progress,
    calls,
    /** Moves the clock, firing the timers that fall due. */
    async advance(to: number) {
      for (;;) {
        const due = timers.filter((t) => !t.cancelled && t.at <= to).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        clock = due.at;
        due.cancelled = true;
        due.fn();
        await progress.settled();
      }
      clock = to;
    },
  };
}

/** The announcement reported on (each test adds its recipients' count). */
const sent = {
  id: "a1",
  senderId: 9001,
  senderName: "Lê Hải",
  classIds: ["c1"],
  classNames: ["Lớp K12"],
  text: "Họp lớp",
  createdAt: new Date(0).toISOString(),
};

describe("the sender watches a broadcast", () => {
  it("sees one status message edited at most every 3 s, always ending on the last state, then one report", async () => {
    const r = rig();
    await r.store.users.update(4003, { fullName: "Trần <Ba>" });
    await r.store.announcements.create({
      ...sent,
      total: 4,
      status: { chatId: 9001, messageId: 5 },
      senderLocale: "vi",
    });
    const deliver = async (at: number, user: number, outcome: "delivered" | "blocked" | "failed", err?: string) => {
      await r.advance(at);
      await r.store.announcements.settle("a1", user, outcome, err);
      await r.progress.notify("a1");
      await r.progress.settled();
    };

    await deliver(0, 4001, "delivered");
    await deliver(1000, 4002, "delivered");
    await deliver(2000, 4003, "blocked", "403 Forbidden: bot was blocked by the user");
    await r.advance(3000);
    await deliver(3500, 4004, "failed", "500 Internal Server Error");
    // The report goes out as soon as the last outcome is in; a late notify does not send it again.
    await r.progress.notify("a1");
    await r.advance(10_000);

    const edits = r.calls.filter((c) => c.method === "editMessageText");
    expect(edits.map((e) => [e.at, e.payload.text])).toEqual([
      [0, "📤 Đang gửi thông báo: 1/4 — đã nhận 1, chặn bot 0, lỗi 0."],
      [3000, "📤 Đang gửi thông báo: 3/4 — đã nhận 2, chặn bot 1, lỗi 0."],
      [6000, "✅ Đã gửi xong: 4/4 — đã nhận 2, chặn bot 1, lỗi 1."],
    ]);
    const reports = r.calls.filter((c) => c.method === "sendMessage");
    expect(reports).toHaveLength(1);
    expect(reports[0]?.at).toBe(3500);
    expect(reports[0]?.payload.text).toBe(
      [
        "📊 <b>Kết quả gửi thông báo</b> — Lớp K12",
        "Tổng 4 học viên: đã nhận 2 · chặn bot hoặc tài khoản không còn 1 · lỗi 1.",
        "",
        "🚫 Chặn bot hoặc tài khoản không còn (1):",
        "• Trần &lt;Ba&gt;",
        "",
        "⚠️ Không gửi được sau nhiều lần thử (1):",
        "• #4004 — 500 Internal Server Error",
      ].join("\n"),
    );
  });

  it("a long report is split into messages under Telegram's 4,096 characters, no line cut in two", () => {
    const names = Array.from({ length: 400 }, (_, i) => `Học viên số ${i} — Chi bộ thôn Đông, xã Hoà Bình`);
    const blocked = names.map((fullName, i) => ({
      userId: 5000 + i,
      profile: { id: 5000 + i, telegramName: "", fullName, createdAt: "" },
    }));
    const ann = { ...sent, total: 400 };
    const counts = { delivered: 0, blocked: 400, failed: 0, done: 400, total: 400 };
    const parts = announcementText(createI18n()).report("vi", { ann, counts, blocked, failed: [] });
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(4096);
    const lines = parts.join("\n").split("\n");
    for (const name of names) expect(lines.filter((l) => l === `• ${name}`)).toHaveLength(1);
  });
});
