/**
 * `.fabu-manifest.json` (every output path with its sha256) and `.fabu-changes.json` (paths and URLs added,
 * changed and removed since the previous build), so a deploy step uploads and purges only those.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CHANGES_FILE, HOST_FILES, listFiles, MANIFEST_FILE, normalisePrefix } from "./output-files.js";

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
  /** `newDir`'s files as listFiles lists them, when the caller has them already. */
  readonly files?: readonly string[];
  /** sha256 of files the caller knows without reading them, by path (pages from the build's page store). */
  readonly knownHashes?: ReadonlyMap<string, string>;
}

/** The manifest of an output folder, computed from its files (the two fabu files excepted). */
export function buildManifest(dir: string, listed: readonly string[] = listFiles(dir), knownHashes: ReadonlyMap<string, string> = new Map()): Manifest {
  const files: Record<string, string> = {};
  for (const path of listed) {
    if (path === MANIFEST_FILE || path === CHANGES_FILE) continue;
    files[path] = knownHashes.get(path) ?? createHash("sha256").update(readFileSync(join(dir, path))).digest("hex");
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
  const manifest = buildManifest(newDir, options.files, options.knownHashes);
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

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
