import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { GlossaryEntry } from "../convert/index.js";
import { siteConfigSchema, type RawSiteConfig } from "../config/site-config.js";
import { isKnownTimeZone } from "../time/zoned-date.js";
import { parseArticle, type ArticleSource } from "./article.js";
import type { ArticleMemo, ContentListing, LoadContext, ParsedArticleFile } from "./article-memo.js";
import { openParseCache, type ParseCache } from "./parse-cache.js";
import { createFileReader, displayPath, listContentFiles, type ContentFile } from "./content-files.js";
import { checkAcrossArticles } from "./cross-checks.js";
import { ProblemCollector, type ContentProblem } from "./problems.js";
import { decodeSource } from "./read-source.js";
import { parseSection, type SectionSource } from "./section.js";
import { validateWithSchema, type FieldContext } from "./validate-fields.js";
import { parseYamlData } from "./yaml-data.js";
import { z } from "zod";

export interface LoadedContent {
  readonly config: RawSiteConfig;
  readonly glossary: readonly GlossaryEntry[];
  readonly sections: readonly SectionSource[];
  /** Every valid article, drafts included (the build decides what to publish). */
  readonly articles: readonly ArticleSource[];
  /** Static files to copy, relative to the content folder (images and documents only). */
  readonly assets: readonly string[];
  readonly problems: readonly ContentProblem[];
}

