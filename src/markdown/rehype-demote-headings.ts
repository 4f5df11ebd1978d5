/**
 * Makes body headings start at h2.
 *
 * The page template renders the article title as the only `<h1>`. Articles
 * normally write their sections as `##`, which stay h2. An article that uses
 * `#` in its body has every heading shifted one level down instead, so `#`
 * becomes h2 and `##` h3, keeping its outline intact; `<h6>` has nowhere to
 * go and stays, merging h5 and h6, which articles do not use anyway.
 * Headings are never promoted: an article without h1 and h2 keeps the levels
 * its author chose.
 */
import type { Element, Nodes, Root } from "hast";
import { isFootnotesSection } from "./footnotes.js";
import { SKIP_CHILDREN, walkInDocumentOrder } from "./tree-walk.js";

const DEMOTED: Readonly<Record<string, string>> = {
  h1: "h2",
  h2: "h3",
  h3: "h4",
  h4: "h5",
  h5: "h6",
  h6: "h6",
};

/** Body headings in document order; the footnotes' own label is not one. */
function bodyHeadings(tree: Root): Element[] {
  const headings: Element[] = [];
  walkInDocumentOrder<Nodes, undefined>(tree, undefined, (node) => {
    if (node.type !== "element") return undefined;
    if (isFootnotesSection(node)) return SKIP_CHILDREN;
    if (DEMOTED[node.tagName]) headings.push(node);
    return undefined;
  });
  return headings;
}

export default function rehypeDemoteHeadings() {
  return function demoteHeadings(tree: Root): undefined {
    const headings = bodyHeadings(tree);
    if (!headings.some((heading) => heading.tagName === "h1")) return undefined;
    for (const heading of headings) heading.tagName = DEMOTED[heading.tagName] ?? heading.tagName;
    return undefined;
  };
}
