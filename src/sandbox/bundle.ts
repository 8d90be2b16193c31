/**
 * The sandbox page: `web/app.ts` bundled by esbuild into `dist/sandbox/app.js` (git-ignored), with the list of
 * files it was built from beside it, and the page's HTML and CSS copied there too, so an install of the build needs
 * neither src/ nor esbuild.
 *
 * `npm run build:sandbox` (and `npm run build`) builds it. The sandbox server builds it only when it is missing or
 * older than one of those files (a fresh clone, an edited app.ts) and says so; otherwise a start just reads the
 * files. Without the sources (an install of the build) a bundle that is there is taken as it is.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { INSTALL_ROOT as ROOT } from "../paths.js";

const WEB_SOURCES = path.join(ROOT, "src", "sandbox", "web");
const ENTRY = path.join(WEB_SOURCES, "app.ts");
/** The folder the page is served from: app.js, index.html, style.css. */
export const PAGE_DIR = path.join(ROOT, "dist", "sandbox");
export const BUNDLE = path.join(PAGE_DIR, "app.js");
const STATIC_FILES = ["index.html", "style.css"] as const;
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
  if (STATIC_FILES.some((name) => !existsSync(path.join(PAGE_DIR, name)))) return "missing";
  if (!existsSync(ENTRY)) return "fresh";
  for (const input of inputs) {
    const changedAt = await stat(path.join(ROOT, String(input))).then(
      (s) => s.mtimeMs,
      () => Number.POSITIVE_INFINITY,
    );
    if (changedAt > builtAt) return "stale";
  }
  return "fresh";
}

export async function buildWebBundle(): Promise<void> {
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
  for (const name of STATIC_FILES) {
    await writeAtomically(path.join(PAGE_DIR, name), await readFile(path.join(WEB_SOURCES, name), "utf8"));
  }
  const inputs = [...Object.keys(out.metafile.inputs), ...STATIC_FILES.map((n) => `src/sandbox/web/${n}`)];
  // The inputs first: a bundle seen without them counts as missing and is rebuilt, never trusted.
  await writeAtomically(INPUTS, JSON.stringify(inputs));
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
