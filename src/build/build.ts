import { join } from "node:path";
import { formatProblem } from "../content/problems.js";
import { writeCdnFiles } from "../deploy/cdn-files.js";
import { startPagePlacer } from "./page-placer.js";
import { prepareSite, type PreparedSite } from "./prepare-site.js";
import type { ProjectPaths } from "./paths.js";
import { createStagingDir, discardStaging, publishStaging, recoverInterruptedSwap } from "./output-swap.js";
import { withOutputLock } from "./build-lock.js";
import { writeSite } from "./write-site.js";

export interface BuildOptions {
  readonly drafts: boolean;
  readonly log: (line: string) => void;
  /** Print how long each stage took (for profiling and the benchmark). */
  readonly timings?: boolean;
  /** false: ignore the render cache and the page store (a clean build). */
  readonly cache?: boolean;
  /** Build the Pagefind search index (default); false leaves search out. */
  readonly search?: boolean;
  /** Publish embargoed (future-dated) articles too. */
  readonly future?: boolean;
  /** Build as of this instant (`2020-11-13 14:45` in the site's zone, or ISO with offset); default: now. */
  readonly now?: string;
  /** Also write `.br` and `.gz` beside every text file, for hosts that serve precompressed files. */
  readonly precompress?: boolean;
}

export interface BuildSummary {
  readonly articles: number;
  readonly pages: number;
  readonly warnings: number;
}

/**
 * `fabu build`: validate and render everything first, lay out pages into a staging folder, and swap it in
 * only when all of it worked. Content errors throw ContentValidationError before any page is laid out.
 */
export async function buildSite(paths: ProjectPaths, options: BuildOptions): Promise<BuildSummary> {
  let last = performance.now();
  const stage = (name: string) => {
    const now = performance.now();
    if (options.timings) options.log(`fabu: ${name} ${Math.round(now - last)} ms`);
    last = now;
  };
  await withOutputLock(paths.output, options.log, () => recoverInterruptedSwap(paths.output));
  const pageStoreDir = options.cache === false ? undefined : join(paths.root, ".cache", "pages");
  const staging = createStagingDir(paths.output);
  // From the start: the pages the last build recorded are placed while this one loads and renders.
  const placer = startPagePlacer(staging, pageStoreDir);
  let site: PreparedSite | undefined;
  try {
    site = await prepareSite(paths, { drafts: options.drafts, future: options.future ?? false, now: options.now, cache: options.cache, stage });
    for (const warning of site.warnings) options.log(formatProblem(warning));
    const written = await writeSite(site, paths, staging, placer, { search: options.search ?? true, pageStoreDir, log: options.timings ? options.log : undefined });
    stage("layout (Eleventy), feeds, sitemaps, search index");
    const precompress = options.precompress ?? false;
    await writeCdnFiles(staging, {
      previous: paths.output,
      pathPrefix: site.config.pathPrefix,
      brotli: precompress,
      gzip: precompress,
      cacheDir: join(paths.root, ".cache", "precompress"),
      knownHashes: written.knownHashes,
      files: written.files,
    });
    stage(precompress ? "_headers, precompressed files, changed-paths manifest" : "_headers, changed-paths manifest");
    await withOutputLock(paths.output, options.log, () => publishStaging(staging, paths.output));
    site.finishCache();
    written.store?.prune();
    written.store?.rememberOutput(written.storedPages);
    stage("swap");
  } catch (error) {
    await placer.stop();
    discardStaging(staging);
    site?.finishCache();
    throw error;
  }
  const { model } = site;
  const pages = model.articles.length + model.listings.length + model.homes.length + 1 + model.notFound.length;
  return { articles: model.articles.length / 2, pages, warnings: site.warnings.length };
}
