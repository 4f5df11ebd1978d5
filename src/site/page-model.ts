import type { SiteConfig } from "../config/site-config.js";
import type { ArticleSource } from "../content/article.js";
import type { SectionSource } from "../content/section.js";
import type { RenderedArticle } from "../render/render-article.js";
import { formatNewsDate, toIsoWithOffset, wallClockAt } from "../time/zoned-date.js";
import { buildArticlePages } from "./article-pages.js";
import { LABELS } from "./labels.js";
import { buildListingPages, type ListingSpec } from "./listing-pages.js";
import type { ArticleListItem, ArticlePage, FeedLink, HomePage, ListingPage, NotFoundPage, PageBase, RedirectPage } from "./page-types.js";
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
  readonly articles: readonly ArticleSource[];
  readonly rendered: ReadonlyMap<string, RenderedArticle>;
  readonly sections: readonly SectionSource[];
  readonly sectionText: ReadonlyMap<string, SectionText>;
  readonly bodyKey: (id: string, script: Script) => string;
  /** Related article ids per article, editor's picks first. */
  readonly related: ReadonlyMap<string, readonly string[]>;
  /** URL slug per tag key (the tag's Simplified form). */
  readonly tagSlugs: ReadonlyMap<string, string>;
}

const LATEST_ON_HOME = 10;
const PER_SECTION_ON_HOME = 5;
const FEED_TYPES: Record<FeedFormat, string> = { atom: "application/atom+xml", rss: "application/rss+xml", json: "application/feed+json" };

