import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import Eleventy from "@11ty/eleventy";
import { configureEleventy, type EleventyUserConfig, type PagesToLayOut } from "../eleventy/eleventy-config.js";

/** One Eleventy run: which pages, and everything its templates read besides them. */
export interface LayoutJob {
  readonly templatesDir: string;
  readonly outputDir: string;
  readonly assets: Readonly<Record<string, string>>;
  /** The render cache folder the article bodies are read from. */
  readonly bodiesDir: string;
  readonly pages: PagesToLayOut;
}

export async function layOut(job: LayoutJob, readBody: (key: string) => string): Promise<void> {
  const configure = configureEleventy({ templatesDir: job.templatesDir, outputDir: job.outputDir, pages: job.pages, readBody, assets: job.assets });
  const eleventy = new Eleventy(job.templatesDir, job.outputDir, {
    quietMode: true,
    // false: never load an eleventy.config.js from the working folder; fabu passes its whole configuration.
    configPath: false,
    config: (config: EleventyUserConfig) => configure(config),
  });
  await eleventy.write();
}

/**
 * Lays out the jobs on every core: this thread takes jobs too, and each extra core gets a worker with its
 * own Eleventy. Each page is written by exactly one run, so the output does not depend on scheduling.
 */
export async function layOutAll(jobs: readonly LayoutJob[], readBody: (key: string) => string): Promise<void> {
  const workerUrl = new URL("./layout-worker.js", import.meta.url);
  // Running from TypeScript sources (tests) there is no compiled worker: lay out in this thread alone.
  const workerCount = existsSync(fileURLToPath(workerUrl)) ? Math.min(availableParallelism() - 1, jobs.length - 1) : 0;
  let next = 0;
  const take = () => (next < jobs.length ? jobs[next++] : undefined);
  const workers = Array.from({ length: Math.max(0, workerCount) }, () => new Worker(workerUrl));
  try {
    const workerLoops = workers.map(async (worker) => {
      for (let job = take(); job; job = take()) await runInWorker(worker, job);
    });
    const mainLoop = (async () => {
      for (let job = take(); job; job = take()) await layOut(job, readBody);
    })();
    await Promise.all([mainLoop, ...workerLoops]);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

function runInWorker(worker: Worker, job: LayoutJob): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: { ok: boolean; message?: string }) => {
      worker.off("error", onError);
      if (reply.ok) resolve();
      else reject(new Error(`laying out pages failed: ${reply.message}`));
    };
    const onError = (error: Error) => {
      worker.off("message", onMessage);
      reject(error);
    };
    worker.once("message", onMessage);
    worker.once("error", onError);
    // As JSON: page plans carry their script's labels, whose functions (第n页) cannot be cloned; the
    // worker puts the labels back.
    worker.postMessage(JSON.stringify(job));
  });
}
