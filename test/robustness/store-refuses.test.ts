/**
 * A bad day for Redis, against real redis-servers: a reply lost after the command ran (a proxy cuts the connection;
 * ioredis reconnects and sends the command again), Redis full under `noeviction`, and a Redis that became a
 * read-only replica after a failover. One update has one effect: it is handled once, no phantom report version, no
 * second note. An update the store refused is never acknowledged: the webhook answers 503 so Telegram delivers it
 * again, the user is told "busy" once, and the redelivery is handled once the store takes writes; in polling mode the
 * bot handles it again itself.
 */
import type { Server } from "node:http";
import { type AddressInfo, createServer, type Socket, connect as tcpConnect } from "node:net";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/index.js";
import { ALLOWED_UPDATES } from "../../src/bot/updates.js";
import { createLogger } from "../../src/logger.js";
import type { EmuUser } from "../../src/sandbox/emulator/index.js";
import { createHttpServer } from "../../src/server/http.js";
import { startPolling } from "../../src/server/polling.js";
import { createRedis, type RedisClient } from "../../src/store/index.js";
import { clock, setUpClass, submitTextReport } from "../helpers/coursework.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";
import { type RedisServer, startRedisServer } from "../helpers/redis-server.js";

const SECRET = "s3cret-token_for-tests-0123456789";
const BUSY = "Hệ thống đang bận";

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo();
});

async function redisServer(): Promise<RedisServer> {
  const server = await startRedisServer();
  cleanups.push(() => server.stop());
  return server;
}

/** A plain client of a test server, for the test's own commands (CONFIG, REPLICAOF, INFO). */
function admin(server: RedisServer): RedisClient {
  const client = createRedis({ url: server.url });
  cleanups.push(() => client.disconnect());
  return client;
}

async function harness(url: string, now?: () => Date): Promise<Harness> {
  const h = await createHarness({ redisUrl: url, now });
  cleanups.push(() => h.close());
  return h;
}

/**
 * A TCP proxy in front of Redis that, once armed, forwards the next command whose bytes contain `fragment`, lets
 * Redis run it, throws its reply away and cuts the connection — what a proxy or a NAT dropping the link does. ioredis
 * then reconnects and sends the unanswered command again.
 */
async function replyDropper(port: number) {
  let armed: string | undefined;
  let dropped = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = tcpConnect(port, "127.0.0.1");
    sockets.add(client).add(upstream);
    let dropping = false;
    client.on("data", (chunk) => {
      if (armed !== undefined && chunk.toString("latin1").includes(armed)) {
        armed = undefined;
        dropping = true;
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      if (!dropping) {
        client.write(chunk);
        return;
      }
      // A script not loaded yet answers NOSCRIPT and is sent again in full: that reply goes through, the next is cut.
      if (chunk.toString("latin1").startsWith("-NOSCRIPT")) {
        client.write(chunk);
        return;
      }
      dropping = false;
      dropped++;
      // Whatever else Redis answers on this connection is lost with it.
      setTimeout(() => {
        client.destroy();
        upstream.destroy();
      }, 30);
      upstream.removeAllListeners("data");
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const ownPort = (server.address() as AddressInfo).port;
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        if (server.listening) server.close(() => resolve());
        else resolve();
      }),
  );
  return {
    url: `redis://127.0.0.1:${ownPort}`,
    /** Drops the reply to the next command containing `fragment`. */
    dropReplyTo(fragment: string) {
      armed = fragment;
    },
    get dropped() {
      return dropped;
    },
    /** While down, new connections are refused (ioredis's reconnects fail); up listens on the same port again. */
    async setDown(down: boolean) {
      if (down) server.close();
      else await new Promise<void>((resolve) => server.listen(ownPort, "127.0.0.1", resolve));
    },
  };
}

/** Texts the bot sent to `user`'s chat, in order. */
function chat(h: Harness, user: EmuUser): string[] {
  return h.emu.calls
    .filter((c) => c.method === "sendMessage" && Number(c.payload.chat_id) === user.id)
    .map((c) => String(c.payload.text));
}

