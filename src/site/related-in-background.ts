import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { RelatedConfig } from "../config/site-config.js";
import { computeRelated, type RelatedCandidate } from "./related.js";

/**
 * Below this many articles the ranking is quick enough that starting a worker and copying the articles
 * across costs about what it saves (measured: break-even at 4,000 articles, well ahead at 20,000).
 */
const MIN_ARTICLES_FOR_WORKER = 5000;

/**
 * computeRelated on another core, so the main thread lays out the listings, home pages and feeds (which
 * do not need it) meanwhile. Articles and results cross as JSON strings: copying one string is far cheaper
 * than structured-cloning tens of thousands of small objects. Small sites, one-core machines and runs from
 * the TypeScript sources (tests, where there is no compiled worker) rank in this thread.
 */
export function computeRelatedInBackground(articles: readonly RelatedCandidate[], config: RelatedConfig): Promise<Map<string, string[]>> {
  const workerUrl = new URL("./related-worker.js", import.meta.url);
  if (articles.length < MIN_ARTICLES_FOR_WORKER || availableParallelism() < 2 || !existsSync(fileURLToPath(workerUrl))) {
    return Promise.resolve(computeRelated(articles, config));
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl, { workerData: JSON.stringify({ articles, config }) });
    worker.once("message", (message: string) => {
      resolve(new Map(JSON.parse(message) as [string, string[]][]));
      void worker.terminate();
    });
    worker.once("error", reject);
    // After the result this only follows terminate(), and rejecting a settled promise does nothing.
    worker.once("exit", (code) => reject(new Error(`the related-news worker stopped (exit code ${code}) without a result`)));
  });
}
