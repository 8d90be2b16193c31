import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, users } from "../helpers/harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe("a coordinator appoints another coordinator", () => {
  it("by @username: the person is told, becomes a coordinator, and gets the coordinator commands", async () => {
    h = await createHarness();
    await h.say(users.an, "/start"); // the bot knows An (@an_nguyen) from now on
    expect((await h.say(users.an, "/help"))[0]).toContain("vai trò: học viên");
    const [reply] = await h.say(users.coordinator, "/appoint @An_Nguyen");
    expect(reply).toBe("Đã bổ nhiệm An Nguyễn làm cán bộ quản lý lớp.");
    expect(h.last(users.an).text).toContain("bổ nhiệm làm cán bộ quản lý lớp");
    const menu = h.emu.calls.filter(
      (c) => c.method === "setMyCommands" && (c.payload.scope as { chat_id?: number })?.chat_id === users.an.id,
    );
    const commands = (menu.at(-1)?.payload.commands ?? []) as { command: string }[];
    expect(commands.map((c) => c.command)).toContain("evaluation");
    expect((await h.say(users.an, "/help"))[0]).toContain("vai trò: cán bộ quản lý lớp");
    expect(await h.say(users.coordinator, "/appoint @an_nguyen")).toEqual([expect.stringContaining("đã là")]);
  });

  it("by Telegram id, and dismissed again with /unappoint (config coordinators and oneself cannot be)", async () => {
    h = await createHarness();
    await h.say(users.binh, "/start");
    await h.say(users.coordinator, `/appoint ${users.binh.id}`);
    expect(await h.store.users.isCoordinator(users.binh.id)).toBe(true);
    expect(await h.say(users.binh, `/unappoint ${users.coordinator.id}`)).toEqual([
      expect.stringContaining("theo cấu hình (COORDINATOR_IDS)"),
    ]);
    expect(await h.say(users.binh, `/unappoint ${users.binh.id}`)).toEqual([expect.stringContaining("tự thôi")]);
    expect(await h.say(users.coordinator, `/unappoint ${users.binh.id}`)).toEqual([
      expect.stringContaining("không còn là cán bộ quản lý lớp"),
    ]);
    expect(await h.store.users.isCoordinator(users.binh.id)).toBe(false);
    expect((await h.say(users.binh, "/help"))[0]).toContain("vai trò: học viên");
  });

  it("explains the usage, and says when the person has never talked to the bot", async () => {
    h = await createHarness();
    expect(await h.say(users.coordinator, "/appoint")).toEqual([expect.stringContaining("/appoint @")]);
    expect(await h.say(users.coordinator, "/appoint @ai_do_khac")).toEqual([
      expect.stringContaining("Không tìm thấy @ai_do_khac"),
    ]);
  });

  it("a learner cannot appoint anyone, and nothing changes", async () => {
    h = await createHarness();
    await h.say(users.binh, "/start");
    expect(await h.say(users.an, `/appoint ${users.binh.id}`)).toEqual([
      expect.stringContaining("chỉ dành cho cán bộ quản lý lớp"),
    ]);
    expect(await h.store.users.isCoordinator(users.binh.id)).toBe(false);
  });
});