/** Everything Eleventy lays out and the build writes beside it, computed once from the published articles. */
export function buildSiteModel(input: ModelInput): SiteModel {
  const { config } = input;
  const urls = createUrlScheme(config.url, config.pathPrefix, config.timeZone);
  const oldestFirst = [...input.articles].sort((a, b) => a.date.epochMs - b.date.epochMs || (a.id < b.id ? -1 : 1));
  const newestFirst = [...oldestFirst].reverse();
  const sections = [...input.sections].sort((a, b) => a.weight - b.weight || (a.key < b.key ? -1 : 1));
  const sectionName = (key: string, script: Script) => input.sectionText.get(key)?.name[script] ?? key;

  const feedLinks = (script: Script, listingUrl: string, title: string): FeedLink[] =>
    (Object.keys(FEED_TYPES) as FeedFormat[]).map((format) => ({ type: FEED_TYPES[format], title: `${title} (${format === "json" ? "JSON Feed" : format === "rss" ? "RSS" : "Atom"})`, href: urls.withPrefix(urls.feed(listingUrl, format)) }));

  const base = (script: Script, urlFor: (s: Script) => string, pageTitle: string, description: string, feeds: readonly FeedLink[] = feedLinks(script, urls.home(script), config.title[script])): PageBase => {
    const url = urlFor(script);
    return {
      script,
      outputPath: outputPathOf(url),
      href: urls.withPrefix(url),
      canonical: urls.absolute(url),
      alternates: [...SCRIPTS.map((s) => ({ hreflang: s, href: urls.absolute(urlFor(s)) })), { hreflang: "x-default", href: urls.absolute(urlFor(config.defaultScript)) }],
      switchHref: urls.withPrefix(urlFor(otherScript(script))),
      pageTitle,
      description,
      labels: LABELS[script],
      siteTitle: config.title[script],
      homeHref: urls.withPrefix(urls.home(script)),
      nav: sections.map((s) => ({ key: s.key, name: sectionName(s.key, script), href: urls.withPrefix(urls.section(script, s.key)) })),
      feeds,
      indexable: true,
    };
  };
  const listItem = (article: ArticleSource, script: Script): ArticleListItem => ({
    title: input.rendered.get(article.id)!.text[script].title,
    href: urls.withPrefix(urls.article(script, article.id, article.date)),
    dateText: formatNewsDate(article.date, config.timeZone),
    dateIso: toIsoWithOffset(article.date.epochMs, config.timeZone),
  });
  const shared: ModelContext = { input, urls, base, listItem, sectionName, feedLinks };

  const articles = buildArticlePages(shared, newestFirst);
  const listings = buildListingPages(shared, listingSpecs(input, urls, oldestFirst, sections));

  const homes: HomePage[] = SCRIPTS.map((script) => ({
    ...base(script, (s) => urls.home(s), config.title[script], config.description[script]),
    kind: "home",
    latest: newestFirst.slice(0, LATEST_ON_HOME).map((a) => listItem(a, script)),
    sections: sections.map((section) => ({
      name: sectionName(section.key, script),
      href: urls.withPrefix(urls.section(script, section.key)),
      articles: newestFirst.filter((a) => a.section === section.key).slice(0, PER_SECTION_ON_HOME).map((a) => listItem(a, script)),
    })),
    archiveHref: urls.withPrefix(urls.archive(script)),
    tagsHref: urls.withPrefix(urls.tags(script)),
  }));
  const defaultHome = homes.find((h) => h.script === config.defaultScript)!;
  const root: HomePage = { ...defaultHome, outputPath: "index.html" };

  const notFound: NotFoundPage[] = SCRIPTS.map((script) => ({
    ...base(script, (s) => urls.notFound(s), `${LABELS[script].notFoundTitle} - ${config.title[script]}`, LABELS[script].notFoundText),
    kind: "not-found",
    indexable: false,
  }));
  const rootNotFound = notFound.find((p) => p.script === config.defaultScript)!;

  const feeds: FeedPlan[] = SCRIPTS.flatMap((script) => [
    { script, title: config.title[script], description: config.description[script], listingUrl: urls.home(script), articleIds: newestFirst.slice(0, config.feedSize).map((a) => a.id) },
    ...sections.map((section) => ({
      script,
      title: `${config.title[script]} — ${sectionName(section.key, script)}`,
      description: `${sectionName(section.key, script)}：${config.description[script]}`,
      listingUrl: urls.section(script, section.key),
      articleIds: newestFirst.filter((a) => a.section === section.key).slice(0, config.feedSize).map((a) => a.id),
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

  return { articles, listings, homes, root, notFound: [...notFound, { ...rootNotFound, outputPath: "404.html" }], redirects, feeds, urls };
}

export interface ModelContext {
  readonly input: ModelInput;
  readonly urls: UrlScheme;
  readonly base: (script: Script, urlFor: (s: Script) => string, pageTitle: string, description: string, feeds?: readonly FeedLink[]) => PageBase;
  /** The Atom, RSS and JSON feeds of a listing, as `<link rel="alternate">` entries. */
  readonly feedLinks: (script: Script, listingUrl: string, title: string) => FeedLink[];
  readonly listItem: (article: ArticleSource, script: Script) => ArticleListItem;
  readonly sectionName: (key: string, script: Script) => string;
}

/** Every listing of the site: sections, years, months and tags, each with its articles oldest first. */
function listingSpecs(input: ModelInput, urls: UrlScheme, oldestFirst: readonly ArticleSource[], sections: readonly SectionSource[]): ListingSpec[] {
  const { timeZone } = input.config;
  const specs: ListingSpec[] = [];
  for (const section of sections) {
    specs.push({
      listing: "section",
      urlFor: (s) => urls.section(s, section.key),
      heading: (s) => input.sectionText.get(section.key)?.name[s] ?? section.key,
      introHtml: (s) => input.sectionText.get(section.key)?.introHtml[s] ?? "",
      articles: oldestFirst.filter((a) => a.section === section.key),
      feedListing: true,
    });
  }
  const byYear = groupBy(oldestFirst, (a) => String(wallClockAt(a.date.epochMs, timeZone).year));
  const byMonth = groupBy(oldestFirst, (a) => {
    const w = wallClockAt(a.date.epochMs, timeZone);
    return `${w.year}-${String(w.month).padStart(2, "0")}`;
  });
  for (const [year, articles] of byYear) {
    specs.push({ listing: "year", urlFor: (s) => urls.year(s, Number(year)), heading: (s) => LABELS[s].year(Number(year)), introHtml: () => "", articles });
  }
  for (const [key, articles] of byMonth) {
    const [year, month] = key.split("-").map(Number) as [number, number];
    specs.push({ listing: "month", urlFor: (s) => urls.month(s, year, month), heading: (s) => LABELS[s].month(year, month), introHtml: () => "", articles });
  }
  const byTag = new Map<string, ArticleSource[]>();
  for (const article of oldestFirst) {
    for (const key of new Set(input.rendered.get(article.id)!.text["zh-Hans"].tags)) {
      const list = byTag.get(key);
      if (list) list.push(article);
      else byTag.set(key, [article]);
    }
  }
  const tagName = (key: string, script: Script) => {
    const article = byTag.get(key)![0]!;
    const text = input.rendered.get(article.id)!.text;
    return text[script].tags[text["zh-Hans"].tags.indexOf(key)] ?? key;
  };
  for (const [key, articles] of [...byTag].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const slug = input.tagSlugs.get(key)!;
    specs.push({ listing: "tag", urlFor: (s) => urls.tag(s, slug), heading: (s) => LABELS[s].tagHeading(tagName(key, s)), introHtml: () => "", articles });
  }
  specs.push({
    listing: "archive",
    urlFor: (s) => urls.archive(s),
    heading: (s) => LABELS[s].archive,
    introHtml: () => "",
    articles: [],
    groups: (s) => [
      ...[...byYear].reverse().map(([year, list]) => ({ name: LABELS[s].year(Number(year)), href: urls.withPrefix(urls.year(s, Number(year))), count: list.length })),
      ...[...byMonth].reverse().map(([key, list]) => {
        const [year, month] = key.split("-").map(Number) as [number, number];
        return { name: LABELS[s].month(year, month), href: urls.withPrefix(urls.month(s, year, month)), count: list.length };
      }),
    ],
  });
  specs.push({
    listing: "tags",
    urlFor: (s) => urls.tags(s),
    heading: (s) => LABELS[s].tags,
    introHtml: () => "",
    articles: [],
    groups: (s) => [...byTag].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)).map(([key, list]) => ({ name: tagName(key, s), href: urls.withPrefix(urls.tag(s, input.tagSlugs.get(key)!)), count: list.length })),
  });
  return specs;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}
