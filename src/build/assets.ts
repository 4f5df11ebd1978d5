import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import type { PreparedSite } from "./prepare-site.js";
import type { ProjectPaths } from "./paths.js";

const THEME_ASSETS = "assets";

/** The theme's fingerprinted assets and the content's assets, to be written into an output folder. */
export interface AssetPlan {
  /** The theme assets' hrefs by plain name. */
  readonly hrefs: Record<string, string>;
  /** Every file `write` writes, relative to its folder. */
  readonly files: readonly string[];
  write(targetDir: string): void;
}

export function planAssets(site: PreparedSite, paths: ProjectPaths): AssetPlan {
  const theme = themeAssets(join(paths.templates, THEME_ASSETS), site.config.pathPrefix);
  return {
    hrefs: theme.hrefs,
    files: [...theme.files.map((file) => file.path), ...site.assets],
    write(targetDir) {
      for (const file of theme.files) writeInto(targetDir, file.path, file.bytes);
      for (const asset of site.assets) {
        const target = join(targetDir, asset);
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(join(paths.content, asset), target);
      }
    },
  };
}

/**
 * Writes the fingerprinted theme assets and copies the content's assets. Returns the theme assets' hrefs by
 * plain name, and every file written (relative to `targetDir`).
 */
export function writeAssets(site: PreparedSite, paths: ProjectPaths, targetDir: string): { hrefs: Record<string, string>; files: readonly string[] } {
  const plan = planAssets(site, paths);
  plan.write(targetDir);
  return plan;
}

/**
 * `templates/assets/*` as `assets/<name>.<hash>.<ext>`, so they can be cached forever, with the href of each
 * by its plain name (`style.css` → `/assets/style.1a2b3c4d5e.css`).
 */
function themeAssets(sourceDir: string, pathPrefix: string): { hrefs: Record<string, string>; files: { path: string; bytes: Buffer }[] } {
  const hrefs: Record<string, string> = {};
  const files: { path: string; bytes: Buffer }[] = [];
  for (const name of readdirSync(sourceDir).sort()) {
    const bytes = readFileSync(join(sourceDir, name));
    const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 10);
    const dot = name.lastIndexOf(".");
    const fingerprinted = `${THEME_ASSETS}/${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
    hrefs[name] = `${pathPrefix}${fingerprinted}`;
    files.push({ path: fingerprinted, bytes });
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
