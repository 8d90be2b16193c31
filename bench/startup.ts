/**
 * `npm run bench:startup` — how long the bot takes from spawn to serving, and the memory all its processes hold
 * then: the build (`node dist/main.js`, what the deployment files run) against `npm start` (npm → sh → tsx →
 * node). Both run the sandbox (no token, in memory), which needs nothing else on the machine; "ready" is the moment
 * GET /healthz answers 200. Builds first. Prints a table; asserts nothing. `--rounds N` (default 5), medians shown.
 */
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { INSTALL_ROOT } from "../src/paths.js";
import { freePort } from "../test/helpers/redis-server.js";

const rounds = Number(process.argv[process.argv.indexOf("--rounds") + 1]) || 5;

/** Resident memory of every process in the group (npm start is several), from /proc. */
function groupRssMb(pgid: number): number {
  const out = execFileSync("ps", ["-o", "pid=", "-g", String(pgid)], { encoding: "utf8" });
  let kb = 0;
  for (const pid of out
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      kb += m ? Number(m[1]) : 0;
    } catch {
      // gone between ps and the read
    }
  }
  return kb / 1024;
}

async function once(command: string, args: string[]): Promise<{ ms: number; rssMb: number; processes: number }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), LOG_LEVEL: "warn" };
  for (const name of ["BOT_TOKEN", "REDIS_URL", "STORAGE"]) delete env[name];
  const started = performance.now();
  const proc = spawn(command, args, { cwd: INSTALL_ROOT, env, stdio: "ignore", detached: true });
  const pgid = proc.pid ?? 0;
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (performance.now() - started > 60_000) throw new Error(`${command} did not become ready in 60 s`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const ms = performance.now() - started;
    // Memory once settled a moment after the first answer.
    await new Promise((r) => setTimeout(r, 500));
    const processes = execFileSync("ps", ["-o", "pid=", "-g", String(pgid)], { encoding: "utf8" })
      .split("\n")
      .filter((l) => l.trim()).length;
    return { ms, rssMb: groupRssMb(pgid), processes };
  } finally {
    const exited = new Promise((r) => proc.once("exit", r));
    process.kill(-pgid, "SIGTERM");
    await exited;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

execFileSync("npm", ["run", "build"], { cwd: INSTALL_ROOT, stdio: "ignore" });
const runs = {
  "node dist/main.js": [process.execPath, ["dist/main.js"]] as const,
  "npm start": ["npm", ["start"]] as const,
};
const results: Record<string, { ms: number[]; rss: number[]; processes: number }> = {};
for (let i = 0; i < rounds; i++) {
  // Interleaved, so both share the machine's conditions.
  for (const [name, [command, args]] of Object.entries(runs)) {
    const r = await once(command, [...args]);
    const row = results[name] ?? { ms: [], rss: [], processes: r.processes };
    row.ms.push(r.ms);
    row.rss.push(r.rssMb);
    results[name] = row;
  }
}
process.stdout.write(`startup (sandbox, ready = GET /healthz 200), median of ${rounds}, node ${process.version}\n`);
for (const [name, r] of Object.entries(results)) {
  process.stdout.write(
    `  ${name.padEnd(18)} ${median(r.ms).toFixed(0).padStart(6)} ms   ${median(r.rss).toFixed(0).padStart(4)} MB RSS in ${r.processes} process(es)\n`,
  );
}
