import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { deleteInBackground, removeDeadTrash } from "../fs/delete-in-background.js";

/**
 * Removes the entries of a content-addressed cache folder that the last build did not use (entry files are
 * named `<key>.<anything>`), but only once they are as many as the used ones: deleting a file costs about as much
 * as writing one, so pruning after every build would make a one-article rebuild pay for the last big change.
 * The folder thus holds at most about two sites' worth. `listed`: the keys the caller found in the folder
 * this build (and those it added), if it listed it. Returns whether it removed any.
 */
export function pruneUnused(dir: string, used: ReadonlySet<string>, listed?: ReadonlySet<string>): boolean {
  // Keys the caller listed this build: when they say there is nothing to prune, the folder is not listed again.
  if (listed && listed.size - used.size < used.size) return false;
  const names = readdirSync(dir);
  const unused = names.filter((name) => !used.has(name.slice(0, name.indexOf("."))));
  if (unused.length < names.length - unused.length) return false;
  for (const name of unused) rmSync(join(dir, name), { force: true });
  return unused.length > 0;
}

/**
 * A cache folder holds one generation per code fingerprint (`<dir>/<generation>/`): entries made by other
 * code can never be used again, so their whole folder is moved aside and deleted in the background. Other
 * files go too, but for those named in `keep`.
 */
export function dropOtherGenerations(dir: string, current: string, keep: readonly string[] = []): void {
  const trashPrefix = join(dir, TRASH_PREFIX);
  removeDeadTrash(trashPrefix);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === current || entry.name.startsWith(TRASH_PREFIX) || keep.includes(entry.name)) continue;
    if (entry.isDirectory()) deleteInBackground(join(dir, entry.name), trashPrefix);
    else rmSync(join(dir, entry.name), { force: true });
  }
}

const TRASH_PREFIX = ".trash-";
