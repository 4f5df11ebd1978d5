/** Names and paths shared by the CDN files fabu writes beside the pages. */
import { existsSync, readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";

export const MANIFEST_FILE = ".fabu-manifest.json";
export const CHANGES_FILE = ".fabu-changes.json";
export const HEADERS_FILE = "_headers";

/** Files of the host's configuration, never served as pages. */
export const HOST_FILES: ReadonlySet<string> = new Set([HEADERS_FILE, "_redirects", MANIFEST_FILE, CHANGES_FILE]);

/** The site's `pathPrefix` as URLs start with it: `/` or `/press/`. */
export function normalisePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? "/").replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "/" : `/${trimmed}/`;
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
