/**
 * `npm run cli -- …` as centre staff read it: the usage text and the mistakes in the arguments are in Vietnamese
 * (exit code 2, on stderr), in English with `--lang en` wherever it stands; stdout stays JSON either way. Uses its
 * own Redis database (14) of the test server, and only reads from it.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";

const run = promisify(execFile);
const url = `${inject("redisUrl").replace(/\/\d+$/, "")}/14`;
const env = { ...process.env, REDIS_URL: url, BOT_TOKEN: "", LOG_LEVEL: "silent", CONTENT_LANG: "" };

async function cli(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "src/cli.ts", ...args], { env });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

describe("a centre's staff member gets the admin CLI's arguments wrong", () => {
  it("is told in Vietnamese by default, with the usage text, and exit code 2", async () => {
    const [none, badStart, unknown, noClass, scope] = await Promise.all([
      cli(),
      cli("class", "create", "--name", "Lớp X", "--start", "31/02/2026"),
      cli("class", "frobnicate"),
      cli("class", "schedule", "c999"),
      cli("material", "add", "package.json"),
    ]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Cách dùng: npm run cli -- <lệnh> [--lang vi|en]");
    expect(badStart.code).toBe(2);
    expect(badStart.stderr).toContain(
      'trogiang cli: --start "31/02/2026" không phải ngày (YYYY-MM-DD, ví dụ 2026-12-01)',
    );
    expect(badStart.stderr).toContain("Cách dùng:");
    expect(badStart.stdout).toBe("");
    expect(unknown.stderr).toContain('không có lệnh "class frobnicate"');
    expect(noClass.code).toBe(2);
    expect(noClass.stderr).toContain('không có lớp nào mã "c999" (xem: class list)');
    expect(scope.stderr).toContain("lệnh material add cần --centre <tên> hoặc --class <mã lớp>");
    for (const r of [none, badStart, unknown, noClass, scope]) {
      expect(r.stderr).toBe(r.stderr.normalize("NFC"));
    }
  });

  it("is told in English with --lang en, before or after the command", async () => {
    const [help, badDays, noClass, badLang] = await Promise.all([
      cli("--lang", "en", "help"),
      cli("class", "create", "--name", "Lớp X", "--start", "2026-12-01", "--days", "7", "--lang", "en"),
      cli("--lang=en", "class", "schedule", "c999"),
      cli("--lang", "fr", "class", "list"),
    ]);
    expect(help.code).toBe(0);
    expect(help.stderr).toContain("Usage: npm run cli -- <command> [--lang vi|en]");
    expect(badDays.code).toBe(2);
    expect(badDays.stderr).toContain('trogiang cli: --days must be 4 or 5 (got "7")');
    expect(badDays.stderr).toContain("Usage:");
    expect(noClass.code).toBe(2);
    expect(noClass.stderr).toContain('no class with id "c999" (see: class list)');
    expect(badLang.code).toBe(2);
    expect(badLang.stderr).toContain('--lang phải là vi hoặc en (nhận được "fr")');
  });

  it("keeps JSON on stdout whatever the language", async () => {
    const [vi, en] = await Promise.all([cli("class", "list"), cli("class", "list", "--lang", "en")]);
    expect(vi.code).toBe(0);
    expect(JSON.parse(vi.stdout)).toEqual(JSON.parse(en.stdout));
  });
});
