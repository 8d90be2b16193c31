import { afterEach, describe, expect, it } from "vitest";
import { clock, setUpClass } from "../helpers/coursework.js";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function importList(classId: string): Promise<void> {
  await h.store.classes.importLearners(classId, [
    { fullName: "Nguyễn Văn An", unit: "Chi bộ thôn Đông", importedBy: users.lan.id },
    { fullName: "Đỗ Thị Dung", unit: "Chi bộ thôn Nam", phone: "0912345678", importedBy: users.lan.id },
    { fullName: "Hoàng Văn Em", unit: "Chi bộ thôn Bắc", username: "hoang_em" },
  ]);
  const an = await h.store.classes.matchPreRegistered(classId, { fullName: "Nguyễn Văn An" });
  if (an) await h.store.classes.claimPreRegistered(classId, an, users.an.id);
}

describe("a coordinator sees who of the imported list has joined", () => {
  it("the class card counts them, the list names them, and a reminder goes through the person who imported them", async () => {
    h = await createHarness({ now: clock().now });
    const record = await setUpClass(h);
    await importList(record.id);
    h.emu.openChat(users.coordinator);
    await h.say(users.coordinator, "/classes");
    const card = h.texts(await h.tap(users.coordinator, "Lớp bồi dưỡng khoá I")).join("\n");
    expect(card).toContain("📋 Danh sách nhập sẵn: 3 người — đã vào 1, chưa vào 2");
    const list = h.texts(await h.tap(users.coordinator, "📋 Danh sách nhập sẵn")).join("\n");
    expect(list).toContain("⏳ Chưa vào lớp (2)");
    expect(list).toContain("• Đỗ Thị Dung — Chi bộ thôn Nam");
    expect(list).toContain("• Hoàng Văn Em — Chi bộ thôn Bắc");
    expect(list).toContain("✅ Đã vào lớp (1)");
    expect(list.indexOf("Nguyễn Văn An")).toBeGreaterThan(list.indexOf("Đã vào lớp"));

    const done = h.texts(await h.tap(users.coordinator, "Nhắc qua người nhập")).join("\n");
    expect(done).toContain("Đã nhắc 1 người nhập danh sách (về 1 học viên chưa vào)");
    expect(done).toContain("1 học viên không rõ người nhập");
    const toLan = h.last(users.lan).text ?? "";
    expect(toLan).toContain("1 người bạn đã nhập danh sách chưa vào lớp");
    expect(toLan).toContain("Đỗ Thị Dung");
    expect(toLan).not.toContain("Hoàng Văn Em");
    expect(toLan).toContain(`?start=${record.learnerCode}`);

    const calls = await h.tap(users.coordinator, "Danh sách chưa vào");
    const exported = h.texts(calls).join("\n");
    const file = calls.find((c) => c.method === "sendDocument");
    const csv = Buffer.from(
      h.emu.files.get((file?.result as { document?: { file_id: string } })?.document?.file_id ?? "")?.data ?? [],
    ).toString("utf8");
    expect(csv).toContain("Đỗ Thị Dung,Chi bộ thôn Nam,0912345678,");
    expect(csv).toContain("Hoàng Văn Em,Chi bộ thôn Bắc,,hoang_em");
    expect(exported).toContain("• Đỗ Thị Dung — Chi bộ thôn Nam — 0912345678");
    expect(exported).toContain("• Hoàng Văn Em — Chi bộ thôn Bắc — @hoang_em");
  });

  it("/evaluation names the imported learners who have not joined", async () => {
    h = await createHarness({ now: clock().now });
    const record = await setUpClass(h);
    await importList(record.id);
    h.emu.openChat(users.coordinator);
    const shown = (await h.say(users.coordinator, `/evaluation ${record.id}`)).join("\n");
    expect(shown).toContain("⏳ Chưa vào lớp (2)");
    expect(shown).toContain("Đỗ Thị Dung");
  });

  it("a learner's forged roster button is refused", async () => {
    h = await createHarness({ now: clock().now });
    const record = await setUpClass(h);
    await importList(record.id);
    await h.say(users.an, "/help");
    const calls = await h.run(h.emu.click(users.an, h.last(users.an).message_id, `rst:n:${record.id}`));
    expect(JSON.stringify(calls.map((c) => c.payload))).toContain("chỉ dành cho");
    expect(h.emu.botMessages(users.lan.id)).toEqual([]);
  });
});
