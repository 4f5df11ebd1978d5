import { atomFeed, jsonFeed, newsSitemap, robotsTxt, rssFeed, selectNewsEntries, sitemaps, type FeedEntry, type FeedInput, type GeneratedFile } from "../feeds/index.js";
import { toIsoWithOffset } from "../time/zoned-date.js";
import type { SiteModel } from "../site/page-model.js";
import type { ArticlePage } from "../site/page-types.js";
import type { PreparedSite } from "./prepare-site.js";

export interface MachineFile {
  /** From the site's root, with a leading slash. */
  readonly path: string;
  /**
   * Everything the file's bytes are made from, for files costly enough to keep in the page store: a feed
   * parses its articles' bodies again to make their links absolute (two seconds of a 20,000-article rebuild).
   * Article bodies appear here as their render-cache keys.
   */
  readonly madeFrom?: object;
  readonly content: () => string;
}

/** An entry whose body is named by its render-cache key, read only when the feed is written. */
type LazyFeedEntry = Omit<FeedEntry, "contentHtml"> & { readonly bodyKey: string };

/**
 * The files machines read, beside the pages: Atom, RSS and JSON feeds for the site and each section in
 * both scripts, sitemap.xml with hreflang alternates (split into an index past 50,000 URLs or 50 MB), the
 * Google News sitemap of the last two days, robots.txt naming them, and `_redirects` for the aliases.
 */
export function machineFiles(site: PreparedSite, readBody: (key: string) => string): MachineFile[] {
  const { model, config } = site;
  const { urls } = model;
  const files: MachineFile[] = [];
  const made = (path: string, content: string): MachineFile => ({ path, content: () => content });
  const pageOf = new Map(model.articles.map((page) => [`${page.script}/${page.id}`, page]));

  const entryOf = (page: ArticlePage): LazyFeedEntry => ({
    id: page.id,
    url: page.canonical,
    title: page.title,
    summary: page.description,
    bodyKey: page.bodyKey,
    published: page.dateIso,
    updated: page.updatedIso,
    authors: page.byline,
    section: { name: page.section.name, url: urls.absolute(urls.section(page.script, page.section.key)) },
    tags: page.tags.map((t) => t.name),
    image: page.image,
  });
  for (const plan of model.feeds) {
    const entries = plan.articleIds.map((id) => entryOf(pageOf.get(`${plan.script}/${id}`)!));
    const newest = entries.map((e) => e.updated ?? e.published).sort().at(-1);
    const base: Omit<FeedInput, "selfUrl" | "entries"> = {
      script: plan.script,
      title: plan.title,
      description: plan.description,
      siteUrl: urls.absolute(plan.listingUrl),
      publisher: config.publisher,
      // Never the build time: an unchanged site must rebuild byte for byte.
      updated: newest ?? "2000-01-01T00:00:00+08:00",
    };
    const withBodies = (): FeedEntry[] => entries.map(({ bodyKey, ...entry }) => ({ ...entry, contentHtml: readBody(bodyKey) }));
    for (const [format, write] of FEED_WRITERS) {
      const path = urls.feed(plan.listingUrl, format);
      const selfUrl = urls.absolute(path);
      files.push({ path, madeFrom: { format, ...base, selfUrl, entries }, content: () => write({ ...base, selfUrl, entries: withBodies() }) });
    }
  }

  files.push(...site.sitemaps().map((file) => made(`/${file.path}`, file.content)));
  const sitemapList = [urls.absolute("/sitemap.xml")];

  const nowIso = toIsoWithOffset(site.now, config.timeZone);
  const newsEntries = model.articles.map((page) => ({
    loc: page.canonical,
    publicationName: config.title[page.script],
    language: page.script === "zh-Hans" ? ("zh-cn" as const) : ("zh-tw" as const),
    published: page.dateIso,
    title: page.title,
  }));
  // An empty news sitemap is not valid against Google's schema, so it is written only when there is news.
  if (selectNewsEntries(newsEntries, { now: nowIso }).length > 0) {
    files.push(made("/sitemap-news.xml", newsSitemap(newsEntries, { now: nowIso })));
    sitemapList.push(urls.absolute("/sitemap-news.xml"));
  }
  files.push(made("/robots.txt", robotsTxt({ sitemapUrls: sitemapList })));

  const redirectLines = model.redirects.map((r) => `${urls.withPrefix(encodeURI(r.from))} ${r.toHref} 301`);
  files.push(made("/_redirects", redirectLines.length ? `${redirectLines.join("\n")}\n` : ""));
  return files;
}

const FEED_WRITERS = [
  ["atom", atomFeed],
  ["rss", rssFeed],
  ["json", jsonFeed],
] as const;

/**
 * sitemap.xml (or its index and parts): made from the page index alone, so a build whose index is the one
 * kept by the build before takes them from there (see index-snapshot.ts).
 */
export function sitemapsOf(model: SiteModel): GeneratedFile[] {
  const urls = [...model.homes, ...model.listings, ...model.articles]
    .filter((page) => page.indexable)
    .map((page) => ({ loc: page.canonical, lastmod: page.kind === "article" ? page.updatedIso ?? page.dateIso : undefined, alternates: page.alternates }));
  return sitemaps(urls, { baseUrl: model.urls.absolute("/") });
}
