/**
 * Input to the feed, sitemap and robots.txt generators. Every generator is a pure function of these
 * values: no clock, no randomness, no file system, so the same site always yields byte-identical files.
 */

export type Script = "zh-Hans" | "zh-Hant";

export interface FeedEntry {
  /** The article id (stable across scripts). */
  readonly id: string;
  /** Absolute URL of this script's page. Used as the entry's id/guid as well as its link. */
  readonly url: string;
  readonly title: string;
  /** Plain text. */
  readonly summary: string;
  /** The article body HTML; relative links inside are made absolute against `url`. */
  readonly contentHtml: string;
  /** ISO 8601 with an offset, e.g. 2020-11-13T14:45:00+08:00. */
  readonly published: string;
  /** ISO 8601 with an offset; defaults to `published`. */
  readonly updated?: string;
  /** Byline. */
  readonly authors: readonly string[];
  readonly section: { readonly name: string; readonly url: string };
  readonly tags: readonly string[];
  readonly image?: { readonly url: string; readonly alt: string };
}

export interface FeedInput {
  readonly script: Script;
  /** e.g. 法治新闻发布 — 法治政府 */
  readonly title: string;
  readonly description: string;
  /** Absolute home of this script, e.g. https://example.gov.cn/zh-hans/ */
  readonly siteUrl: string;
  /** Absolute URL of this feed file. */
  readonly selfUrl: string;
  readonly publisher: string;
  /** Newest entry's updated/published, ISO with offset (never the build time: output must be deterministic). */
  readonly updated: string;
  /** Newest first, already limited by the caller. */
  readonly entries: readonly FeedEntry[];
}

export interface SitemapAlternate {
  /** A BCP 47 tag such as zh-Hans, or x-default. */
  readonly hreflang: string;
  readonly href: string;
}

export interface SitemapUrl {
  readonly loc: string;
  /** W3C datetime (ISO 8601 date, or date-time with an offset). */
  readonly lastmod?: string;
  /** Includes the page itself and x-default. */
  readonly alternates: readonly SitemapAlternate[];
}

export interface NewsSitemapEntry {
  readonly loc: string;
  readonly publicationName: string;
  readonly language: "zh-cn" | "zh-tw";
  /** ISO 8601 with an offset. */
  readonly published: string;
  readonly title: string;
}

/** One generated file: `path` is relative to the directory the sitemap's `baseUrl` names. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}
