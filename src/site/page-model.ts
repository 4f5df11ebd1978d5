import type { SiteConfig } from "../config/site-config.js";
import type { ArticleFacts } from "../content/article.js";
import type { SectionSource } from "../content/section.js";
import type { RenderedArticle } from "../render/render-article.js";
import { buildArticlePages } from "./article-pages.js";
import { LABELS } from "./labels.js";
import { listArticles, type ListedArticle } from "./listed-articles.js";
import { buildListingPages } from "./listing-pages.js";
import { groupBy, listingSpecs } from "./listing-specs.js";
import { perScript } from "./per-script.js";
import type { Alternate, ArticlePage, FeedLink, HomePage, ListingPage, NotFoundPage, PageBase, RedirectPage } from "./page-types.js";
import { otherScript, SCRIPTS, type Script } from "./scripts.js";
import { createUrlScheme, outputPathOf, type FeedFormat, type UrlScheme } from "./urls.js";

export type { ArticleListItem, ArticlePage, HomePage, ListingPage, NotFoundPage, PageBase, RedirectPage } from "./page-types.js";

export interface SiteModel {
  readonly articles: readonly ArticlePage[];
  readonly listings: readonly ListingPage[];
  readonly homes: readonly HomePage[];
  /** The site root `/`: the default script's home page. */
  readonly root: HomePage;
  readonly notFound: readonly NotFoundPage[];
  readonly redirects: readonly RedirectPage[];
  readonly feeds: readonly FeedPlan[];
  readonly urls: UrlScheme;
}

/** One feed to write: which articles (ids, newest first) in which script, and where. */
export interface FeedPlan {
  readonly script: Script;
  readonly title: string;
  readonly description: string;
  readonly listingUrl: string;
  readonly articleIds: readonly string[];
}

export interface SectionText {
  readonly name: Readonly<Record<Script, string>>;
  readonly introHtml: Readonly<Record<Script, string>>;
}

export interface ModelInput {
  readonly config: SiteConfig;
  /** Published articles only (no drafts unless asked, nothing embargoed). */
  readonly articles: readonly ArticleFacts[];
  readonly rendered: ReadonlyMap<string, RenderedArticle>;
  readonly sections: readonly SectionSource[];
  readonly sectionText: ReadonlyMap<string, SectionText>;
  readonly bodyKey: (id: string, script: Script) => string;
  /** Related article ids per article, editor's picks first; awaited only for the article pages, last. */
  readonly related: Promise<ReadonlyMap<string, readonly string[]>>;
  /** URL slug per tag key (the tag's Simplified form). */
  readonly tagSlugs: ReadonlyMap<string, string>;
}

const LATEST_ON_HOME = 10;
const PER_SECTION_ON_HOME = 5;
const FEED_TYPES: Record<FeedFormat, string> = { atom: "application/atom+xml", rss: "application/rss+xml", json: "application/feed+json" };

