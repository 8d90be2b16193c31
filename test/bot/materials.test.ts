import { afterEach, describe, expect, it } from "vitest";
import { createClass, loadProgramTemplate } from "../../src/classes/service.js";
import { BotApiEmulator } from "../../src/sandbox/emulator/index.js";
import { clock } from "../helpers/coursework.js";
import { buildDocx, buildPdf, hasPdfFont, LOCAL_TOPIC } from "../helpers/documents.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
let h2: Harness | undefined;
afterEach(async () => {
  await h?.close();
  await h2?.close();
  h2 = undefined;
});

const QUESTION = "Chi bộ thôn đối thoại với nhân dân mấy lần?";

/** Two centres, one class each: An learns at Đông Anh, Bình at Sóc Sơn. */
async function twoCentres(h: Harness) {
  const template = loadProgramTemplate("content");
  const base = { startDate: "2026-12-01", variant: 5 as const, timeZone: "Asia/Ho_Chi_Minh" };
  const dongAnh = await createClass(
    h.store,
    template,
    { ...base, name: "Lớp Đông Anh I", centre: "TTCT Đông Anh" },
    h.deps.now(),
  );
  const socSon = await createClass(
    h.store,
    template,
    { ...base, name: "Lớp Sóc Sơn I", centre: "TTCT Sóc Sơn" },
    h.deps.now(),
  );
  await h.store.classes.addLearner(dongAnh.id, users.an.id);
  await h.store.classes.addLearner(socSon.id, users.binh.id);
  for (const u of [users.an, users.binh, users.coordinator]) h.emu.openChat(u);
  return { dongAnh, socSon };
}

async function upload(h: Harness, file: { name: string; data: Uint8Array; mime: string }) {
  return h.texts(
    await h.run(h.emu.document(users.coordinator, { file_name: file.name, mime_type: file.mime, data: file.data })),
  );
}

