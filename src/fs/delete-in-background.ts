import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Moves `folder` to `<trashPrefix><pid>-<random>` and deletes it from a detached process, so the build goes on
 * (and may exit) at once: on a large site, deleting tens of thousands of files takes longer than a rebuild.
 * The deleting process's pid is in the name, so that `removeDeadTrash` leaves a deletion in progress alone.
 */
export function deleteInBackground(folder: string, trashPrefix: string): void {
  // The process reads the folder's new name on stdin: the name is only known once the process has a pid.
  const script = "let p='';process.stdin.on('data',(d)=>{p+=d}).on('end',()=>{if(p)try{require('node:fs').rmSync(p,{recursive:true,force:true})}catch{}})";
  const child = spawn(process.execPath, ["-e", script], { detached: true, stdio: ["pipe", "ignore", "ignore"] });
  child.on("error", () => {});
  const trash = `${trashPrefix}${child.pid ?? 0}-${randomBytes(4).toString("hex")}`;
  try {
    if (child.pid === undefined) throw new Error("no process to delete in");
    mkdirSync(dirname(trash), { recursive: true });
    renameSync(folder, trash);
  } catch {
    child.stdin?.end();
    child.unref();
    rmSync(folder, { recursive: true, force: true });
    return;
  }
  child.stdin?.end(trash);
  child.unref();
}

/** Deletes what background deletions under `trashPrefix` left unfinished (their process is gone). */
export function removeDeadTrash(trashPrefix: string): void {
  const parent = dirname(trashPrefix);
  const prefix = basename(trashPrefix);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || isAlive(Number(name.slice(prefix.length).split("-")[0]))) continue;
    try {
      rmSync(join(parent, name), { recursive: true, force: true });
    } catch {
      // its process got there first
    }
  }
}

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
