/** Pure generators for feeds, sitemaps and robots.txt: typed input in, file text out. */
export type { FeedEntry, FeedInput, GeneratedFile, NewsSitemapEntry, Script, SitemapAlternate, SitemapUrl } from "./types.js";
export { atomFeed } from "./atom.js";
export { rssFeed } from "./rss.js";
export { jsonFeed } from "./json-feed.js";
export { sitemaps, sitemapIndex, type SitemapOptions } from "./sitemap.js";
export { newsSitemap, selectNewsEntries, type NewsSitemapOptions } from "./news-sitemap.js";
export { robotsTxt, type RobotsOptions } from "./robots.js";
export { absolutizeHtml } from "./absolute-urls.js";
export { toRfc3339, toRfc822 } from "./dates.js";
