/**
 * The in-process Bot API emulator served over real HTTP, for bot PROCESSES (`TELEGRAM_API_ROOT=<url>`): the
 * multi-process webhook test, `npm run bench:webhook` and `webhook:set` tests. Every request is handed to the same
 * `BotApiEmulator.fetch` that in-process tests plug into grammY, so both see identical behaviour, and the test reads
 * `emu.calls` to count what each process sent.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { BotApiEmulator } from "../../src/sandbox/emulator/index.js";

export interface FakeBotApi {
  emu: BotApiEmulator;
  /** Use as TELEGRAM_API_ROOT. */
  url: string;
  server: Server;
  stop(): Promise<void>;
}

export async function startFakeBotApi(emu = new BotApiEmulator()): Promise<FakeBotApi> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
      const body = chunks.length > 0 ? new Uint8Array(Buffer.concat(chunks)) : undefined;
      emu
        .fetch(`http://fake${req.url ?? "/"}`, { method: req.method, headers, body })
        .then(async (response) => {
          res.writeHead(response.status, { "content-type": "application/json" });
          res.end(await response.text());
        })
        .catch((err: unknown) => {
          res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ ok: false, error_code: 500, description: String(err) }));
        });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    emu,
    url: `http://127.0.0.1:${port}`,
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
