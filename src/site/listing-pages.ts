import { LABELS } from "./labels.js";
import type { ListedArticle } from "./listed-articles.js";
import type { ModelContext } from "./page-model.js";
import type { ListingPage, PageBase, PagerGap, PagerLink } from "./page-types.js";
import { stablePages } from "./pagination.js";
import { SCRIPTS, type Script } from "./scripts.js";

export interface ListingSpec {
  readonly listing: ListingPage["listing"];
  readonly urlFor: (script: Script) => string;
  readonly heading: (script: Script) => string;
  readonly introHtml: (script: Script) => string;
  readonly articles: readonly ListedArticle[];
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
    const frontUrls = ctx.pageUrls(spec.urlFor);
    const numberedUrls = numbered.map((page) => ctx.pageUrls((s) => urls.page(spec.urlFor(s), page.number)));
    for (const script of SCRIPTS) {
      const labels = LABELS[script];
      const heading = spec.heading(script);
      const siteTitle = input.config.title[script];
      const frontUrl = frontUrls.path[script];
      const feeds = spec.feedListing ? [...ctx.feedLinks(script, urls.home(script), siteTitle), ...ctx.feedLinks(script, frontUrl, `${siteTitle} — ${heading}`)] : undefined;
      // Each link is made once in two forms, as the current page and not, and pages share them.
      const front = pagerLink(labels.latestPage, urls.withPrefix(frontUrl), "front");
      const links = numbered.map((page, i) => pagerLink(labels.pageNumber(page.number), urls.withPrefix(numberedUrls[i]!.path[script]), page.number));
      const pager = (current: number | "front") => (links.length === 0 ? [] : windowedPager(front, links, current));
      const groups = spec.groups?.(script) ?? [];
      // One literal naming every field: in V8 (Node 20) a spread of the base followed by more fields ends up
      // giving each page object a hidden class of its own, tens of µs a page and slower to read later.
      const listingPage = (base: PageBase, introHtml: string, items: readonly ListedArticle[], current: number | "front"): ListingPage => ({
        script: base.script,
        outputPath: base.outputPath,
        href: base.href,
        canonical: base.canonical,
        alternates: base.alternates,
        switchHref: base.switchHref,
        pageTitle: base.pageTitle,
        description: base.description,
        labels: base.labels,
        siteTitle: base.siteTitle,
        homeHref: base.homeHref,
        nav: base.nav,
        feeds: base.feeds,
        indexable: base.indexable,
        kind: "listing",
        listing: spec.listing,
        heading,
        introHtml,
        groups,
        items: items.map((a) => a.item[script]),
        pager: pager(current),
      });
      const description = `${heading}：${input.config.description[script]}`;
      pages.push(listingPage(ctx.base(script, frontUrls, `${heading} - ${siteTitle}`, description, feeds), spec.introHtml(script), spec.articles.slice(-size).reverse(), "front"));
      numbered.forEach((page, i) => {
        const base = ctx.base(script, numberedUrls[i]!, `${heading} ${labels.pageNumber(page.number)} - ${siteTitle}`, description, feeds);
        pages.push(listingPage(base, "", page.items, page.number));
      });
    }
  }
  return pages;
}

/** Numbered pages either side of the current one that a pager links to, when a listing has many. */
const PAGER_WINDOW = 2;
const GAP: PagerGap = { gap: true };

/**
 * The pager of one page, newest first: 最新 (the front page), the numbered pages near the current one (the
 * front page counts as next to the newest), and page 1, the oldest; a gap where pages are left out. A
 * listing of a thousand pages would otherwise carry a thousand links on each of them (a gigabyte of page
 * data at 100,000 articles), and every page would change whenever a page is added: with a window, an old
 * page stays byte for byte the same as the archive grows.
 */
export function windowedPager(front: PagerEntry, numbered: readonly PagerEntry[], current: number | "front"): (PagerLink | PagerGap)[] {
  const count = numbered.length;
  const centre = current === "front" ? count + 1 : current;
  const shown = (n: number) => count <= 2 * PAGER_WINDOW + 3 || n === 1 || Math.abs(n - centre) <= PAGER_WINDOW;
  const pager: (PagerLink | PagerGap)[] = [current === "front" ? front.current : front.other];
  for (let n = count; n >= 1; n--) {
    if (shown(n)) pager.push(n === current ? numbered[n - 1]!.current : numbered[n - 1]!.other);
    else if (pager[pager.length - 1] !== GAP) pager.push(GAP);
  }
  return pager;
}

export type PagerEntry = ReturnType<typeof pagerLink>;

/** A pager link as shown on its own page and on every other page of the listing. */
export function pagerLink(label: string, href: string, page: number | "front"): { readonly page: number | "front"; readonly current: PagerLink; readonly other: PagerLink } {
  return { page, current: { label, href, current: true }, other: { label, href, current: false } };
}
