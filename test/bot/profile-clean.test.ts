/**
 * Names and units are shown to other people (instructors' lists, reports, the evaluation): bidi overrides and
 * invisible characters typed into them, or carried by a Telegram name or an imported list, are removed — the same
 * cleaning for every profile field.
 */
import { afterEach, describe, expect, it } from "vitest";
import { learnerRows } from "../../src/classes/learner-file.js";
import { cleanProfileText } from "../../src/domain/profile.js";
import { clock, setUpClass } from "../helpers/coursework.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const RLO = "\u202E";
const PDF_MARK = "\u202C";

describe("profile fields are cleaned of bidi controls and invisibles", () => {
  it("one cleaning: overrides, isolates, marks, zero-width characters, BOM gone; NFC; spaces made one", () => {
    expect(cleanProfileText(`Chi bộ ${RLO}thôn Đông${PDF_MARK}`)).toBe("Chi bộ thôn Đông");
    expect(cleanProfileText("\u2067Nguyễn\u2069 \u200BVăn\u200D\u200C An\u200E\u200F\u061C\uFEFF\u2060")).toBe(
      "Nguyễn Văn An",
    );
    // Decomposed Vietnamese (as some keyboards send it) is stored composed.
    expect(cleanProfileText("Nguye\u0302\u0303n  \t Văn\nAn")).toBe("Nguyễn Văn An");
    expect(cleanProfileText("Chi bộ\u0000 thôn\u0007 Tây")).toBe("Chi bộ thôn Tây");
  });

  it("a unit with an RTL override is stored and shown cleaned, and so is the name", async () => {
    h = await createHarness();
    await h.say(users.an, "/register");
    await h.say(users.an, `Nguyễn\u200B Văn ${RLO}An`);
    await h.say(users.an, `Chi bộ ${RLO}thôn Đông${PDF_MARK}, xã Hoà Bình`);
    const confirm = h.texts(await h.tap(users.an, "Bí thư chi bộ")).join("\n");
    expect(confirm).toContain("Họ tên: Nguyễn Văn An");
    expect(confirm).toContain("Đơn vị: Chi bộ thôn Đông, xã Hoà Bình");
    await h.tap(users.an, "Đúng, lưu lại");
    expect(await h.store.users.get(users.an.id)).toMatchObject({
      fullName: "Nguyễn Văn An",
      unit: "Chi bộ thôn Đông, xã Hoà Bình",
    });
    expect((await h.say(users.an, "/profile")).join("\n")).not.toMatch(/[\u202A-\u202E\u200B]/);
  });

  it("a Telegram name with an override is stored cleaned; an imported list is cleaned the same way", async () => {
    h = await createHarness({ now: clock().now });
    await setUpClass(h);
    const sly = { id: 7777, first_name: `Học viên ${RLO}lạ`, last_name: "\u200BMới", language_code: "vi" };
    await h.say(sly, "/start");
    expect((await h.store.users.get(sly.id))?.telegramName).toBe("Học viên lạ Mới");
    const { learners } = learnerRows([
      ["Họ và tên", "Đơn vị"],
      [`${RLO}Lê Văn Cường`, `Chi bộ\u2066 thôn Bắc\u2069`],
    ]);
    expect(learners).toEqual([{ fullName: "Lê Văn Cường", unit: "Chi bộ thôn Bắc" }]);
  });
});
