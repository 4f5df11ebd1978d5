import { parentPort, workerData } from "node:worker_threads";
import type { ArticleSource } from "../content/article.js";
import type { Script } from "../site/scripts.js";
import { renderArticle } from "./render-article.js";
import { createRenderContext, type RenderSettings } from "./render-settings.js";

/** A render worker: builds its converters once, then renders the batches of articles it is sent. */
export interface RenderJob {
  readonly batch: readonly { readonly article: ArticleSource; readonly sourceScript: Script }[];
}

const context = createRenderContext(workerData as RenderSettings);
parentPort?.on("message", (job: RenderJob) => {
  const results = job.batch.map(({ article, sourceScript }) => renderArticle(article, sourceScript, context));
  parentPort?.postMessage(results);
});
