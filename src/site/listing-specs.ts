import type { SectionSource } from "../content/section.js";
import { LABELS } from "./labels.js";
import type { ListedArticle } from "./listed-articles.js";
import type { ListingSpec } from "./listing-pages.js";
import type { ModelInput } from "./page-model.js";
import type { Script } from "./scripts.js";
import { pad2, type UrlScheme } from "./urls.js";

/** Every listing of the site: sections, years, months and tags, each with its articles oldest first. */
export function listingSpecs(input: ModelInput, urls: UrlScheme, oldestFirst: readonly ListedArticle[], sections: readonly SectionSource[], bySection: ReadonlyMap<string, readonly ListedArticle[]>): ListingSpec[] {
  const specs: ListingSpec[] = [];
  for (const section of sections) {
    specs.push({
      listing: "section",
      urlFor: (s) => urls.section(s, section.key),
      heading: (s) => input.sectionText.get(section.key)?.name[s] ?? section.key,
      introHtml: (s) => input.sectionText.get(section.key)?.introHtml[s] ?? "",
      articles: bySection.get(section.key) ?? [],
      feedListing: true,
    });
  }
  const byYear = groupBy(oldestFirst, (a) => String(a.year));
  const byMonth = groupBy(oldestFirst, (a) => `${a.year}-${pad2(a.month)}`);
  for (const articles of byYear.values()) {
    const { year } = articles[0]!;
    specs.push({ listing: "year", urlFor: (s) => urls.year(s, year), heading: (s) => LABELS[s].year(year), introHtml: () => "", articles });
  }
  for (const articles of byMonth.values()) {
    const { year, month } = articles[0]!;
    specs.push({ listing: "month", urlFor: (s) => urls.month(s, year, month), heading: (s) => LABELS[s].month(year, month), introHtml: () => "", articles });
  }
  const byTag = new Map<string, ListedArticle[]>();
  for (const article of oldestFirst) {
    for (const key of new Set(article.rendered.text["zh-Hans"].tags)) {
      const list = byTag.get(key);
      if (list) list.push(article);
      else byTag.set(key, [article]);
    }
  }
  const tagName = (key: string, script: Script) => {
    const { text } = byTag.get(key)![0]!.rendered;
    return text[script].tags[text["zh-Hans"].tags.indexOf(key)] ?? key;
  };
  for (const [key, articles] of [...byTag].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const slug = input.tagSlugs.get(key)!;
    specs.push({ listing: "tag", urlFor: (s) => urls.tag(s, slug), heading: (s) => LABELS[s].tagHeading(tagName(key, s)), introHtml: () => "", articles });
  }
  specs.push({
    listing: "archive",
    urlFor: (s) => urls.archive(s),
    heading: (s) => LABELS[s].archive,
    introHtml: () => "",
    articles: [],
    groups: (s) => [
      ...[...byYear.values()].reverse().map((list) => ({ name: LABELS[s].year(list[0]!.year), href: urls.withPrefix(urls.year(s, list[0]!.year)), count: list.length })),
      ...[...byMonth.values()].reverse().map((list) => {
        const { year, month } = list[0]!;
        return { name: LABELS[s].month(year, month), href: urls.withPrefix(urls.month(s, year, month)), count: list.length };
      }),
    ],
  });
  specs.push({
    listing: "tags",
    urlFor: (s) => urls.tags(s),
    heading: (s) => LABELS[s].tags,
    introHtml: () => "",
    articles: [],
    groups: (s) => [...byTag].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)).map(([key, list]) => ({ name: tagName(key, s), href: urls.withPrefix(urls.tag(s, input.tagSlugs.get(key)!)), count: list.length })),
  });
  return specs;
}

export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}
