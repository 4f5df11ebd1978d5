/**
 * RSS 2.0 (with the RSS Advisory Board's best practices): atom:link rel="self", content:encoded for the
 * full body in CDATA, dc:creator per byline name. `description` carries the plain-text summary,
 * HTML-escaped, since readers render an item description as HTML; titles are plain text.
 */
import { absolutizeHtml } from "./absolute-urls.js";
import { toRfc822 } from "./dates.js";
import { authorsOf, categoriesOf, GENERATOR, LEGACY_LANGUAGE, lines } from "./shared.js";
import type { FeedEntry, FeedInput } from "./types.js";
import { cdata, element, emptyElement, escapeHtml, XML_DECLARATION } from "./xml.js";

export const RSS_NAMESPACES = {
  atom: "http://www.w3.org/2005/Atom",
  content: "http://purl.org/rss/1.0/modules/content/",
  dc: "http://purl.org/dc/elements/1.1/",
} as const;

export function rssFeed(input: FeedInput): string {
  return lines([
    XML_DECLARATION,
    `<rss version="2.0" xmlns:atom="${RSS_NAMESPACES.atom}" xmlns:content="${RSS_NAMESPACES.content}" xmlns:dc="${RSS_NAMESPACES.dc}">`,
    "  <channel>",
    `    ${element("title", input.title)}`,
    `    ${element("link", input.siteUrl)}`,
    `    ${element("description", input.description)}`,
    `    ${element("language", LEGACY_LANGUAGE[input.script])}`,
    `    ${emptyElement("atom:link", { href: input.selfUrl, rel: "self", type: "application/rss+xml" })}`,
    `    ${element("lastBuildDate", toRfc822(input.updated))}`,
    `    ${element("generator", GENERATOR)}`,
    `    ${element("docs", "https://www.rssboard.org/rss-specification")}`,
    ...input.entries.map(rssItem),
    "  </channel>",
    "</rss>",
  ]);
}

function rssItem(entry: FeedEntry): string {
  return [
    "    <item>",
    `      ${element("title", entry.title)}`,
    `      ${element("link", entry.url)}`,
    `      ${element("guid", entry.url, { isPermaLink: "true" })}`,
    `      ${element("pubDate", toRfc822(entry.published))}`,
    `      ${element("description", escapeHtml(entry.summary))}`,
    `      <content:encoded>${cdata(absolutizeHtml(entry.contentHtml, entry.url))}</content:encoded>`,
    ...categoriesOf(entry).map((name) => `      ${element("category", name)}`),
    ...authorsOf(entry).map((name) => `      ${element("dc:creator", name)}`),
    "    </item>",
  ].join("\n");
}
