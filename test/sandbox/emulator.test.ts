/**
 * What the sandbox needs from the one Bot API emulator beyond the bot tests: the reply keyboard a chat shows now,
 * file downloads at Telegram's `/file/bot<token>/<path>`, and chats opened before the user writes.
 */
import { Api, InputFile } from "grammy";
import { describe, expect, it } from "vitest";
import { BotApiEmulator, type EmulatorEvent } from "../../src/sandbox/emulator/index.js";

const user = { id: 42, first_name: "An", last_name: "Nguyễn" };

function setup() {
  const emu = new BotApiEmulator();
  const api = new Api("1:test", { fetch: emu.fetch } as never);
  const events: EmulatorEvent[] = [];
  emu.onEvent((e) => events.push(e));
  return { emu, api, events };
}

describe("the reply keyboard a chat shows", () => {
  it("stays until replaced or removed; inline keyboards do not touch it", async () => {
    const { emu, api, events } = setup();
    emu.openChat(user);
    expect(emu.replyKeyboard(user.id)).toBeUndefined();
    await api.sendMessage(user.id, "menu", { reply_markup: { keyboard: [[{ text: "A" }, { text: "B" }]] } });
    await api.sendMessage(user.id, "question", {
      reply_markup: { inline_keyboard: [[{ text: "x", callback_data: "x" }]] },
    });
    await api.sendMessage(user.id, "plain");
    expect(
      emu
        .replyKeyboard(user.id)
        ?.keyboard.flat()
        .map((b) => (typeof b === "string" ? b : b.text)),
    ).toEqual(["A", "B"]);
    await api.sendMessage(user.id, "scene", { reply_markup: { remove_keyboard: true } });
    expect(emu.replyKeyboard(user.id)).toBeUndefined();
    expect(
      events.filter((e) => e.type === "reply_keyboard").map((e) => e.type === "reply_keyboard" && !!e.markup),
    ).toEqual([true, false]);
  });
});

describe("the command menu", () => {
  it("resolves as Telegram does: the chat's scope, else the default for the user's language, else the default", async () => {
    const { emu, api } = setup();
    await api.setMyCommands([{ command: "help", description: "Trợ giúp" }]);
    await api.setMyCommands([{ command: "help", description: "Help" }], { language_code: "en" });
    await api.setMyCommands(
      [
        { command: "help", description: "Trợ giúp" },
        { command: "newclass", description: "Mở lớp" },
      ],
      { scope: { type: "chat", chat_id: 7 } },
    );
    expect(emu.commandsFor(42, "vi").map((c) => c.description)).toEqual(["Trợ giúp"]);
    expect(emu.commandsFor(42, "en").map((c) => c.description)).toEqual(["Help"]);
    expect(emu.commandsFor(7, "en").map((c) => c.command)).toEqual(["help", "newclass"]);
    expect(await api.getMyCommands({ language_code: "en" })).toEqual([{ command: "help", description: "Help" }]);
  });
});

describe("files", () => {
  it("what a user sent downloads from the path getFile gives, as the bot would fetch it", async () => {
    const { emu, api } = setup();
    const data = new TextEncoder().encode("nội dung");
    const update = emu.document(user, { file_name: "bai.txt", data });
    const fileId = update.message?.document?.file_id ?? "";
    const file = await api.getFile(fileId);
    expect(file.file_path).toMatch(/^documents\/file_\d+\.txt$/);
    const res = await emu.fetch(`https://api.telegram.org/file/bot1:test/${file.file_path}`);
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(data);
    expect((await emu.fetch("https://api.telegram.org/file/bot1:test/documents/file_999.txt")).status).toBe(404);
  });

  it("gives each file its own path, even with the same name", async () => {
    const { emu, api } = setup();
    const a = emu.document(user, { file_name: "bai.docx", data: new Uint8Array([1]) }).message?.document?.file_id;
    const b = emu.document(user, { file_name: "bai.docx", data: new Uint8Array([2]) }).message?.document?.file_id;
    const [pa, pb] = await Promise.all([api.getFile(a ?? ""), api.getFile(b ?? "")]);
    expect(pa.file_path).not.toBe(pb.file_path);
    expect(emu.fileByPath(pb.file_path ?? "")?.data).toEqual(new Uint8Array([2]));
  });

  it("keeps the bytes of a document the bot uploads, for the page's download link", async () => {
    const { emu, api } = setup();
    const sent = await api.sendDocument(user.id, new InputFile(new TextEncoder().encode("a,b\n"), "xuat.csv"));
    expect(sent.document?.file_name).toBe("xuat.csv");
    expect(new TextDecoder().decode(emu.files.get(sent.document?.file_id ?? "")?.data)).toBe("a,b\n");
  });
});