describe.skipIf(!hasPdfFont)("a coordinator uploads the centre's own material", () => {
  it("previews a PDF, stores it for one centre, and its learners get answers citing the file and page", async () => {
    const c = clock(new Date("2026-12-02T02:00:00Z"));
    h = await createHarness({ now: c.now, faq: true });
    await twoCentres(h);
    // A second bot process on the same Redis, running before the upload.
    const emulator = new BotApiEmulator({ now: c.now, firstUpdateId: 10_000 });
    h2 = await createHarness({ now: c.now, faq: true, prefix: h.prefix, emulator });
    h2.emu.openChat(users.an);
    expect((await h2.say(users.an, QUESTION)).join("\n")).not.toContain("chuyen-de.pdf");
    expect((await h.say(users.an, QUESTION)).join("\n")).not.toContain("chuyen-de.pdf");

    expect((await h.say(users.coordinator, "/material")).join("\n")).toContain("DOCX, PDF, ODT");
    const pdf = await buildPdf(LOCAL_TOPIC.title, LOCAL_TOPIC.sections);
    const read = await upload(h, { name: "chuyen-de.pdf", data: pdf, mime: "application/pdf" });
    expect(read.join("\n")).toContain("Ai được đọc tài liệu này?");
    const preview = h.texts(await h.tap(users.coordinator, "Cả trung tâm: TTCT Đông Anh")).join("\n");
    expect(preview).toContain("Tên tài liệu: Chuyên đề: Tình hình tư tưởng ở huyện Đông Anh");
    expect(preview).toContain("• Phần II. Nhiệm vụ của chi bộ thôn");
    expect(preview).toContain("2 trang");
    const saved = h.texts(await h.tap(users.coordinator, "Lưu tài liệu")).join("\n");
    expect(saved).toContain("Đã thêm «chuyen-de.pdf»");

    const answer = (await h.say(users.an, QUESTION)).join("\n");
    expect(answer).toContain("chuyen-de.pdf, tr. 2");
    expect(answer).toContain("Phần II. Nhiệm vụ của chi bộ thôn");
    expect(answer).toMatch(/mỗi quý một lần/);
    // Another centre's learner never gets it.
    expect((await h.say(users.binh, QUESTION)).join("\n")).not.toContain("chuyen-de.pdf");

    // The other process notices the new file on its next search (it looks at most every few seconds).
    c.set(new Date(c.now().getTime() + 5_000));
    expect((await h2.say(users.an, QUESTION)).join("\n")).toContain("chuyen-de.pdf, tr. 2");
  });

  it("replaces a file (old passages gone) and removes one, from /materials", async () => {
    const c = clock(new Date("2026-12-02T02:00:00Z"));
    h = await createHarness({ now: c.now, faq: true });
    await twoCentres(h);
    await h.say(users.coordinator, "/material");
    await upload(h, {
      name: "chuyen-de.pdf",
      data: await buildPdf(LOCAL_TOPIC.title, LOCAL_TOPIC.sections),
      mime: "application/pdf",
    });
    await h.tap(users.coordinator, "Cả trung tâm: TTCT Đông Anh");
    await h.tap(users.coordinator, "Lưu tài liệu");

    const list = (await h.say(users.coordinator, "/materials")).join("\n");
    expect(list).toContain("1. chuyen-de.pdf");
    expect(list).toContain("Cả trung tâm: TTCT Đông Anh");
    expect(h.texts(await h.tap(users.coordinator, "Thay 1")).join("\n")).toContain("Thay tệp «chuyen-de.pdf»");
    const docx = await buildDocx("Chuyên đề: Dân vận ở huyện Đông Anh", [
      {
        heading: "Tổ tự quản bờ sông",
        paragraphs: ["Các tổ tự quản bờ sông họp vào ngày mùng năm hằng tháng để phân công dọn rác ven đê tả ngạn."],
      },
    ]);
    const preview = (
      await upload(h, {
        name: "dan-van.docx",
        data: docx,
        mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      })
    ).join("\n");
    expect(preview).toContain("Tên tài liệu: Chuyên đề: Dân vận ở huyện Đông Anh");
    expect(preview).toContain("Người đọc: Cả trung tâm: TTCT Đông Anh");
    expect(h.texts(await h.tap(users.coordinator, "Lưu tài liệu")).join("\n")).toContain("Đã thay «dan-van.docx»");

    expect((await h.say(users.an, QUESTION)).join("\n")).not.toContain("chuyen-de.pdf");
    expect((await h.say(users.an, "Tổ tự quản bờ sông họp ngày nào?")).join("\n")).toContain("dan-van.docx");

    await h.say(users.coordinator, "/materials");
    await h.tap(users.coordinator, "Xoá 1");
    expect(h.texts(await h.tap(users.coordinator, "Xoá hẳn")).join("\n")).toContain("Đã xoá «dan-van.docx»");
    expect((await h.say(users.an, "Tổ tự quản bờ sông họp ngày nào?")).join("\n")).not.toContain("dan-van.docx");
    expect(await h.store.materials.list()).toEqual([]);
  });

  it("refuses a scanned PDF and a file over 20 MB, saying what to do", async () => {
    h = await createHarness({ faq: true });
    await twoCentres(h);
    await h.say(users.coordinator, "/material");
    const scan = await upload(h, {
      name: "scan.pdf",
      data: await buildPdf("x", [], { text: false }),
      mime: "application/pdf",
    });
    expect(scan.join("\n")).toContain("bản quét");
    expect(scan.join("\n")).toContain("OCR");
    const big = h.texts(
      await h.run(
        h.emu.document(users.coordinator, {
          file_name: "sach.pdf",
          mime_type: "application/pdf",
          file_size: 25 * 1024 * 1024,
        }),
      ),
    );
    expect(big.join("\n")).toContain("lớn hơn 20 MB");
    expect(await h.store.materials.list()).toEqual([]);
  });

  it("a learner cannot start an upload", async () => {
    h = await createHarness({ faq: true });
    await twoCentres(h);
    expect((await h.say(users.an, "/material")).join("\n")).not.toContain("Gửi tệp");
  });
});
