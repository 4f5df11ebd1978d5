/**
 * Runs one command and measures it: wall time (here), CPU time (GNU time's %U %S, when /usr/bin/time
 * exists) and peak RSS: the larger of GNU time's %M (the largest single process, threads included) and
 * the peak of the whole process tree's resident memory, polled from /proc every 200 ms (which catches a
 * tool that spawns helper processes, e.g. a search indexer). Without either, no RSS. The command runs in
 * its own process group so that a timeout can stop all of it.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";

export const GNU_TIME = "/usr/bin/time";

export interface Measurement {
  readonly ok: boolean;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly timedOut: boolean;
  readonly wallSeconds: number;
  /** user + system CPU seconds of the command and its children; undefined without GNU time. */
  readonly cpuSeconds?: number;
  /** Peak resident set size in KiB: max(GNU time's largest process, polled sum over the process tree). */
  readonly peakRssKiB?: number;
  /** The polled peak of the process tree's summed RSS alone, in KiB (undefined without /proc). */
  readonly treePeakRssKiB?: number;
  /** How many processes the tree had at most (the tool plus helpers it spawned; GNU time not counted). */
  readonly maxProcesses: number;
  /** When the kernel's OOM killer ended a process of the tree: its kernel log line, trimmed. */
  readonly oomKill?: string;
  readonly stdoutTail: string;
  readonly stderrTail: string;
  /** Every line of stderr that matched RunOptions.keepLines, in order (the tail may have lost early ones). */
  readonly keptLines?: readonly string[];
  /** The 1-minute load average when the command started (other work on the machine skews wall times). */
  readonly loadAverage: number;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutSeconds: number;
  /** Stderr lines to keep whole, wherever they come (e.g. `fabu build --timings` stage lines). */
  readonly keepLines?: RegExp;
}

const TAIL = 4000;
const keepTail = (text: string, more: string) => (text + more).slice(-TAIL);

/** Resident memory of a process's descendants (and itself unless `skipRoot`), in KiB, from /proc. */
function treeRss(pid: number, skipRoot: boolean, seen: Set<number>): { kib: number; processes: number } {
  let kib = 0;
  let processes = 0;
  const visit = (p: number, counted: boolean) => {
    try {
      seen.add(p);
      if (counted) {
        const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
        if (match) kib += Number(match[1]);
        processes++;
      }
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, "utf8").trim();
        if (children) for (const child of children.split(/\s+/)) visit(Number(child), true);
      }
    } catch {
      // the process ended between two reads
    }
  };
  visit(pid, !skipRoot);
  return { kib, processes };
}

/** The kernel log's "Out of memory: Killed process N (name) …" line for one of `pids`, if readable. */
function findOomKill(pids: ReadonlySet<number>): string | undefined {
  let log: string;
  try {
    log = execFileSync("dmesg", [], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return undefined;
  }
  for (const line of log.split("\n").reverse()) {
    const match = /Out of memory: Killed process (\d+) \(([^)]*)\).*?anon-rss:(\d+)kB/.exec(line);
    if (match && pids.has(Number(match[1]))) return `the kernel's OOM killer killed ${match[2]} (pid ${match[1]}) at ${Math.round(Number(match[3]) / 1024)} MiB anonymous RSS`;
  }
  return undefined;
}

export function measure(command: string, args: readonly string[], options: RunOptions): Promise<Measurement> {
  const useTime = existsSync(GNU_TIME);
  const canPoll = existsSync("/proc/self/task");
  const scratch = useTime ? mkdtempSync(join(tmpdir(), "fabu-measure-")) : undefined;
  const timeFile = scratch ? join(scratch, "time.txt") : undefined;
  const [file, argv] = useTime ? [GNU_TIME, ["-f", "%M %U %S", "-o", timeFile!, command, ...args]] : [command, [...args]];
  return new Promise((resolveRun) => {
    const loadAverage = loadavg()[0]!;
    const started = performance.now();
    const child = spawn(file, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout = keepTail(stdout, chunk)));
    const kept: string[] = [];
    let partial = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = keepTail(stderr, chunk);
      if (!options.keepLines) return;
      const lines = (partial + chunk).split("\n");
      partial = lines.pop() ?? "";
      kept.push(...lines.filter((line) => options.keepLines!.test(line)));
    });
    let peak = 0;
    let maxProcesses = 0;
    const seen = new Set<number>(child.pid ? [child.pid] : []);
    // With GNU time in front, the tool is its child: GNU time's own few MiB are left out of the sum.
    const poll = () => {
      const now = treeRss(child.pid!, useTime, seen);
      peak = Math.max(peak, now.kib);
      maxProcesses = Math.max(maxProcesses, now.processes);
    };
    const poller = canPoll && child.pid ? setInterval(poll, 200) : undefined;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    }, options.timeoutSeconds * 1000);
    child.on("error", (error) => (stderr = keepTail(stderr, `\n${error.message}`)));
    child.on("close", (code, signal) => {
      const wallSeconds = (performance.now() - started) / 1000;
      clearTimeout(timer);
      if (poller) clearInterval(poller);
      let cpuSeconds: number | undefined;
      const treePeakRssKiB = canPoll && peak > 0 ? peak : undefined;
      let peakRssKiB = treePeakRssKiB;
      if (timeFile && existsSync(timeFile)) {
        // GNU time writes "Command exited with non-zero status N" (or "terminated by signal") first.
        const last = readFileSync(timeFile, "utf8").trim().split("\n").pop() ?? "";
        const [rss, user, system] = last.split(/\s+/).map(Number);
        if (Number.isFinite(rss) && Number.isFinite(user) && Number.isFinite(system)) {
          peakRssKiB = Math.max(rss!, treePeakRssKiB ?? 0);
          cpuSeconds = user! + system!;
        }
      }
      if (scratch) rmSync(scratch, { recursive: true, force: true });
      const oomKill = code === 0 ? undefined : findOomKill(seen);
      resolveRun({
        ok: code === 0 && !timedOut,
        exitCode: code,
        signal,
        timedOut,
        wallSeconds,
        cpuSeconds,
        peakRssKiB,
        treePeakRssKiB,
        maxProcesses,
        oomKill,
        stdoutTail: stdout,
        stderrTail: stderr,
        ...(options.keepLines ? { keptLines: [...kept, ...(options.keepLines.test(partial) ? [partial] : [])] } : {}),
        loadAverage,
      });
    });
  });
}
