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

export function newsArticleJsonLd(facts: NewsArticleFacts): object[] {
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
    publisher: { "@type": "Organization", name: facts.publisher, logo: { "@type": "ImageObject", url: facts.logoUrl } },
    articleSection: facts.section,
    inLanguage: facts.script,
    isAccessibleForFree: true,
  };
  if (facts.keywords.length > 0) article.keywords = facts.keywords.join(",");
  if (facts.image) article.image = [facts.image];
  const breadcrumb = {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: facts.breadcrumb.map((crumb, index) => ({ "@type": "ListItem", position: index + 1, name: crumb.name, item: crumb.url })),
  };
  return [article, breadcrumb];
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
