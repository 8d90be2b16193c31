/**
 * One learner cannot grow Redis without a bound by resubmitting: the centre's quota (REPORT_VERSIONS_KEPT) keeps the
 * latest N versions whole, older ones keep a summary (number, time, size, grade) with their parts dropped, numbering
 * goes on monotonically, the learner is told before sending past the limit, and the instructor opening an old
 * version is told what is left of it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { clock, setUpClass, submitTextReport } from "../helpers/coursework.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("report versions beyond the centre's quota", () => {
  it("keeps the latest N whole, summarises the older ones, says so to the learner and the instructor", async () => {
    h = await createHarness({ now: clock(new Date("2026-12-07T08:00:00Z")).now, env: { REPORT_VERSIONS_KEPT: "2" } });
    const record = await setUpClass(h);
    const first = await submitTextReport(h, users.an, "Bản đầu tiên, khá dài để thấy dung lượng");
    expect(first.intro).not.toContain("chỉ giữ đầy đủ");
    await h.say(users.lan, "/reports");
    await h.tap(users.lan, "Nguyễn Văn An");
    await h.tap(users.lan, "Khá");
    await h.tap(users.lan, "Không nhận xét");
    await submitTextReport(h, users.an, "Bản thứ hai");

    // At the limit: told before sending that version 1 would keep only its summary.
    const third = await submitTextReport(h, users.an, "Bản thứ ba");
    expect(third.intro).toContain(
      "Bạn đã có 2 phiên bản; mỗi bản thu hoạch chỉ giữ đầy đủ 2 phiên bản gần nhất. Nếu nộp thêm, phiên bản 1 sẽ chỉ còn bản tóm tắt",
    );
    expect(third.receipt).toContain("Phiên bản: 3");

    const versions = await h.store.reports.versions(record.id, users.an.id);
    expect(versions.map((v) => [v.version, v.parts.length])).toEqual([
      [1, 0],
      [2, 1],
      [3, 1],
    ]);
    expect(versions[0]?.dropped).toEqual({
      parts: 1,
      bytes: Buffer.byteLength("Bản đầu tiên, khá dài để thấy dung lượng"),
      grade: "kha",
    });

    // The instructor opens version 1: its grade and what is left of it, not an empty report.
    await h.say(users.lan, "/reports");
    await h.tap(users.lan, "Nguyễn Văn An");
    const opened = h.texts(await h.tap(users.lan, "Lần 1")).join("\n");
    expect(opened).toContain("Phiên bản 1/3");
    expect(opened).toContain("Phiên bản này đã chấm: Khá");
    expect(opened).toContain("Phiên bản này chỉ còn bản tóm tắt: 1 phần, khoảng 1 KB");
    expect(opened).not.toContain("Bản đầu tiên");
  });

  it("a centre's coordinator sets its own number (/versions); its classes keep that many, others the default", async () => {
    h = await createHarness({ now: clock(new Date("2026-12-07T08:00:00Z")).now });
    const record = await setUpClass(h);
    await h.store.classes.save({ ...record, centre: "TTCT Đông Anh" });
    h.emu.openChat(users.coordinator);
    expect((await h.say(users.coordinator, "/versions")).join("\n")).toContain(
      "• TTCT Đông Anh: 5 phiên bản (mặc định)",
    );
    expect((await h.say(users.coordinator, "/versions 99")).join("\n")).toContain("từ 1 đến 50");
    expect((await h.say(users.coordinator, "/versions 1")).join("\n")).toContain(
      "Đã đặt cho TTCT Đông Anh: mỗi bản thu hoạch giữ đầy đủ 1 phiên bản gần nhất",
    );
    // A learner cannot change it: the command is not theirs.
    await h.say(users.an, "/versions 50");
    expect(await h.store.reports.versionsKept("TTCT Đông Anh", 5)).toBe(1);

    await submitTextReport(h, users.an, "Bản đầu tiên");
    const second = await submitTextReport(h, users.an, "Bản thứ hai");
    expect(second.intro).toContain(
      "chỉ giữ đầy đủ 1 phiên bản gần nhất. Nếu nộp thêm, phiên bản 1 sẽ chỉ còn bản tóm tắt",
    );
    expect(second.receipt).toContain("Phiên bản: 2");
    expect((await h.store.reports.versions(record.id, users.an.id)).map((v) => v.parts.length)).toEqual([0, 1]);
  });
});
