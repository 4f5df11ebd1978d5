import { mkdirSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import type { PagesToLayOut } from "../eleventy/eleventy-config.js";
import { layOutAll, startLayoutWorker, type LayOutOptions } from "./layout.js";
import { planAssets, writeInto } from "./assets.js";
import { pageFolders } from "./page-folders.js";
import { removeEmptyFolders, type PageLink, type PagePlacer } from "./page-placer.js";
import { writeSearchIndex } from "../search/index.js";
import { machineFiles, type MachineFile } from "./machine-files.js";
import { openPageStore, type PagePlan, type PageStore, type StoredPage } from "./page-store.js";
import type { PreparedSite } from "./prepare-site.js";
import type { ProjectPaths } from "./paths.js";
import { SHARED_PAGE_FIELDS } from "../site/page-types.js";
import type { SiteHeadFacts } from "../site/article-head.js";
import type { PlanHashes } from "./index-snapshot.js";
import { wholePage } from "./kept-plans.js";

export interface WriteOptions {
  /** Build the Pagefind search index. */
  readonly search: boolean;
  /** Where laid-out pages are kept between builds (`.cache/pages`); without it every page is laid out. */
  readonly pageStoreDir?: string;
  readonly log?: (line: string) => void;
}

/**
 * Pages laid out by one Eleventy run at most, so memory stays bounded however large the archive is. A
 * worker's memory grows with its run: laying out all 51,000 pages of 20,000 articles peaked at 1.9 GB of RSS
 * with runs of 2,500 pages, 1.4 GB with 1,500 and 1.3 GB with 1,000, for a few seconds more of Eleventy's
 * start-up per run.
 */
const PAGES_PER_RUN = 1_000;
/** Up to this many pages are laid out in one run (see splitIntoRuns). */
const FEW_PAGES = 200;

export interface WrittenSite {
  /** The page store, for the caller to prune once the site is published. */
  readonly store: PageStore | undefined;
  /** The sha256 of pages whose bytes the page store knows, by path in the output folder (see PageStore.hashOf). */
  readonly knownHashes: ReadonlyMap<string, string>;
  /**
   * Every file written, as listFiles would list the folder (relative, `/`-separated, sorted): walking the
   * output's folders again (one per day with news) took a second at 20,000 articles, five at 100,000.
   */
  readonly files: readonly string[];
  /** The output's pages that are in the page store, for the next build to place early (see PageStore.rememberOutput). */
  readonly storedPages: readonly StoredPage[];
}

/**
 * Lays out every page with Eleventy into `targetDir` (or links it from the page store when nothing it is made
 * from changed), plus the fingerprinted theme assets, content assets, feeds and sitemaps. Three things run
 * at once: the placer's worker makes the page folders and links the stored pages into place (those the last
 * build recorded from the start of the build, see startPagePlacer), layout workers lay out the others, and
 * this thread writes the feeds and sitemaps.
 */
export async function writeSite(site: PreparedSite, paths: ProjectPaths, targetDir: string, placer: PagePlacer, options: WriteOptions = { search: true }): Promise<WrittenSite> {
  let last = performance.now();
  const stage = (name: string) => {
    const now = performance.now();
    options.log?.(`fabu:   ${name} ${Math.round(now - last)} ms`);
    last = now;
  };
  await placer.ready;
  stage("waiting for the pages placed from the last build's record");
  // It loads Eleventy while the page keys are computed (started earlier, it would hold memory through the
  // render of a cold build).
  const layoutWorker = startLayoutWorker();
  placer.makeFolders(pageFolders(targetDir, site));
  const assets = planAssets(site, paths);
  const assetHrefs = assets.hrefs;
  const store = options.pageStoreDir ? openPageStore(options.pageStoreDir, { templatesDir: paths.templates, assets: assetHrefs, config: site.config, sharedFields: SHARED_PAGE_FIELDS }) : undefined;
  const { model } = site;
  // A page index kept from an earlier build comes with its plans' hashes; otherwise every plan is hashed.
  const planHashes: PlanHashes | undefined = site.planHashes ?? (store && perGroup((group) => model[group].map(store.planHashOf)));
  const keys = perGroup((group) => (store && planHashes ? model[group].map((page: PagePlan, i) => store.keyFromPlanHash(planHashes[group][i]!, page.bodyKey)) : []));
  stage("page keys");
  const knownHashes = new Map<string, string>();
  const storedPages: StoredPage[] = [];
  /** Notes the hash of the stored file `key` names, now at `path` in the output (see PageStore.hashOf). */
  const stored = (path: string, key: string) => {
    const hash = store?.hashOf(key);
    if (hash) knownHashes.set(path, hash);
  };
  const split = { articles: splitByStore(model.articles, keys.articles, store, targetDir), listings: splitByStore(model.listings, keys.listings, store, targetDir), redirects: splitByStore(model.redirects, keys.redirects, store, targetDir) };
  const links: StoreHit<PagePlan>[] = [...split.articles.stored, ...split.listings.stored, ...split.redirects.stored];
  options.log?.(`fabu: ${links.length} pages unchanged since they were last laid out`);
  // The stored pages are linked into place in a worker while this thread lays out the others and writes the feeds.
  const placing = placer.place(links.map((page) => page.link));
  // Awaited below; until then a failure must not count as unhandled.
  placing.placed.catch(() => undefined);
  let layingOut: Promise<string[]> = Promise.resolve([]);
  // Should anything fail, the workers must be done before the caller deletes the staging folder they write into.
  const settled = () => Promise.allSettled([placing.placed, layingOut, layoutWorker?.stop()]);
  const toLayOut = { articles: split.articles.missing, listings: split.listings.missing, redirects: split.redirects.missing };
  let machine: MachineFile[];
  let laidOut: string[];
  let emptiedFolders: string[];
  try {
    // Nothing is written before the pages placed early that this build does not want are gone.
    emptiedFolders = await placing.cleared;
    stage("finding the stored pages, taking back placed ones that changed");
    assets.write(targetDir);
    // Homes, search and 404 pages are few and show the newest articles: always laid out. In a worker, so
    // that this thread writes the feeds and sitemaps meanwhile.
    layingOut = layOutPages(site, paths, targetDir, assetHrefs, { articles: toLayOut.articles.pages, listings: toLayOut.listings.pages, homes: [...model.homes, model.root], notFound: model.notFound, redirects: toLayOut.redirects.pages }, { inBackground: true, started: layoutWorker });
    layingOut.catch(() => undefined);
    machine = machineFiles(site, site.readBody);
    for (const file of machine) writeMachineFile(file, targetDir, store, stored);
    stage("feeds and sitemaps");
    laidOut = await layingOut;
  } catch (error) {
    await settled();
    throw error;
  }
  const keepLaidOut = (groups: readonly StoreMisses<PagePlan>[]) => {
    for (const group of store ? groups : []) {
      group.pages.forEach((page, i) => {
        store!.keep(group.keys[i]!, join(targetDir, page.outputPath));
        stored(page.outputPath, group.keys[i]!);
        storedPages.push({ outputPath: page.outputPath, key: group.keys[i]! });
      });
    }
  };
  keepLaidOut([toLayOut.articles, toLayOut.listings, toLayOut.redirects]);
  stage("waiting for the layout, storing its pages");
  // Once the layout workers are done: written while they ran, the peak memory of a 20,000-article build
  // was 2,333 MiB instead of 2,154.
  let unplaced: Set<number>;
  try {
    if (planHashes) site.keepIndex(planHashes);
    stage("keeping the page index for the next build");
    unplaced = new Set(await placing.placed);
  } catch (error) {
    await settled();
    throw error;
  }
  links.forEach((page, i) => {
    if (unplaced.has(i)) return;
    stored(page.page.outputPath, page.key);
    storedPages.push({ outputPath: page.page.outputPath, key: page.key });
  });
  stage("waiting for the stored pages to be linked");
  if (unplaced.size > 0) {
    // Pruned from the store since it was listed (by a concurrent build): laid out after all.
    const lateHits = new Set(links.filter((_, i) => unplaced.has(i)));
    const lateOf = <T extends PagePlan>(hits: readonly StoreHit<T>[]) => storeMisses(hits.filter((hit) => lateHits.has(hit)));
    const late = { articles: lateOf(split.articles.stored), listings: lateOf(split.listings.stored), redirects: lateOf(split.redirects.stored) };
    laidOut.push(...(await layOutPages(site, paths, targetDir, assetHrefs, { ...NO_PAGES, articles: late.articles.pages, listings: late.listings.pages, redirects: late.redirects.pages })));
    keepLaidOut([late.articles, late.listings, late.redirects]);
  }
  // A page the last build had and this one does not may leave its folder empty, as a clean build would not.
  removeEmptyFolders(targetDir, emptiedFolders);
  // Pagefind is the costliest step at archive scale; `--no-search` leaves it out (e.g. for a quick preview).
  const search = options.search ? (await writeSearchIndex(targetDir, { traditional: site.config.traditional })).files : [];
  // Every plan's page, laid out or linked from the store; and the templates may make pages of their own from
  // a plan (each home's search page), so what Eleventy reports writing too.
  const planned = [...model.articles, ...model.listings, ...model.homes, model.root, ...model.notFound, ...model.redirects].map((page) => page.outputPath);
  const files = [...new Set([...assets.files, ...planned, ...laidOut, ...machine.map(machineFilePath), ...search])].sort();
  return { store, knownHashes, files, storedPages };
}

const NO_PAGES: PagesToLayOut = { articles: [], listings: [], homes: [], notFound: [], redirects: [] };

/** Writes a machine file, or links it from the page store when nothing it is made from changed. */
function writeMachineFile(file: MachineFile, targetDir: string, store: PageStore | undefined, stored: (path: string, key: string) => void): void {
  const path = machineFilePath(file);
  if (!store || file.madeFrom === undefined) return writeInto(targetDir, path, file.content());
  const key = store.keyOf(file.madeFrom);
  const target = join(targetDir, path);
  mkdirSync(dirname(target), { recursive: true });
  if (!store.restore(key, target)) {
    writeInto(targetDir, path, file.content());
    store.keep(key, target);
  }
  stored(path, key);
}

/** A machine file's path inside the output folder. */
export const machineFilePath = (file: { readonly path: string }) => file.path.replace(/^\//, "");

/**
 * Lays out the given pages with Eleventy into `targetDir`, in runs (see splitIntoRuns). Returns the files
 * written, relative to `targetDir` (see layOut).
 */
export async function layOutPages(site: PreparedSite, paths: ProjectPaths, targetDir: string, assets: Record<string, string>, pages: PagesToLayOut, options: LayOutOptions = {}): Promise<string[]> {
  // Whole, as Eleventy's data: the article and listing pages of a kept index read most of their fields when
  // used (see kept-plans.ts).
  const runs = splitIntoRuns({ ...pages, articles: pages.articles.map(wholePage), listings: pages.listings.map(wholePage) });
  const head: SiteHeadFacts = { origin: new URL(site.config.url).origin, publisher: site.config.publisher, logoUrl: site.model.urls.absolute("/favicon.svg") };
  return layOutAll(
    runs.map((run) => ({ templatesDir: paths.templates, outputDir: targetDir, assets, bodiesDir: site.bodiesDir, head, pages: run })),
    site.readBody,
    options,
  );
}

/**
 * A few pages (a one-article rebuild, a preview update) in one Eleventy run: its start-up is then most of the
 * cost, and the cores are busy with other work (feeds, placing stored pages). Otherwise the few small kinds
 * in one run, and articles and listings in runs of PAGES_PER_RUN.
 */
function splitIntoRuns(pages: PagesToLayOut): PagesToLayOut[] {
  const small = [pages.homes, pages.notFound, pages.redirects];
  if (pages.articles.length + pages.listings.length + small.reduce((sum, list) => sum + list.length, 0) <= FEW_PAGES) return [pages];
  const runs: PagesToLayOut[] = [];
  if (small.some((list) => list.length > 0)) runs.push({ ...NO_PAGES, homes: pages.homes, notFound: pages.notFound, redirects: pages.redirects });
  for (let i = 0; i < pages.articles.length; i += PAGES_PER_RUN) runs.push({ ...NO_PAGES, articles: pages.articles.slice(i, i + PAGES_PER_RUN) });
  for (let i = 0; i < pages.listings.length; i += PAGES_PER_RUN) runs.push({ ...NO_PAGES, listings: pages.listings.slice(i, i + PAGES_PER_RUN) });
  return runs;
}

/** The kinds of page kept in the page store (homes and 404 pages are always laid out). */
type StoredGroup = keyof PlanHashes;

const perGroup = <T>(make: (group: StoredGroup) => T): Record<StoredGroup, T> => ({ articles: make("articles"), listings: make("listings"), redirects: make("redirects") });

/** Pages to lay out, with their store keys (to store them once laid out). */
interface StoreMisses<T extends PagePlan> {
  readonly pages: T[];
  readonly keys: string[];
}

/** A stored page to link into the output. */
interface StoreHit<T extends PagePlan> {
  readonly page: T;
  readonly key: string;
  readonly link: PageLink;
}

/** The pages the store has (to link into place) and those it does not (to lay out); without a store, none has. */
function splitByStore<T extends PagePlan>(pages: readonly T[], pageKeys: readonly string[], store: PageStore | undefined, targetDir: string): { stored: StoreHit<T>[]; missing: StoreMisses<T> } {
  if (!store) return { stored: [], missing: { pages: [...pages], keys: [] } };
  const stored: StoreHit<T>[] = [];
  const missing: StoreMisses<T> = { pages: [], keys: [] };
  pages.forEach((page, i) => {
    const key = pageKeys[i]!;
    // Concatenated, not joined: output paths are relative and normalised, and joining took 0.1 s per 50,000 pages.
    const target = `${targetDir}${sep}${page.outputPath}`;
    const file = store.storedFile(key, target);
    if (file) stored.push({ page, key, link: [file, target] });
    else {
      missing.pages.push(page);
      missing.keys.push(key);
    }
  });
  return { stored, missing };
}

/** Stored pages that could not be placed after all, to lay out. */
function storeMisses<T extends PagePlan>(hits: readonly StoreHit<T>[]): StoreMisses<T> {
  return { pages: hits.map((hit) => hit.page), keys: hits.map((hit) => hit.key) };
}
