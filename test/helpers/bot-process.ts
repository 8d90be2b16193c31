/**
 * The bot as a separate process (`npm start`, polling), for the end-to-end tests: its output is collected, waits
 * time out with that output in the message, and it is stopped as a process group (npm → tsx → node).
 */
import { type ChildProcess, spawn } from "node:child_process";

export interface BotProcess {
  readonly proc: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  log(): string;
  /** Polls `probe` until it returns a value; on timeout throws with the bot's output. */
  waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
  /** SIGTERM to the process group, resolved when the process exited (at once if it already had). */
  stop(): Promise<void>;
}

export async function startBotProcess(env: { token: string; apiRoot: string; redisUrl: string }): Promise<BotProcess> {
  let output = "";
  const proc = spawn("npm", ["start"], {
    env: {
      ...process.env,
      BOT_TOKEN: env.token,
      TELEGRAM_API_ROOT: env.apiRoot,
      REDIS_URL: env.redisUrl,
      BOT_MODE: "polling",
      LOG_LEVEL: "info",
      COORDINATOR_IDS: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  proc.stdout?.on("data", (d) => {
    output += d;
  });
  proc.stderr?.on("data", (d) => {
    output += d;
  });
  const bot: BotProcess = {
    proc,
    log: () => output,
    async waitFor(what, probe, timeoutMs = 25_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const v = await probe();
        if (v !== undefined) return v;
        await new Promise((r) => setTimeout(r, 150));
      }
      throw new Error(`timed out waiting for ${what}\n--- bot output ---\n${output}`);
    },
    async stop() {
      if (!proc.pid || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once("exit", r));
      process.kill(-proc.pid, "SIGTERM");
      await exited;
    },
  };
  await bot.waitFor("the bot to start polling", async () =>
    output.includes("polling for updates") ? true : undefined,
  );
  return bot;
}
