/**
 * Makes every link and resource in an article body absolute, for feeds: a feed reader shows the body
 * away from the page, where `../images/a.png` or `#fn-1` would resolve against the reader, not the site.
 * The HTML is parsed (hast-util-from-html) and serialised again (hast-util-to-html); no regular
 * expressions over markup.
 */
import type { Element, Root, RootContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import { walkInDocumentOrder } from "../markdown/tree-walk.js";

/** hast property names (not attribute names) that hold a single URL. */
const URL_PROPERTIES = ["href", "src", "cite", "poster", "longDesc"] as const;

/**
 * Returns `html` with `href`, `src`, `srcset`, `cite`, `poster` and `longdesc` resolved against
 * `baseUrl` (the entry's absolute URL). Absolute URLs, `mailto:` and the like are left as they are,
 * and so is a value that is not a URL at all.
 */
export function absolutizeHtml(html: string, baseUrl: string): string {
  const key = `${baseUrl}\0${html}`;
  const known = recentResults.get(key);
  if (known !== undefined) return known;
  const result = absolutize(html, baseUrl);
  if (recentResults.size >= RECENT_LIMIT) recentResults.clear();
  recentResults.set(key, result);
  return result;
}

/**
 * The same article is in the site's feed and its section's, in three formats: six parses of one body.
 * A few hundred recent results (a few MB) spare five of them.
 */
const RECENT_LIMIT = 400;
const recentResults = new Map<string, string>();

function absolutize(html: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  const tree: Root = fromHtml(html, { fragment: true });
  walkInDocumentOrder<Root | RootContent, undefined>(tree, undefined, (node) => {
    if (node.type === "element") absolutizeElement(node, base);
    return undefined;
  });
  return toHtml(tree);
}

function absolutizeElement(element: Element, base: URL): void {
  const properties = element.properties;
  for (const name of URL_PROPERTIES) {
    const value = properties[name];
    if (typeof value === "string") properties[name] = resolveUrl(value, base);
  }
  // A comma-separated list: a string from the HTML parser, an array from some other hast producers.
  const srcSet: unknown = properties.srcSet;
  const candidates = Array.isArray(srcSet) ? srcSet.map(String) : typeof srcSet === "string" ? srcSet.split(",") : undefined;
  if (candidates) properties.srcSet = candidates.map((candidate) => resolveSrcSetCandidate(candidate, base)).join(", ");
}

/** One `srcset` candidate: a URL, then optional whitespace and a descriptor (`2x`, `640w`). */
function resolveSrcSetCandidate(candidate: string, base: URL): string {
  const trimmed = candidate.trim();
  const match = /^(\S+)(\s+.*)?$/s.exec(trimmed);
  if (!match) return trimmed;
  return `${resolveUrl(match[1]!, base)}${match[2] ?? ""}`;
}

/** Resolves one URL against the base; a value the URL parser rejects is kept as written. */
export function resolveUrl(value: string, base: URL | string): string {
  const trimmed = value.trim();
  // Already absolute (it has a scheme): kept byte for byte rather than re-serialised by the URL parser.
  if (trimmed === "" || /^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return value;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return value;
  }
}
