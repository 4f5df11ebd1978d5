import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { OutputNotWritableError } from "./output-swap.js";

const POLL_MS = 100;

/**
 * One build at a time may swap a given output folder: the lock is a file created exclusively beside it,
 * holding the owner's pid. A lock left by a killed build (its pid is gone) is taken over; a live one is
 * waited for, so two builds started at once both finish, one after the other, and neither corrupts `dist/`.
 */
export async function withOutputLock<T>(outputDir: string, log: (line: string) => void, work: () => Promise<T> | T, timeoutMs = 10 * 60_000): Promise<T> {
  const lockPath = join(dirname(outputDir), `.${basename(outputDir)}.lock`);
  try {
    mkdirSync(dirname(outputDir), { recursive: true });
  } catch (error) {
    throw notWritable(dirname(outputDir), error);
  }
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw notWritable(dirname(outputDir), error);
      const owner = Number(readSafely(lockPath));
      if (!isAlive(owner)) {
        rmSync(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another build (pid ${owner}) has held ${lockPath} for too long; stop it or remove the file`);
      if (!announced) log(`fabu: waiting for another build (pid ${owner}) to finish writing ${outputDir}`);
      announced = true;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockPath, { force: true });
  }
}

function notWritable(folder: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code ?? "";
  return ["EACCES", "EROFS", "EPERM", "ENOENT", "ENOTDIR"].includes(code) ? new OutputNotWritableError(folder, code) : error;
}

function readSafely(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
