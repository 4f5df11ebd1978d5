import type { Element } from "hast";

/**
 * The `<section data-footnotes>` that remark-rehype appends for GFM footnotes.
 * Its heading is a fixed, visually hidden label rather than part of the
 * article's outline, so heading plugins leave it alone.
 */
export function isFootnotesSection(element: Element): boolean {
  const marker = element.properties.dataFootnotes;
  // rehype-raw re-parses the tree as HTML, which turns the `true` that
  // remark-rehype sets into an empty string.
  return element.tagName === "section" && marker !== undefined && marker !== null && marker !== false;
}
