import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import Eleventy from "@11ty/eleventy";
import { configureEleventy, type EleventyUserConfig } from "../eleventy/eleventy-config.js";
import { writeSearchIndex } from "../search/index.js";
import { machineFiles } from "./machine-files.js";
import type { PreparedSite } from "./prepare-site.js";
import type { ProjectPaths } from "./paths.js";

const THEME_ASSETS = "assets";

/** Lays out every page with Eleventy into `targetDir`, plus the fingerprinted theme assets and content assets. */
export async function writeSite(site: PreparedSite, paths: ProjectPaths, targetDir: string, options: { readonly search: boolean } = { search: true }): Promise<void> {
  const assetHrefs = writeThemeAssets(join(paths.templates, THEME_ASSETS), targetDir, site.config.pathPrefix);
  for (const asset of site.content.assets) {
    const target = join(targetDir, asset);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(paths.content, asset), target);
  }

  const { readBody } = site;
  const configure = configureEleventy({
    templatesDir: paths.templates,
    outputDir: targetDir,
    model: site.model,
    readBody,
    assets: assetHrefs,
  });
  const eleventy = new Eleventy(paths.templates, targetDir, {
    quietMode: true,
    // false: never load an eleventy.config.js from the working folder; fabu passes its whole configuration.
    configPath: false,
    config: (config: EleventyUserConfig) => configure(config),
  });
  await eleventy.write();
  for (const file of machineFiles(site, readBody)) writeInto(targetDir, file.path.replace(/^\//, ""), file.content);
  // Pagefind is the costliest step at archive scale; `--no-search` leaves it out (e.g. for a quick preview).
  if (options.search) await writeSearchIndex(targetDir, { traditional: site.config.traditional });
}

/**
 * Copies `templates/assets/*` as `assets/<name>.<hash>.<ext>`, so they can be cached forever, and returns
 * the href of each by its plain name (`style.css` → `/assets/style.1a2b3c4d5e.css`).
 */
function writeThemeAssets(sourceDir: string, targetDir: string, pathPrefix: string): Record<string, string> {
  const hrefs: Record<string, string> = {};
  for (const name of readdirSync(sourceDir).sort()) {
    const bytes = readFileSync(join(sourceDir, name));
    const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 10);
    const dot = name.lastIndexOf(".");
    const fingerprinted = `${THEME_ASSETS}/${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
    writeInto(targetDir, fingerprinted, bytes);
    hrefs[name] = `${pathPrefix}${fingerprinted}`;
  }
  return hrefs;
}

function writeInto(root: string, relativePath: string, data: Buffer | string): void {
  const target = resolve(root, relativePath);
  // Every path here is built from validated parts; this is the last line of defence all the same.
  if (!target.startsWith(resolve(root) + sep)) throw new Error(`internal error: refusing to write ${relativePath} outside the output folder`);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, data);
}
