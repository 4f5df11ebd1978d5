/**
 * Files that make a built site ready for any CDN, written into the staging folder after every page is:
 *
 * - `_headers` (Cloudflare Pages / Netlify syntax): fingerprinted `/assets/*` cached for a year and immutable,
 *   HTML revalidated on every request (optionally cached briefly at the edge), feeds and sitemaps for a few
 *   minutes, and security headers (nosniff, Referrer-Policy, a same-origin Content-Security-Policy).
 * - `.br` and `.gz` beside every text file, byte-for-byte reproducible, for hosts that serve precompressed
 *   files (nginx `gzip_static`/`brotli_static`, S3 + CloudFront with Content-Encoding metadata).
 * - `.fabu-manifest.json` (every output path with its sha256) and `.fabu-changes.json` (paths and URLs
 *   added, changed and removed since the previous build), so a deploy step uploads and purges only those.
 */
import { createHash, randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, brotliCompressSync, brotliDecompressSync, constants as zlib, gunzipSync, gzip as gzipCallback, gzipSync } from "node:zlib";

export const MANIFEST_FILE = ".fabu-manifest.json";
export const CHANGES_FILE = ".fabu-changes.json";
export const HEADERS_FILE = "_headers";

/** Files of the host's configuration, never served as pages. */
const HOST_FILES = new Set([HEADERS_FILE, "_redirects", MANIFEST_FILE, CHANGES_FILE]);

export const CACHE_CONTROL = {
  /** Fingerprinted theme assets (`assets/style.1a2b3c4d5e.css`): a new file name for every change. */
  immutable: "public, max-age=31536000, immutable",
  /** Pages: browsers revalidate every time, so a correction is seen at once. */
  html: "public, max-age=0, must-revalidate",
} as const;

// ---------------------------------------------------------------------------------------------------------
// _headers

export type HeadersFlavor = "cloudflare" | "netlify";

export interface HeadersOptions {
  /** URL path the output folder is served at (the site's `pathPrefix`), default `/`. */
  readonly pathPrefix?: string;
  /**
   * Cloudflare Pages joins the values of a header set by several matching rules, so the specific rules first
   * detach the site-wide Cache-Control (`! Cache-Control`); Netlify lets the later rule win and does not know
   * `!`, so those lines are left out. Default `cloudflare`.
   */
  readonly flavor?: HeadersFlavor;
  /** Seconds a CDN may serve a page without revalidating (`s-maxage`); default 0 (the CDN revalidates too). */
  readonly htmlSMaxAge?: number;
  /** Seconds feeds, sitemaps and robots.txt may be cached; default 300. */
  readonly feedMaxAge?: number;
  /** Seconds content images (`images/`, not fingerprinted) may be cached; default 3600. */
  readonly imageMaxAge?: number;
  /** Replaces the Content-Security-Policy fabu writes. */
  readonly contentSecurityPolicy?: string;
}

export type FileClass = "asset" | "feed" | "image" | "page";

/** What caching a file gets, by its path relative to the output folder. */
export function classifyPath(relativePath: string): FileClass {
  const path = relativePath.replace(/\\/g, "/").replace(/^\/+/, "");
  if (path.startsWith("assets/")) return "asset";
  if (path.startsWith("images/")) return "image";
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (/\.xml$/i.test(name) || name === "feed.json" || name === "robots.txt") return "feed";
  return "page";
}

/** The Cache-Control value for a file, for hosts configured per file (S3 metadata, a CDN API). */
export function cacheControlFor(relativePath: string, options: HeadersOptions = {}): string {
  switch (classifyPath(relativePath)) {
    case "asset":
      return CACHE_CONTROL.immutable;
    case "feed":
      return `public, max-age=${options.feedMaxAge ?? 300}`;
    case "image":
      return `public, max-age=${options.imageMaxAge ?? 3600}`;
    case "page": {
      const sMaxAge = options.htmlSMaxAge ?? 0;
      return sMaxAge > 0 ? `public, max-age=0, s-maxage=${sMaxAge}, must-revalidate` : CACHE_CONTROL.html;
    }
  }
}

/**
 * Only the site's own origin may provide scripts, styles, images, fonts and data (images may also be `data:`
 * URLs, which the theme's CSS uses for icons and which cannot run anything); no plugins, no framing by other
 * sites, no `<base>` or form targets elsewhere. Inline `<script type="application/ld+json">` is data,
 * not script, so the policy does not block it (nor do pages need 'unsafe-inline' for anything else). The
 * search page's Pagefind engine is WebAssembly, which needs 'wasm-unsafe-eval' (compiling WebAssembly, not
 * JavaScript `eval`); it is added only when the site has a `pagefind/` folder.
 */
