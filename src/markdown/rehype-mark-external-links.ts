/**
 * Marks links that leave the site with `rel="external noopener"` and the
 * class `external` (templates style them and may add an icon).
 *
 * "External" means an http(s) URL whose host differs from the site's host:
 * relative links and links spelled out with the site's own host are internal.
 * Only absolute `http:`/`https:` URLs (scheme as written, lower case) and
 * protocol-relative `//` URLs are candidates — the rule of
 * rehype-external-links, which this plugin used to delegate to — and of
 * those, the ones whose host, resolved against the site, is another host.
 * The walk is done here, in one pass without a visitor per node, and the URL
 * is parsed only for the few candidates.
 */
import type { Element, Root, RootContent } from "hast";

export interface MarkExternalLinksOptions {
  /** Absolute URL of the site, e.g. `https://example.gov.cn/`. */
  readonly siteUrl: string;
}

export const EXTERNAL_LINK_CLASS = "external";
const EXTERNAL_LINK_REL = ["external", "noopener"];

/** A scheme, as RFC 3986 spells it, at the start of a URL (is-absolute-url's test). */
const ABSOLUTE_URL = /^[a-zA-Z][a-zA-Z\d+\-.]*?:/;
/** `c:\…` is a Windows path, not a URL with the scheme `c`. */
const WINDOWS_PATH = /^[a-zA-Z]:\\/;

/** Absolute http(s) URLs and protocol-relative URLs: the links that can leave the site at all. */
function mayLeaveSite(url: string): boolean {
  if (!WINDOWS_PATH.test(url) && ABSOLUTE_URL.test(url)) {
    const scheme = url.slice(0, url.indexOf(":"));
    return scheme === "http" || scheme === "https";
  }
  return url.startsWith("//");
}

export default function rehypeMarkExternalLinks(options: MarkExternalLinksOptions): (tree: Root) => undefined {
  const site = new URL(options.siteUrl);

  function leavesSite(href: string): boolean {
    try {
      // Resolving against the site makes relative links land on its host.
      return new URL(href, site).host !== site.host;
    } catch {
      return false;
    }
  }

  /** className gets the class (the property is always a fresh value), then rel is set. */
  function mark(element: Element): void {
    const existing = element.properties.className ?? [];
    element.properties.className = existing.includes(EXTERNAL_LINK_CLASS) ? structuredClone(existing) : [...existing, EXTERNAL_LINK_CLASS];
    element.properties.rel = [...EXTERNAL_LINK_REL];
  }

  return function markExternalLinks(tree: Root): undefined {
    const pending: (Root | RootContent)[] = [tree];
    for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
      if (node.type === "element" && node.tagName === "a") {
        const { href } = node.properties;
        if (typeof href === "string" && mayLeaveSite(href) && leavesSite(href)) mark(node);
      }
      if ("children" in node) for (const child of node.children) pending.push(child);
    }
    return undefined;
  };
}
