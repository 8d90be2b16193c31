/**
 * The sandbox in a real browser: `npm start` without a token (the README's first command) as a separate process,
 * and Chromium (Debian's, driven by playwright-core) using the page as a centre's staff or a learner would.
 * Keeps a screenshot in test/artifacts/sandbox.png.
 *
 * Without /usr/bin/chromium these tests are skipped with a message — except under CI, where they must run.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputFile } from "grammy";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PERSONAS, SANDBOX_COORDINATOR_IDS } from "../../src/sandbox/personas.js";
import { seedSandbox } from "../../src/sandbox/seed.js";
import { type SandboxServer, startSandboxServer } from "../../src/sandbox/server.js";
import { createHarness, type Harness } from "../helpers/harness.js";
import { freePort } from "../helpers/redis-server.js";

const CHROMIUM = "/usr/bin/chromium";

/** Debian's Chromium, headless, with a fresh profile and nothing reaching out to the network. */
async function launchBrowser(): Promise<{ context: BrowserContext; page: Page; profileDir: string }> {
  const profileDir = mkdtempSync(join(tmpdir(), "trogiang-chromium-"));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1280, height: 860 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, profileDir };
}
const haveChromium = existsSync(CHROMIUM);
const inCi = !!process.env.CI && process.env.CI !== "false";

if (!haveChromium && !inCi) {
  console.warn(
    `[sandbox browser tests] skipped: ${CHROMIUM} not found. Install it (apt-get install chromium) to run them; CI does.`,
  );
}

if (!haveChromium && inCi) {
  describe("the sandbox in a browser", () => {
    it("needs Chromium under CI", () => {
      throw new Error(`${CHROMIUM} is missing: .ci/run installs it with apt-get (apt-get install -y chromium)`);
    });
  });
}