export function contentSecurityPolicy(distDir: string): string {
  const wasm = existsSync(join(distDir, "pagefind")) ? " 'wasm-unsafe-eval'" : "";
  return [
    "default-src 'self'",
    `script-src 'self'${wasm}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join("; ");
}

/** The text of a `_headers` file for the site in `distDir`. */
export function headersFile(distDir: string, options: HeadersOptions = {}): string {
  const prefix = normalisePrefix(options.pathPrefix);
  const detach = (options.flavor ?? "cloudflare") === "cloudflare";
  const files = listFiles(distDir).filter((p) => !HOST_FILES.has(p) && !/\.(br|gz)$/.test(p));
  const blocks: string[] = [
    [
      "# Written by fabu on every build; do not edit (settings: src/deploy/cdn-files.ts).",
      `# Syntax: ${detach ? "Cloudflare Pages (rules after the first detach its Cache-Control with \"! Cache-Control\")" : "Netlify (a later matching rule's header replaces an earlier one)"}.`,
    ].join("\n"),
  ];
  const rule = (path: string, headers: readonly [string, string][], specific: boolean) => {
    const lines = [path];
    if (specific && detach) lines.push("  ! Cache-Control");
    for (const [name, value] of headers) lines.push(`  ${name}: ${value}`);
    blocks.push(lines.join("\n"));
  };
  rule(
    `${prefix}*`,
    [
      ["Cache-Control", cacheControlFor("index.html", options)],
      ["X-Content-Type-Options", "nosniff"],
      ["Referrer-Policy", "strict-origin-when-cross-origin"],
      ["X-Frame-Options", "SAMEORIGIN"],
      ["Content-Security-Policy", options.contentSecurityPolicy ?? contentSecurityPolicy(distDir)],
      ["Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"],
    ],
    false,
  );
  if (files.some((p) => classifyPath(p) === "asset")) rule(`${prefix}assets/*`, [["Cache-Control", cacheControlFor("assets/x", options)]], true);
  if (files.some((p) => classifyPath(p) === "image")) rule(`${prefix}images/*`, [["Cache-Control", cacheControlFor("images/x", options)]], true);
  // Feeds and sitemaps by name, their folders as placeholders: one rule per name and depth, not per section.
  const feedPatterns = new Set<string>();
  for (const path of files) {
    if (classifyPath(path) !== "feed") continue;
    const parts = path.split("/");
    const name = parts.pop()!;
    feedPatterns.add(prefix + [...parts.map((_, i) => `:d${i + 1}`), name].join("/"));
  }
  for (const pattern of [...feedPatterns].sort(byDepthThenName)) rule(pattern, [["Cache-Control", cacheControlFor(pattern.slice(pattern.lastIndexOf("/") + 1), options)]], true);
  return `${blocks.join("\n\n")}\n`;
}

