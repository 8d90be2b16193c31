/**
 * Where the install is: the nearest folder above this module that holds package.json. The same answer whether the
 * code runs from src/ (tsx) or from the build in dist/, and whatever the working directory (systemd, Docker), so
 * locales/, content/ and the sandbox page are found beside the install.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return from;
  }
}

export const INSTALL_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the install. */
export const installPath = (...parts: string[]): string => path.join(INSTALL_ROOT, ...parts);
