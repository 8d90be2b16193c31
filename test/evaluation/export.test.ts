/**
 * The coordinator's files opened back as Excel would: a 50-learner class whose learners typed formulas into their
 * unit, name and comments. Number cells for attendance, date cells for dates, text (never a formula) for anything a
 * user typed, print setup on every sheet, and the certificate list holding exactly the eligible learners.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/classes/service.js";
import { evaluateClass } from "../../src/domain/evaluation.js";
import { buildSchedule } from "../../src/domain/schedule.js";
import { evaluationChartPng } from "../../src/evaluation/chart.js";
import { evaluationCsv, evaluationXlsx } from "../../src/evaluation/export.js";
import { createI18n } from "../../src/i18n.js";
import { shippedTemplate } from "../domain/fixtures.js";

const i18n = createI18n();
const t = (k: string, v?: Record<string, string | number>) => i18n.t("vi", k, v);
const TZ = "Asia/Ho_Chi_Minh";
const sessions = buildSchedule(shippedTemplate(), { startDate: "2026-11-30", variant: 5 });
const TYPED = ['=HYPERLINK("http://x","bấm")', "+84 912", "-không có gì", "@admin", "=1+1"];

function classOf(n: number) {
  const learners = Array.from({ length: n }, (_, i) => ({
    userId: 1000 + i,
    fullName: i < TYPED.length ? TYPED[i] : `Nguyễn Văn Học Viên ${i + 1}`,
    unit: i % 7 === 0 ? "=CMD|' /C calc'!A0" : `Chi bộ thôn ${i + 1}, Đảng bộ xã Phú Mỹ, huyện Phú Vang`,
    position: "bi_thu" as const,
    registered: true,
  }));
  const attendance = new Map(
    sessions.map((s, si) => [s.id, new Set(learners.filter((_, li) => (li + si) % 9 !== 0).map((l) => l.userId))]),
  );
  const reports = new Map(
    learners
      .filter((_, i) => i % 5 !== 4)
      .map((l, i) => [
        l.userId,
        {
          versions: 1 + (i % 2),
          late: false,
          lastAt: "2026-12-04T09:00:00Z",
          grade: "kha" as const,
          comment: "-Tốt, =SUM(A1)",
        },
      ]),
  );
  const ratings = new Map(sessions.map((s) => [s.id, new Map([[1000, { stars: 4, comment: "@mọi người 👍" }]])]));
  return evaluateClass({
    class: { id: "k50", name: "Lớp bồi dưỡng khoá I", timeZone: TZ, sessions, reportDeadline: "2026-12-05T10:00:00Z" },
    learners,
    preRegistered: { total: 0, claimed: 0 },
    attendance,
    reports,
    ratings,
    notes: [{ topic: "class", text: "=1+2 góp ý", at: "2026-12-04", anonymous: true }],
    reflections: new Map(),
    followups: new Map(),
    now: new Date("2026-12-20T00:00:00Z"),
  });
}

const ev = classOf(50);

async function workbook(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    Buffer.from(await evaluationXlsx(ev, t, { centre: "Trung tâm Chính trị huyện Phú Vang" })) as never,
  );
  return wb;
}

describe("the evaluation workbook a coordinator opens", () => {
  it("writes attendance as numbers and session columns named by lesson and date", async () => {
    const ws = (await workbook()).getWorksheet("Học viên");
    expect(ws).toBeDefined();
    if (!ws) return;
    expect(String(ws.getCell(1, 1).value)).toBe(
      "Trung tâm Chính trị huyện Phú Vang · Lớp bồi dưỡng khoá I (k50) · 30/11/2026 – 04/12/2026",
    );
    const header = (ws.getRow(2).values as unknown[]).slice(1).map(String);
    expect(header.slice(0, 5)).toEqual(["STT", "Họ tên", "Đơn vị", "Chức vụ", "Bài 1 · 30/11 sáng"]);
    expect(header[5]).toBe("Bài 2 · 30/11 chiều");
    const attended = header.indexOf("Số buổi có mặt") + 1;
    const share = header.indexOf("Tỉ lệ có mặt") + 1;
    for (let r = 3; r < 3 + 50; r++) {
      expect(typeof ws.getCell(r, attended).value).toBe("number");
      expect(typeof ws.getCell(r, attended + 1).value).toBe("number");
      expect(typeof ws.getCell(r, 5).value).toBe("number");
    }
    expect(ws.getCell(3, share).numFmt).toBe("0%");
    const first = ev.learners[0]?.certificate;
    expect(ws.getCell(3, share).value).toBeCloseTo((first?.attended ?? 0) / (first?.counted ?? 1), 5);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2, xSplit: 2 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(20);
  });

  it("writes dates as date cells with a day-first format", async () => {
    const ws = (await workbook()).getWorksheet("Buổi học");
    const when = ws?.getCell(3, 3);
    expect(when?.value).toBeInstanceOf(Date);
    expect(when?.numFmt).toBe("dd/mm/yyyy hh:mm");
    // 30/11/2026 07:30 in Hà Nội, stored as Excel stores local dates.
    expect(when?.value).toEqual(new Date("2026-11-30T07:30:00.000Z"));
    const summary = (await workbook()).getWorksheet("Tổng hợp");
    let deadline: unknown;
    summary?.eachRow((row) => {
      if (row.getCell(1).value === "Hạn nộp thu hoạch") deadline = row.getCell(2).value;
    });
    expect(deadline).toBeInstanceOf(Date);
  });

  it("never turns typed text into a formula, and has no emoji in any cell", async () => {
    const wb = await workbook();
    const texts: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula).toBeUndefined();
          if (typeof cell.value === "string") texts.push(cell.value);
        }),
      ),
    );
    expect(texts).toEqual(expect.arrayContaining([...TYPED, "=CMD|' /C calc'!A0", "-Tốt, =SUM(A1)", "=1+2 góp ý"]));
    expect(texts.filter((s) => /\p{Extended_Pictographic}/u.test(s))).toEqual([]);
  });

  it("prints: landscape or portrait, one page wide, title and header repeated", async () => {
    const wb = await workbook();
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup, ws.name).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 });
      expect(ws.pageSetup.printTitlesRow, ws.name).toMatch(/^\d+:\d+$/);
    }
    expect(wb.getWorksheet("Học viên")?.pageSetup.orientation).toBe("landscape");
    expect(wb.getWorksheet("Học viên")?.pageSetup.printTitlesRow).toBe("1:2");
  });

  it("lays out the certificate list with exactly the eligible learners and a signature block", async () => {
    const ws = (await workbook()).getWorksheet("Đề nghị cấp giấy chứng nhận");
    expect(ws).toBeDefined();
    if (!ws) return;
    expect(ws.getCell("A3").value).toBe("DANH SÁCH ĐỀ NGHỊ CẤP GIẤY CHỨNG NHẬN");
    expect(ws.getCell("A1").value).toBe("TRUNG TÂM CHÍNH TRỊ HUYỆN PHÚ VANG");
    expect((ws.getRow(6).values as unknown[]).slice(1)).toEqual([
      "STT",
      "Họ và tên",
      "Đơn vị",
      "Chức vụ",
      "Số buổi",
      "Xếp loại thu hoạch",
      "Ghi chú",
    ]);
    const names: string[] = [];
    for (let r = 7; typeof ws.getCell(r, 1).value === "number"; r++) {
      names.push(String(ws.getCell(r, 2).value));
      expect(typeof ws.getCell(r, 5).value).toBe("number");
    }
    expect(ev.eligible.length).toBeGreaterThan(10);
    expect(ev.eligible.length).toBeLessThan(50);
    expect(names).toEqual(ev.eligible.map((l) => l.name));
    const all: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => all.push(String(c.value))));
    expect(all).toEqual(expect.arrayContaining(["NGƯỜI LẬP DANH SÁCH", "GIÁM ĐỐC TRUNG TÂM", "(Ký, ghi rõ họ tên)"]));
    expect(ws.pageSetup).toMatchObject({ orientation: "portrait", printTitlesRow: "6:6" });
  });
});

describe("the evaluation chart", () => {
  it("is a PNG of attendance and average rating per session", async () => {
    const png = await evaluationChartPng(ev, t);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR: width and height, big-endian, right after the signature and the chunk header.
    expect(png.readUInt32BE(16)).toBeGreaterThan(800);
    expect(png.readUInt32BE(20)).toBeGreaterThan(400);
  });
});

describe("the evaluation CSV", () => {
  it("starts with a BOM, escapes every leading = + - @, and offers ; for Vietnamese Excel", () => {
    const bytes = evaluationCsv(ev, t, { delimiter: ";" });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text).toContain("\r\n");
    const header = text.slice(1).split("\r\n")[0]?.split(";") ?? [];
    expect(header.slice(0, 5)).toEqual(["STT", "Họ tên", "Đơn vị", "Chức vụ", "Bài 1 · 30/11 sáng"]);
    const rows = parseCsv(evaluationCsv(ev, t).toString("utf8"));
    for (const row of rows) for (const cell of row) expect(cell, cell).not.toMatch(/^[=+\-@]/);
    expect(rows.map((r) => r[1])).toEqual(expect.arrayContaining(TYPED.map((typed) => `'${typed}`)));
    const share = rows[0]?.indexOf("Tỉ lệ có mặt (%)") ?? -1;
    expect(rows[1]?.[share]).toMatch(/^\d{1,3}$/);
  });
});

describe.skipIf(!existsSync("/usr/bin/soffice") && !existsSync("/usr/bin/libreoffice"))(
  "printed with LibreOffice",
  () => {
    it("converts the workbook to PDF", async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "trogiang-pdf-"));
      const file = path.join(dir, "danh-gia.xlsx");
      writeFileSync(file, await evaluationXlsx(ev, t, { centre: "Trung tâm Chính trị huyện Phú Vang" }));
      execFileSync("soffice", ["--headless", "--convert-to", "pdf", "--outdir", dir, file], { timeout: 120_000 });
      expect(existsSync(path.join(dir, "danh-gia.pdf"))).toBe(true);
    }, 150_000);
  },
);
