import { afterEach, describe, expect, it } from "vitest";
import { setUpClass } from "../helpers/coursework.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe("a declined question goes to the instructor as asked", () => {
  it("«Hỏi giảng viên» under a decline offers to send that question, not a blank one", async () => {
    h = await createHarness();
    await setUpClass(h);
    expect((await h.say(users.an, "học phí lớp này bao nhiêu tiền vậy")).join("\n")).toContain(
      "tài liệu của lớp không có",
    );
    const confirm = h.texts(await h.tap(users.an, "Hỏi giảng viên")).join("\n");
    expect(confirm).toContain("Gửi câu hỏi này tới giảng viên lớp");
    expect(confirm).toContain("học phí lớp này bao nhiêu tiền");
  });

  it("«Hỏi giảng viên» under an answer to a long message offers the whole message, story and all", async () => {
    h = await createHarness();
    await setUpClass(h);
    await h.say(
      users.an,
      "Chào thầy, chi bộ tôi có đảng viên chuyển sinh hoạt từ Nghệ An vào Đồng Nai. Xin hỏi cần những giấy tờ gì?",
    );
    const confirm = h.texts(await h.tap(users.an, "Hỏi giảng viên")).join("\n");
    expect(confirm).toContain("Gửi câu hỏi này tới giảng viên lớp");
    // The instructor needs the case told before the question, not only «cần những giấy tờ gì?».
    expect(confirm).toContain(
      "chi bộ tôi có đảng viên chuyển sinh hoạt từ Nghệ An vào Đồng Nai. Xin hỏi cần những giấy tờ gì?",
    );
  });
});
