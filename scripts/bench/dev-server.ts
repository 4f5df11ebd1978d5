/**
 * Times `fabu serve` from saving an article to the live reload being sent: starts the preview server on the
 * corpus, waits until it serves, then edits one article a few times and times each until the server logs
 * that it rebuilt (it logs after sending the reload to the browser).
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

export interface DevServerResult {
  /** Seconds from starting the server to its first preview (a full build with the search index). */
  readonly startSeconds: number;
  /** Seconds from each save to the reload. */
  readonly reloadSeconds: readonly number[];
}

export interface DevServerOptions {
  readonly cwd: string;
  readonly projectRoot: string;
  readonly articleFile: string;
  readonly saves: number;
  readonly port: number;
  readonly timeoutSeconds: number;
  readonly env?: NodeJS.ProcessEnv;
}

export async function measureDevServer(options: DevServerOptions): Promise<DevServerResult> {
  const original = readFileSync(options.articleFile, "utf8");
  const server = spawn(process.execPath, ["bin/fabu.js", "serve", "--root", options.projectRoot, "--port", String(options.port)], {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const waiters: (() => void)[] = [];
  const onOutput = (chunk: Buffer) => {
    log += chunk.toString();
    for (const wake of waiters.splice(0)) wake();
  };
  server.stdout.on("data", onOutput);
  server.stderr.on("data", onOutput);
  const until = async (done: () => boolean): Promise<void> => {
    const deadline = Date.now() + options.timeoutSeconds * 1000;
    while (!done()) {
      if (server.exitCode !== null) throw new Error(`fabu serve exited: ${log.slice(-2000)}`);
      if (Date.now() > deadline) throw new Error(`fabu serve timed out: ${log.slice(-2000)}`);
      await new Promise<void>((wake) => {
        waiters.push(wake);
        setTimeout(wake, 500);
      });
    }
  };
  const rebuilds = () => (log.match(/: rebuilt \d+ pages/g) ?? []).length;
  try {
    const started = performance.now();
    await until(() => log.includes("previewing on"));
    const startSeconds = (performance.now() - started) / 1000;
    const reloadSeconds: number[] = [];
    for (let k = 1; k <= options.saves; k++) {
      const before = rebuilds();
      const saved = performance.now();
      writeFileSync(options.articleFile, `${original}\n（开发服务器计时第${k}次修改。）\n`);
      await until(() => rebuilds() > before);
      reloadSeconds.push((performance.now() - saved) / 1000);
    }
    return { startSeconds, reloadSeconds };
  } finally {
    server.kill();
    writeFileSync(options.articleFile, original);
  }
}
