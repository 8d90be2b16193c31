/**
 * The sandbox web server without a browser: the production bot (through the test harness) behind the sandbox's
 * JSON API and Server-Sent Events, driven as the page drives it.
 */
import { request } from "node:http";
import { InputFile } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { PERSONAS, SANDBOX_COORDINATOR_IDS } from "../../src/sandbox/personas.js";
import { seedSandbox } from "../../src/sandbox/seed.js";
import { type SandboxServer, startSandboxServer } from "../../src/sandbox/server.js";
import type { ChatEvent, KeyboardView, MessageView } from "../../src/sandbox/view.js";
import { createHarness, type Harness } from "../helpers/harness.js";

const [an, binh, , coordinator] = PERSONAS.map((p) => p.user) as [
  (typeof PERSONAS)[0]["user"],
  (typeof PERSONAS)[0]["user"],
  (typeof PERSONAS)[0]["user"],
  (typeof PERSONAS)[0]["user"],
];

let h: Harness | undefined;
let sandbox: SandboxServer | undefined;
let events: EventStream | undefined;

afterEach(async () => {
  events?.close();
  await sandbox?.close();
  await h?.close();
  events = undefined;
  sandbox = undefined;
  h = undefined;
});

async function start(opts: { maxUploadBytes?: number } = {}) {
  h = await createHarness({ env: { COORDINATOR_IDS: SANDBOX_COORDINATOR_IDS.join(",") } });
  for (const p of PERSONAS) h.emu.openChat(p.user);
  await seedSandbox(h.deps, PERSONAS);
  sandbox = await startSandboxServer(
    { bot: h.bot, emu: h.emu, personas: PERSONAS, logger: h.deps.logger, ...opts },
    { port: 0, host: "127.0.0.1" },
  );
  events = await EventStream.open(`${sandbox.url}/api/events`);
  return sandbox;
}

/** Reads the SSE stream as the page's EventSource does. */
class EventStream {
  readonly received: ChatEvent[] = [];
  private waiters: (() => void)[] = [];
  private constructor(private readonly abort: AbortController) {}

  static async open(url: string): Promise<EventStream> {
    const abort = new AbortController();
    const res = await fetch(url, { signal: abort.signal });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const stream = new EventStream(abort);
    void stream.pump(res.body as ReadableStream<Uint8Array>);
    return stream;
  }

  private async pump(body: ReadableStream<Uint8Array>) {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      const reader = body.getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        const chunk = r.value;
        buffer += decoder.decode(chunk, { stream: true });
        for (let i = buffer.indexOf("\n\n"); i >= 0; i = buffer.indexOf("\n\n")) {
          const frame = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const data = frame
            .split("\n")
            .filter((l) => l.startsWith("data: "))
            .map((l) => l.slice(6))
            .join("\n");
          if (data) this.received.push(JSON.parse(data) as ChatEvent);
          for (const w of this.waiters.splice(0)) w();
        }
      }
    } catch {
      // aborted at the end of the test
    }
  }

  /** Resolves with the first event (already received or coming) that matches. */
  async next(match: (e: ChatEvent) => boolean, from = 0): Promise<ChatEvent> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const hit = this.received.slice(from).find(match);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no matching event; got ${JSON.stringify(this.received, null, 1)}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
  }

  close() {
    this.abort.abort();
  }
}

async function post(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${sandbox?.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function chat(id: number): Promise<{ messages: MessageView[]; keyboard: KeyboardView | null }> {
  const res = await fetch(`${sandbox?.url}/api/chats/${id}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { messages: MessageView[]; keyboard: KeyboardView | null };
}

const botMessage = (chatId: number, text: string | RegExp) => (e: ChatEvent) =>
  e.type === "message" &&
  e.chatId === chatId &&
  e.message.from === "bot" &&
  (typeof text === "string" ? (e.message.text ?? "").includes(text) : text.test(e.message.text ?? ""));

describe("the sandbox page and its personas", () => {
  it("serves the page, its stylesheet and its script from the app itself — nothing from a CDN", async () => {
    const s = await start();
    const html = await (await fetch(s.url)).text();
    expect(html).toContain('<script src="/app.js"');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const js = await fetch(`${s.url}/app.js`);
    expect(js.headers.get("content-type")).toContain("javascript");
    const code = await js.text();
    expect(code).toContain("EventSource");
    expect(code).not.toContain("innerHTML");
    expect((await fetch(`${s.url}/style.css`)).status).toBe(200);
  });

  it("lists two learners, an instructor and a coordinator with fixed ids; the coordinator is one for the bot", async () => {
    const s = await start();
    const info = (await (await fetch(`${s.url}/api/personas`)).json()) as {
      personas: { id: number; name: string; role: string }[];
    };
    expect(info.personas.map((p) => [p.name, p.role])).toEqual([
      ["Nguyễn Văn An", "learner"],
      ["Trần Thị Bình", "learner"],
      ["Đỗ Minh Tuấn", "instructor"],
      ["Lê Thu Hà", "coordinator"],
    ]);
    expect(info.personas.map((p) => p.id)).toEqual([710001, 710002, 720001, 790001]);
    await post(`/api/chats/${coordinator.id}/text`, { text: "/help" });
    const help = await events?.next(botMessage(coordinator.id, "vai trò"));
    expect(help?.type === "message" && help.message.text).toContain("cán bộ quản lý lớp");
  });

  it("answers only this machine's own page: another Host (DNS rebinding) or a foreign Origin gets 403", async () => {
    const s = await start();
    const port = new URL(s.url).port;
    const raw = (path: string, headers: Record<string, string>, method = "GET") =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port, path, method, headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        req.end(method === "POST" ? "{}" : undefined);
      });
    expect(await raw("/", { host: `127.0.0.1:${port}` })).toBe(200);
    expect(await raw("/", { host: `localhost:${port}` })).toBe(200);
    expect(await raw("/", { host: `attacker.example:${port}` })).toBe(403);
    expect(await raw("/api/personas", { host: `rebound.attacker.example:${port}` })).toBe(403);
    const post = { host: `127.0.0.1:${port}`, "content-type": "application/json" };
    expect(await raw("/api/send", { ...post, origin: "http://attacker.example" }, "POST")).toBe(403);
    expect(await raw("/api/send", { ...post, origin: `http://127.0.0.1:${port}` }, "POST")).not.toBe(403);
  });

  it("refuses a chat that is not a persona's", async () => {
    const s = await start();
    expect((await fetch(`${s.url}/api/chats/12345`)).status).toBe(404);
    expect((await post("/api/chats/12345/text", { text: "/start" })).status).toBe(404);
  });
});

