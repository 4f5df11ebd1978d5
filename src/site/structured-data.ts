import type { Script } from "./scripts.js";

/** schema.org data for an article page: NewsArticle and its BreadcrumbList, as Google News reads them. */
export interface NewsArticleFacts {
  readonly url: string;
  readonly headline: string;
  readonly description: string;
  readonly datePublished: string;
  readonly dateModified: string;
  readonly authors: readonly string[];
  readonly publisher: string;
  readonly logoUrl: string;
  readonly section: string;
  readonly script: Script;
  readonly keywords: readonly string[];
  readonly image?: string;
  readonly breadcrumb: readonly { readonly name: string; readonly url: string }[];
}

type Crumb = NewsArticleFacts["breadcrumb"][number];
interface ListItem {
  readonly "@type": "ListItem";
  readonly position: number;
  readonly name: string;
  readonly item: string;
}

/**
 * Builds the JSON-LD of many article pages. What repeats from page to page — the publisher, and breadcrumb
 * steps passed in as the same object (the site's home, a section) — is one shared object rather than one
 * per page (tens of thousands at archive scale).
 */
export function createNewsArticleJsonLd(): (facts: NewsArticleFacts) => object[] {
  let publisher: { readonly name: string; readonly logoUrl: string; readonly entry: object } | undefined;
  const publisherEntry = (name: string, logoUrl: string) => {
    if (publisher?.name !== name || publisher.logoUrl !== logoUrl) {
      publisher = { name, logoUrl, entry: { "@type": "Organization", name, logo: { "@type": "ImageObject", url: logoUrl } } };
    }
    return publisher.entry;
  };
  const steps = new Map<Crumb, ListItem>();
  const step = (crumb: Crumb, index: number, all: readonly Crumb[]): ListItem => {
    const shared = steps.get(crumb);
    if (shared?.position === index + 1 && shared.name === crumb.name && shared.item === crumb.url) return shared;
    const entry: ListItem = { "@type": "ListItem", position: index + 1, name: crumb.name, item: crumb.url };
    // The last step is the page itself, never shared.
    if (index < all.length - 1) steps.set(crumb, entry);
    return entry;
  };

  return (facts) => {
    const article: Record<string, unknown> = {
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      mainEntityOfPage: { "@type": "WebPage", "@id": facts.url },
      url: facts.url,
      headline: facts.headline,
      description: facts.description,
      datePublished: facts.datePublished,
      dateModified: facts.dateModified,
      author: facts.authors.map((name) => ({ "@type": "Person", name })),
      publisher: publisherEntry(facts.publisher, facts.logoUrl),
      articleSection: facts.section,
      inLanguage: facts.script,
      isAccessibleForFree: true,
    };
    if (facts.keywords.length > 0) article.keywords = facts.keywords.join(",");
    if (facts.image) article.image = [facts.image];
    const breadcrumb = { "@context": "https://schema.org", "@type": "BreadcrumbList", itemListElement: facts.breadcrumb.map(step) };
    return [article, breadcrumb];
  };
}

/**
 * JSON for a `<script type="application/ld+json">` block: `<`, `>`, `&` and the JavaScript line separators
 * are escaped so no string in it (a title containing `</script>`) can end the block early.
 */
export function serialiseJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
