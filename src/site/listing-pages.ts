import type { ArticleSource } from "../content/article.js";
import { LABELS } from "./labels.js";
import type { ModelContext } from "./page-model.js";
import type { ListingPage, PagerLink } from "./page-types.js";
import { stablePages } from "./pagination.js";
import { SCRIPTS, type Script } from "./scripts.js";

export interface ListingSpec {
  readonly listing: ListingPage["listing"];
  readonly urlFor: (script: Script) => string;
  readonly heading: (script: Script) => string;
  readonly introHtml: (script: Script) => string;
  readonly articles: readonly ArticleSource[];
  readonly groups?: (script: Script) => ListingPage["groups"];
  /** Whether the listing has its own feeds (sections do). */
  readonly feedListing?: boolean;
}

/**
 * A listing's front page shows its newest articles; numbered pages (counted from the oldest, see
 * pagination.ts) hold the whole archive and stay unchanged as new articles arrive.
 */
export function buildListingPages(ctx: ModelContext, specs: readonly ListingSpec[]): ListingPage[] {
  const { urls, input } = ctx;
  const size = input.config.pageSize;
  const pages: ListingPage[] = [];
  for (const spec of specs) {
    const numbered = spec.articles.length > size ? stablePages(spec.articles, size) : [];
    for (const script of SCRIPTS) {
      const labels = LABELS[script];
      const heading = spec.heading(script);
      const siteTitle = input.config.title[script];
      const frontUrl = spec.urlFor(script);
      const feeds = spec.feedListing ? [...ctx.feedLinks(script, urls.home(script), siteTitle), ...ctx.feedLinks(script, frontUrl, `${siteTitle} — ${heading}`)] : undefined;
      const pager = (current: number | "front"): PagerLink[] =>
        numbered.length === 0
          ? []
          : [
              { label: labels.latestPage, href: urls.withPrefix(frontUrl), current: current === "front" },
              ...[...numbered].reverse().map((page) => ({ label: labels.pageNumber(page.number), href: urls.withPrefix(urls.page(frontUrl, page.number)), current: current === page.number })),
            ];
      const common = { kind: "listing" as const, listing: spec.listing, heading, introHtml: spec.introHtml(script), groups: spec.groups?.(script) ?? [] };
      pages.push({
        ...ctx.base(script, spec.urlFor, `${heading} - ${siteTitle}`, `${heading}：${input.config.description[script]}`, feeds),
        ...common,
        items: [...spec.articles].reverse().slice(0, size).map((a) => ctx.listItem(a, script)),
        pager: pager("front"),
      });
      for (const page of numbered) {
        pages.push({
          ...ctx.base(script, (s) => urls.page(spec.urlFor(s), page.number), `${heading} ${labels.pageNumber(page.number)} - ${siteTitle}`, `${heading}：${input.config.description[script]}`, feeds),
          ...common,
          introHtml: "",
          items: page.items.map((a) => ctx.listItem(a, script)),
          pager: pager(page.number),
        });
      }
    }
  }
  return pages;
}