export const SITE_CONFIG_FILE = "_site.yml";
export const GLOSSARY_FILE = "_glossary.yml";
const SECTION_FILE = "_index.md";
const ASSET_EXTENSIONS = /\.(svg|png|jpe?g|gif|webp|avif|pdf)$/i;
const CODE_FILE = /\.(c|m)?(js|ts)x?$|11tydata|\.(sh|py|rb|php)$/i;
/** What makes an SVG active content when opened directly: scripts, event handlers, script URLs, foreign HTML. */
const ACTIVE_SVG = /<script|<foreignObject|\son[a-z]+\s*=|(?:href|src)\s*=\s*["']?\s*(?:javascript|vbscript|data):/i;

function checkSvgAsset(absolute: string, file: string, problems: ProblemCollector): void {
  const text = readFileSync(absolute, "utf8");
  const match = ACTIVE_SVG.exec(text);
  if (match) {
    const before = text.slice(0, match.index);
    const line = before.split("\n").length;
    const column = match.index - before.lastIndexOf("\n");
    problems.error(file, line, column, "active-svg", "this SVG contains script or event handlers, which would run when the image is opened directly; remove them");
  }
}

/**
 * Reads and validates the whole content folder. Never throws for bad content: every problem in every file
 * is collected, so one build reports them all. With a memo, unchanged articles are taken from it.
 */
export interface LoadOptions {
  /** Kept by the preview server between loads. */
  readonly memo?: ArticleMemo;
  /** Where parsed articles are kept between builds (`.cache/parsed`); without it every article is parsed. */
  readonly parseCacheDir?: string;
  /**
   * Articles found in the parse cache read their bodies from their files when first used (see
   * ArticleFileSource.reread): for a build, which renders only what its render cache lacks. A body read after
   * its file changed throws ArticleChangedDuringBuildError.
   */
  readonly lazyBodies?: boolean;
}

export function loadContent(projectRoot: string, contentDir: string, options: LoadOptions = {}): LoadedContent {
  const problems = new ProblemCollector();
  const display = (absolute: string) => displayPath(projectRoot, absolute);
  const config = loadSiteConfig(join(contentDir, SITE_CONFIG_FILE), display, problems);
  // Everything an article's parse depends on besides its own bytes.
  const parseSettings = JSON.stringify([config.timeZone, config.limits.maxAliasExpansions, config.limits.maxFileBytes]);
  const load = options.memo?.beginLoad(parseSettings);
  const cache = options.parseCacheDir === undefined ? undefined : openParseCache(options.parseCacheDir, parseSettings);
  try {
    const loaded = loadFiles({ projectRoot, contentDir, config, problems, display, cache, lazyBodies: options.lazyBodies === true && !options.memo }, load);
    // With a memo, later loads look only at changed files: what they use says nothing about the rest.
    if (!options.memo) cache?.prune();
    // The entries are written in the background; the process waits for them before it exits.
    void cache?.written();
    return loaded;
  } catch (error) {
    load?.abandon();
    throw error;
  }
}

interface LoadInputs {
  readonly projectRoot: string;
  readonly contentDir: string;
  readonly config: RawSiteConfig;
  readonly problems: ProblemCollector;
  readonly display: (absolute: string) => string;
  readonly cache: ParseCache | undefined;
  readonly lazyBodies: boolean;
}

function loadFiles({ projectRoot, contentDir, config, problems, display, cache, lazyBodies }: LoadInputs, memo: LoadContext | undefined): LoadedContent {
  const listing: ContentListing = memo?.listing ?? listFiles(projectRoot, contentDir);
  const { files } = listing;
  for (const link of listing.symlinks) problems.warning(display(link), 1, 1, "symlink-in-content", "symbolic links in content/ are ignored; copy the file in instead");
  const maxAliasExpansions = config.limits.maxAliasExpansions;
  const glossary = loadGlossary(join(contentDir, GLOSSARY_FILE), display, problems, maxAliasExpansions);

  const readFile = createFileReader();
  /** The file's bytes, valid until the next read (see createFileReader); undefined if it is too large. */
  const readBytes = ({ absolute, display: file }: ContentFile, into: ProblemCollector): Uint8Array | undefined => {
    const read = readFile(absolute, config.limits.maxFileBytes);
    if (!("size" in read)) return read.bytes;
    into.error(file, 1, 1, "file-too-large", `the file is ${read.size} bytes, over the limit of ${config.limits.maxFileBytes} (limits.maxFileBytes in content/${SITE_CONFIG_FILE})`);
    return undefined;
  };
  const readText = (entry: ContentFile): string | undefined => {
    const bytes = readBytes(entry, problems);
    return bytes && decodeSource(bytes, entry.display, problems);
  };

  const parseArticleFile = (entry: ContentFile, folderSection: string | undefined): ParsedArticleFile => {
    const own = new ProblemCollector();
    const bytes = readBytes(entry, own);
    if (bytes === undefined) return { article: undefined, problems: own.all, ids: [] };
    let decoded: { text: string | undefined } | undefined;
    // Decoded at most once, and only when needed: an article found in the parse cache may never need it.
    const text = () => (decoded ??= { text: decodeSource(bytes, entry.display, own) }).text;
    const parse = (): ParsedArticleFile => {
      const source = text();
      if (source === undefined) return { article: undefined, problems: own.all, ids: [] };
      const ids: string[] = [];
      const article = parseArticle(source, entry.display, own, { timeZone: config.timeZone, maxAliasExpansions, folderSection, onId: (id) => ids.push(id) });
      return { article, problems: own.all, ids };
    };
    if (!cache) return parse();
    return cache.parsed(entry.display, folderSection, { bytes, text, reread: lazyBodies ? rereader(entry) : undefined }, parse);
  };
  // Made outside parseArticleFile: a closure made there would keep its whole scope, the decoded text included.
  const rereader = (entry: ContentFile) => () => {
    const again = readFileSync(entry.absolute);
    return { bytes: again, text: decodeSource(again, entry.display, new ProblemCollector()) };
  };
  const loadArticleFile = (entry: ContentFile, folderSection: string | undefined): ParsedArticleFile =>
    memo ? memo.parsed(entry.absolute, () => parseArticleFile(entry, folderSection)) : parseArticleFile(entry, folderSection);

  const sections: SectionSource[] = [];
  const articles: ArticleSource[] = [];
  const idsSeen = new Set<string>();
  const assets: string[] = [];
  for (const entry of files) {
    const { absolute, rel, display: file } = entry;
    const parts = rel.split("/");
    const name = parts[parts.length - 1]!;
    if (ASSET_EXTENSIONS.test(name)) {
      if (name.toLowerCase().endsWith(".svg")) checkSvgAsset(absolute, file, problems);
      assets.push(rel);
      continue;
    }
    if (CODE_FILE.test(name)) {
      problems.warning(file, 1, 1, "code-in-content", `"${name}" is ignored: content holds data, never code, and fabu runs nothing from content/`);
      continue;
    }
    if (!name.endsWith(".md")) continue;
    if (name === SECTION_FILE) {
      if (parts.length !== 2) {
        problems.error(file, 1, 1, "section-location", `a section is defined by content/<section>/${SECTION_FILE}; move this file to the top level of its section folder`);
        continue;
      }
      const text = readText(entry);
      if (text === undefined) continue;
      const section = parseSection(text, file, parts[0]!, problems, maxAliasExpansions);
      if (section) sections.push(section);
      continue;
    }
    if (name.startsWith("_")) continue;
    const parsed = loadArticleFile(entry, parts.length >= 2 ? parts[0] : undefined);
    for (const problem of parsed.problems) problems.add(problem);
    for (const id of parsed.ids) idsSeen.add(id);
    if (parsed.article) articles.push(parsed.article);
  }
  memo?.finish(listing);
  for (const problem of checkAcrossArticles(articles, sections, idsSeen)) problems.add(problem);
  return { config, glossary, sections, articles, assets, problems: problems.all };
}

function listFiles(projectRoot: string, contentDir: string): ContentListing {
  const symlinks: string[] = [];
  const files = listContentFiles(projectRoot, contentDir, symlinks);
  return { files, symlinks };
}

function readYamlFile(absolute: string, display: (p: string) => string, problems: ProblemCollector, maxAliasExpansions: number): { ctx: FieldContext; value: unknown } | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolute);
  } catch {
    return undefined;
  }
  const file = display(absolute);
  const text = decodeSource(bytes, file, problems);
  if (text === undefined) return undefined;
  const yaml = parseYamlData(text, { maxAliasExpansions });
  for (const p of yaml.problems) problems.error(file, p.line, p.column, p.rule, p.message);
  if (yaml.problems.length > 0) return undefined;
  return { ctx: { file, yaml, lineOffset: 0, problems }, value: yaml.value ?? {} };
}

