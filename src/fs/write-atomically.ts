import { randomBytes } from "node:crypto";
import { renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** How the temporary files' names start, for a cache's clean-up to recognise those a killed build left. */
export const TEMPORARY_PREFIX = ".tmp-";

/**
 * Writes through a temporary file beside `target` renamed into place, so that a concurrent build reading it
 * sees the whole file or none. Best effort, for caches: false if it could not be written.
 */
export function tryWriteAtomically(target: string, data: string | Uint8Array): boolean {
  const temporary = temporaryBeside(target);
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, target);
    return true;
  } catch {
    rmSync(temporary, { force: true });
    return false;
  }
}

/** A fresh temporary file name in `target`'s folder, for a file to be renamed into place once written. */
export function temporaryBeside(target: string): string {
  return join(dirname(target), `${TEMPORARY_PREFIX}${process.pid}-${randomBytes(4).toString("hex")}`);
}

const STALE_TEMPORARY_MS = 10 * 60_000;

/** A temporary file left by a build killed mid-write: older than any write still in progress. */
export function isStaleTemporary(path: string): boolean {
  if (!basename(path).startsWith(TEMPORARY_PREFIX)) return false;
  try {
    return Date.now() - statSync(path).mtimeMs > STALE_TEMPORARY_MS;
  } catch {
    return false;
  }
}
