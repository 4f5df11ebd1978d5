import { join } from "node:path";
import { toHtml } from "hast-util-to-html";
import { VFile } from "vfile";
import { normalisePathPrefix, normaliseSiteConfig, type SiteConfig } from "../config/site-config.js";
import { withoutBody, type ArticleFacts, type ArticleSource } from "../content/article.js";
import type { ArticleMemo } from "../content/article-memo.js";
import { loadContent, type LoadedContent } from "../content/load-content.js";
import { ContentValidationError, type ContentProblem } from "../content/problems.js";
import { detectScript } from "../convert/index.js";
import { messagesToProblems, type RenderContext, type RenderedArticle } from "../render/render-article.js";
import { openRenderCache, renderCacheDir, temporaryRenderCacheDir } from "../render/render-cache.js";
import { renderAll } from "../render/render-pool.js";
import { createRenderContext, type RenderSettings } from "../render/render-settings.js";
import { buildSiteModel, type SectionText, type SiteModel } from "../site/page-model.js";
import { SCRIPTS, type Script } from "../site/scripts.js";
import { checkTagSlugs } from "../site/tags.js";
import { computeRelatedInBackground } from "../site/related-in-background.js";
import { findAliasCollisions, findUrlCollisions } from "../site/url-collisions.js";
import { createUrlScheme } from "../site/urls.js";
import { DATE_FORMAT_HINT, parseNewsDate } from "../time/zoned-date.js";
import type { BuildMemo, ModelInputs } from "./build-memo.js";
import { indexDigest, keepIndex as keepIndexSnapshot, readKeptIndex, type PlanHashes } from "./index-snapshot.js";
import { keepRenderSummaries, readRenderSummaries, summaryOf, type RenderSummary } from "./render-summaries.js";
import type { ProjectPaths } from "./paths.js";
import { sitemapsOf } from "./machine-files.js";
import type { GeneratedFile } from "../feeds/types.js";

export interface PreparedSite {
  /** The instant the site was built as of (ms since the epoch). */
  readonly now: number;
  readonly config: SiteConfig;
  /** Static files to copy, relative to the content folder. */
  readonly assets: readonly string[];
  readonly model: SiteModel;
  /** An article body by the page's `bodyKey`, read from the render cache when its page is laid out. */
  readonly readBody: (bodyKey: string) => string;
  /** The render cache folder `readBody` reads from (layout workers read bodies there themselves). */
  readonly bodiesDir: string;
  readonly warnings: readonly ContentProblem[];
  /** Called once the site is published (or the build failed): drops cache entries this build did not use. */
  readonly finishCache: () => void;
  /** The sitemap files, made on first use unless the page index was kept with them (see index-snapshot.ts). */
  readonly sitemaps: () => readonly GeneratedFile[];
  /** Each page's plan hash, when the page index is the one an earlier build kept (see index-snapshot.ts). */
  readonly planHashes?: PlanHashes;
  /**
   * Keeps the page index for the next build; nothing to do when it was kept already. It depends only on the
   * content, so it may be kept before the site is published (a failed layout is a template's fault).
   */
  readonly keepIndex: (planHashes: PlanHashes) => void;
}

interface LoadedSite {
  readonly content: LoadedContent;
  readonly config: SiteConfig;
  readonly settings: RenderSettings;
  readonly context: () => RenderContext;
  readonly problems: ContentProblem[];
  readonly sourceScriptOf: (article: ArticleSource) => Script;
  readonly tagKeysOf: (article: ArticleSource) => string[];
  readonly tagSlugs: ReadonlyMap<string, string>;
}