function loadSiteConfig(absolute: string, display: (p: string) => string, problems: ProblemCollector): RawSiteConfig {
  const defaults = siteConfigSchema.parse({});
  const loaded = readYamlFile(absolute, display, problems, defaults.limits.maxAliasExpansions);
  if (!loaded) return defaults;
  const config = validateWithSchema(loaded.ctx, siteConfigSchema, loaded.value);
  if (!config) return defaults;
  if (!isKnownTimeZone(config.timeZone)) {
    problems.error(loaded.ctx.file, 1, 1, "invalid-time-zone", `unknown time zone "${config.timeZone}"; use an IANA name such as Asia/Shanghai`);
    return defaults;
  }
  return config;
}

const glossarySchema = z.array(
  z.object({ "zh-Hans": z.string().min(1), "zh-Hant": z.string().min(1) }, { error: "each entry is {zh-Hans: 简体, zh-Hant: 繁體}" }).strict(),
  { error: "the glossary is a list of {zh-Hans: 简体, zh-Hant: 繁體} entries" },
);

function loadGlossary(absolute: string, display: (p: string) => string, problems: ProblemCollector, maxAliasExpansions: number): GlossaryEntry[] {
  const loaded = readYamlFile(absolute, display, problems, maxAliasExpansions);
  if (!loaded) return [];
  return validateWithSchema(loaded.ctx, glossarySchema, loaded.value ?? []) ?? [];
}