function byDepthThenName(a: string, b: string): number {
  return a.split("/").length - b.split("/").length || (a < b ? -1 : a > b ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------------------
// Precompression

const TEXT_EXTENSIONS = /\.(html?|css|js|mjs|xml|json|txt|svg|webmanifest)$/i;
const DEFAULT_BROTLI_QUALITY = 10;

export interface PrecompressOptions {
  readonly brotli: boolean;
  readonly gzip: boolean;
  /** A previous output folder: where a file is byte-identical there, its `.br`/`.gz` are copied, not recompressed. */
  readonly reuseFrom?: string;
  /**
   * A folder to keep compressed bytes in by content hash (e.g. `.cache/precompress`), so a build on a fresh
   * machine with a restored cache recompresses only what changed. Entries this run did not use are removed.
   */
  readonly cacheDir?: string;
  /**
   * Brotli quality 0–11. Default 10: against 11 it takes half the time for files about 1% larger, which
   * matters for a large site built every 15 minutes.
   */
  readonly brotliQuality?: number;
}

export interface PrecompressSummary {
  /** Compressed files written, relative to the output folder. */
  readonly written: string[];
  /** How many of them came from `reuseFrom` or `cacheDir` instead of being compressed. */
  readonly reused: number;
}

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzipCallback);

/**
 * Writes `<file>.br` and `<file>.gz` beside every text file (html, css, js, xml, json, txt, svg), compressing
 * on zlib's thread pool. The bytes depend only on the input and the quality: gzip's header carries no time
 * (mtime 0) and a fixed OS byte, so a rebuild gives identical files.
 */
export async function precompress(distDir: string, options: PrecompressOptions): Promise<PrecompressSummary> {
  const quality = options.brotliQuality ?? DEFAULT_BROTLI_QUALITY;
  const written: string[] = [];
  const usedCacheEntries = new Set<string>();
  let reused = 0;
  if (options.cacheDir) mkdirSync(options.cacheDir, { recursive: true });
  const jobs = listFiles(distDir)
    .filter((path) => !HOST_FILES.has(path) && TEXT_EXTENSIONS.test(path))
    .map((path) => async () => {
      const full = join(distDir, path);
      const bytes = readFileSync(full);
      const previous = options.reuseFrom ? join(options.reuseFrom, path) : undefined;
      const same = previous !== undefined && sameBytes(previous, bytes);
      const hash = options.cacheDir ? createHash("sha256").update(bytes).digest("hex") : "";
      const variants: [boolean, string, string, () => Promise<Buffer>, (data: Buffer) => Buffer][] = [
        [options.brotli, ".br", `${hash}.q${quality}.br`, () => brotliBytes(bytes, quality), brotliDecompressSync],
        [options.gzip, ".gz", `${hash}.gz`, () => gzipBytes(bytes), gunzipSync],
      ];
      for (const [enabled, extension, cacheName, compress, decompress] of variants) {
        if (!enabled) continue;
        const cached = options.cacheDir ? join(options.cacheDir, cacheName) : undefined;
        if (cached) usedCacheEntries.add(cacheName);
        // Cache entries are named by content and written whole, so they are copied as they are. The previous
        // output may be swapped by another build between two reads, so what comes from it is checked first.
        // Any copy that fails falls back to compressing.
        if ((cached !== undefined && tryCopy(cached, full + extension)) || (same && copyIfDecodesTo(previous + extension, full + extension, bytes, decompress))) {
          reused += 1;
        } else {
          const out = await compress();
          writeFileSync(full + extension, out);
          if (cached) writeAtomically(cached, out);
        }
        written.push(path + extension);
      }
    });
  await runLimited(jobs, Math.max(1, Math.min(8, availableParallelism())));
  if (options.cacheDir) {
    // Entries this build did not use go; a concurrent build's half-written temporary files are left alone.
    for (const name of readdirSync(options.cacheDir)) {
      if (usedCacheEntries.has(name) || name.startsWith(".tmp-")) continue;
      rmSync(join(options.cacheDir, name), { force: true });
    }
  }
  return { written: written.sort(), reused };
}

function sameBytes(path: string, bytes: Buffer): boolean {
  try {
    return readFileSync(path).equals(bytes);
  } catch {
    return false;
  }
}

function copyIfDecodesTo(from: string, to: string, original: Buffer, decompress: (data: Buffer) => Buffer): boolean {
  try {
    const data = readFileSync(from);
    if (!decompress(data).equals(original)) return false;
    writeFileSync(to, data);
    return true;
  } catch {
    return false;
  }
}

function tryCopy(from: string, to: string): boolean {
  try {
    copyFileSync(from, to);
    return true;
  } catch {
    return false;
  }
}

/** Cache entries appear whole or not at all (a concurrent build may be reading them). Best effort. */
function writeAtomically(target: string, data: Uint8Array): void {
  const temporary = join(dirname(target), `.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, target);
  } catch {
    rmSync(temporary, { force: true });
  }
}

async function runLimited(jobs: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
}

function brotliParams(bytes: Uint8Array, quality: number) {
  return {
    params: {
      [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
      [zlib.BROTLI_PARAM_QUALITY]: quality,
      [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  };
}

async function brotliBytes(bytes: Uint8Array, quality: number): Promise<Buffer> {
  return brotliAsync(bytes, brotliParams(bytes, quality));
}

async function gzipBytes(bytes: Uint8Array): Promise<Buffer> {
  return fixGzipHeader(await gzipAsync(bytes, { level: 9 }));
}

/** Brotli bytes of a text file, as `precompress` writes them. */
export function brotli(bytes: Uint8Array, quality = DEFAULT_BROTLI_QUALITY): Buffer {
  return brotliCompressSync(bytes, brotliParams(bytes, quality));
}

/** gzip at level 9 with mtime 0 and the OS byte fixed to 3 (Unix) on every platform. */
export function gzip(bytes: Uint8Array): Buffer {
  return fixGzipHeader(gzipSync(bytes, { level: 9 }));
}

function fixGzipHeader(out: Buffer): Buffer {
  out.writeUInt32LE(0, 4);
  out[9] = 3;
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Manifest and changes

export interface Manifest {
  readonly version: 1;
  /** Every file in the output folder (relative path, `/` separators) → sha256 hex of its bytes. */
  readonly files: Readonly<Record<string, string>>;
}

export interface Changes {
  readonly version: 1;
  /** sha256 of the previous manifest's JSON, or null when there was no previous build. */
  readonly previous: string | null;
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  /** URL paths to purge from a CDN: each added, changed or removed file's URL, and `dir/` for `dir/index.html`. */
  readonly purge: readonly string[];
}

export interface ChangesOptions {
  /** URL path the output folder is served at, for `purge`; default `/`. */
  readonly pathPrefix?: string;
  /** Write `.fabu-manifest.json` and `.fabu-changes.json` into `newDir` (default true). */
  readonly write?: boolean;
}

/** The manifest of an output folder, computed from its files (the two fabu files excepted). */
export function buildManifest(dir: string): Manifest {
  const files: Record<string, string> = {};
  for (const path of listFiles(dir)) {
    if (path === MANIFEST_FILE || path === CHANGES_FILE) continue;
    files[path] = createHash("sha256").update(readFileSync(join(dir, path))).digest("hex");
  }
  return { version: 1, files };
}

/**
 * Compares a new output folder with the previous build — given as that build's folder (its manifest file is
 * read if present, else its files are hashed), a manifest file, or a manifest — and returns the new
 * manifest and the paths added, changed and removed. Writes both beside the pages unless `write` is false.
 */
export function changedPathsManifest(previous: string | Manifest | undefined, newDir: string, options: ChangesOptions = {}): { manifest: Manifest; changes: Changes } {
  const before = readPrevious(previous);
  const manifest = buildManifest(newDir);
  const added: string[] = [];
  const changed: string[] = [];
  const removed: string[] = [];
  for (const [path, hash] of Object.entries(manifest.files)) {
    const old = before?.files[path];
    if (old === undefined) added.push(path);
    else if (old !== hash) changed.push(path);
  }
  if (before) for (const path of Object.keys(before.files)) if (!(path in manifest.files)) removed.push(path);
  const prefix = normalisePrefix(options.pathPrefix);
  const purge = new Set<string>();
  // Added paths too: a CDN may have cached a 404 for a URL that now exists.
  for (const path of [...added, ...changed, ...removed]) {
    if (HOST_FILES.has(path)) continue;
    const page = path.replace(/\.(br|gz)$/, "");
    purge.add(prefix + page);
    if (page === "index.html" || page.endsWith("/index.html")) purge.add(prefix + page.slice(0, -"index.html".length));
  }
  const changes: Changes = {
    version: 1,
    previous: before ? sha256(manifestJson(before)) : null,
    added: added.sort(),
    changed: changed.sort(),
    removed: removed.sort(),
    purge: [...purge].sort(),
  };
  if (options.write ?? true) {
    writeFileSync(join(newDir, MANIFEST_FILE), manifestJson(manifest));
    writeFileSync(join(newDir, CHANGES_FILE), `${JSON.stringify(changes, null, 2)}\n`);
  }
  return { manifest, changes };
}

function readPrevious(previous: string | Manifest | undefined): Manifest | undefined {
  if (previous === undefined) return undefined;
  if (typeof previous !== "string") return previous;
  if (!existsSync(previous)) return undefined;
  if (statSync(previous).isDirectory()) {
    const file = join(previous, MANIFEST_FILE);
    return existsSync(file) ? parseManifest(readFileSync(file, "utf8")) ?? buildManifest(previous) : buildManifest(previous);
  }
  return parseManifest(readFileSync(previous, "utf8"));
}

function parseManifest(text: string): Manifest | undefined {
  try {
    const value = JSON.parse(text) as Partial<Manifest>;
    if (value.version === 1 && value.files && typeof value.files === "object") return { version: 1, files: value.files };
  } catch {
    // an unreadable manifest counts as none: every file is then "added"
  }
  return undefined;
}

/** Stable JSON: paths sorted, so equal folders give equal bytes. */
export function manifestJson(manifest: Manifest): string {
  const files = Object.fromEntries(Object.keys(manifest.files).sort().map((path) => [path, manifest.files[path]!]));
  return `${JSON.stringify({ version: 1, files }, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// All of it

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
  if (options.headers ?? true) writeFileSync(join(distDir, HEADERS_FILE), headersFile(distDir, options));
  const reuseFrom = typeof options.previous === "string" && existsSync(options.previous) && statSync(options.previous).isDirectory() ? options.previous : undefined;
  const { written, reused } = await precompress(distDir, {
    brotli: options.brotli ?? true,
    gzip: options.gzip ?? true,
    reuseFrom,
    cacheDir: options.cacheDir,
    brotliQuality: options.brotliQuality,
  });
  const { changes } = changedPathsManifest(options.previous, distDir, { pathPrefix: options.pathPrefix });
  return { compressed: written.length, reused, changes };
}

// ---------------------------------------------------------------------------------------------------------

function normalisePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? "/").replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "/" : `/${trimmed}/`;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Every file below `dir`, relative, with `/` separators, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(relative(dir, full).split(sep).join("/"));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}
