import { HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { networkRetry } from "../../src/bot/api-defaults.js";
import { escapeHtml } from "../../src/bot/format.js";

describe("calls to Telegram that fail on the network", () => {
  const ok = { ok: true as const, result: true };

  it("are retried a bounded number of times, then the error reaches the error boundary", async () => {
    let calls = 0;
    const prev = async () => {
      calls++;
      throw new HttpError("Network request for 'sendMessage' failed!", new Error("ECONNRESET"));
    };
    const retry = networkRetry(3, 1);
    await expect(retry(prev as never, "sendMessage", { chat_id: 1, text: "x" }, undefined)).rejects.toBeInstanceOf(
      HttpError,
    );
    expect(calls).toBe(4);
  });

  it("succeed when the network comes back within the attempts", async () => {
    let calls = 0;
    const prev = async () => {
      calls++;
      if (calls < 3) throw new HttpError("Network request failed!", new Error("ETIMEDOUT"));
      return ok;
    };
    expect(await networkRetry(3, 1)(prev as never, "sendMessage", { chat_id: 1, text: "x" }, undefined)).toEqual(ok);
    expect(calls).toBe(3);
  });

  it("other errors are not retried here", async () => {
    let calls = 0;
    const prev = async () => {
      calls++;
      throw new Error("bug");
    };
    await expect(networkRetry(3, 1)(prev as never, "getMe", {}, undefined)).rejects.toThrow("bug");
    expect(calls).toBe(1);
  });
});

describe("user text in HTML replies", () => {
  it("is escaped so Telegram shows it as typed", () => {
    expect(escapeHtml("<b>Chi bộ & Đảng</b>")).toBe("&lt;b&gt;Chi bộ &amp; Đảng&lt;/b&gt;");
  });
});