describe("a persona chats with the bot through the page", () => {
  it("sends /start and receives the welcome, with formatting and the main menu, live and in the history", async () => {
    await start();
    const res = await post(`/api/chats/${an.id}/text`, { text: "/start" });
    expect(res).toEqual({ status: 200, json: { ok: true } });
    await events?.next((e) => e.type === "message" && e.message.from === "user" && e.message.text === "/start");
    const welcome = await events?.next(botMessage(an.id, "Xin chào"));
    if (welcome?.type !== "message") throw new Error("no welcome");
    expect(welcome.message.text).toContain("Nguyễn Văn An");
    // "<b>Trợ giảng</b>" arrives as text plus a bold entity, never as HTML.
    expect(welcome.message.text).not.toContain("<b>");
    expect(welcome.message.entities).toContainEqual(expect.objectContaining({ type: "bold" }));
    const kb = await events?.next((e) => e.type === "keyboard" && e.chatId === an.id);
    expect(kb?.type === "keyboard" && kb.keyboard?.rows.flat()).toContain("ℹ️ Trợ giúp");

    const history = await chat(an.id);
    expect(history.messages.map((m) => m.from)).toEqual(["user", "bot"]);
    expect(history.keyboard?.rows.flat()).toContain("ℹ️ Trợ giúp");
    // Another persona's chat is untouched.
    expect((await chat(binh.id)).messages).toEqual([]);
  });

  it("a reply-keyboard button is sent as its text", async () => {
    await start();
    await post(`/api/chats/${an.id}/text`, { text: "/start" });
    await post(`/api/chats/${an.id}/text`, { text: "ℹ️ Trợ giúp" });
    const help = await events?.next(botMessage(an.id, "Các lệnh bạn dùng được"));
    expect(help).toBeDefined();
  });

  it("an inline button press edits the bot's message and shows the callback answer", async () => {
    await start();
    await post(`/api/chats/${an.id}/text`, { text: "/language" });
    const ask = await events?.next(botMessage(an.id, /ngôn ngữ/i));
    if (ask?.type !== "message") throw new Error("no language question");
    const english = ask.message.inline?.flat().find((b) => b.text.includes("English"));
    expect(english?.data).toBeDefined();
    const res = await post(`/api/chats/${an.id}/callback`, { messageId: ask.message.id, data: english?.data });
    expect(res.status).toBe(200);
    const answer = await events?.next((e) => e.type === "callback_answer" && e.chatId === an.id);
    expect(answer).toMatchObject({ type: "callback_answer", text: "Switched to English.", alert: false });
    const edit = await events?.next((e) => e.type === "edit" && e.chatId === an.id);
    expect(edit).toMatchObject({ type: "edit", message: { id: ask.message.id, edited: true } });
    const history = await chat(an.id);
    expect(history.messages.find((m) => m.id === ask.message.id)?.text).toBe("Switched to English.");
  });

  it("refuses a button press on a message that is not in the persona's chat", async () => {
    await start();
    expect((await post(`/api/chats/${an.id}/callback`, { messageId: 999, data: "lang:en" })).status).toBe(404);
  });

  it("takes actions as JSON only, so another site's page cannot post them", async () => {
    const s = await start();
    const res = await fetch(`${s.url}/api/chats/${an.id}/text`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ text: "/start" }),
    });
    expect(res.status).toBe(415);
    expect((await chat(an.id)).messages).toEqual([]);
  });

  it("refuses empty and over-long texts with a clear error", async () => {
    await start();
    expect(await post(`/api/chats/${an.id}/text`, { text: "   " })).toMatchObject({
      status: 400,
      json: { error: "empty_text" },
    });
    expect(await post(`/api/chats/${an.id}/text`, { text: "x".repeat(4097) })).toMatchObject({
      status: 400,
      json: { error: "text_too_long" },
    });
  });
});

