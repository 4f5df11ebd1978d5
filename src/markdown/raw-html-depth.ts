/**
 * Rough nesting depth of the raw HTML in an article.
 *
 * rehype-raw turns raw HTML into a tree with recursive code, so about 2,000
 * nested `<div>`s overflow the stack there — before any tree exists that
 * could be measured. The depth is therefore estimated from the raw HTML
 * snippets themselves, fed in document order just as rehype-raw feeds them
 * to its HTML parser.
 */

/**
 * Tags that never deepen the tree: void elements, and elements whose end
 * tag is optional because the parser closes them when a sibling starts
 * (`<p>a<p>b` are siblings). Counting those would flag harmless sloppy HTML.
 */
const NON_NESTING_TAGS = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "keygen",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
  "p",
  "li",
  "dt",
  "dd",
  "rt",
  "rp",
  "tr",
  "td",
  "th",
  "option",
  "optgroup",
  "thead",
  "tbody",
  "tfoot",
  "colgroup",
  "caption",
]);

// Comments are matched only so that tags inside them are skipped.
const TAG_OR_COMMENT = /<!--[\s\S]*?(?:-->|$)|<(\/?)([A-Za-z][A-Za-z0-9-]*)(?:"[^"]*"|'[^']*'|[^'">])*>?/g;

/**
 * Tracks open raw-HTML elements across snippets. An end tag only closes an
 * element of its own name that is open; stray end tags change nothing, so
 * `<div></span><div></span>` still counts as two levels.
 */
export class RawHtmlDepthTracker {
  #depth = 0;
  readonly #openByName = new Map<string, number>();

  /** Feeds one raw HTML snippet and returns the greatest depth reached in it. */
  feed(html: string): number {
    let deepest = this.#depth;
    for (const match of html.matchAll(TAG_OR_COMMENT)) {
      const name = match[2]?.toLowerCase();
      if (name === undefined || NON_NESTING_TAGS.has(name)) continue;
      const open = this.#openByName.get(name) ?? 0;
      if (match[1] === "/") {
        if (open > 0) {
          this.#openByName.set(name, open - 1);
          this.#depth -= 1;
        }
      } else {
        // `<div/>` still opens a div in HTML: the slash is ignored.
        this.#openByName.set(name, open + 1);
        this.#depth += 1;
        deepest = Math.max(deepest, this.#depth);
      }
    }
    return deepest;
  }
}
