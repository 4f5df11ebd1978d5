import type { EventEmitter } from "node:events";
import { existsSync, readdirSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { configureEleventy, type EleventyUserConfig, type PagesToLayOut } from "../eleventy/eleventy-config.js";
import type { SiteHeadFacts } from "../site/article-head.js";

/** One Eleventy run: which pages, and everything its templates read besides them. */
export interface LayoutJob {
  readonly templatesDir: string;
  readonly outputDir: string;
  readonly assets: Readonly<Record<string, string>>;
  /** The render cache folder the article bodies are read from. */
  readonly bodiesDir: string;
  /** The site configuration's part of article pages' Open Graph and JSON-LD entries. */
  readonly head: SiteHeadFacts;
  readonly pages: PagesToLayOut;
}

/** Lays out one job; returns the files Eleventy wrote, relative to the output folder with `/` separators. */
export async function layOut(job: LayoutJob, readBody: (key: string) => string): Promise<string[]> {
  await forgetTemplatesReadBefore(job.templatesDir);
  const configure = configureEleventy({ templatesDir: job.templatesDir, outputDir: job.outputDir, pages: job.pages, readBody, assets: job.assets, head: job.head });
  // Imported when first needed: half a second of start-up, and a build's own thread lays out nothing.
  const { default: Eleventy } = await import("@11ty/eleventy");
  const eleventy = new Eleventy(job.templatesDir, job.outputDir, {
    quietMode: true,
    // false: never load an eleventy.config.js from the working folder; fabu passes its whole configuration.
    configPath: false,
    config: (config: EleventyUserConfig) => configure(config),
  });
  // Eleventy 3 resolves write() to [passthrough copies, templates]; a template with no page has no outputPath.
  const [, templates] = (await eleventy.write()) as [unknown, readonly { readonly outputPath?: unknown }[]];
  const outputDir = resolve(job.outputDir);
  return templates.flatMap(({ outputPath }) => (typeof outputPath === "string" ? [relative(outputDir, resolve(outputPath)).split(sep).join("/")] : []));
}

/**
 * Lays out the jobs on every core, each run with its own Eleventy in a worker, one per core; this thread
 * only hands them out. It holds the page index of the whole site (most of its memory at archive scale), so a
 * run's Eleventy data is kept out of it. A single run (a small site, a preview update) is laid out in this
 * thread unless asked for `inBackground` (for this thread to go on with other work meanwhile), as is
 * everything when running from the TypeScript sources (tests: there is no compiled worker).
 * Each page is written by exactly one run, so the output does not depend on scheduling.
 */
export async function layOutAll(jobs: readonly LayoutJob[], readBody: (key: string) => string, options: LayOutOptions = {}): Promise<string[]> {
  const workerCount = (jobs.length > 1 || options.inBackground) && existsSync(fileURLToPath(WORKER_URL)) ? Math.min(availableParallelism(), jobs.length) : 0;
  let next = 0;
  const take = () => (next < jobs.length ? jobs[next++] : undefined);
  const started = workerCount > 0 ? options.started?.take() : undefined;
  const workers = [...(started ? [started] : []), ...Array.from({ length: Math.max(0, workerCount - (started ? 1 : 0)) }, () => new Worker(WORKER_URL))];
  for (const worker of workers) worker.ref();
  const written: string[] = [];
  try {
    const workerLoops = workers.map(async (worker) => {
      for (let job = take(); job; job = take()) written.push(...(await runInWorker(worker, job)));
    });
    if (workers.length === 0) for (let job = take(); job; job = take()) written.push(...(await layOut(job, readBody)));
    await Promise.all(workerLoops);
    return written;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

export interface LayOutOptions {
  /** Lay out in a worker even when there is one job, for this thread to go on with other work meanwhile. */
  readonly inBackground?: boolean;
  /** A worker started ahead of need (see startLayoutWorker), used as the first of the workers. */
  readonly started?: StartedLayoutWorker;
}

const WORKER_URL = new URL("./layout-worker.js", import.meta.url);

/** A layout worker started ahead of need, for the first layOutAll that wants one to take. */
export interface StartedLayoutWorker {
  /** The worker, once: whoever takes it terminates it. */
  take(): Worker | undefined;
  /** Ends the worker unless it was taken (a failed build). */
  stop(): Promise<void>;
}

/**
 * Starts a layout worker now, so that it has loaded Eleventy (about a second) by the time the pages are laid
 * out: a one-article rebuild lays out a few pages, and waited for that start. Undefined when running from the
 * TypeScript sources (tests), where there is no compiled worker.
 */
export function startLayoutWorker(): StartedLayoutWorker | undefined {
  if (!existsSync(fileURLToPath(WORKER_URL))) return undefined;
  let worker: Worker | undefined = new Worker(WORKER_URL);
  // Idle until taken: should the build fail first, the process must not wait for it.
  worker.unref();
  return {
    take() {
      const taken = worker;
      worker = undefined;
      return taken;
    },
    async stop() {
      await worker?.terminate();
      worker = undefined;
    },
  };
}

function runInWorker(worker: Worker, job: LayoutJob): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: { ok: boolean; written?: string[]; message?: string }) => {
      worker.off("error", onError);
      if (reply.ok) resolve(reply.written ?? []);
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

/**
 * Eleventy 3.1 keeps the templates it reads (and their layouts) in module-level caches that outlive an
 * Eleventy instance; its watch mode clears them through its internal event bus. A process that lays out
 * again after a template changed (the preview server; tests) would otherwise use the templates as first
 * read. Each run therefore starts by announcing every template as modified, as the watch mode would.
 */
async function forgetTemplatesReadBefore(templatesDir: string): Promise<void> {
  eventBus ??= ((await import(new URL("./EventBus.js", import.meta.resolve("@11ty/eleventy")).href)) as { default: EventEmitter }).default;
  for (const file of filesBelow(templatesDir)) eventBus.emit("eleventy.resourceModified", file, [], {});
  // Compiled templates are cached per Eleventy instance, in one module-level map: without this, every run
  // would add its compiled templates to it for good (an out-of-memory failure after ~40 runs at 100,000 articles).
  eventBus.emit("eleventy.compileCacheReset");
}

let eventBus: EventEmitter | undefined;

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
