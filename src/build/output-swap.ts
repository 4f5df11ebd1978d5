import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { deleteInBackground, isAlive, removeDeadTrash } from "../fs/delete-in-background.js";
import { basename, dirname, join } from "node:path";

/**
 * Pages are written to a staging folder beside the output folder and swapped in only when the whole build
 * succeeded, so readers and CDNs never see a half-written site and a failed build leaves `dist/` as it was.
 */
export function createStagingDir(outputDir: string): string {
  const parent = dirname(outputDir);
  const staging = join(parent, `.${basename(outputDir)}-staging-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    mkdirSync(parent, { recursive: true });
    mkdirSync(staging);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EROFS" || code === "EPERM") throw new OutputNotWritableError(parent, code);
    throw error;
  }
  return staging;
}

/** The output folder's parent cannot be written: say so plainly instead of a stack trace. */
export class OutputNotWritableError extends Error {
  constructor(readonly folder: string, readonly code: string) {
    const reason = code === "EROFS" ? "read-only file system" : code === "ENOENT" ? "it does not exist and cannot be created" : "permission denied";
    super(`cannot write the site: ${folder} is not writable (${reason}); build to another folder with --output DIR`);
    this.name = "OutputNotWritableError";
  }
}

export function discardStaging(staging: string): void {
  rmSync(staging, { recursive: true, force: true });
}

/**
 * Two renames: the old output is moved aside, the new one takes its name. The old one is then deleted by a
 * background process: on a large site, deleting tens of thousands of files takes longer than a rebuild.
 */
export function publishStaging(staging: string, outputDir: string): void {
  recoverInterruptedSwap(outputDir);
  const retired = `${staging}-retired`;
  const hadOutput = existsSync(outputDir);
  if (hadOutput) renameSync(outputDir, retired);
  try {
    renameSync(staging, outputDir);
  } catch (error) {
    if (hadOutput) renameSync(retired, outputDir);
    throw error;
  }
  if (hadOutput) deleteInBackground(retired, trashPrefix(outputDir));
}

/** Where old outputs go to be deleted: `.dist-trash-…` beside `dist/`. */
function trashPrefix(outputDir: string): string {
  return join(dirname(outputDir), `.${basename(outputDir)}-trash-`);
}

/**
 * A build killed between the two renames leaves no output folder but a complete retired one; put it back.
 * Leftover staging folders of dead builds are removed.
 */
export function recoverInterruptedSwap(outputDir: string): void {
  const parent = dirname(outputDir);
  if (!existsSync(parent)) return;
  removeDeadTrash(trashPrefix(outputDir));
  const prefix = `.${basename(outputDir)}-staging-`;
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split("-")[0]);
    if (pid === process.pid || isAlive(pid)) continue;
    const full = join(parent, name);
    if (name.endsWith("-retired") && !existsSync(outputDir)) renameSync(full, outputDir);
    else rmSync(full, { recursive: true, force: true });
  }
}
