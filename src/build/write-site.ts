import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import type { PagesToLayOut } from "../eleventy/eleventy-config.js";
import { layOutAll } from "./layout.js";
import { writeSearchIndex } from "../search/index.js";
import { machineFiles } from "./machine-files.js";
import { openPageStore, type PageStore } from "./page-store.js";
import type { PreparedSite } from "./prepare-site.js";
import type { ProjectPaths } from "./paths.js";

const THEME_ASSETS = "assets";

export interface WriteOptions {
  /** Build the Pagefind search index. */
  readonly search: boolean;
  /** Where laid-out pages are kept between builds (`.cache/pages`); without it every page is laid out. */
  readonly pageStoreDir?: string;
  readonly log?: (line: string) => void;
}

/** Pages laid out by one Eleventy run at most, so memory stays bounded however large the archive is. */
const PAGES_PER_RUN = 2_500;

/**
 * Lays out every page with Eleventy into `targetDir` (or links it from the page store when nothing it is made
 * from changed), plus the fingerprinted theme assets, content assets, feeds and sitemaps. Returns the page
 * store, for the caller to prune once the site is published.
 */
export async function writeSite(site: PreparedSite, paths: ProjectPaths, targetDir: string, options: WriteOptions = { search: true }): Promise<PageStore | undefined> {
  const assetHrefs = writeAssets(site, paths, targetDir).hrefs;
  createPageDirectories(targetDir, site);
  const store = options.pageStoreDir ? openPageStore(options.pageStoreDir, { templatesDir: paths.templates, assets: assetHrefs, config: site.config }) : undefined;
  const { model } = site;
  const articles = restoreFromStore(model.articles, store, targetDir);
  const listings = restoreFromStore(model.listings, store, targetDir);
  const redirects = restoreFromStore(model.redirects, store, targetDir);
  const restored = model.articles.length + model.listings.length + model.redirects.length - articles.pages.length - listings.pages.length - redirects.pages.length;
  options.log?.(`fabu: ${restored} pages unchanged since they were last laid out`);

  // Homes, search and 404 pages are few and show the newest articles: always laid out.
  await layOutPages(site, paths, targetDir, assetHrefs, { articles: articles.pages, listings: listings.pages, homes: [...model.homes, model.root], notFound: model.notFound, redirects: redirects.pages });

  if (store) {
    for (const group of [articles, listings, redirects]) {
      group.pages.forEach((page, i) => store.keep(group.keys[i]!, join(targetDir, page.outputPath)));
    }
  }
  for (const file of machineFiles(site, site.readBody)) writeInto(targetDir, machineFilePath(file), file.content);
  // Pagefind is the costliest step at archive scale; `--no-search` leaves it out (e.g. for a quick preview).
  if (options.search) await writeSearchIndex(targetDir, { traditional: site.config.traditional });
  return store;
}

const NO_PAGES: PagesToLayOut = { articles: [], listings: [], homes: [], notFound: [], redirects: [] };

/** A machine file's path inside the output folder. */
export const machineFilePath = (file: { readonly path: string }) => file.path.replace(/^\//, "");

/**
 * Writes the fingerprinted theme assets and copies the content's assets. Returns the theme assets' hrefs by
 * plain name, and every file written (relative to `targetDir`).
 */
export function writeAssets(site: PreparedSite, paths: ProjectPaths, targetDir: string): { hrefs: Record<string, string>; files: string[] } {
  const theme = writeThemeAssets(join(paths.templates, THEME_ASSETS), targetDir, site.config.pathPrefix);
  for (const asset of site.assets) {
    const target = join(targetDir, asset);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(paths.content, asset), target);
  }
  return { hrefs: theme.hrefs, files: [...theme.files, ...site.assets] };
}

/** Lays out the given pages with Eleventy into `targetDir`: the few small kinds in one run, articles and listings in runs of PAGES_PER_RUN. */
export async function layOutPages(site: PreparedSite, paths: ProjectPaths, targetDir: string, assets: Record<string, string>, pages: PagesToLayOut): Promise<void> {
  const runs: PagesToLayOut[] = [];
  if (pages.homes.length + pages.notFound.length + pages.redirects.length > 0) runs.push({ ...NO_PAGES, homes: pages.homes, notFound: pages.notFound, redirects: pages.redirects });
  for (let i = 0; i < pages.articles.length; i += PAGES_PER_RUN) runs.push({ ...NO_PAGES, articles: pages.articles.slice(i, i + PAGES_PER_RUN) });
  for (let i = 0; i < pages.listings.length; i += PAGES_PER_RUN) runs.push({ ...NO_PAGES, listings: pages.listings.slice(i, i + PAGES_PER_RUN) });
  await layOutAll(
    runs.map((run) => ({ templatesDir: paths.templates, outputDir: targetDir, assets, bodiesDir: site.bodiesDir, pages: run })),
    site.readBody,
  );
}

/** The pages the store does not have (with their keys, to store them once laid out); the rest are placed. */
function restoreFromStore<T extends { readonly outputPath: string }>(pages: readonly T[], store: PageStore | undefined, targetDir: string): { pages: T[]; keys: string[] } {
  if (!store) return { pages: [...pages], keys: [] };
  const missing: T[] = [];
  const keys: string[] = [];
  for (const page of pages) {
    const key = store.keyOf(page);
    if (store.restore(key, join(targetDir, page.outputPath))) continue;
    missing.push(page);
    keys.push(key);
  }
  return { pages: missing, keys };
}

/**
 * Creates every folder a page goes into before Eleventy writes. Eleventy remembers that a folder did not
 * exist and then calls mkdir again for every file written into it, which cost a sixth of the layout time.
 */
export function createPageDirectories(targetDir: string, site: PreparedSite): void {
  const { model } = site;
  const folders = new Set<string>();
  for (const page of [...model.articles, ...model.listings, ...model.homes, ...model.notFound, ...model.redirects]) {
    // Every ancestor too, so that sorted, each folder is made after its parent with one plain mkdir.
    for (let folder = dirname(page.outputPath); folder !== "." && !folders.has(folder); folder = dirname(folder)) folders.add(folder);
  }
  const root = resolve(targetDir) + sep;
  for (const folder of [...folders].sort()) {
    const target = resolve(targetDir, folder);
    if (!target.startsWith(root)) continue;
    try {
      mkdirSync(target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}

/**
 * Copies `templates/assets/*` as `assets/<name>.<hash>.<ext>`, so they can be cached forever, and returns
 * the href of each by its plain name (`style.css` → `/assets/style.1a2b3c4d5e.css`).
 */
function writeThemeAssets(sourceDir: string, targetDir: string, pathPrefix: string): { hrefs: Record<string, string>; files: string[] } {
  const hrefs: Record<string, string> = {};
  const files: string[] = [];
  for (const name of readdirSync(sourceDir).sort()) {
    const bytes = readFileSync(join(sourceDir, name));
    const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 10);
    const dot = name.lastIndexOf(".");
    const fingerprinted = `${THEME_ASSETS}/${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
    writeInto(targetDir, fingerprinted, bytes);
    hrefs[name] = `${pathPrefix}${fingerprinted}`;
    files.push(fingerprinted);
  }
  return { hrefs, files };
}

export function writeInto(root: string, relativePath: string, data: Buffer | string): void {
  const target = resolve(root, relativePath);
  // Every path here is built from validated parts; this is the last line of defence all the same.
  if (!target.startsWith(resolve(root) + sep)) throw new Error(`internal error: refusing to write ${relativePath} outside the output folder`);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, data);
}