/** Loads and validates content; the render context (dictionaries, Markdown processor) is built on first use. */
function loadSite(paths: ProjectPaths, options: { readonly memo?: ArticleMemo; readonly cache?: boolean; readonly lazyBodies?: boolean } = {}): LoadedSite {
  const parseCacheDir = options.cache === false ? undefined : join(paths.root, ".cache", "parsed");
  const content = loadContent(paths.root, paths.content, { memo: options.memo, parseCacheDir, lazyBodies: options.lazyBodies });
  const settings: RenderSettings = {
    siteUrl: content.config.url,
    pathPrefix: normalisePathPrefix(content.config.pathPrefix),
    maxNestingDepth: content.config.limits.maxNestingDepth,
    maxFileBytes: content.config.limits.maxFileBytes,
    traditional: content.config.traditional,
    glossary: content.glossary,
    quotes: content.config.quotes,
    defaultSource: content.config.source,
  };
  let context: RenderContext | undefined;
  const getContext = () => (context ??= createRenderContext(settings));
  const toHant = (text: string) => getContext().converterFor("zh-Hans", "zh-Hant").convert(text);
  const config = normaliseSiteConfig(content.config, toHant);
  const problems = [...content.problems, ...findUrlCollisions(content.articles, createUrlScheme(config.url, config.pathPrefix, config.timeZone))];
  const sourceScriptOf = (article: ArticleSource): Script => article.lang ?? article.bodyScript ?? config.defaultScript;
  // Tags are keyed by their Simplified form, so one tag written in either script is one tag with one URL.
  // Without page rules a tag's key depends only on the tag and the script, and most tags recur: each is
  // converted once per script.
  const sharedTagKeys: Record<Script, Map<string, string>> = { "zh-Hans": new Map(), "zh-Hant": new Map() };
  const tagKeysOf = (article: ArticleSource): string[] => {
    if (article.tags.length === 0) return [];
    const script = sourceScriptOf(article);
    const converter = getContext().converterFor(script, "zh-Hans");
    if (article.glossary.length > 0) return article.tags.map((tag) => converter.convert(tag, article.glossary));
    const keys = sharedTagKeys[script];
    return article.tags.map((tag) => {
      let key = keys.get(tag);
      if (key === undefined) keys.set(tag, (key = converter.convert(tag)));
      return key;
    });
  };
  const tagPlaces = new Map<string, { file: string; line: number; column: number }>();
  for (const article of content.articles) {
    tagKeysOf(article).forEach((key, i) => {
      if (!tagPlaces.has(key)) tagPlaces.set(key, { file: article.file, ...article.tagsAt[i]! });
    });
  }
  const tags = checkTagSlugs(tagPlaces);
  problems.push(...tags.problems);
  return { content, config, settings, context: getContext, problems, sourceScriptOf, tagKeysOf, tagSlugs: tags.slugs };
}

const hasErrors = (problems: readonly ContentProblem[]) => problems.some((p) => p.severity === "error");

/**
 * `fabu check`: everything a build validates — front matter, cross-file rules, and the Markdown parse (nesting
 * limits, conversion markup) — without converting or rendering. Throws ContentValidationError on errors.
 */
export function checkSite(paths: ProjectPaths): readonly ContentProblem[] {
  const site = loadSite(paths);
  const problems = [...site.problems];
  if (!hasErrors(problems)) {
    const { toHast } = site.context();
    for (const article of site.content.articles) {
      const file = new VFile({ path: article.file, value: article.body });
      toHast(article.body, file);
      problems.push(...messagesToProblems(file, article.file, article.bodyStartLine));
    }
  }
  if (hasErrors(problems)) throw new ContentValidationError(problems);
  return problems;
}

/**
 * Everything before pages are laid out: load and validate content, then parse each article once and
 * render it in both scripts. Throws ContentValidationError with every problem if anything is wrong.
 */
export interface PrepareOptions {
  readonly drafts: boolean;
  /** Publish articles dated after `now` too (otherwise they are embargoed). */
  readonly future: boolean;
  /**
   * The instant the site is built "as of" (embargoes, the news sitemap): `2020-11-13 14:45` in the site's
   * time zone or ISO 8601 with an offset. Default: the current time.
   */
  readonly now?: string;
  /** false: render everything afresh, ignoring and not writing `.cache/render/`. */
  readonly cache?: boolean;
  readonly stage?: (name: string) => void;
  /** Kept by a long-running process between builds (the preview server's). */
  readonly memo?: BuildMemo;
}

