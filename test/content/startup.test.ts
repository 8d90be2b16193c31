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
    expect(start.stderr).toContain("the lesson material");
    const problemLines = check.stdout
      .concat(check.stderr)
      .split("\n")
      .filter((l) => l.startsWith(join(dir, "bai-moi.md:")));
    expect(problemLines.length).toBeGreaterThanOrEqual(2); // the bad id and the missing lesson number
    for (const line of problemLines) expect(start.stderr).toContain(line);
  });
});
