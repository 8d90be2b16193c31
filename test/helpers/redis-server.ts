/**
 * Starts a private `redis-server` on a free port in a temporary directory — tests never touch a Redis they did
 * not start. Used by the global setup, by the end-to-end tests and by the benches.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface RedisServer {
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
  /** Stops the process but keeps its data dir so `restart()` brings the same data back (AOF). */
  kill(): Promise<void>;
  restart(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function hasRedisServer(): boolean {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const { Socket } = await import("node:net");
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = new Socket();
      s.once("connect", () => {
        s.destroy();
        resolve(true);
      });
      s.once("error", () => resolve(false));
      s.connect(port, "127.0.0.1");
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not open port ${port} in ${timeoutMs} ms`);
}

/**
 * Servers still running when this process exits (a bench that crashed or called `process.exit`, a test run
 * interrupted): killed on the way out, so none is left behind holding a port and a temp dir.
 */
const running = new Map<ChildProcess, string>();
let exitHookInstalled = false;
function killOnExit(child: ChildProcess, dir: string): void {
  running.set(child, dir);
  child.once("exit", () => running.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const [proc, path] of running) {
      proc.kill("SIGKILL");
      rmSync(path, { recursive: true, force: true });
    }
  });
}

/**
 * `persistence: false` runs it as a careless deployment would (no AOF, no RDB snapshots): `restart()` then brings it
 * back empty on the same port.
 */
export async function startRedisServer({ persistence = true }: { persistence?: boolean } = {}): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), "trogiang-redis-"));
  const port = await freePort();
  let child: ChildProcess;
  const launch = async () => {
    child = spawn(
      "redis-server",
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--dir",
        dir,
        "--save",
        "",
        "--appendonly",
        persistence ? "yes" : "no",
        "--appendfsync",
        "everysec",
        "--protected-mode",
        "yes",
        "--databases",
        "16",
      ],
      { stdio: "ignore" },
    );
    killOnExit(child, dir);
    await waitForPort(port, child);
  };
  const stopChild = () =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null) return resolve();
      const proc = child;
      // A server busy with a replication link or a rewrite can take long on SIGTERM; a test waits 5 s at most.
      const force = setTimeout(() => proc.kill("SIGKILL"), 5_000);
      proc.once("exit", () => {
        clearTimeout(force);
        resolve();
      });
      proc.kill("SIGTERM");
    });
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    kill: stopChild,
    restart: launch,
    async stop() {
      await stopChild();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
