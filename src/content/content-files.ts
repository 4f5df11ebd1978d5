import { closeSync, fstatSync, openSync, readdirSync, readSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** A regular file below the content folder. */
export interface ContentFile {
  readonly absolute: string;
  /** Relative to the content folder, with forward slashes, e.g. `fazhi-zhengfu/8355537.md`. */
  readonly rel: string;
  /** Relative to the project root, with forward slashes: how problems name the file. */
  readonly display: string;
}

/** A path relative to the project root, with forward slashes, as problems name files. */
export function displayPath(projectRoot: string, absolute: string): string {
  return relative(projectRoot, absolute).split(sep).join("/");
}

/**
 * Every regular file below the content folder, sorted by absolute path. Symbolic links are never followed
 * (one could point anywhere on the build machine); they are listed in `skipped`. The relative names are
 * built per folder: a file's path from anywhere is its folder's path plus its name, and path.relative per
 * file would cost about as much as reading a small file.
 */
export function listContentFiles(projectRoot: string, contentDir: string, skipped: string[]): ContentFile[] {
  const out: ContentFile[] = [];
  const walk = (current: string, rel: string) => {
    const displayDir = displayPath(projectRoot, current);
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const full = join(current, entry.name);
      const entryRel = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(full, entryRel);
      else if (entry.isFile()) out.push({ absolute: full, rel: entryRel, display: displayDir === "" ? entry.name : `${displayDir}/${entry.name}` });
      else if (entry.isSymbolicLink()) skipped.push(full);
    }
  };
  walk(contentDir, "");
  return out.sort((a, b) => (a.absolute < b.absolute ? -1 : a.absolute > b.absolute ? 1 : 0));
}

export type ReadResult = { readonly bytes: Buffer } | { readonly size: number };

/**
 * A reader of whole files, giving a file's bytes, or only its size when that is over `maxBytes`. One
 * descriptor serves both the size check and the read. The bytes are a view of a buffer the reader reuses,
 * valid only until its next read: thousands of fresh file-sized buffers would each count as external
 * memory and drive the garbage collector, while every caller decodes the bytes at once.
 */
export function createFileReader(): (absolute: string, maxBytes: number) => ReadResult {
  let scratch = Buffer.allocUnsafe(64 * 1024);
  return (absolute, maxBytes) => {
    const fd = openSync(absolute, "r");
    try {
      const size = fstatSync(fd).size;
      if (size > maxBytes) return { size };
      if (scratch.length < size) scratch = Buffer.allocUnsafe(size);
      let filled = 0;
      while (filled < size) {
        const count = readSync(fd, scratch, filled, size - filled, null);
        if (count === 0) break;
        filled += count;
      }
      return { bytes: scratch.subarray(0, filled) };
    } finally {
      closeSync(fd);
    }
  };
}
