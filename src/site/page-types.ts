import type { Labels } from "./labels.js";
import type { Script } from "./scripts.js";

/** What every page's layout needs: language, links between the two scripts, canonical URL. */
export interface PageBase {
  readonly script: Script;
  /** The output path below the output folder, e.g. `zh-hans/index.html`. */
  readonly outputPath: string;
  /** The URL path with the site's path prefix, for links. */
  readonly href: string;
  readonly canonical: string;
  readonly alternates: readonly Alternate[];
  readonly switchHref: string;
  readonly pageTitle: string;
  readonly description: string;
  readonly labels: Labels;
  readonly siteTitle: string;
  readonly homeHref: string;
  readonly nav: readonly NavItem[];
  /** Feeds advertised with `<link rel="alternate">`. */
  readonly feeds: readonly FeedLink[];
  /** `false` keeps the page out of search engines (redirects, 404). */
  readonly indexable: boolean;
}

/** PageBase fields whose object is shared by every page of a script (or of a section): see LayoutInputs.sharedFields. */
export const SHARED_PAGE_FIELDS = ["labels", "nav", "feeds"] as const satisfies readonly (keyof PageBase)[];

export interface Alternate {
  readonly hreflang: string;
  readonly href: string;
}

export interface NavItem {
  readonly key: string;
  readonly name: string;
  readonly href: string;
}

export interface FeedLink {
  readonly type: string;
  readonly title: string;
  readonly href: string;
}

export interface ArticleListItem {
  readonly title: string;
  readonly href: string;
  readonly dateText: string;
  readonly dateIso: string;
}

export interface ArticlePage extends PageBase {
  readonly kind: "article";
  readonly id: string;
  readonly title: string;
  readonly subtitle?: string;
  readonly kicker?: string;
  readonly dateText: string;
  readonly dateIso: string;
  readonly updatedText?: string;
  readonly updatedIso?: string;
  readonly source: string;
  readonly byline: readonly string[];
  readonly editor: string;
  readonly tags: readonly { readonly name: string; readonly href: string }[];
  readonly section: { readonly key: string; readonly name: string; readonly href: string };
  readonly related: readonly ArticleListItem[];
  /** Key into the body store: bodies stay out of Eleventy's data. */
  readonly bodyKey: string;
  readonly image?: { readonly url: string; readonly alt: string };
}

export interface PagerLink {
  readonly label: string;
  readonly href: string;
  readonly current: boolean;
}

/** Where a pager leaves out pages (shown as …). */
export interface PagerGap {
  readonly gap: true;
}

export interface ListingPage extends PageBase {
  readonly kind: "listing";
  readonly listing: "section" | "year" | "month" | "tag" | "tags" | "archive";
  readonly heading: string;
  readonly introHtml: string;
  readonly items: readonly ArticleListItem[];
  /** Links to other groups (years and months on the archive page, tags on the tags page). */
  readonly groups: readonly { readonly name: string; readonly href: string; readonly count: number }[];
  readonly pager: readonly (PagerLink | PagerGap)[];
}

export interface HomePage extends PageBase {
  readonly kind: "home";
  readonly latest: readonly ArticleListItem[];
  readonly sections: readonly { readonly name: string; readonly href: string; readonly articles: readonly ArticleListItem[] }[];
  readonly archiveHref: string;
  readonly tagsHref: string;
}

export interface RedirectPage {
  readonly outputPath: string;
  /** The alias as written, for `_redirects`. */
  readonly from: string;
  readonly toHref: string;
  readonly toAbsolute: string;
  readonly script: Script;
  readonly title: string;
}

export interface NotFoundPage extends PageBase {
  readonly kind: "not-found";
}
