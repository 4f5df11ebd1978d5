import type { ZonedInstant } from "../time/zoned-date.js";
import { wallClockAt } from "../time/zoned-date.js";
import { scriptSlug, type Script } from "./scripts.js";

/**
 * The site's permanent URL scheme. Article URLs depend only on the publication date (in the site's zone)
 * and the id, so retitling or moving an article between sections never breaks a link. Listing pages are
 * numbered from the oldest article (see pagination.ts), so their numbered URLs are permanent too.
 *
 *   /zh-hans/                            home
 *   /zh-hans/<section>/                  section front page; /zh-hans/<section>/page/N/ numbered pages
 *   /zh-hans/2020/  /zh-hans/2020/11/    year and month archives (same paging)
 *   /zh-hans/archive/                    all years and months
 *   /zh-hans/tags/  /zh-hans/tags/<slug>/  tags
 *   /zh-hans/2020/11/13/8355537.html     article
 *   /zh-hans/feed.xml  rss.xml  feed.json  (and the same under each section)
 */
export interface UrlScheme {
  home(script: Script): string;
  section(script: Script, key: string): string;
  year(script: Script, year: number): string;
  month(script: Script, year: number, month: number): string;
  archive(script: Script): string;
  tags(script: Script): string;
  tag(script: Script, slug: string): string;
  /** A numbered page below a listing's front page. */
  page(listingUrl: string, number: number): string;
  article(script: Script, id: string, date: ZonedInstant): string;
  feed(listingUrl: string, format: FeedFormat): string;
  notFound(script: Script): string;
  /** The absolute URL for a site path. */
  absolute(path: string): string;
  /** The path on the host, with the path prefix. */
  withPrefix(path: string): string;
}

export type FeedFormat = "atom" | "rss" | "json";
const FEED_FILES: Record<FeedFormat, string> = { atom: "feed.xml", rss: "rss.xml", json: "feed.json" };

/** Folder names under a script that sections may not use, as they would collide with other pages. */
export const RESERVED_SECTION_KEYS = ["archive", "tags", "page", "search", "assets", "images", "feed.xml", "rss.xml", "feed.json", "404.html"];

export const pad2 = (n: number) => String(n).padStart(2, "0");

export function createUrlScheme(siteUrl: string, pathPrefix: string, timeZone: string): UrlScheme {
  const prefix = pathPrefix.replace(/\/$/, "");
  const origin = new URL(siteUrl).origin;
  const root = (script: Script) => `/${scriptSlug(script)}/`;
  return {
    home: root,
    section: (script, key) => `${root(script)}${key}/`,
    year: (script, year) => `${root(script)}${year}/`,
    month: (script, year, month) => `${root(script)}${year}/${pad2(month)}/`,
    archive: (script) => `${root(script)}archive/`,
    tags: (script) => `${root(script)}tags/`,
    tag: (script, slug) => `${root(script)}tags/${slug}/`,
    page: (listingUrl, number) => `${listingUrl}page/${number}/`,
    article: (script, id, date) => {
      const w = wallClockAt(date.epochMs, timeZone);
      return `${root(script)}${w.year}/${pad2(w.month)}/${pad2(w.day)}/${id}.html`;
    },
    feed: (listingUrl, format) => `${listingUrl}${FEED_FILES[format]}`,
    notFound: (script) => `${root(script)}404.html`,
    withPrefix: (path) => `${prefix}${path}`,
    absolute: (path) => `${origin}${prefix}${path}`,
  };
}

/** The file a URL is written to, relative to the output folder. */
export function outputPathOf(url: string): string {
  const path = url.endsWith("/") ? `${url}index.html` : url;
  return path.startsWith("/") ? path.slice(1) : path;
}