/** Everything Eleventy lays out and the build writes beside it, computed once from the published articles. */
export async function buildSiteModel(input: ModelInput): Promise<SiteModel> {
  const { config } = input;
  const urls = createUrlScheme(config.url, config.pathPrefix, config.timeZone);
  const oldestFirst = listArticles(input.articles, input.rendered, urls, config.timeZone);
  const newestFirst = [...oldestFirst].reverse();
  const bySection = groupBy(oldestFirst, (a) => a.source.section);
  const newestInSection = (key: string) => [...(bySection.get(key) ?? [])].reverse();
  const sections = [...input.sections].sort((a, b) => a.weight - b.weight || (a.key < b.key ? -1 : 1));
  const sectionName = (key: string, script: Script) => input.sectionText.get(key)?.name[script] ?? key;

  const feedLinks = (script: Script, listingUrl: string, title: string): FeedLink[] =>
    (Object.keys(FEED_TYPES) as FeedFormat[]).map((format) => ({ type: FEED_TYPES[format], title: `${title} (${format === "json" ? "JSON Feed" : format === "rss" ? "RSS" : "Atom"})`, href: urls.withPrefix(urls.feed(listingUrl, format)) }));

  // Every page of a script shows the same navigation and (unless it has its own) the site's feeds: one
  // shared copy each instead of one per page, of which there are tens of thousands.
  const navOf = perScript((script) => sections.map((s) => ({ key: s.key, name: sectionName(s.key, script), href: urls.withPrefix(urls.section(script, s.key)) })));
  const siteFeedsOf = perScript((script) => feedLinks(script, urls.home(script), config.title[script]));
  const homeHrefOf = perScript((script) => urls.withPrefix(urls.home(script)));
  const pageUrls = (urlFor: (s: Script) => string): PageUrls => {
    const path = perScript(urlFor);
    const absolute = perScript((s) => urls.absolute(path[s]));
    return { path, absolute, alternates: [...SCRIPTS.map((s) => ({ hreflang: s, href: absolute[s] })), { hreflang: "x-default", href: absolute[config.defaultScript] }] };
  };
  const base: ModelContext["base"] = (script, page, pageTitle, description, feeds = siteFeedsOf[script]) => {
    const url = page.path[script];
    return {
      script,
      outputPath: outputPathOf(url),
      href: urls.withPrefix(url),
      canonical: page.absolute[script],
      alternates: page.alternates,
      switchHref: urls.withPrefix(page.path[otherScript(script)]),
      pageTitle,
      description,
      labels: LABELS[script],
      siteTitle: config.title[script],
      homeHref: homeHrefOf[script],
      nav: navOf[script],
      feeds,
      indexable: true,
    };
  };
  const shared: ModelContext = { input, urls, pageUrls, base, sectionName, feedLinks };

  const listings = buildListingPages(shared, listingSpecs(input, urls, oldestFirst, sections, bySection));

  const homes: HomePage[] = SCRIPTS.map((script) => ({
    ...base(script, pageUrls((s) => urls.home(s)), config.title[script], config.description[script]),
    kind: "home",
    latest: newestFirst.slice(0, LATEST_ON_HOME).map((a) => a.item[script]),
    sections: sections.map((section) => ({
      name: sectionName(section.key, script),
      href: urls.withPrefix(urls.section(script, section.key)),
      articles: newestInSection(section.key).slice(0, PER_SECTION_ON_HOME).map((a) => a.item[script]),
    })),
    archiveHref: urls.withPrefix(urls.archive(script)),
    tagsHref: urls.withPrefix(urls.tags(script)),
  }));
  const defaultHome = homes.find((h) => h.script === config.defaultScript)!;
  const root: HomePage = { ...defaultHome, outputPath: "index.html" };

  const notFound: NotFoundPage[] = SCRIPTS.map((script) => ({
    ...base(script, pageUrls((s) => urls.notFound(s)), `${LABELS[script].notFoundTitle} - ${config.title[script]}`, LABELS[script].notFoundText),
    kind: "not-found",
    indexable: false,
  }));
  const rootNotFound = notFound.find((p) => p.script === config.defaultScript)!;

  const ids = (list: readonly ListedArticle[]) => list.slice(0, config.feedSize).map((a) => a.source.id);
  const feeds: FeedPlan[] = SCRIPTS.flatMap((script) => [
    { script, title: config.title[script], description: config.description[script], listingUrl: urls.home(script), articleIds: ids(newestFirst) },
    ...sections.map((section) => ({
      script,
      title: `${config.title[script]} — ${sectionName(section.key, script)}`,
      description: `${sectionName(section.key, script)}：${config.description[script]}`,
      listingUrl: urls.section(script, section.key),
      articleIds: ids(newestInSection(section.key)),
    })),
  ]);

  const redirects: RedirectPage[] = input.articles.flatMap((article) => {
    const script = input.rendered.get(article.id)!.sourceScript;
    const target = urls.article(script, article.id, article.date);
    return article.aliases.map((alias) => ({
      outputPath: outputPathOf(alias.value.endsWith("/") || /\.[a-z0-9]+$/i.test(alias.value) ? alias.value : `${alias.value}/`),
      from: alias.value,
      toHref: urls.withPrefix(target),
      toAbsolute: urls.absolute(target),
      script,
      title: input.rendered.get(article.id)!.text[script].title,
    }));
  });

  const articles = buildArticlePages(shared, newestFirst, await input.related);
  return { articles, listings, homes, root, notFound: [...notFound, { ...rootNotFound, outputPath: "404.html" }], redirects, feeds, urls };
}

/** A page's path and absolute URL in each script and its hreflang links: one set for its two scripts. */
export interface PageUrls {
  readonly path: Readonly<Record<Script, string>>;
  readonly absolute: Readonly<Record<Script, string>>;
  readonly alternates: readonly Alternate[];
}

export interface ModelContext {
  readonly input: ModelInput;
  readonly urls: UrlScheme;
  /** The URLs of a page whose path in each script is `urlFor`, shared by the page's two scripts. */
  readonly pageUrls: (urlFor: (s: Script) => string) => PageUrls;
  /** The fields every page has. */
  readonly base: (script: Script, page: PageUrls, pageTitle: string, description: string, feeds?: readonly FeedLink[]) => PageBase;
  /** The Atom, RSS and JSON feeds of a listing, as `<link rel="alternate">` entries. */
  readonly feedLinks: (script: Script, listingUrl: string, title: string) => FeedLink[];
  readonly sectionName: (key: string, script: Script) => string;
}