export async function prepareSite(paths: ProjectPaths, options: PrepareOptions): Promise<PreparedSite> {
  const stage = options.stage ?? (() => {});
  // A build renders only what the render cache lacks: the other articles' bodies need not be decoded.
  const site = loadSite(paths, { memo: options.memo?.articles, cache: options.cache, lazyBodies: true });
  stage("load and validate");
  const { content, config } = site;
  const problems = site.problems;
  if (hasErrors(problems)) throw new ContentValidationError(problems);

  const now = resolveNow(options.now, config.timeZone);
  const published = content.articles.filter((a) => (options.drafts || !a.draft) && (options.future || a.date.epochMs <= now));
  const { sourceScriptOf } = site;
  // --no-cache renders everything afresh into a throw-away cache, so bodies still stay out of memory.
  const cache = openRenderCache(options.cache === false ? temporaryRenderCacheDir(paths.root) : renderCacheDir(paths.root), site.settings, options.memo?.render);
  const tasks = published.map((article) => ({ article, sourceScript: sourceScriptOf(article) }));
  const keys = tasks.map((task) => cache.keyOf(task));
  const cacheKeyOf = new Map(published.map((article, i) => [article.id, keys[i]!]));
  // The preview server keeps its index in memory; a build keeps it on disk, unless told to use no cache.
  const keptIndexDir = options.memo || options.cache === false ? undefined : join(paths.root, ".cache", "index");
  // An article summarised by an earlier build (see render-summaries.ts) is read from the render cache only
  // if the page index is made afresh.
  const known = keptIndexDir ? readRenderSummaries(keptIndexDir) : new Map<string, RenderSummary>();
  const whole = known.size > 0 ? cache.present(keys) : [];
  const summarised = keys.map((key, i) => whole[i] === true && known.has(key));
  const renderedSoFar = new Map<string, RenderedArticle>();
  const renderWhere = async (which: (i: number) => boolean) => {
    const chosen = tasks.filter((_, i) => which(i));
    for (const result of (await renderAll(chosen, site.settings, site.context, cache)).rendered) renderedSoFar.set(result.id, result);
  };
  await renderWhere((i) => !summarised[i]);
  // Only for the index kept on disk: hashing every article's texts would cost the preview a third of a second.
  const summaries = keptIndexDir ? new Map(keys.map((key, i) => [key, summarised[i] ? known.get(key)! : summaryOf(renderedSoFar.get(published[i]!.id)!)])) : undefined;
  stage("render");
  for (const article of published) problems.push(...(summaries?.get(cacheKeyOf.get(article.id)!) ?? renderedSoFar.get(article.id)!).problems);
  const sectionText = renderSectionTexts(content, config, site.context());
  for (const text of sectionText.values()) problems.push(...text.problems);
  if (hasErrors(problems)) throw new ContentValidationError(problems);
  if (keptIndexDir && summaries && (known.size !== summaries.size || summarised.includes(false))) keepRenderSummaries(keptIndexDir, summaries);

  const bodyKey = (id: string, script: Script) => `${cacheKeyOf.get(id)!}/${script}`;
  const readBody = (key: string) => {
    const [cacheKey, script] = key.split("/") as [string, Script];
    return cache.body(cacheKey, script);
  };
  const settings = options.memo || keptIndexDir ? JSON.stringify([config, site.settings, content.sections, [...sectionText], [...site.tagSlugs]]) : "";
  const digest = keptIndexDir && summaries ? indexDigest({ settings, published, textsHash: (id) => summaries.get(cacheKeyOf.get(id)!)!.texts }) : "";
  const kept = keptIndexDir ? readKeptIndex(keptIndexDir, digest, createUrlScheme(config.url, config.pathPrefix, config.timeZone), bodyKey) : undefined;
  // Made afresh, the index needs every article's rendered texts.
  if (!kept && summarised.includes(true)) await renderWhere((i) => summarised[i]!);
  const rendered = new Map(published.flatMap((article) => (renderedSoFar.has(article.id) ? [[article.id, renderedSoFar.get(article.id)!] as const] : [])));
  const inputs: ModelInputs = { settings, published, rendered, cacheKeys: cacheKeyOf };
  const problemsBefore = problems.length;
  const model = kept?.model ?? options.memo?.reusableModel(inputs) ?? (await indexPages(site, published, rendered, sectionText, bodyKey, problems));
  if (kept) problems.push(...kept.problems);
  const indexProblems = problems.slice(problemsBefore);
  options.memo?.remember(inputs, model);
  stage(kept ? "page index (kept from the last build)" : "page index");
  const finishCache = () => (options.cache === false ? cache.discard() : cache.prune());
  let sitemapFiles = kept?.sitemaps;
  const sitemaps = () => (sitemapFiles ??= sitemapsOf(model));
  const keepIndex = (planHashes: PlanHashes) => {
    if (keptIndexDir && !kept) keepIndexSnapshot(keptIndexDir, digest, model, planHashes, indexProblems, sitemaps());
  };
  const warnings = problems.filter((p) => p.severity === "warning");
  return { now, config, assets: content.assets, model, readBody, bodiesDir: cache.dir, warnings, finishCache, sitemaps, planHashes: kept?.planHashes, keepIndex };
}

