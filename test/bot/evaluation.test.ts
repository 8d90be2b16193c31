import ExcelJS from "exceljs";
import type { Message } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { parseCsv } from "../../src/classes/service.js";
import type { ClassRecord } from "../../src/store/index.js";
import { clock, setUpClass } from "../helpers/coursework.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const ANON_TEXT = "Phòng học hơi nóng, nên có quạt (góp ý ẩn danh)";

/** A finished class: An attended everything, submitted on time and got Khá; Bình attended 5, submitted late. */
async function finishedClass(h: Harness, c: ReturnType<typeof clock>): Promise<ClassRecord> {
  const record = await setUpClass(h);
  for (const s of record.sessions) {
    await h.store.classes.markPresent(record.id, s.id, users.an.id, new Date(s.start));
    if (["s01", "s02", "s03", "s04", "s05"].includes(s.id)) {
      await h.store.classes.markPresent(record.id, s.id, users.binh.id, new Date(s.start));
    }
  }
  // Ratings through the prompt after s01.
  c.set("2026-12-01T04:00:00Z");
  await h.runJobs();
  await h.tap(users.an, "5⭐");
  await h.tap(users.an, "Thêm nhận xét");
  await h.say(users.an, "Bài giảng sát thực tế");
  await h.tap(users.binh, "3⭐");
  // Feedback: named (An) and anonymous (Bình).
  await h.say(users.an, "/feedback");
  await h.tap(users.an, "Lớp học nói chung");
  await h.tap(users.an, "Kèm tên tôi");
  await h.say(users.an, "Tổ chức lớp chu đáo");
  await h.say(users.binh, "/feedback");
  await h.tap(users.binh, "Đề xuất");
  await h.tap(users.binh, "Ẩn danh");
  await h.say(users.binh, ANON_TEXT);
  // Reports: An on time, graded Khá; Bình late, not graded.
  c.set("2026-12-07T09:00:00Z");
  await h.say(users.an, "/report");
  await h.say(users.an, "Bản thu hoạch của An");
  await h.tap(users.an, "Xong");
  await h.tap(users.an, "Nộp");
  await h.say(users.lan, "/reports");
  await h.tap(users.lan, "Nguyễn Văn An");
  await h.tap(users.lan, "Khá");
  await h.say(users.lan, "Tốt");
  c.set("2026-12-09T02:00:00Z");
  await h.say(users.binh, "/report");
  await h.say(users.binh, "Bản thu hoạch của Bình");
  await h.tap(users.binh, "Xong");
  await h.tap(users.binh, "Nộp");
  c.set("2026-12-10T02:00:00Z");
  return record;
}

function documents(calls: { method: string; ok: boolean; result?: unknown }[]): Message["document"][] {
  return calls.filter((x) => x.method === "sendDocument" && x.ok).map((x) => (x.result as Message).document);
}

