import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import * as pagefind from "pagefind";
import type { TraditionalVariant } from "../convert/index.js";
import type { Script } from "../convert/index.js";
import { buildQueryVariantTables, countHanCharacters } from "./query-variants.js";

export { buildQueryVariantTables, countHanCharacters, queryVariants, type QueryVariantTable } from "./query-variants.js";

/** The search bundle's folder below the site root; the search page's script finds it beside `assets/`. */
export const SEARCH_DIR = "pagefind";

/** The query table per script, e.g. `pagefind/fabu-query.zh-hant.json`. */
export const queryTableFile = (script: Script): string => `${SEARCH_DIR}/fabu-query.${script.toLowerCase()}.json`;

const BATCH = 32;

/** Pagefind files the search page never loads (its ready-made UIs). */
const UNUSED = /^pagefind-(?:ui|modular-ui|component-ui|highlight)\.(?:js|css)$/;

export interface SearchIndexOptions {
  readonly traditional: TraditionalVariant;
}

export interface SearchIndexSummary {
  readonly pages: number;
  readonly languages: readonly string[];
  /** Every file written, relative to the site folder with `/` separators. */
  readonly files: readonly string[];
}

/**
 * Indexes a built site with Pagefind (the binary ships in the npm package; nothing is downloaded) into
 * `<siteDir>/pagefind/`. Pagefind splits the index by `<html lang>`, so `zh-Hans` and `zh-Hant` pages get
 * separate indexes and each script's search page searches its own. Only pages marked `data-pagefind-body`
 * (articles) are indexed. Beside the index go the query tables (see `query-variants.ts`).
 */
export async function writeSearchIndex(siteDir: string, options: SearchIndexOptions): Promise<SearchIndexSummary> {
  const outputPath = join(siteDir, SEARCH_DIR);
  const counts = new Map<Script, Map<string, number>>([
    ["zh-Hans", new Map()],
    ["zh-Hant", new Map()],
  ]);
  const files = htmlFiles(siteDir);
  let pages = 0;
  let languages: string[] = [];
  const written: string[] = [];
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    // A few pages in flight at a time: Pagefind indexes them in parallel while the next ones are read.
    for (let start = 0; start < files.length; start += BATCH) {
      const batch = files.slice(start, start + BATCH).flatMap((file) => {
        const html = readFileSync(join(siteDir, file), "utf8");
        if (!html.includes("data-pagefind-body")) return [];
        const script = scriptOf(html);
        if (script) countHanCharacters(visibleText(html), counts.get(script));
        return [index.addHTMLFile({ sourcePath: file, content: html }).then((added) => ({ file, added }))];
      });
      for (const { file, added } of await Promise.all(batch)) {
        if (added.errors.length) throw new Error(`Pagefind could not index ${file}: ${added.errors.join("; ")}`);
        pages += 1;
      }
    }
    const bundle = await index.getFiles();
    if (bundle.errors.length) throw new Error(`Pagefind could not write its index: ${bundle.errors.join("; ")}`);
    for (const { path, content } of bundle.files) {
      if (UNUSED.test(path)) continue;
      const target = join(outputPath, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
      written.push(`${SEARCH_DIR}/${path.split(sep).join("/")}`);
      if (path === "pagefind-entry.json") languages = Object.keys(JSON.parse(Buffer.from(content).toString("utf8")).languages ?? {});
    }
  } finally {
    await pagefind.close();
  }
  mkdirSync(outputPath, { recursive: true });
  const tables = buildQueryVariantTables(counts, options.traditional);
  for (const script of ["zh-Hans", "zh-Hant"] as const) {
    writeFileSync(join(siteDir, queryTableFile(script)), JSON.stringify(tables[script]));
    written.push(queryTableFile(script));
  }
  return { pages, languages, files: written };
}

/** Every `.html` file below `dir`, as a `/`-separated relative path, sorted (so the index is reproducible). */
function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(dir, relative), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (path !== SEARCH_DIR) walk(path);
      } else if (entry.name.endsWith(".html")) out.push(path);
    }
  };
  walk("");
  return out;
}

function scriptOf(html: string): Script | undefined {
  const lang = /<html[^>]*\slang="([^"]+)"/i.exec(html)?.[1]?.toLowerCase();
  return lang === "zh-hans" ? "zh-Hans" : lang === "zh-hant" ? "zh-Hant" : undefined;
}

/** A page's text without markup, scripts or attribute values (heading ids stay Simplified on both sites). */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, " ")
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<[^>]*>/g, " ");
}
