import { createHash } from "node:crypto";
import { existsSync, mkdirSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import type { PagesToLayOut } from "../eleventy/eleventy-config.js";
import { machineFiles } from "../build/machine-files.js";
import { openPageStore } from "../build/page-store.js";
import type { ProjectPaths } from "../build/paths.js";
import type { PreparedSite } from "../build/prepare-site.js";
import { createPageDirectories } from "../build/page-folders.js";
import { writeAssets, writeInto } from "../build/assets.js";
import { layOutPages, machineFilePath } from "../build/write-site.js";
import { deleteInBackground, removeDeadTrash } from "../fs/delete-in-background.js";
import { writeSearchIndex } from "../search/index.js";
import { SHARED_PAGE_FIELDS } from "../site/page-types.js";

/** What the preview folder holds, by output path: each page's page-store key, each machine file's hash, the assets. */
export interface PreviewState {
  readonly pages: ReadonlyMap<string, string>;
  readonly files: ReadonlyMap<string, string>;
  readonly assets: ReadonlySet<string>;
  /** Keys by page plan, for plans the next update gets again unchanged (a reused page index): not hashed again. */
  readonly keysByPlan: WeakMap<object, string>;
  /** The page store generation the keys belong to. */
  readonly generation: string;
}

export interface PreviewUpdate {
  /** Pages laid out or taken from the page store; the rest were already in place. */
  readonly pagesWritten: number;
  readonly pagesTotal: number;
  /** The folder's state before `finish`: pages up to date, machine files as the last finished update left them. */
  readonly unfinished: PreviewState;
  /**
   * Writes the feeds, sitemaps and other machine files that changed, and returns the new state. Called after
   * the browser is told to reload: a preview shows pages, and these take a while on a large site.
   */
  readonly finish: () => PreviewState;
}

export interface PreviewOptions {
  readonly pageStoreDir: string;
  /** Build the search index (only when the preview folder is written from scratch). */
  readonly search: boolean;
}

/**
 * Brings the preview folder up to date with `site` in place, as the preview server does after every save:
 * only pages whose plan, templates or code changed are laid out, pages no longer in the site are removed.
 * Without a previous state (the server starting, or after a failed update) the folder is written afresh.
 * Pages may be hard links into the page store, so a page is always replaced, never written over.
 */
export async function updatePreview(site: PreparedSite, paths: ProjectPaths, previous: PreviewState | undefined, options: PreviewOptions): Promise<PreviewUpdate> {
  const dir = paths.output;
  if (!previous) {
    const trash = `${dir}-trash-`;
    removeDeadTrash(trash);
    if (existsSync(dir)) deleteInBackground(dir, trash);
    mkdirSync(dir, { recursive: true });
    createPageDirectories(dir, site);
  }
  const written = writeAssets(site, paths, dir);
  const assetFiles = new Set(written.files);
  for (const path of previous?.assets ?? []) if (!assetFiles.has(path)) removeFile(join(dir, path));
  const assets = written.hrefs;
  const store = openPageStore(options.pageStoreDir, { templatesDir: paths.templates, assets, config: site.config, sharedFields: SHARED_PAGE_FIELDS });
  const { model } = site;
  const pages = new Map<string, string>();
  const knownKeys = previous?.generation === store.generation ? previous.keysByPlan : undefined;
  const keysByPlan = new WeakMap<object, string>();
  const toLayOut = { articles: [], listings: [], homes: [], notFound: [], redirects: [] } as { -readonly [K in keyof PagesToLayOut]: PagesToLayOut[K][number][] };
  const toKeep: { key: string; outputPath: string }[] = [];
  let pagesWritten = 0;
  const place = <T extends { readonly outputPath: string }>(list: readonly T[], into: T[], stored: boolean) => {
    for (const page of list) {
      const key = knownKeys?.get(page) ?? store.pageKeyOf(page);
      keysByPlan.set(page, key);
      pages.set(page.outputPath, key);
      if (previous?.pages.get(page.outputPath) === key) continue;
      pagesWritten += 1;
      const target = join(dir, page.outputPath);
      removeFile(target);
      if (stored && store.restore(key, target)) continue;
      into.push(page);
      if (stored) toKeep.push({ key, outputPath: page.outputPath });
    }
  };
  place(model.articles, toLayOut.articles, true);
  place(model.listings, toLayOut.listings, true);
  place(model.redirects, toLayOut.redirects, true);
  // Homes and 404 pages are not stored (the full build lays them out every time); here they are laid out
  // when their plan changes, like the rest.
  place([...model.homes, model.root], toLayOut.homes, false);
  place(model.notFound, toLayOut.notFound, false);
  for (const outputPath of previous?.pages.keys() ?? []) if (!pages.has(outputPath)) removeFile(join(dir, outputPath));

  const laidOut = Object.values(toLayOut).reduce((sum, list) => sum + list.length, 0);
  if (laidOut > 0) await layOutPages(site, paths, dir, assets, toLayOut);
  for (const { key, outputPath } of toKeep) store.keep(key, join(dir, outputPath));

  const unfinished: PreviewState = { pages, files: previous?.files ?? new Map(), assets: assetFiles, keysByPlan, generation: store.generation };
  const finish = (): PreviewState => {
    const files = writeChangedMachineFiles(site, dir, unfinished.files);
    store.prune();
    return { ...unfinished, files };
  };
  if (!previous && options.search) {
    // The index is built from the written pages, once: the server carries it over to later updates.
    const state = finish();
    await writeSearchIndex(dir, { traditional: site.config.traditional });
    return { pagesWritten, pagesTotal: pages.size, unfinished: state, finish: () => state };
  }
  return { pagesWritten, pagesTotal: pages.size, unfinished, finish };
}

function writeChangedMachineFiles(site: PreparedSite, dir: string, previous: ReadonlyMap<string, string> | undefined): Map<string, string> {
  const files = new Map<string, string>();
  for (const file of machineFiles(site, site.readBody)) {
    const path = machineFilePath(file);
    const content = file.content();
    const hash = createHash("sha256").update(content).digest("hex");
    files.set(path, hash);
    if (previous?.get(path) !== hash) writeInto(dir, path, content);
  }
  for (const path of previous?.keys() ?? []) if (!files.has(path)) removeFile(join(dir, path));
  return files;
}

function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}