describe("a coordinator evaluates a class", () => {
  it("gets a readable summary and an XLSX and a CSV that open back with the right rows", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    const record = await finishedClass(h, c);
    const before = h.emu.calls.length;
    await h.say(users.coordinator, "/evaluation");
    const calls = h.emu.calls.slice(before);
    const text = h.texts(calls).join("\n");
    expect(text).toContain(`Đánh giá lớp Lớp bồi dưỡng khoá I (${record.id})`);
    expect(text).toContain("Học viên: 2 đã vào lớp, 2 đã đăng ký hồ sơ");
    expect(text).toContain(
      "s01 Bài 1: Chi bộ, đảng bộ cơ sở lãnh đạo thực hiện nhiệm vụ chính trị ở cơ sở: có mặt 2/2 · đánh giá 4/5 (2)",
    );
    expect(text).toContain("s06 Bài 6: Công tác dân vận: có mặt 1/2");
    expect(text).toContain("Đã nộp 2/2 (muộn 1) · đã chấm 1 · chưa nộp 0");
    expect(text).toContain("Giỏi 0 · Khá 1 · Trung bình 0 · Không đạt 0");
    expect(text).toContain("Đủ điều kiện cấp giấy chứng nhận: 1/2\n1. Nguyễn Văn An");
    expect(text).toContain("Trần Thị Bình: chưa đủ số buổi có mặt; thu hoạch chưa được chấm");
    expect(text).toContain("Nguyễn Văn An: Tổ chức lớp chu đáo");
    expect(text).toContain(`(ẩn danh): ${ANON_TEXT}`);
    expect(text).toContain("[s01] Bài giảng sát thực tế");

    const chart = calls.find((c) => c.method === "sendPhoto");
    expect(chart?.ok).toBe(true);
    const [xlsxDoc, csvDoc] = documents(calls);
    expect(xlsxDoc?.file_name).toBe(`danh-gia-lop-${record.id}.xlsx`);
    expect(csvDoc?.file_name).toBe(`danh-gia-lop-${record.id}.csv`);

    // The XLSX, opened back.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(h.emu.files.get(xlsxDoc?.file_id ?? "")?.data ?? []) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Tổng hợp",
      "Học viên",
      "Buổi học",
      "Góp ý",
      "Khảo sát sau khoá",
      "Đề nghị cấp giấy chứng nhận",
    ]);
    const rows = (name: string) => {
      const out: unknown[][] = [];
      wb.getWorksheet(name)?.eachRow((row) => {
        // Row 1 is the sheet's title (centre · class · dates).
        if (row.number > 1) out.push((row.values as unknown[]).slice(1));
      });
      return out;
    };
    const learners = rows("Học viên");
    expect(learners[0]?.slice(0, 4)).toEqual(["STT", "Họ tên", "Đơn vị", "Chức vụ"]);
    const an = learners.find((r) => r[1] === "Nguyễn Văn An");
    const binh = learners.find((r) => r[1] === "Trần Thị Bình");
    const col = (r: unknown[] | undefined, title: string) => r?.[(learners[0] as unknown[]).indexOf(title)];
    expect(col(an, "Xếp loại")).toBe("Khá");
    expect(col(an, "Nhận xét")).toBe("Tốt");
    expect(col(an, "Giấy chứng nhận")).toBe("Có");
    expect(col(an, "Số buổi có mặt")).toBe(9);
    expect(col(an, "Số buổi tính")).toBe(9);
    expect(col(binh, "Nộp muộn")).toBe("Có");
    expect(col(binh, "Giấy chứng nhận")).toBe("Không");
    expect(col(binh, String(learners[0]?.find((h) => String(h).startsWith("Bài 6 · "))))).toBe(0);
    const sessions = rows("Buổi học");
    expect(sessions[1]?.slice(3, 6)).toEqual([2, 2, 4]);
    const comments = rows("Góp ý");
    const anon = comments.find((r) => r[3] === ANON_TEXT);
    expect(anon?.[2]).toBe("(ẩn danh)");
    expect(comments.find((r) => r[3] === "Tổ chức lớp chu đáo")?.[2]).toBe("Nguyễn Văn An");
    // Anonymity: Bình's name appears nowhere among the comments.
    expect(JSON.stringify(comments)).not.toContain("Bình");

    // The CSV: UTF-8 with BOM, the same learner rows.
    const csvBytes = Buffer.from(h.emu.files.get(csvDoc?.file_id ?? "")?.data ?? []);
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = parseCsv(csvBytes.toString("utf8"));
    expect(csv[0]?.slice(0, 2)).toEqual(["STT", "Họ tên"]);
    expect(csv.slice(1).map((r) => [r[1], r[csv[0]?.indexOf("Xếp loại") ?? -1]])).toEqual([
      ["Nguyễn Văn An", "Khá"],
      ["Trần Thị Bình", ""],
    ]);
  });

  it("tells the eligible learners once; learners and instructors cannot evaluate", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    await finishedClass(h, c);
    await h.say(users.coordinator, "/evaluation");
    expect(h.texts(await h.tap(users.coordinator, "Báo 1 học viên")).join("\n")).toContain("Đã báo 1/1");
    expect(h.last(users.an).text).toContain("Bạn đủ điều kiện được cấp giấy chứng nhận");
    expect(h.texts(await h.tap(users.coordinator, "Báo 1 học viên")).join("\n")).toContain("Đã báo 0/1");
    expect(h.last(users.binh).text).not.toContain("giấy chứng nhận");
    for (const u of [users.an, users.lan]) {
      expect((await h.say(u, "/evaluation")).join("\n")).toContain("cán bộ quản lý lớp");
    }
  });

  it("the follow-up answers and field-visit reflections are in the evaluation", async () => {
    const c = clock();
    h = await createHarness({ now: c.now });
    const record = await finishedClass(h, c);
    await h.store.feedback.addReflection(record.id, "s07", users.an.id, {
      text: "Học cách ghi sổ",
      at: c.now().toISOString(),
    });
    await h.store.feedback.addFollowup(record.id, users.binh.id, {
      applied: "much",
      text: "Đã áp dụng",
      at: c.now().toISOString(),
    });
    const text = (await h.say(users.coordinator, `/evaluation ${record.id}`)).join("\n");
    expect(text).toContain("[s07] Nguyễn Văn An: Học cách ghi sổ");
    expect(text).toContain("Khảo sát sau khoá (1 trả lời)");
    expect(text).toContain("Vận dụng nhiều: 1");
    expect(text).toContain("Trần Thị Bình: Đã áp dụng");
  });
});

describe("the certificate rule is configurable", () => {
  it("CERT_MIN_ATTENDANCE=50 lets Bình's 5 of 9 sessions count; her ungraded report still keeps her off the list", async () => {
    const c = clock();
    h = await createHarness({ now: c.now, env: { CERT_MIN_ATTENDANCE: "50" } });
    await finishedClass(h, c);
    const text = (await h.say(users.coordinator, "/evaluation")).join("\n");
    expect(text).toContain("Trần Thị Bình: thu hoạch chưa được chấm");
    expect(text).not.toContain("chưa đủ số buổi có mặt");
  });
});
