/**
 * Gives every body heading an id for anchors and the table of contents.
 *
 * Ids come from github-slugger, the slugger behind rehype-slug (and GitHub),
 * which keeps CJK text: `## 建立部际协调工作机制` gets the id
 * `建立部际协调工作机制`. rehype-slug itself is not used because a heading
 * made only of punctuation or symbols slugs to an empty string, which it
 * would set as the id; here such headings get `section-N` (N counting the
 * article's headings) instead. Ids already in the tree are left alone and
 * never reused, so every id in the article stays unique.
 */
import GithubSlugger, { slug } from "github-slugger";
import type { Element, Nodes, Root } from "hast";
import { isFootnotesSection } from "./footnotes.js";
import { SKIP_CHILDREN, textContent, walkInDocumentOrder } from "./tree-walk.js";

export interface HeadingIdOptions {
  /** Prefix of the fallback id for headings without usable text (default `section-`). */
  readonly fallbackPrefix?: string;
}

const HEADING_TAGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
/** A slug made only of hyphens (from `- -` or `——`) identifies nothing. */
const MEANINGFUL_SLUG = /[\p{L}\p{N}]/u;

function collectDocument(tree: Root): { headings: Element[]; takenIds: Set<string> } {
  const headings: Element[] = [];
  const takenIds = new Set<string>();

  walkInDocumentOrder<Nodes, undefined>(tree, undefined, (node) => {
    if (node.type !== "element") return undefined;
    const { id } = node.properties;
    if (typeof id === "string" && id !== "") takenIds.add(id);
    if (isFootnotesSection(node)) return SKIP_CHILDREN;
    if (HEADING_TAGS.has(node.tagName)) headings.push(node);
    return undefined;
  });

  return { headings, takenIds };
}

export default function rehypeHeadingIds(options: HeadingIdOptions = {}) {
  const fallbackPrefix = options.fallbackPrefix ?? "section-";

  return function addHeadingIds(tree: Root): undefined {
    const { headings, takenIds } = collectDocument(tree);
    // One slugger per article: its memory of issued slugs is what numbers
    // repeated headings (`概述`, `概述-1`, …).
    const slugger = new GithubSlugger();

    headings.forEach((heading, index) => {
      const existing = heading.properties.id;
      if (typeof existing === "string" && existing !== "") return;

      const text = textContent(heading);
      const source = MEANINGFUL_SLUG.test(slug(text)) ? text : `${fallbackPrefix}${index + 1}`;
      let id = slugger.slug(source);
      while (takenIds.has(id)) id = slugger.slug(source);

      takenIds.add(id);
      heading.properties.id = id;
    });

    return undefined;
  };
}
