import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { placeFile } from "./page-store.js";
import type { PreparedSite } from "./prepare-site.js";

/**
 * Every folder a page goes into, parents first, as absolute paths inside `targetDir`. Made ahead of Eleventy
 * (in a cold build, while the page keys are hashed, which takes longer): Eleventy remembers that a folder did
 * not exist and then calls mkdir again for every file written into it, which cost a sixth of the layout time.
 */
function pageFolders(targetDir: string, site: PreparedSite): string[] {
  const { model } = site;
  const folders = new Set<string>();
  for (const page of [...model.articles, ...model.listings, ...model.homes, ...model.notFound, ...model.redirects]) {
    // Every ancestor too, so that sorted, each folder is made after its parent with one plain mkdir.
    for (let folder = dirname(page.outputPath); folder !== "." && !folders.has(folder); folder = dirname(folder)) folders.add(folder);
  }
  const root = resolve(targetDir) + sep;
  return [...folders]
    .sort()
    .map((folder) => resolve(targetDir, folder))
    .filter((target) => target.startsWith(root));
}

export function makeFolders(folders: readonly string[]): void {
  for (const folder of folders) {
    try {
      mkdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}

export function createPageDirectories(targetDir: string, site: PreparedSite): void {
  makeFolders(pageFolders(targetDir, site));
}

/** A stored page to put in the output: `[stored file, target]`. */
export type PageLink = readonly [string, string];

/** Puts each stored page in place; returns the indices of those no longer stored (pruned meanwhile). */
export function placePages(links: readonly PageLink[]): number[] {
  const missing: number[] = [];
  links.forEach(([stored, target], i) => {
    if (!placeFile(stored, target)) missing.push(i);
  });
  return missing;
}

export interface PagePlacer {
  /**
   * Puts the stored pages in place once the folders are made, while the caller lays out the others; resolves
   * to the indices of the links that could not be placed.
   */
  place(links: readonly PageLink[]): Promise<number[]>;
}

/**
 * Makes the page folders and then places the stored pages, in a worker thread: a large site has tens of
 * thousands of folders (one per day with news, one per listing page) and pages, and making and linking them
 * took two seconds of a rebuild in which this thread has other work (laying out the pages that changed,
 * writing the feeds and sitemaps). Done here when running from the TypeScript sources (tests), where there
 * is no compiled worker.
 */
export function startPagePlacer(targetDir: string, site: PreparedSite): PagePlacer {
  const folders = pageFolders(targetDir, site);
  const workerUrl = new URL("./page-folders-worker.js", import.meta.url);
  if (!existsSync(fileURLToPath(workerUrl))) {
    makeFolders(folders);
    return { place: async (links) => placePages(links) };
  }
  const worker = new Worker(workerUrl, { workerData: folders });
  // It waits for the links: should the build fail before sending them, the process must not wait for it.
  worker.unref();
  const failed = new Promise<never>((_, fail) => {
    worker.once("error", fail);
    // It ends by itself once it has answered, which settles place() first.
    worker.once("exit", (code) => fail(new Error(`placing the pages ended early (worker exit code ${code})`)));
  });
  // Until place() is awaited, a failure must not count as unhandled.
  failed.catch(() => undefined);
  return {
    place(links) {
      worker.ref();
      const placed = new Promise<number[]>((done) => worker.once("message", (missing: number[]) => done(missing)));
      worker.postMessage(links);
      return Promise.race([placed, failed]);
    },
  };
}
