import { formatNewsDate, toIsoWithOffset } from "../time/zoned-date.js";
import type { ListedArticle } from "./listed-articles.js";
import { memoise } from "./memoise.js";
import type { ModelContext } from "./page-model.js";
import { perScript } from "./per-script.js";
import type { ArticlePage } from "./page-types.js";
import { SCRIPTS } from "./scripts.js";
import { createNewsArticleJsonLd } from "./structured-data.js";

/** One page per article per script, with everything the seed's layout shows and what machines read. */
export function buildArticlePages(ctx: ModelContext, newestFirst: readonly ListedArticle[], relatedIds: ReadonlyMap<string, readonly string[]>): ArticlePage[] {
  const { input, urls } = ctx;
  const { config } = input;
  const byId = new Map<string, ListedArticle>();
  for (const listed of newestFirst) byId.set(listed.source.id, listed);
  // Pages come out script by script (all Simplified pages, then all Traditional ones); each article's
  // script-independent parts are worked out once for both.
  const pagesIn = perScript((): ArticlePage[] => []);
  // What many pages show alike is one shared object: the article's section link, a tag link (by tag key and
  // the name shown), and the Open Graph entries that name the site, the language, a section or a tag.
  const sectionLink = perScript((script) => memoise((key: string) => ({ key, name: ctx.sectionName(key, script), href: urls.withPrefix(urls.section(script, key)) })));
  const tagLink = perScript((script) => memoise((key: string) => memoise((name: string) => ({ name, href: urls.withPrefix(urls.tag(script, input.tagSlugs.get(key)!)) }))));
  const ogType = { property: "og:type", content: "article" };
  const ogSiteName = perScript((script) => ({ property: "og:site_name", content: config.title[script] }));
  const ogLocale = perScript((script) => ({ property: "og:locale", content: script === "zh-Hans" ? "zh_CN" : "zh_TW" }));
  const ogSection = memoise((name: string) => ({ property: "article:section", content: name }));
  const ogTag = memoise((tag: string) => ({ property: "article:tag", content: tag }));
  const jsonLd = createNewsArticleJsonLd();
  const logoUrl = urls.absolute("/favicon.svg");
  const homeCrumb = perScript((script) => ({ name: config.title[script], url: urls.absolute(urls.home(script)) }));
  const sectionCrumb = perScript((script) => memoise((key: string) => ({ name: ctx.sectionName(key, script), url: urls.absolute(urls.section(script, key)) })));
  for (const listed of newestFirst) {
    const { source: article, rendered } = listed;
    const page = ctx.pageUrls((s) => listed.path[s]);
    const related: ListedArticle[] = [];
    for (const id of relatedIds.get(article.id) ?? []) {
      const other = byId.get(id);
      if (other) related.push(other);
    }
    const published = listed.dateIso;
    const modified = article.updated ? toIsoWithOffset(article.updated.epochMs, config.timeZone) : published;
    const updatedText = article.updated ? formatNewsDate(article.updated, config.timeZone) : undefined;
    const tagKeys = rendered.text["zh-Hans"].tags;
    const ogTimes = [{ property: "article:published_time", content: published }, { property: "article:modified_time", content: modified }];
    for (const script of SCRIPTS) {
      const text = rendered.text[script];
      const section = sectionLink[script](article.section);
      const sectionName = section.name;
      const imageUrl = text.image ? new URL(text.image.src, page.absolute[script]).href : undefined;
      const base = ctx.base(script, page, `${text.title} - ${config.title[script]}`, text.summary);
      // Joined with concat, which sizes the array exactly, rather than spreads (iterators) or pushes (slack).
      const openGraph = [ogType, { property: "og:title", content: text.title }, { property: "og:description", content: text.summary }, { property: "og:url", content: base.canonical }, ogSiteName[script], ogLocale[script]].concat(
        imageUrl ? [{ property: "og:image", content: imageUrl }, { property: "og:image:alt", content: text.image!.alt }] : [],
        ogTimes,
        [ogSection(sectionName)],
        text.tags.map(ogTag),
      );
      // One literal naming every field: in V8 (Node 20) a spread of `base` followed by more fields ends up
      // giving each page object a hidden class of its own, about 100 µs a page and slower to read later.
      pagesIn[script].push({
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
        kind: "article",
        id: article.id,
        title: text.title,
        subtitle: text.subtitle,
        kicker: text.kicker,
        dateText: listed.dateText,
        dateIso: published,
        updatedText,
        updatedIso: article.updated ? modified : undefined,
        source: text.source,
        byline: text.byline,
        editor: text.editor,
        tags: text.tags.map((name, i) => tagLink[script](tagKeys[i]!)(name)),
        section,
        related: related.map((a) => a.item[script]),
        bodyKey: input.bodyKey(article.id, script),
        image: imageUrl ? { url: imageUrl, alt: text.image!.alt } : undefined,
        jsonLd: jsonLd({
          url: base.canonical,
          headline: text.title,
          description: text.summary,
          datePublished: published,
          dateModified: modified,
          authors: text.byline,
          publisher: config.publisher,
          logoUrl,
          section: sectionName,
          script,
          keywords: text.tags,
          image: imageUrl,
          breadcrumb: [homeCrumb[script], sectionCrumb[script](article.section), { name: text.title, url: base.canonical }],
        }),
        openGraph,
      });
    }
  }
  return SCRIPTS.flatMap((script) => pagesIn[script]);
}
