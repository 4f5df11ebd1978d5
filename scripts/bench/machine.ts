/** What a report says about the machine and the tools it ran. */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism, cpus, release, totalmem } from "node:os";
import { join } from "node:path";
import { GNU_TIME } from "./measure.js";
import { PROJECT_ROOT } from "./paths.js";

/** A command's trimmed output, or undefined if it cannot run. */
export function tryText(command: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync(command, args, { cwd: PROJECT_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

export function machineLines(): string[] {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const hugo = tryText("hugo", ["version"])?.split(" ").slice(0, 2).join(" ");
  const eleventy = (JSON.parse(readFileSync(join(PROJECT_ROOT, "node_modules", "@11ty", "eleventy", "package.json"), "utf8")) as { version: string }).version;
  let markdownIt = "?";
  try {
    markdownIt = (JSON.parse(readFileSync(join(PROJECT_ROOT, "node_modules", "markdown-it", "package.json"), "utf8")) as { version: string }).version;
  } catch {
    // not hoisted; the version stays unknown
  }
  const commit = tryText("git", ["rev-parse", "--short", "HEAD"]);
  const dirty = tryText("git", ["status", "--porcelain", "--", "src", "templates", "bin"]);
  return [
    `Machine: ${availableParallelism()} CPUs (nproc; ${cpu}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Linux ${release()}, Node ${process.version}`,
    `Tools: fabu ${commit ? `at commit ${commit}${dirty ? " with uncommitted changes in src/, templates/ or bin/" : ""}` : "(no git)"}; ${hugo ?? "Hugo not found"}; Eleventy ${eleventy} with markdown-it ${markdownIt}`,
    `Measurement: ${existsSync(GNU_TIME) ? "CPU time from GNU time (/usr/bin/time -f '%M %U %S'); peak RSS = max(GNU time's %M, polled /proc sum over the process tree)" : "no GNU time (apt-get install -y time): peak RSS by polling /proc for the process tree, no CPU time"}`,
  ];
}
