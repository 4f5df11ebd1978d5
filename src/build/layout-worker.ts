import { readFileSync } from "node:fs";
import { parentPort } from "node:worker_threads";
import type { PagesToLayOut } from "../eleventy/eleventy-config.js";
import { bodyFile } from "../render/render-cache.js";
import { LABELS } from "../site/labels.js";
import type { Script } from "../site/scripts.js";
import { layOut, type LayoutJob } from "./layout.js";

// Loaded at once: a worker may be started ahead of need (see startLayoutWorker).
void import("@11ty/eleventy");

/** A layout worker: lays out each set of pages it is sent with its own Eleventy, reading bodies from the render cache. */
parentPort?.on("message", (message: string) => {
  const job = JSON.parse(message) as LayoutJob;
  layOut({ ...job, pages: withLabels(job.pages) }, (key) => readFileSync(bodyFile(job.bodiesDir, key), "utf8")).then(
    (written) => parentPort?.postMessage({ ok: true, written }),
    (error: unknown) => parentPort?.postMessage({ ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});

/** Puts back each page's labels, which JSON dropped the functions of. */
function withLabels(pages: PagesToLayOut): PagesToLayOut {
  const restore = <T extends { readonly script: Script }>(list: readonly T[]): T[] => list.map((page) => ("labels" in page ? { ...page, labels: LABELS[page.script] } : page));
  return {
    articles: restore(pages.articles),
    listings: restore(pages.listings),
    homes: restore(pages.homes),
    notFound: restore(pages.notFound),
    redirects: restore(pages.redirects),
  };
}
