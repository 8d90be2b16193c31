/**
 * Runs the limited fake Bot API as its own process (`npm run bench:broadcast` does), so the server's clock and
 * event loop are not the worker's — as with the real Telegram. Options as JSON in argv[2]; prints the URL.
 */
import { type LimitedBotApiOptions, startLimitedBotApi } from "./limited-bot-api.js";

const opts = JSON.parse(process.argv[2] ?? "{}") as LimitedBotApiOptions & { blocked?: number[] };
const api = await startLimitedBotApi(opts);
process.stdout.write(`${api.url}\n`);
process.on("SIGTERM", () => {
  void api.stop().then(() => process.exit(0));
});