describe("a Redis reply lost after the command ran", () => {
  it("one update, one effect: the claim is ours again, one report version ('Phiên bản: 1'), one note", async () => {
    const redis = await redisServer();
    const proxy = await replyDropper(redis.port);
    const h = await harness(proxy.url, clock(new Date("2026-12-03T03:00:00Z")).now);

    // The update's first round trip (its dedupe claim) loses its reply: the re-sent claim is recognised as ours.
    const help = h.emu.text(users.an, "/help");
    proxy.dropReplyTo(`upd:${help.update_id}\r\n`);
    expect(h.texts(await h.run(help))).toEqual([expect.stringContaining("/register")]);
    expect(proxy.dropped).toBe(1);
    const record = await setUpClass(h);

    // The report version's append loses its reply: no phantom version, the receipt says version 1.
    await h.say(users.an, "/report");
    await h.say(users.an, "Bản thu hoạch của tôi");
    await h.tap(users.an, "Xong");
    proxy.dropReplyTo("report-version\r\n");
    const receipt = h.texts(await h.tap(users.an, "Nộp")).join("\n");
    expect(proxy.dropped).toBe(2);
    expect(receipt).toContain("Đã nhận bản thu hoạch");
    expect(receipt).toContain("Phiên bản: 1");
    const versions = await h.store.reports.versions(record.id, users.an.id);
    expect(versions.map((v) => [v.version, v.parts])).toEqual([[1, [{ kind: "text", text: "Bản thu hoạch của tôi" }]]]);

    // An anonymous note's append loses its reply: stored once, still without its author.
    await h.say(users.binh, "/feedback");
    await h.tap(users.binh, "Lớp học nói chung");
    await h.tap(users.binh, "Ẩn danh");
    proxy.dropReplyTo(":note\r\n");
    expect((await h.say(users.binh, "Phòng học hơi nóng")).join("\n")).toContain("Góp ý đã được gửi");
    expect(proxy.dropped).toBe(3);
    expect(await h.store.feedback.notes(record.id)).toEqual([
      { topic: "class", text: "Phòng học hơi nóng", at: "2026-12-03", anonymous: true },
    ]);
  });

  it("a grade stored before Redis went out of reach is stored once, and its redelivery tells the learner 'graded', not 'regraded'", async () => {
    const redis = await redisServer();
    const proxy = await replyDropper(redis.port);
    const h = await harness(proxy.url, clock(new Date("2026-12-07T08:00:00Z")).now);
    const record = await setUpClass(h);
    await submitTextReport(h, users.an, "Bản thu hoạch");
    await h.say(users.lan, "/reports");
    await h.tap(users.lan, "Nguyễn Văn An");
    await h.tap(users.lan, "Khá");
    const prompt = h.last(users.lan);
    const skip = h.inlineButtons(prompt).find((b) => b.text.includes("Không nhận xét"));
    const confirm = h.emu.click(users.lan, prompt.message_id, String(skip?.data));
    // The grade is appended, its reply lost, and Redis stays out of reach for the rest of the update.
    proxy.dropReplyTo(":grade\r\n");
    await proxy.setDown(true);
    await h.run(confirm);
    await proxy.setDown(false);
    const before = chat(h, users.an).length;
    for (let i = 0; i < 40 && chat(h, users.an).length === before; i++) {
      await h.run(structuredClone(confirm));
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(chat(h, users.an).slice(before)).toEqual([expect.stringContaining("được xếp loại: <b>Khá</b>")]);
    expect((await h.store.reports.grades(record.id, users.an.id)).map((g) => g.grade)).toEqual(["kha"]);
  });

  it("a claim whose reply was lost and that could not be given back is taken over by the redelivery", async () => {
    const redis = await redisServer();
    const proxy = await replyDropper(redis.port);
    const h = await harness(proxy.url);
    const help = h.emu.text(users.an, "/help");
    // The claim runs, its reply is lost, and Redis stays out of reach: the update fails, the release fails too.
    proxy.dropReplyTo(`upd:${help.update_id}\r\n`);
    await proxy.setDown(true);
    expect(h.texts(await h.run(help))).toEqual([expect.stringContaining(BUSY)]);
    const ops = admin(redis);
    expect(await ops.keys(`*upd:${help.update_id}`)).toHaveLength(1);
    await proxy.setDown(false);
    // Telegram delivers it again: handled (not dropped as a duplicate of itself), and answered once.
    let reply: string[] = [];
    for (let i = 0; i < 40 && !reply.join().includes("/register"); i++) {
      reply = h.texts(await h.run(structuredClone(help)));
      if (reply.length === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(reply).toEqual([expect.stringContaining("/register")]);
  });
});

/** The bot behind its real webhook server; `deliver` posts an update as Telegram does and gives the status. */
async function webhook(h: Harness) {
  const server: Server = createHttpServer({
    bot: h.bot,
    secret: SECRET,
    store: h.store,
    logger: createLogger("silent"),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    async deliver(update: Update): Promise<number> {
      const res = await fetch(`${base}/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body: JSON.stringify(update),
      });
      await res.text();
      return res.status;
    },
  };
}

/**
 * The learner has chosen to send an anonymous note and types it while the store refuses writes (`refuse`): 503 and
 * one "busy" however often Telegram redelivers; once the store takes writes again (`recover`), the redelivery is
 * handled once and the note is kept; a further redelivery is a duplicate.
 */
async function refusedThenRedelivered(h: Harness, refuse: () => Promise<void>, recover: () => Promise<void>) {
  const record = await setUpClass(h);
  const hook = await webhook(h);
  await h.say(users.binh, "/feedback");
  await h.tap(users.binh, "Lớp học nói chung");
  await h.tap(users.binh, "Ẩn danh");
  const before = chat(h, users.binh).length;

  await refuse();
  const typed = h.emu.text(users.binh, "Nên có thêm giờ thảo luận");
  expect(await hook.deliver(typed)).toBe(503);
  expect(await hook.deliver(typed)).toBe(503);
  expect(chat(h, users.binh).slice(before)).toEqual([expect.stringContaining(BUSY)]);

  await recover();
  expect(await hook.deliver(typed)).toBe(200);
  expect(await hook.deliver(typed)).toBe(200);
  expect(chat(h, users.binh).slice(before)).toEqual([
    expect.stringContaining(BUSY),
    expect.stringContaining("Góp ý đã được gửi"),
  ]);
  expect(await h.store.feedback.notes(record.id)).toEqual([
    { topic: "class", text: "Nên có thêm giờ thảo luận", at: expect.any(String), anonymous: true },
  ]);
}

describe("Redis refuses writes: the update is not acknowledged", () => {
  it("full under noeviction (OOM): 503, 'busy' once, the redelivery after memory is freed is handled once", async () => {
    const redis = await redisServer();
    const h = await harness(redis.url, clock(new Date("2026-12-03T03:00:00Z")).now);
    const ops = admin(redis);
    let fillers = 0;
    await refusedThenRedelivered(
      h,
      async () => {
        const used = Number(/used_memory:(\d+)/.exec(await ops.info("memory"))?.[1]);
        await ops.config("SET", "maxmemory-policy", "noeviction");
        await ops.config("SET", "maxmemory", String(used + 2_000_000));
        // Fill it up, as a busy production Redis gets: writes until Redis says OOM.
        const block = "x".repeat(64 * 1024);
        for (;;) {
          const ok = await ops.set(`filler:${fillers}`, block).then(
            () => true,
            (err: Error) => (err.message.startsWith("OOM") ? false : Promise.reject(err)),
          );
          if (!ok) break;
          fillers++;
        }
        expect(fillers).toBeGreaterThan(0);
        console.log(`store-refuses: Redis full after ${fillers} × 64 KB under maxmemory = used + 2 MB (noeviction)`);
        // The refused write's own buffer is freed after the refusal, which would leave room for small writes again:
        // the limit goes just under what is now used, so Redis stays full.
        const full = Number(/used_memory:(\d+)/.exec(await ops.info("memory"))?.[1]);
        await ops.config("SET", "maxmemory", String(full - 100_000));
      },
      async () => {
        for (let i = 0; i < fillers; i++) await ops.del(`filler:${i}`);
        await ops.config("SET", "maxmemory", "0");
      },
    );
  });

  it("a read-only replica after a failover (READONLY): the same, and handled once it is promoted back", async () => {
    const primary = await redisServer();
    const other = await redisServer();
    const h = await harness(primary.url, clock(new Date("2026-12-03T03:00:00Z")).now);
    const [a, b] = [admin(primary), admin(other)];
    const linkUp = async (replica: RedisClient) => {
      for (let i = 0; i < 200; i++) {
        if ((await replica.info("replication")).includes("master_link_status:up")) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error("replica never synced");
    };
    await refusedThenRedelivered(
      h,
      async () => {
        // The other server takes a copy, is promoted, and the bot's Redis becomes its replica (the bot still points
        // at it): a failover that moved the primary away.
        await b.replicaof("127.0.0.1", primary.port);
        await linkUp(b);
        await b.replicaof("NO", "ONE");
        await a.replicaof("127.0.0.1", other.port);
        await linkUp(a);
      },
      async () => {
        await a.replicaof("NO", "ONE");
      },
    );
  });
});

describe("polling mode", () => {
  it("an update that failed while Redis was down is handled again in-process once Redis is back", async () => {
    const redis = await redisServer();
    const h = await harness(redis.url);
    await h.say(users.an, "/start");
    // Telegram's getUpdates: each update handed out once, as after the runner confirmed its offset.
    const queue: Update[] = [];
    const telegram = (async (input: string | URL | Request, init?: RequestInit) => {
      if (String(input).endsWith("/getUpdates")) {
        if (queue.length === 0) await new Promise((r) => setTimeout(r, 50));
        return new Response(JSON.stringify({ ok: true, result: queue.splice(0) }));
      }
      return h.emu.fetch(input, init);
    }) as typeof h.emu.fetch;
    const bot = createBot(h.deps, { botInfo: h.emu.botInfo, client: { fetch: telegram } });
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger("info", { write: (s: string) => lines.push(JSON.parse(s)) });
    const polling = startPolling(bot, {
      logger,
      allowedUpdates: [...ALLOWED_UPDATES],
      requeue: { attempts: 40, firstDelayMs: 100, maxDelayMs: 400 },
    });
    cleanups.push(() => polling.stop());
    const before = chat(h, users.an).length;

    await redis.kill();
    queue.push(h.emu.text(users.an, "/schedule"));
    const waitFor = async (what: () => boolean) => {
      for (let i = 0; i < 300 && !what(); i++) await new Promise((r) => setTimeout(r, 50));
      expect(what()).toBe(true);
    };
    await waitFor(() => chat(h, users.an).length > before);
    await redis.restart();
    const back = Date.now();
    await waitFor(() => chat(h, users.an).length > before + 1);
    const answeredAfterMs = Date.now() - back;
    await polling.stop();
    expect(chat(h, users.an).slice(before)).toEqual([
      expect.stringContaining(BUSY),
      expect.stringContaining("chưa tham gia lớp nào"),
    ]);
    expect(lines.some((l) => String(l.msg).includes("handled on a later attempt"))).toBe(true);
    expect(lines.some((l) => String(l.msg).includes("update lost"))).toBe(false);
    const attempt = lines.find((l) => String(l.msg).includes("handled on a later attempt"))?.attempt;
    console.log(
      `store-refuses: polling handled the refused update on attempt ${attempt}, ${answeredAfterMs} ms after Redis was back`,
    );
  });
});
