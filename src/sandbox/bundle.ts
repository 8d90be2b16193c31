/**
 * The sandbox page's script: `web/app.ts` bundled by esbuild into `dist/sandbox/app.js` (git-ignored), with the
 * list of files it was built from beside it.
 *
 * `npm run build:sandbox` builds it. The sandbox server builds it only when it is missing or older than one of
 * those files (a fresh clone, an edited app.ts) and says so; otherwise a start just reads the file, without esbuild.
 */
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ENTRY = fileURLToPath(new URL("./web/app.ts", import.meta.url));
export const BUNDLE = path.join(ROOT, "dist", "sandbox", "app.js");
/** esbuild's inputs, relative to the repository: what the bundle must not be older than. */
const INPUTS = `${BUNDLE}.inputs.json`;

type BundleState = "missing" | "stale" | "fresh";

async function bundleState(): Promise<BundleState> {
  let builtAt: number;
  let inputs: unknown;
  try {
    builtAt = (await stat(BUNDLE)).mtimeMs;
    inputs = JSON.parse(await readFile(INPUTS, "utf8"));
  } catch {
    return "missing";
  }
  if (!Array.isArray(inputs) || inputs.length === 0) return "missing";
  for (const input of inputs) {
    const changedAt = await stat(path.join(ROOT, String(input))).then(
      (s) => s.mtimeMs,
      () => Number.POSITIVE_INFINITY,
    );
    if (changedAt > builtAt) return "stale";
  }
  return "fresh";
}

async function buildWebBundle(): Promise<void> {
  const esbuild = await import("esbuild");
  const out = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    metafile: true,
    format: "iife",
    platform: "browser",
    target: ["es2020"],
    charset: "utf8",
    logLevel: "silent",
  });
  const file = out.outputFiles[0];
  if (!file) throw new Error("esbuild produced no output for the sandbox page");
  await mkdir(path.dirname(BUNDLE), { recursive: true });
  // The inputs first: a bundle seen without them counts as missing and is rebuilt, never trusted.
  await writeAtomically(INPUTS, JSON.stringify(Object.keys(out.metafile.inputs)));
  await writeAtomically(BUNDLE, file.text);
}

/** Builds the bundle when it is missing or stale; tells which it was, or undefined when it was up to date. */
export async function ensureWebBundle(): Promise<Exclude<BundleState, "fresh"> | undefined> {
  const state = await bundleState();
  if (state === "fresh") return undefined;
  await buildWebBundle();
  return state;
}

/** Another process (a test, a second sandbox) may build at the same time: each renames a whole file into place. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  await buildWebBundle();
  process.stdout.write(`sandbox page: built ${path.relative(ROOT, BUNDLE)}\n`);
}
