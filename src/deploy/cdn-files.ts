/**
 * Files that make a built site ready for any CDN, written into the staging folder after every page is:
 * `_headers` (headers.ts), `.br`/`.gz` beside text files (precompress.ts), and the manifest with the paths
 * changed since the previous build (manifest.ts).
 */
import { existsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { headersFile, type HeadersOptions } from "./headers.js";
import { changedPathsManifest, type Changes, type Manifest } from "./manifest.js";
import { HEADERS_FILE, listFiles } from "./output-files.js";
import { precompress } from "./precompress.js";

export interface CdnFilesOptions extends HeadersOptions {
  /** The previous build's output folder (or manifest), to compute changes and reuse compressed files. */
  readonly previous?: string | Manifest;
  /** Default true. */
  readonly brotli?: boolean;
  /** Default true. */
  readonly gzip?: boolean;
  /** See PrecompressOptions.cacheDir; the build passes `.cache/precompress`. */
  readonly cacheDir?: string;
  readonly brotliQuality?: number;
  /** Write `_headers` (default true; false for hosts configured otherwise). */
  readonly headers?: boolean;
  /** See ChangesOptions.knownHashes. */
  readonly knownHashes?: ReadonlyMap<string, string>;
  /** The folder's files as listFiles lists them, when the caller knows them (it wrote them). */
  readonly files?: readonly string[];
}

export interface CdnFilesSummary {
  readonly compressed: number;
  readonly reused: number;
  readonly changes: Changes;
}

/**
 * Everything above, in order, for the build to call on the staging folder once all pages are written:
 * `_headers`, then `.br`/`.gz`, then the manifest and the change list (which cover the first two).
 */
export async function writeCdnFiles(distDir: string, options: CdnFilesOptions = {}): Promise<CdnFilesSummary> {
  // Listed once, if the caller does not know: walking tens of thousands of folders costs seconds, and each
  // step needs the list.
  const pages = options.files ?? listFiles(distDir);
  const withHeaders = options.headers ?? true;
  if (withHeaders) writeFileSync(join(distDir, HEADERS_FILE), headersFile(distDir, options, pages));
  const reuseFrom = typeof options.previous === "string" && existsSync(options.previous) && statSync(options.previous).isDirectory() ? options.previous : undefined;
  const { written, reused } = await precompress(distDir, {
    brotli: options.brotli ?? true,
    gzip: options.gzip ?? true,
    reuseFrom,
    cacheDir: options.cacheDir,
    brotliQuality: options.brotliQuality,
    files: pages,
  });
  const files = [...pages, ...written, ...(withHeaders && !pages.includes(HEADERS_FILE) ? [HEADERS_FILE] : [])].sort();
  const { changes } = changedPathsManifest(options.previous, distDir, { pathPrefix: options.pathPrefix, files, knownHashes: options.knownHashes });
  return { compressed: written.length, reused, changes };
}
