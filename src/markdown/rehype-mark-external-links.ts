/**
 * Marks links that leave the site with `rel="external noopener"` and the
 * class `external` (templates style them and may add an icon).
 *
 * "External" means an http(s) URL whose host differs from the site's host:
 * relative links and links spelled out with the site's own host are internal.
 * rehype-external-links does the marking; it already limits itself to
 * absolute http(s) and protocol-relative URLs, and the host comparison is
 * added as its `test`.
 */
import type { Element, Root } from "hast";
import rehypeExternalLinks from "rehype-external-links";

export interface MarkExternalLinksOptions {
  /** Absolute URL of the site, e.g. `https://example.gov.cn/`. */
  readonly siteUrl: string;
}

export const EXTERNAL_LINK_CLASS = "external";
const EXTERNAL_LINK_REL = ["external", "noopener"];

export default function rehypeMarkExternalLinks(options: MarkExternalLinksOptions): (tree: Root) => undefined {
  const site = new URL(options.siteUrl);

  function leavesSite(element: Element): boolean {
    const { href } = element.properties;
    if (typeof href !== "string") return false;
    try {
      // Resolving against the site makes relative links land on its host.
      return new URL(href, site).host !== site.host;
    } catch {
      return false;
    }
  }

  return rehypeExternalLinks({
    test: leavesSite,
    rel: EXTERNAL_LINK_REL,
    properties: (element) => {
      const existing = element.properties.className ?? [];
      return { className: existing.includes(EXTERNAL_LINK_CLASS) ? existing : [...existing, EXTERNAL_LINK_CLASS] };
    },
  });
}
