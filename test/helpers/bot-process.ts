/**
 * The bot as a separate process (`npm start`, or the build's `node dist/main.js`), polling, for the end-to-end
 * tests: its output is collected, waits time out with that output in the message, and it is stopped as a process
 * group (npm → tsx → node), or with a signal to its own pid alone (`terminate`), as a service manager does.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface BotProcess {
  readonly proc: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  log(): string;
  /** Polls `probe` until it returns a value; on timeout throws with the bot's output. */
  waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
  /** SIGTERM to the process group, resolved when the process exited (at once if it already had). */
  stop(): Promise<void>;
  /** SIGTERM to this pid only; resolves with the exit code and how long the stop took. */
  terminate(): Promise<{ code: number | null; ms: number }>;
  /** The HTTP port the bot logged (PORT=0 takes a free one). */
  httpPort(): Promise<number>;
}

interface StartOptions {
  /** `npm start` (tsx) by default; `dist` runs `node dist/main.js` (build first). */
  run?: "npm" | "dist";
  /** More environment (METRICS_PATH …). */
  env?: Record<string, string>;
  cwd?: string;
}

const DIST_MAIN = fileURLToPath(new URL("../../dist/main.js", import.meta.url));

export async function startBotProcess(
  env: { token: string; apiRoot: string; redisUrl: string },
  opts: StartOptions = {},
): Promise<BotProcess> {
  let output = "";
  const [command, args] = opts.run === "dist" ? [process.execPath, [DIST_MAIN]] : ["npm", ["start"]];
  const proc = spawn(command, args, {
    cwd: opts.cwd,
    env: {
      ...process.env,
      BOT_TOKEN: env.token,
      TELEGRAM_API_ROOT: env.apiRoot,
      REDIS_URL: env.redisUrl,
      BOT_MODE: "polling",
      LOG_LEVEL: "info",
      COORDINATOR_IDS: "",
      // The health check's port: any free one, so test files running side by side do not collide.
      PORT: "0",
      ...opts.env,
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
    async terminate() {
      const started = Date.now();
      const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
      if (proc.pid) process.kill(proc.pid, "SIGTERM");
      const code = await exited;
      return { code, ms: Date.now() - started };
    },
    httpPort: () =>
      bot.waitFor("the bot's HTTP port", async () => {
        const m = /"port":(\d+)[^\n]*GET \/healthz/.exec(output);
        return m ? Number(m[1]) : undefined;
      }),
  };
  await bot.waitFor("the bot to start polling", async () =>
    output.includes("polling for updates") ? true : undefined,
  );
  return bot;
}
