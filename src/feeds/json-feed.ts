/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). Keys are written in a fixed order and optional
 * members are left out rather than written as null, so the text is byte-identical for the same input.
 * Strings lose the characters XML cannot carry too, so the three feeds say the same thing.
 */
import { absolutizeHtml } from "./absolute-urls.js";
import { toRfc3339 } from "./dates.js";
import { authorsOf, categoriesOf } from "./shared.js";
import type { FeedEntry, FeedInput } from "./types.js";
import { stripInvalidXmlChars } from "./xml.js";

export const JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";

export function jsonFeed(input: FeedInput): string {
  const feed = {
    version: JSON_FEED_VERSION,
    title: clean(input.title),
    home_page_url: input.siteUrl,
    feed_url: input.selfUrl,
    ...(input.description.trim() !== "" ? { description: clean(input.description) } : {}),
    authors: [{ name: clean(input.publisher) }],
    language: input.script,
    items: input.entries.map(jsonItem),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}

function jsonItem(entry: FeedEntry): Record<string, unknown> {
  const authors = authorsOf(entry);
  const tags = categoriesOf(entry);
  return {
    id: entry.url,
    url: entry.url,
    title: clean(entry.title),
    content_html: clean(absolutizeHtml(entry.contentHtml, entry.url)),
    summary: clean(entry.summary),
    ...(entry.image ? { image: entry.image.url } : {}),
    date_published: toRfc3339(entry.published),
    ...(entry.updated !== undefined ? { date_modified: toRfc3339(entry.updated) } : {}),
    ...(authors.length > 0 ? { authors: authors.map((name) => ({ name: clean(name) })) } : {}),
    ...(tags.length > 0 ? { tags: tags.map(clean) } : {}),
  };
}

function clean(text: string): string {
  return stripInvalidXmlChars(text);
}