/** The page index: every page's plan. Adds URL collisions between aliases to `problems`, and throws on errors. */
async function indexPages(
  site: LoadedSite,
  published: readonly ArticleSource[],
  rendered: ReadonlyMap<string, RenderedArticle>,
  sectionText: ReadonlyMap<string, SectionText>,
  bodyKey: (id: string, script: Script) => string,
  problems: ContentProblem[],
): Promise<SiteModel> {
  const { config, content } = site;
  // From here on the pages need the articles' facts, not their Markdown: the bodies (most of the memory at
  // archive scale) are left behind. The facts are copied (structuredClone): parsed fields are slices of the
  // file's text, and V8 would keep every whole file in memory for them. Related links to drafts are dropped
  // when drafts are not published, so no page links to a missing one.
  const publishedIds = new Set(published.map((a) => a.id));
  const visible = published.map((article): ArticleFacts => structuredClone({ ...withoutBody(article), related: article.related.filter((r) => publishedIds.has(r.id)) }));
  // The rendered Simplified tags are the tag keys (converted the same way as tagKeysOf), already at hand:
  // recomputing them would detect each body's script and convert every tag again.
  const related = computeRelatedInBackground(
    visible.map((a) => ({ id: a.id, epochMs: a.date.epochMs, section: a.section, tagKeys: rendered.get(a.id)!.text["zh-Hans"].tags, editorPicks: a.related.map((r) => r.id) })),
    config.related,
  );
  const model = await buildSiteModel({ config, articles: visible, rendered, sections: content.sections, sectionText, bodyKey, related, tagSlugs: site.tagSlugs });
  problems.push(...findAliasCollisions(model, visible));
  if (hasErrors(problems)) throw new ContentValidationError(problems);
  return model;
}

function renderSectionTexts(content: LoadedContent, config: SiteConfig, context: RenderContext): Map<string, SectionText & { problems: ContentProblem[] }> {
  const out = new Map<string, SectionText & { problems: ContentProblem[] }>();
  for (const section of content.sections) {
    const file = new VFile({ path: section.file, value: section.intro });
    const tree = context.toHast(section.intro, file);
    const sourceScript = detectScript(`${section.title}${section.intro}`) ?? config.defaultScript;
    const name = {} as Record<Script, string>;
    const introHtml = {} as Record<Script, string>;
    for (const script of SCRIPTS) {
      const converter = context.converterFor(sourceScript, script);
      const explicit = script === "zh-Hans" ? section.titleHans : section.titleHant;
      name[script] = explicit ?? converter.convert(section.title);
      introHtml[script] = toHtml(context.convertTree(tree, converter, { quotes: context.quotes }));
    }
    out.set(section.key, { name, introHtml, problems: messagesToProblems(file, section.file, section.introStartLine) });
  }
  return out;
}

/** Thrown for a `--now` the build cannot read; the CLI prints it as a usage error. */
export class InvalidNowError extends Error {
  constructor(value: string) {
    super(`--now "${value}" is not an instant; ${DATE_FORMAT_HINT}`);
    this.name = "InvalidNowError";
  }
}

function resolveNow(value: string | undefined, timeZone: string): number {
  if (value === undefined) return Date.now();
  const parsed = parseNewsDate(value, timeZone);
  if (!parsed) throw new InvalidNowError(value);
  return parsed.epochMs;
}
