import type { ArticlePage } from "./page-types.js";
import { createNewsArticleJsonLd } from "./structured-data.js";

/** What an article page's machine-read head needs beyond the page: the site configuration's part. */
export interface SiteHeadFacts {
  /** The site URL's origin (`https://example.gov.cn`): a page href is a path from it. */
  readonly origin: string;
  readonly publisher: string;
  /** Absolute URL of the publisher's logo. */
  readonly logoUrl: string;
}

export interface OpenGraphEntry {
  readonly property: string;
  readonly content: string;
}

/**
 * An article page's Open Graph and schema.org (JSON-LD) entries, made while the page is laid out. They are
 * made from the page plan and the site configuration only, so a page's key (its plan, and the configuration
 * in the page store's fingerprint) covers them; kept out of the plans, they no longer made up a third of the
 * JSON hashed for the keys of every rebuild.
 */
export function createArticleHead(site: SiteHeadFacts): { jsonLd(page: ArticlePage): object[]; openGraph(page: ArticlePage): OpenGraphEntry[] } {
  const jsonLd = createNewsArticleJsonLd();
  const absolute = (href: string) => `${site.origin}${href}`;
  const modified = (page: ArticlePage) => page.updatedIso ?? page.dateIso;
  return {
    jsonLd: (page) =>
      jsonLd({
        url: page.canonical,
        headline: page.title,
        description: page.description,
        datePublished: page.dateIso,
        dateModified: modified(page),
        authors: page.byline,
        publisher: site.publisher,
        logoUrl: site.logoUrl,
        section: page.section.name,
        script: page.script,
        keywords: page.tags.map((tag) => tag.name),
        image: page.image?.url,
        breadcrumb: [
          { name: page.siteTitle, url: absolute(page.homeHref) },
          { name: page.section.name, url: absolute(page.section.href) },
          { name: page.title, url: page.canonical },
        ],
      }),
    openGraph: (page) => [
      { property: "og:type", content: "article" },
      { property: "og:title", content: page.title },
      { property: "og:description", content: page.description },
      { property: "og:url", content: page.canonical },
      { property: "og:site_name", content: page.siteTitle },
      { property: "og:locale", content: page.script === "zh-Hans" ? "zh_CN" : "zh_TW" },
      ...(page.image ? [{ property: "og:image", content: page.image.url }, { property: "og:image:alt", content: page.image.alt }] : []),
      { property: "article:published_time", content: page.dateIso },
      { property: "article:modified_time", content: modified(page) },
      { property: "article:section", content: page.section.name },
      ...page.tags.map((tag) => ({ property: "article:tag", content: tag.name })),
    ],
  };
}
