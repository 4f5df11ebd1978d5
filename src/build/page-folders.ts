import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { PreparedSite } from "./prepare-site.js";

/**
 * Every folder a page goes into, parents first, as absolute paths inside `targetDir`. Made before Eleventy
 * writes: Eleventy remembers that a folder did not exist and then calls mkdir again for every file written
 * into it, which cost a sixth of the layout time.
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

/**
 * The same, in a worker thread, for the caller to go on meanwhile: a large site has tens of thousands of
 * folders (one per day with news, one per listing page), and on a busy disk making them took seconds of a
 * rebuild in which this thread had other work (hashing every page's plan). Made here when running from the
 * TypeScript sources (tests), where there is no compiled worker.
 */
export async function createPageDirectoriesInBackground(targetDir: string, site: PreparedSite): Promise<void> {
  const folders = pageFolders(targetDir, site);
  const workerUrl = new URL("./page-folders-worker.js", import.meta.url);
  if (!existsSync(fileURLToPath(workerUrl))) return makeFolders(folders);
  const worker = new Worker(workerUrl, { workerData: folders });
  await new Promise<void>((done, fail) => {
    worker.once("error", fail);
    worker.once("exit", (code) => (code === 0 ? done() : fail(new Error(`making the page folders failed (worker exit code ${code})`))));
  });
}
