import { toHtml } from "hast-util-to-html";
import { VFile } from "vfile";
import { normaliseSiteConfig, type SiteConfig } from "../config/site-config.js";
import type { ArticleSource } from "../content/article.js";
import { loadContent, type LoadedContent } from "../content/load-content.js";
import { ContentValidationError, type ContentProblem } from "../content/problems.js";
import { detectScript } from "../convert/index.js";
import { messagesToProblems, type RenderContext, type RenderedArticle } from "../render/render-article.js";
import { openRenderCache, renderCacheDir } from "../render/render-cache.js";
import { renderAll } from "../render/render-pool.js";
import { createRenderContext, type RenderSettings } from "../render/render-settings.js";
import { buildSiteModel, type SectionText, type SiteModel } from "../site/page-model.js";
import { SCRIPTS, type Script } from "../site/scripts.js";
import { findUrlCollisions } from "../site/url-collisions.js";
import { createUrlScheme } from "../site/urls.js";
import type { ProjectPaths } from "./paths.js";

export interface PreparedSite {
  readonly config: SiteConfig;
  readonly content: LoadedContent;
  readonly model: SiteModel;
  readonly bodies: ReadonlyMap<string, string>;
  readonly warnings: readonly ContentProblem[];
  /** Called once the site is published: drops cache entries this build did not use. */
  readonly commitCache: () => void;
}

interface LoadedSite {
  readonly content: LoadedContent;
  readonly config: SiteConfig;
  readonly settings: RenderSettings;
  readonly context: () => RenderContext;
  readonly problems: ContentProblem[];
}

/** Loads and validates content; the render context (dictionaries, Markdown processor) is built on first use. */
function loadSite(paths: ProjectPaths): LoadedSite {
  const content = loadContent(paths.root, paths.content);
  const settings: RenderSettings = {
    siteUrl: content.config.url,
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
  return { content, config, settings, context: getContext, problems };
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
  /** false: render everything afresh, ignoring and not writing `.cache/render/`. */
  readonly cache?: boolean;
  readonly stage?: (name: string) => void;
}

export async function prepareSite(paths: ProjectPaths, options: PrepareOptions): Promise<PreparedSite> {
  const stage = options.stage ?? (() => {});
  const site = loadSite(paths);
  stage("load and validate");
  const { content, config } = site;
  const problems = site.problems;
  if (hasErrors(problems)) throw new ContentValidationError(problems);

  const published = content.articles.filter((a) => options.drafts || !a.draft);
  const sourceScriptOf = (article: ArticleSource): Script => article.lang ?? detectScript(article.body) ?? config.defaultScript;
  const cache = options.cache === false ? undefined : openRenderCache(renderCacheDir(paths.root), site.settings);
  const renderedList = await renderAll(published.map((article) => ({ article, sourceScript: sourceScriptOf(article) })), site.settings, site.context, cache);
  stage("render");
  const rendered = new Map<string, RenderedArticle>();
  for (const result of renderedList) {
    rendered.set(result.id, result);
    problems.push(...result.problems);
  }
  const sectionText = renderSectionTexts(content, config, site.context());
  for (const text of sectionText.values()) problems.push(...text.problems);
  if (hasErrors(problems)) throw new ContentValidationError(problems);

  // Related links to drafts are dropped when drafts are not published, so no page links to a missing one.
  const publishedIds = new Set(published.map((a) => a.id));
  const visible = published.map((a) => ({ ...a, related: a.related.filter((r) => publishedIds.has(r.id)) }));
  const bodies = new Map<string, string>();
  const bodyKey = (id: string, script: Script) => `${script}/${id}`;
  for (const [id, article] of rendered) {
    for (const script of SCRIPTS) bodies.set(bodyKey(id, script), article.text[script].bodyHtml);
  }
  const model = buildSiteModel({ config, articles: visible, rendered, sections: content.sections, sectionText, bodyKey });
  stage("page index");
  return { config, content, model, bodies, warnings: problems.filter((p) => p.severity === "warning"), commitCache: () => cache?.prune() };
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
