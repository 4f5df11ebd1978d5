import { randomBytes } from "node:crypto";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** How the temporary files' names start, for a cache's clean-up to recognise those a killed build left. */
export const TEMPORARY_PREFIX = ".tmp-";

/**
 * Writes through a temporary file beside `target` renamed into place, so that a concurrent build reading it
 * sees the whole file or none. Best effort, for caches: false if it could not be written.
 */
export function tryWriteAtomically(target: string, data: string | Uint8Array): boolean {
  const temporary = join(dirname(target), `${TEMPORARY_PREFIX}${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, target);
    return true;
  } catch {
    rmSync(temporary, { force: true });
    return false;
  }
}
