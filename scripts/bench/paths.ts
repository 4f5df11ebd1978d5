import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The fabu project folder: the nearest package.json named "fabu" above this module (source or lib/). */
function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "fabu") return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find the fabu project folder (package.json named fabu) above scripts/bench");
    dir = parent;
  }
}

export const PROJECT_ROOT = findProjectRoot();
/** Peer layouts and configs, read from the source tree (they are not TypeScript, so not in lib/). */
export const BENCH_ASSETS = join(PROJECT_ROOT, "scripts", "bench");
