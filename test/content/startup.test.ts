import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "trogiang-content-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a centre drops a broken lesson file into content/", () => {
  it("the bot refuses to start and lists the problem as content:check does (file:line)", () => {
    cpSync("content", dir, { recursive: true });
    writeFileSync(join(dir, "bai-moi.md"), "---\nid: Bài Mới\ntitle: Bài mới\nkind: lesson\n---\nNội dung.\n");
    const env = { ...process.env, BOT_TOKEN: "123:abc", STORAGE: "memory", REDIS_URL: "", CONTENT_DIR: dir };
    const start = spawnSync("npx", ["tsx", "src/main.ts"], { env, encoding: "utf8", timeout: 60_000 });
    const check = spawnSync("npx", ["tsx", "src/content/check.ts"], { env, encoding: "utf8", timeout: 60_000 });
    expect(start.status).toBe(1);
    expect(check.status).toBe(1);
    expect(start.stderr).toContain(`trogiang không khởi động được: tài liệu trong ${dir}/ có lỗi.`);
    expect(check.stderr).toContain('id "Bài Mới" không hợp lệ');
    const problemLines = check.stdout
      .concat(check.stderr)
      .split("\n")
      .filter((l) => l.startsWith(join(dir, "bai-moi.md:")));
    expect(problemLines.length).toBeGreaterThanOrEqual(2); // the bad id and the missing lesson number
    for (const line of problemLines) expect(start.stderr).toContain(line);
  });

  it("content:check speaks English with --lang en, keeping file:line and the exit code", () => {
    const env = { ...process.env, CONTENT_DIR: dir };
    const check = spawnSync("npx", ["tsx", "src/content/check.ts", "--lang", "en"], {
      env,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(check.status).toBe(1);
    expect(check.stderr).toContain(
      `${join(dir, "bai-moi.md")}:2 id "Bài Mới" is not a valid id — use only lower-case letters a-z`,
    );
    expect(check.stderr).toContain(`${join(dir, "bai-moi.md")}:4 a file with kind: lesson needs a lesson number`);
    const bad = spawnSync("npx", ["tsx", "src/content/check.ts", "--lang", "fr"], { env, encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--lang phải là vi hoặc en (nhận được "fr")');
  });

  it("content:check summarises clean material in Vietnamese by default", () => {
    const check = spawnSync("npx", ["tsx", "src/content/check.ts"], { encoding: "utf8", timeout: 60_000 });
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/^tài liệu hợp lệ: \d+ tệp \(program /);
  });
});
