/**
 * Atom 1.0 (RFC 4287). The feed and entry ids are their URLs (the feed's own URL, the page's URL), which
 * are permanent and differ between the two scripts. The publisher is the feed-level author, so every entry
 * has one even without a byline; a byline adds the entry's own authors.
 */
import { absolutizeHtml } from "./absolute-urls.js";
import { toRfc3339 } from "./dates.js";
import { authorsOf, categoriesOf, GENERATOR, lines } from "./shared.js";
import type { FeedEntry, FeedInput } from "./types.js";
import { element, emptyElement, escapeXmlAttr, XML_DECLARATION } from "./xml.js";

export const ATOM_NAMESPACE = "http://www.w3.org/2005/Atom";

export function atomFeed(input: FeedInput): string {
  return lines([
    XML_DECLARATION,
    `<feed xmlns="${ATOM_NAMESPACE}" xml:lang="${escapeXmlAttr(input.script)}">`,
    `  ${element("id", input.selfUrl)}`,
    `  ${element("title", input.title, { type: "text" })}`,
    input.description.trim() !== "" && `  ${element("subtitle", input.description, { type: "text" })}`,
    `  ${element("updated", toRfc3339(input.updated))}`,
    `  ${emptyElement("link", { rel: "self", type: "application/atom+xml", href: input.selfUrl })}`,
    `  ${emptyElement("link", { rel: "alternate", type: "text/html", hreflang: input.script, href: input.siteUrl })}`,
    `  <author>${element("name", input.publisher)}</author>`,
    `  ${element("generator", GENERATOR)}`,
    ...input.entries.map((entry) => atomEntry(entry, input)),
    "</feed>",
  ]);
}

function atomEntry(entry: FeedEntry, input: FeedInput): string {
  const published = toRfc3339(entry.published);
  const updated = entry.updated !== undefined ? toRfc3339(entry.updated) : published;
  return [
    "  <entry>",
    `    ${element("id", entry.url)}`,
    `    ${element("title", entry.title, { type: "text" })}`,
    `    ${emptyElement("link", { rel: "alternate", type: "text/html", hreflang: input.script, href: entry.url })}`,
    `    ${element("published", published)}`,
    `    ${element("updated", updated)}`,
    ...authorsOf(entry).map((name) => `    <author>${element("name", name)}</author>`),
    ...categoriesOf(entry).map((term) => `    ${emptyElement("category", { term })}`),
    ...(entry.image ? [`    ${emptyElement("link", { rel: "enclosure", href: entry.image.url, title: entry.image.alt })}`] : []),
    `    ${element("summary", entry.summary, { type: "text" })}`,
    `    ${element("content", absolutizeHtml(entry.contentHtml, entry.url), { type: "html" })}`,
    "  </entry>",
  ].join("\n");
}
