/**
 * Google News sitemap: the articles published in the two days before the build's "as of" instant (and not
 * after it), newest first, at most 1,000 of them — the limits Google News sets for one news sitemap.
 * `now` is an input, never the clock, so the file is reproducible.
 */
import { parseOffsetDateTime, toRfc3339 } from "./dates.js";
import { SITEMAP_NAMESPACE } from "./sitemap.js";
import type { NewsSitemapEntry } from "./types.js";
import { element, urlElement, XML_DECLARATION } from "./xml.js";

export const NEWS_NAMESPACE = "http://www.google.com/schemas/sitemap-news/0.9";
export const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;
export const MAX_NEWS_URLS = 1000;

export interface NewsSitemapOptions {
  /** ISO instant (with an offset) the build is "as of". */
  readonly now: string;
}

/** The entries a news sitemap as of `now` lists, in the order it lists them. */
export function selectNewsEntries(entries: readonly NewsSitemapEntry[], options: NewsSitemapOptions): NewsSitemapEntry[] {
  const now = parseOffsetDateTime(options.now).epochMs;
  return entries
    .map((entry, order) => ({ entry, order, published: parseOffsetDateTime(entry.published).epochMs }))
    .filter(({ published }) => published <= now && published >= now - NEWS_WINDOW_MS)
    // Newest first; equal times keep their given order, so the result does not depend on the sort.
    .sort((a, b) => b.published - a.published || a.order - b.order)
    .slice(0, MAX_NEWS_URLS)
    .map(({ entry }) => entry);
}

export function newsSitemap(entries: readonly NewsSitemapEntry[], options: NewsSitemapOptions): string {
  const blocks = selectNewsEntries(entries, options).map((entry) =>
    [
      "  <url>",
      `    ${urlElement("loc", entry.loc)}`,
      "    <news:news>",
      "      <news:publication>",
      `        ${element("news:name", entry.publicationName)}`,
      `        ${element("news:language", entry.language)}`,
      "      </news:publication>",
      `      ${element("news:publication_date", toRfc3339(entry.published))}`,
      `      ${element("news:title", entry.title)}`,
      "    </news:news>",
      "  </url>",
    ].join("\n"),
  );
  return [XML_DECLARATION, `<urlset xmlns="${SITEMAP_NAMESPACE}" xmlns:news="${NEWS_NAMESPACE}">`, ...blocks, "</urlset>", ""].join("\n");
}
