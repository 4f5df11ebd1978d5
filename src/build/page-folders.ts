import { mkdirSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import type { PreparedSite } from "./prepare-site.js";

/**
 * Every folder a page goes into, parents first, as absolute paths inside `targetDir`. Made ahead of Eleventy
 * (in a cold build, while the page keys are hashed, which takes longer): Eleventy remembers that a folder did
 * not exist and then calls mkdir again for every file written into it, which cost a sixth of the layout time.
 */
export function pageFolders(targetDir: string, site: PreparedSite): string[] {
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

/** Makes each folder (parents first) but those known to exist already. */
export function makeFolders(folders: readonly string[], existing: ReadonlySet<string> = new Set()): void {
  for (const folder of folders) {
    if (existing.has(folder)) continue;
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
