/**
 * `.br` and `.gz` beside every text file, byte-for-byte reproducible, for hosts that serve precompressed
 * files (nginx `gzip_static`/`brotli_static`, S3 + CloudFront with Content-Encoding metadata).
 */
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, brotliCompressSync, brotliDecompressSync, constants as zlib, gunzipSync, gzip as gzipCallback, gzipSync } from "node:zlib";
import { HOST_FILES, listFiles } from "./output-files.js";
import { tryWriteAtomically } from "../fs/write-atomically.js";

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
  /** The folder's files as listFiles lists them, when the caller has them already. */
  readonly files?: readonly string[];
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
  const toCompress = options.brotli || options.gzip ? (options.files ?? listFiles(distDir)) : [];
  const jobs = toCompress
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
          // Cache entries appear whole or not at all (a concurrent build may be reading them).
          if (cached) tryWriteAtomically(cached, out);
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
