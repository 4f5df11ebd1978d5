import { VFile } from "vfile";
import { normaliseSiteConfig, type SiteConfig } from "../config/site-config.js";
import type { ArticleSource } from "../content/article.js";
import { loadContent, type LoadedContent } from "../content/load-content.js";
import { ContentValidationError, type ContentProblem } from "../content/problems.js";
import { convertTree, createConverterSet, detectScript, rehypeConversionMarkup } from "../convert/index.js";
import { createMarkdownProcessor } from "../markdown/index.js";
import { renderArticle, type RenderedArticle } from "../render/render-article.js";
import { buildSiteModel, type SectionText, type SiteModel } from "../site/page-model.js";
import { SCRIPTS, type Script } from "../site/scripts.js";
import { findUrlCollisions } from "../site/url-collisions.js";
import { createUrlScheme } from "../site/urls.js";
import { toHtml } from "hast-util-to-html";
import type { ProjectPaths } from "./paths.js";

export interface PrepareOptions {
  /** Publish drafts too (the preview server does). */
  readonly drafts: boolean;
  /** Stop after parsing: validate everything a build would, without converting or rendering. */
  readonly checkOnly?: boolean;
}

export interface PreparedSite {
  readonly config: SiteConfig;
  readonly content: LoadedContent;
  readonly model: SiteModel;
  readonly bodies: ReadonlyMap<string, string>;
  readonly warnings: readonly ContentProblem[];
}

/**
 * Everything before pages are laid out: load and validate content, then parse each article once and
 * render it in both scripts. Throws ContentValidationError with every problem if anything is wrong.
 */
export function prepareSite(paths: ProjectPaths, options: PrepareOptions): PreparedSite | { readonly checked: readonly ContentProblem[] } {
  const content = loadContent(paths.root, paths.content);
  const problems: ContentProblem[] = [...content.problems];
  const converters = createConverterSet({ traditional: content.config.traditional, glossary: content.glossary, quotes: content.config.quotes });
  const toHant = (text: string) => converters.get("zh-Hans", "zh-Hant").convert(text);
  const config = normaliseSiteConfig(content.config, toHant);
  const urls = createUrlScheme(config.url, config.pathPrefix, config.timeZone);
  problems.push(...findUrlCollisions(content.articles, urls));

  const toHast = createMarkdownProcessor({
    siteUrl: config.url,
    maxNestingDepth: config.limits.maxNestingDepth,
    maxBytes: config.limits.maxFileBytes,
    rehypePlugins: [rehypeConversionMarkup],
  });
  const published = content.articles.filter((a) => options.drafts || !a.draft);
  const sourceScriptOf = (article: ArticleSource): Script => article.lang ?? detectScript(article.body) ?? config.defaultScript;

  if (options.checkOnly) {
    for (const article of content.articles) {
      const file = new VFile({ path: article.file, value: article.body });
      toHast(article.body, file);
      problems.push(...file.messages.map((m): ContentProblem => ({
        file: article.file,
        line: (m.line ?? 1) + article.bodyStartLine - 1,
        column: m.column ?? 1,
        message: m.reason,
        rule: m.ruleId ?? "markdown",
        severity: m.fatal === true ? "error" : "warning",
      })));
    }
    if (problems.some((p) => p.severity === "error")) throw new ContentValidationError(problems);
    return { checked: problems };
  }
  if (problems.some((p) => p.severity === "error")) throw new ContentValidationError(problems);

  const renderContext = {
    toHast,
    converterFor: (from: Script, to: Script) => converters.get(from, to),
    convertTree,
    quotes: config.quotes,
    defaultSource: config.source,
  };
  const rendered = new Map<string, RenderedArticle>();
  for (const article of published) {
    const result = renderArticle(article, sourceScriptOf(article), renderContext);
    rendered.set(article.id, result);
    problems.push(...result.problems);
  }

  const sectionText = new Map<string, SectionText>();
  for (const section of content.sections) {
    const file = new VFile({ path: section.file, value: section.intro });
    const tree = toHast(section.intro, file);
    const sourceScript = detectScript(`${section.title}${section.intro}`) ?? config.defaultScript;
    const name = {} as Record<Script, string>;
    const introHtml = {} as Record<Script, string>;
    for (const script of SCRIPTS) {
      const converter = converters.get(sourceScript, script);
      const explicit = script === "zh-Hans" ? section.titleHans : section.titleHant;
      name[script] = explicit ?? converter.convert(section.title);
      introHtml[script] = toHtml(convertTree(tree, converter, { quotes: config.quotes }));
    }
    sectionText.set(section.key, { name, introHtml });
  }
  if (problems.some((p) => p.severity === "error")) throw new ContentValidationError(problems);

  // Related links to drafts are dropped when drafts are not published, so no page links to a missing one.
  const publishedIds = new Set(published.map((a) => a.id));
  const visible = published.map((a) => ({ ...a, related: a.related.filter((r) => publishedIds.has(r.id)) }));
  const bodies = new Map<string, string>();
  const bodyKey = (id: string, script: Script) => `${script}/${id}`;
  for (const [id, article] of rendered) {
    for (const script of SCRIPTS) bodies.set(bodyKey(id, script), article.text[script].bodyHtml);
  }
  const model = buildSiteModel({ config, articles: visible, rendered, sections: content.sections, sectionText, bodyKey });
  return { config, content, model, bodies, warnings: problems.filter((p) => p.severity === "warning") };
}
