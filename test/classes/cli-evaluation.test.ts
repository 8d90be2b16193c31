/**
 * `npm run cli -- class export <id> --evaluation <dir>`: the CLI (a separate process on the bot's Redis) prints the
 * class export with its evaluation and writes the same XLSX and CSV the bot sends. The CLI has no key prefix, so
 * this test uses its own Redis database (13) of the test server.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createClass, loadProgramTemplate, parseCsv } from "../../src/classes/service.js";
import { createRedis, Store } from "../../src/store/index.js";

const run = promisify(execFile);
const url = `${inject("redisUrl").replace(/\/\d+$/, "")}/13`;
const store = new Store(createRedis({ url }));
afterAll(async () => {
  await store.close();
});

describe("the admin CLI exports the class evaluation", () => {
  it("prints the evaluation in the JSON export and writes an XLSX and a CSV with BOM; anonymous feedback has no name", async () => {
    const record = await createClass(
      store,
      loadProgramTemplate("content"),
      { name: "Lớp CLI", startDate: "2026-10-05", variant: 4, timeZone: "Asia/Ho_Chi_Minh" },
      new Date("2026-10-01T00:00:00Z"),
    );
    const [a, b] = [880001, 880002];
    await store.users.update(a, { fullName: "Lê Văn Cường", unit: "Chi bộ 3", position: "bi_thu" });
    await store.users.update(b, { fullName: "Đỗ Thị Dung", unit: "Chi bộ 4", position: "chi_uy_vien" });
    await store.classes.addLearner(record.id, a);
    await store.classes.addLearner(record.id, b);
    for (const s of record.sessions) await store.classes.markPresent(record.id, s.id, a, new Date(s.start));
    await store.reports.addVersion(record.id, a, {
      parts: [{ kind: "text", text: "Thu hoạch" }],
      submittedAt: "2026-12-05T03:00:00.000Z",
      late: false,
    });
    await store.reports.addGrade(record.id, a, {
      grade: "gioi",
      by: 1,
      at: "2026-12-06T03:00:00.000Z",
      version: 1,
    });
    await store.feedback.addNote(record.id, {
      topic: "class",
      text: "Góp ý kín",
      anonymous: true,
      userId: b,
      at: "2026-12-04T03:00:00.000Z",
    });

    const dir = mkdtempSync(join(tmpdir(), "trogiang-cli-"));
    const { stdout } = await run("npx", ["tsx", "src/cli.ts", "class", "export", record.id, "--evaluation", dir], {
      env: { ...process.env, REDIS_URL: url, BOT_TOKEN: "", LOG_LEVEL: "silent" },
    });
    const out = JSON.parse(stdout);
    expect(out.evaluation.reports).toMatchObject({ submitted: 1, graded: 1, missing: 1 });
    expect(out.evaluation.eligible.map((l: { name: string }) => l.name)).toEqual(["Lê Văn Cường"]);
    // An anonymous note is exported with its date only.
    expect(out.evaluation.notes).toEqual([{ topic: "class", text: "Góp ý kín", at: "2026-12-04", anonymous: true }]);
    expect(out.evaluation.files).toEqual([
      join(dir, `danh-gia-lop-${record.id}.xlsx`),
      join(dir, `danh-gia-lop-${record.id}.csv`),
    ]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out.evaluation.files[0]) as never);
    const comments: unknown[][] = [];
    wb.getWorksheet("Góp ý")?.eachRow((row) => {
      // Row 1 is the sheet's title.
      if (row.number > 1) comments.push((row.values as unknown[]).slice(1));
    });
    expect(comments[1]?.[2]).toBe("(ẩn danh)");
    expect(JSON.stringify(comments)).not.toContain("Dung");

    const csv = readFileSync(out.evaluation.files[1]);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(csv.toString("utf8"));
    const grade = rows[0]?.indexOf("Xếp loại") ?? -1;
    expect(rows.slice(1).map((r) => [r[1], r[grade]])).toEqual([
      ["Đỗ Thị Dung", ""],
      ["Lê Văn Cường", "Giỏi"],
    ]);
  }, 60_000);
});
