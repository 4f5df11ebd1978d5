import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ArticleSource } from "../content/article.js";
import type { Script } from "../site/scripts.js";
import { renderArticle, type RenderContext, type RenderedArticle } from "./render-article.js";
import type { RenderJob } from "./render-worker.js";
import type { RenderCache } from "./render-cache.js";
import type { RenderSettings } from "./render-settings.js";

export interface RenderTask {
  readonly article: ArticleSource;
  readonly sourceScript: Script;
}

const BATCH_SIZE = 64;
/** Below this many articles a worker costs more to start (it builds its own dictionaries) than it saves. */
const MIN_ARTICLES_FOR_WORKERS = 400;

/**
 * Renders articles on every core: the main thread takes batches too, and each extra core gets a worker
 * with its own converters. Results come back in task order, so output never depends on scheduling.
 */
export async function renderAll(tasks: readonly RenderTask[], settings: RenderSettings, mainContext: () => RenderContext, cache: RenderCache): Promise<{ rendered: RenderedArticle[]; keys: string[] }> {
  const keys = tasks.map((task) => cache.keyOf(task));
  const results = cache.getAll(keys);
  const missing = tasks.flatMap((task, i) => (results[i] === undefined ? [i] : []));
  // Each result goes into the cache as soon as it is rendered, and only its texts stay in memory: at archive
  // scale the bodies of all articles in two scripts would not fit.
  await renderUncached(missing.map((i) => tasks[i]!), settings, mainContext, (i, result) => {
    const taskIndex = missing[i]!;
    results[taskIndex] = cache.set(keys[taskIndex]!, result);
  });
  return { rendered: results as RenderedArticle[], keys };
}

async function renderUncached(tasks: readonly RenderTask[], settings: RenderSettings, mainContext: () => RenderContext, keep: (index: number, result: RenderedArticle) => void): Promise<void> {
  if (tasks.length === 0) return;
  const workerUrl = new URL("./render-worker.js", import.meta.url);
  const workerCount = Math.min(availableParallelism() - 1, Math.floor(tasks.length / MIN_ARTICLES_FOR_WORKERS));
  let next = 0;
  const takeBatch = (): { start: number; batch: RenderTask[] } | undefined => {
    if (next >= tasks.length) return undefined;
    const start = next;
    next = Math.min(tasks.length, next + BATCH_SIZE);
    return { start, batch: tasks.slice(start, next) };
  };

  // Running from TypeScript sources (tests) there is no compiled worker; render in this thread alone.
  const canUseWorkers = workerCount > 0 && existsSync(fileURLToPath(workerUrl));
  const workers = canUseWorkers ? Array.from({ length: workerCount }, () => new Worker(workerUrl, { workerData: settings })) : [];
  try {
    const workerLoops = workers.map(async (worker) => {
      for (let job = takeBatch(); job; job = takeBatch()) {
        const rendered = await runJob(worker, { batch: job.batch });
        rendered.forEach((result, i) => keep(job.start + i, result));
      }
    });
    const context = mainContext();
    const mainLoop = (async () => {
      for (let job = takeBatch(); job; job = takeBatch()) {
        job.batch.forEach((task, i) => keep(job.start + i, renderArticle(task.article, task.sourceScript, context)));
        // Let worker replies be handled between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await Promise.all([mainLoop, ...workerLoops]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

function runJob(worker: Worker, job: RenderJob): Promise<RenderedArticle[]> {
  return new Promise((resolve, reject) => {
    const onMessage = (value: RenderedArticle[]) => {
      worker.off("error", onError);
      resolve(value);
    };
    const onError = (error: Error) => {
      worker.off("message", onMessage);
      reject(error);
    };
    worker.once("message", onMessage);
    worker.once("error", onError);
    worker.postMessage(job);
  });
}
