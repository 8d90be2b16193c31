/**
 * `npm run build`: the production build in dist/, started with `node dist/main.js`.
 *
 * esbuild bundles our code (the dependencies stay in node_modules, imported as they are) into one file per entry —
 * the bot, the admin CLI, webhook:set, content:check — with code shared between them, and the sandbox in chunks
 * loaded only when the sandbox runs. Then the sandbox page is built beside it, so an install of the build needs
 * neither src/ nor tsx nor esbuild. Paths to locales/ and content/ are found from the install (src/paths.ts).
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import { INSTALL_ROOT } from "../src/paths.js";
import { buildWebBundle } from "../src/sandbox/bundle.js";

const DIST = path.join(INSTALL_ROOT, "dist");
const ENTRIES = ["src/main.ts", "src/cli.ts", "src/webhook-set.ts", "src/content/check.ts"];

const started = Date.now();
// Chunks are named by hash: old ones are removed so dist/ holds only this build.
await rm(path.join(DIST, "chunks"), { recursive: true, force: true });
await build({
  absWorkingDir: INSTALL_ROOT,
  entryPoints: ENTRIES,
  outdir: DIST,
  outbase: "src",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  chunkNames: "chunks/[name]-[hash]",
  sourcemap: "linked",
  logLevel: "warning",
});
await buildWebBundle();
process.stdout.write(
  `build: ${ENTRIES.map((e) => path.join("dist", path.relative("src", e)).replace(/\.ts$/, ".js")).join(", ")} ` +
    `and dist/sandbox/ in ${Date.now() - started} ms\n`,
);