describe("files in the sandbox", () => {
  it("a persona uploads a document; it is in the chat and downloads byte for byte", async () => {
    await start();
    const bytes = new TextEncoder().encode("Bản thu hoạch — nội dung thử\n");
    const res = await post(`/api/chats/${an.id}/upload`, {
      kind: "document",
      fileName: "../../ban-thu-hoach.txt",
      mimeType: "text/plain",
      caption: "Bài thu hoạch của em",
      data: Buffer.from(bytes).toString("base64"),
    });
    expect(res.status).toBe(200);
    const sent = (await chat(an.id)).messages.find((m) => m.document);
    expect(sent).toMatchObject({
      from: "user",
      text: "Bài thu hoạch của em",
      document: { name: "ban-thu-hoach.txt", size: bytes.byteLength, mimeType: "text/plain" },
    });
    const file = await fetch(`${sandbox?.url}/api/files/${sent?.document?.fileId}?download=1`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename\*=UTF-8''ban-thu-hoach\.txt$/);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
  });

  it("a persona uploads a photo; the bot gets Telegram's sizes and the page can show it", async () => {
    await start();
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
      "base64",
    );
    expect(
      (
        await post(`/api/chats/${binh.id}/upload`, {
          kind: "photo",
          mimeType: "image/png",
          data: png.toString("base64"),
        })
      ).status,
    ).toBe(200);
    const photo = (await chat(binh.id)).messages.find((m) => m.photo);
    expect(photo?.photo?.width).toBeGreaterThan(0);
    const img = await fetch(`${sandbox?.url}/api/files/${photo?.photo?.fileId}`);
    expect(img.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await img.arrayBuffer())).toEqual(png);
  });

  it("refuses a file over the limit with a clear error, and a photo that is not an image", async () => {
    await start({ maxUploadBytes: 1024 });
    const big = await post(`/api/chats/${an.id}/upload`, {
      kind: "document",
      fileName: "big.pdf",
      data: Buffer.alloc(2048).toString("base64"),
    });
    expect(big.status).toBe(413);
    expect(big.json).toMatchObject({ error: "file_too_large" });
    expect(String(big.json.message)).toContain("larger than 1 KB");
    const notImage = await post(`/api/chats/${an.id}/upload`, {
      kind: "photo",
      mimeType: "application/pdf",
      data: Buffer.from("%PDF").toString("base64"),
    });
    expect(notImage).toMatchObject({ status: 400, json: { error: "not_an_image" } });
    expect((await chat(an.id)).messages).toEqual([]);
  });

  it("a document the bot sends shows in the chat and downloads (as exports will)", async () => {
    await start();
    const csv = "Họ tên,Đơn vị\nNguyễn Văn An,Chi bộ thôn Đông\n";
    await h?.bot.api.sendDocument(coordinator.id, new InputFile(new TextEncoder().encode(csv), "lop-demo.csv"), {
      caption: "Danh sách lớp",
    });
    const sent = await events?.next((e) => e.type === "message" && e.chatId === coordinator.id && !!e.message.document);
    if (sent?.type !== "message" || !sent.message.document) throw new Error("no document");
    expect(sent.message).toMatchObject({ from: "bot", text: "Danh sách lớp", document: { name: "lop-demo.csv" } });
    const file = await fetch(`${sandbox?.url}/api/files/${sent.message.document.fileId}?download=1`);
    expect(await file.text()).toBe(csv);
    expect(file.headers.get("content-disposition")).toContain("lop-demo.csv");
  });

  it("answers 404 for a file that does not exist", async () => {
    const s = await start();
    expect((await fetch(`${s.url}/api/files/nope`)).status).toBe(404);
  });
});

describe("the sandbox server's port", () => {
  it("says clearly when the port is taken, or takes the next free one when allowed", async () => {
    const s = await start();
    const taken = new URL(s.url).port;
    const opts = {
      bot: h?.bot as Harness["bot"],
      emu: h?.emu as Harness["emu"],
      personas: PERSONAS,
      logger: h?.deps.logger as Harness["deps"]["logger"],
    };
    await expect(startSandboxServer(opts, { port: Number(taken), host: "127.0.0.1" })).rejects.toThrow(
      `port ${taken} on 127.0.0.1 is already in use`,
    );
    const next = await startSandboxServer(opts, { port: Number(taken), host: "127.0.0.1", tryNext: 5 });
    try {
      expect(next.portTaken).toBe(Number(taken));
      expect(next.port).toBeGreaterThan(Number(taken));
    } finally {
      await next.close();
    }
  });
});