describe.skipIf(!haveChromium)("the sandbox in a browser", () => {
  let app: ChildProcess;
  let output = "";
  let url = "";
  let context: BrowserContext;
  let page: Page;
  let profileDir: string;

  beforeAll(async () => {
    const port = await freePort();
    app = spawn("npm", ["start"], {
      env: {
        ...process.env,
        BOT_TOKEN: "",
        REDIS_URL: "",
        STORAGE: "",
        COORDINATOR_IDS: "",
        PORT: String(port),
        HOST: "127.0.0.1",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    app.stdout?.on("data", (d) => {
      output += d;
    });
    app.stderr?.on("data", (d) => {
      output += d;
    });
    const until = Date.now() + 45_000;
    while (!/Sandbox: (http:\/\/\S+)/.test(output)) {
      if (Date.now() > until || app.exitCode !== null) throw new Error(`the sandbox did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 150));
    }
    url = /Sandbox: (http:\/\/\S+)/.exec(output)?.[1] ?? "";

    ({ context, page, profileDir } = await launchBrowser());
    page.on("pageerror", (err) => {
      output += `\n[page error] ${err.message}`;
    });
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
    if (app?.pid && app.exitCode === null && app.signalCode === null) {
      const exited = new Promise((r) => app.once("exit", r));
      process.kill(-app.pid, "SIGTERM");
      await exited;
    }
  });

  const botBubbles = () => page.locator(".message.bot .text");
  const lastBot = () => botBubbles().last();

  /** Switches persona and waits until that persona's chat is loaded and drawn. */
  async function pick(persona: string) {
    await page.click(`[data-persona="${persona}"]`);
    await page.waitForSelector(`body[data-shown="${persona}"]`, { timeout: 15_000 });
  }

  async function say(text: string) {
    const before = await botBubbles().count();
    await page.fill("#input", text);
    await page.press("#input", "Enter");
    await expect.poll(() => botBubbles().count(), { timeout: 15_000 }).toBeGreaterThan(before);
  }

  it("prints its URL and the personas at start", () => {
    expect(output).toContain("Nguyễn Văn An");
    expect(output).toContain("Lê Thu Hà");
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("a learner opens the chat, starts, and sees the formatted welcome and the main menu", async () => {
    await page.goto(url);
    await page.locator("body[data-ready=true]").waitFor();
    await pick("an");
    await page.locator(".start-button").click();
    await expect.poll(() => lastBot().textContent(), { timeout: 15_000 }).toContain("Xin chào Nguyễn Văn An");
    expect(await lastBot().locator("b").first().textContent()).toBe("Trợ giảng");
    await expect.poll(() => page.locator(".reply-button").allInnerTexts()).toContain("ℹ️ Trợ giúp");
  });

  it("taps a reply-keyboard button and sees the demo class's schedule", async () => {
    const before = await botBubbles().count();
    await page.locator(".reply-button", { hasText: "Lịch học" }).click();
    await expect.poll(() => botBubbles().count(), { timeout: 15_000 }).toBeGreaterThan(before);
    const schedule = await lastBot().textContent();
    expect(schedule).toContain("Lớp thử");
    expect(schedule).toContain("Bài 1");
  });

  it("opens the bot's Menu and sends /help from it", async () => {
    await page.click("#menu-button");
    const item = page.locator(".command-item", { hasText: "/help" });
    await item.waitFor();
    const before = await botBubbles().count();
    await item.click();
    await expect.poll(() => botBubbles().count(), { timeout: 15_000 }).toBeGreaterThan(before);
    expect(await lastBot().textContent()).toContain("Các lệnh bạn dùng được");
  });

  it("asks a question without diacritics and gets the answer from the lesson material", async () => {
    await say("bai thu hoach la gi");
    const answer = await lastBot().textContent();
    expect(answer).toMatch(/thu hoạch/i);
    expect(answer).toContain("cuối khoá");
  });

  it("shows what people type as text, never as markup", async () => {
    await page.fill("#input", '<img src=x onerror="window.__pwned=1"><b>đậm?</b>');
    await page.press("#input", "Enter");
    const mine = page.locator(".message.user .text").last();
    await expect.poll(() => mine.textContent(), { timeout: 15_000 }).toContain("<b>đậm?</b>");
    expect(await mine.locator("img, b").count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it("another learner presses an inline button: the message is edited in place and the answer pops up", async () => {
    await pick("binh");
    await page.locator(".start-button").click();
    await expect.poll(() => lastBot().textContent(), { timeout: 15_000 }).toContain("Trần Thị Bình");
    await say("/language");
    const question = page.locator(".message.bot").last();
    const id = await question.getAttribute("data-id");
    await question.locator(".inline-button", { hasText: "English" }).click();
    await expect.poll(() => page.locator("#toast").textContent(), { timeout: 15_000 }).toBe("Switched to English.");
    const edited = page.locator(`.message[data-id="${id}"]`);
    await expect.poll(() => edited.textContent()).toContain("Switched to English.");
    expect(await edited.locator(".edited").count()).toBe(1);
  });

  it("uploads a document, which shows as a download link in the chat", async () => {
    await page.setInputFiles("#file-document", {
      name: "ban-thu-hoach.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("Bản thu hoạch thử"),
    });
    const doc = page.locator(".message.user .document").last();
    await expect.poll(() => doc.count(), { timeout: 15_000 }).toBe(1);
    expect(await doc.textContent()).toContain("ban-thu-hoach.txt");
    const href = (await doc.getAttribute("href")) ?? "";
    const res = await page.request.get(new URL(href, url).href);
    expect(await res.text()).toBe("Bản thu hoạch thử");
  });

  it("the instructor announces to the demo class; a learner sees it arrive as unread, then reads it", async () => {
    await pick("instructor");
    await say("/announce");
    await page.locator(".message.bot").last().locator(".inline-button", { hasText: "Tiếp tục" }).click();
    await expect.poll(() => lastBot().textContent(), { timeout: 15_000 }).toContain("Bước 2/3");
    await say("Chiều nay lớp học tại <Hội trường B>, mang theo tài liệu Bài 5.");
    await page.locator(".message.bot").last().locator(".inline-button", { hasText: "Gửi" }).click();
    const badge = page.locator('[data-persona="binh"] .badge');
    await expect.poll(() => badge.count(), { timeout: 15_000 }).toBe(1);
    await pick("binh");
    const announcement = page.locator(".message.bot .text", { hasText: "Hội trường B" });
    await expect.poll(() => announcement.count(), { timeout: 15_000 }).toBe(1);
    expect(await announcement.textContent()).toContain("<Hội trường B>");
    expect(await announcement.textContent()).toContain("Đỗ Minh Tuấn");
  });

  it("the coordinator opens the evaluation of the demo class, with its exports as downloads; a screenshot is kept", async () => {
    await pick("coordinator");
    await page.locator(".start-button").click();
    await expect.poll(() => lastBot().textContent(), { timeout: 15_000 }).toContain("Lê Thu Hà");
    const docs = page.locator(".message.bot .document");
    await page.fill("#input", "/evaluation");
    await page.press("#input", "Enter");
    await expect.poll(() => docs.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const evaluation = page.locator(".message.bot .text", { hasText: /^📊 Đánh giá lớp/ });
    expect(await evaluation.count()).toBe(1);
    const report = (await evaluation.textContent()) ?? "";
    expect(report).toContain("Lớp thử");
    expect(report).toContain("Bài 1");
    const names = await docs.locator(".doc-name").allTextContents();
    expect(names.some((n) => n.endsWith(".xlsx"))).toBe(true);
    const href = (await docs.first().getAttribute("href")) ?? "";
    const file = await page.request.get(new URL(href, url).href);
    expect(file.status()).toBe(200);
    expect((await file.body()).byteLength).toBeGreaterThan(0);
    mkdirSync("test/artifacts", { recursive: true });
    await page.locator("#messages").evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await page.screenshot({ path: "test/artifacts/sandbox.png" });
    expect(output).not.toContain("[page error]");
  });

  it("stops cleanly on SIGTERM", async () => {
    if (!app.pid) throw new Error("no sandbox process");
    // "close": every process holding the output (npm, tsx, node) has finished, not only npm.
    const closed = new Promise<void>((r) => app.once("close", () => r()));
    process.kill(-app.pid, "SIGTERM");
    await closed;
    expect(output).toContain("stopped cleanly");
    expect(output).not.toContain("shutdown took too long");
  });
});

describe.skipIf(!haveChromium)("the sandbox page renders what the bot sends, safely", () => {
  let h: Harness;
  let server: SandboxServer;
  let context: BrowserContext;
  let page: Page;
  let profileDir: string;
  const an = (PERSONAS[0] as (typeof PERSONAS)[0]).user;

  beforeAll(async () => {
    h = await createHarness({ env: { COORDINATOR_IDS: SANDBOX_COORDINATOR_IDS.join(",") } });
    for (const p of PERSONAS) h.emu.openChat(p.user);
    await seedSandbox(h.deps, PERSONAS);
    server = await startSandboxServer(
      { bot: h.bot, emu: h.emu, personas: PERSONAS, logger: h.deps.logger },
      { port: 0, host: "127.0.0.1" },
    );
    ({ context, page, profileDir } = await launchBrowser());
    await page.goto(`${server.url}/#an`);
    await page.locator("body[data-ready=true]").waitFor();
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
    await server?.close();
    await h?.close();
  });

  it("builds nested formatting from entities; markup in the text stays text; unsafe links are not links", async () => {
    await h.bot.api.sendMessage(
      an.id,
      '<b>Đậm <i>và nghiêng</i></b> &lt;script&gt;alert(1)&lt;/script&gt; <a href="javascript:alert(1)">xấu</a> ' +
        '<a href="https://example.org/tai-lieu">tài liệu</a> <tg-spoiler>bí mật</tg-spoiler> <code>mã</code>',
      { parse_mode: "HTML" },
    );
    const bubble = page.locator(".message.bot .text").last();
    await expect.poll(() => bubble.textContent(), { timeout: 15_000 }).toContain("tài liệu");
    expect(await bubble.locator("b i").textContent()).toBe("và nghiêng");
    expect(await bubble.textContent()).toContain("<script>alert(1)</script>");
    expect(await page.locator(".messages script").count()).toBe(0);
    expect(await bubble.locator('a[href^="javascript"]').count()).toBe(0);
    expect(await bubble.locator('a[href="https://example.org/tai-lieu"]').getAttribute("rel")).toContain("noopener");
    expect(await bubble.locator(".spoiler").textContent()).toBe("bí mật");
    expect(await bubble.locator("code").textContent()).toBe("mã");
  });

  it("an edit replaces the bubble in place and marks it edited", async () => {
    const sent = await h.bot.api.sendMessage(an.id, "Bản nháp");
    const bubble = page.locator(`.message[data-id="${sent.message_id}"]`);
    await expect.poll(() => bubble.textContent(), { timeout: 15_000 }).toContain("Bản nháp");
    await h.bot.api.editMessageText(an.id, sent.message_id, "Bản <b>cuối</b>", { parse_mode: "HTML" });
    await expect.poll(() => bubble.locator(".text").textContent()).toBe("Bản cuối");
    expect(await bubble.locator(".edited").count()).toBe(1);
    expect(await page.locator(`.message[data-id="${sent.message_id}"]`).count()).toBe(1);
  });

  it("a photo from the bot is shown, and an old button's answer pops up", async () => {
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
      "base64",
    );
    await h.bot.api.sendPhoto(an.id, new InputFile(png, "anh.png"), { caption: "Ảnh lớp học" });
    const img = page.locator(".message.bot img.photo").last();
    await expect
      .poll(() => img.evaluate((el: { naturalWidth: number }) => el.naturalWidth), { timeout: 15_000 })
      .toBe(1);
    await h.bot.api.sendMessage(an.id, "Câu hỏi cũ", {
      reply_markup: { inline_keyboard: [[{ text: "Bấm thử", callback_data: "zz:old" }]] },
    });
    await page.locator(".inline-button", { hasText: "Bấm thử" }).click();
    const notice = page.locator("#toast:not([hidden]), #modal:not([hidden]) #modal-text");
    await expect.poll(() => notice.first().textContent(), { timeout: 15_000 }).toContain("Nút này đã cũ");
    if (await page.locator("#modal-ok").isVisible()) await page.locator("#modal-ok").click();
  });

  it("a message to another persona (an announcement, a reminder) shows as unread on them, and in their chat", async () => {
    const binh = (PERSONAS[1] as (typeof PERSONAS)[1]).user;
    await h.bot.api.sendMessage(binh.id, "📢 Thông báo: chiều nay học tại Hội trường B.");
    const badge = page.locator('[data-persona="binh"] .badge');
    await expect.poll(() => badge.textContent(), { timeout: 15_000 }).toBe("1");
    await page.click('[data-persona="binh"]');
    await page.waitForSelector('body[data-shown="binh"]', { timeout: 15_000 });
    await expect.poll(() => page.locator(".message.bot .text").last().textContent()).toContain("Hội trường B");
    expect(await badge.count()).toBe(0);
    await page.click('[data-persona="an"]');
    await page.waitForSelector('body[data-shown="an"]', { timeout: 15_000 });
  });

  it("a learner's photo upload shows in their chat", async () => {
    await page.setInputFiles("#file-photo", {
      name: "trang-1.png",
      mimeType: "image/png",
      buffer: Buffer.from(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
        "base64",
      ),
    });
    const img = page.locator(".message.user img.photo").last();
    await expect.poll(() => img.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => img.evaluate((el: { naturalWidth: number }) => el.naturalWidth)).toBe(1);
  });
});
