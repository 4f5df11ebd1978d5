import { formatNewsDate, toIsoWithOffset } from "../time/zoned-date.js";
import type { ListedArticle } from "./listed-articles.js";
import { memoise } from "./memoise.js";
import type { ModelContext } from "./page-model.js";
import { perScript } from "./per-script.js";
import type { ArticlePage } from "./page-types.js";
import { SCRIPTS } from "./scripts.js";

/**
 * One page per article per script, with everything the seed's layout shows and what machines read (the
 * page's Open Graph and JSON-LD entries are made from it when it is laid out: see article-head.ts).
 */
export function buildArticlePages(ctx: ModelContext, newestFirst: readonly ListedArticle[], relatedIds: ReadonlyMap<string, readonly string[]>): ArticlePage[] {
  const { input, urls } = ctx;
  const { config } = input;
  const byId = new Map<string, ListedArticle>();
  for (const listed of newestFirst) byId.set(listed.source.id, listed);
  // Pages come out script by script (all Simplified pages, then all Traditional ones); each article's
  // script-independent parts are worked out once for both.
  const pagesIn = perScript((): ArticlePage[] => []);
  // What many pages show alike is one shared object: the article's section link and a tag link (by tag key
  // and the name shown).
  const sectionLink = perScript((script) => memoise((key: string) => ({ key, name: ctx.sectionName(key, script), href: urls.withPrefix(urls.section(script, key)) })));
  const tagLink = perScript((script) => memoise((key: string) => memoise((name: string) => ({ name, href: urls.withPrefix(urls.tag(script, input.tagSlugs.get(key)!)) }))));
  for (const listed of newestFirst) {
    const { source: article, rendered } = listed;
    const page = ctx.pageUrls((s) => listed.path[s]);
    const related: ListedArticle[] = [];
    for (const id of relatedIds.get(article.id) ?? []) {
      const other = byId.get(id);
      if (other) related.push(other);
    }
    const updatedIso = article.updated ? toIsoWithOffset(article.updated.epochMs, config.timeZone) : undefined;
    const updatedText = article.updated ? formatNewsDate(article.updated, config.timeZone) : undefined;
    const tagKeys = rendered.text["zh-Hans"].tags;
    for (const script of SCRIPTS) {
      const text = rendered.text[script];
      const section = sectionLink[script](article.section);
      const imageUrl = text.image ? new URL(text.image.src, page.absolute[script]).href : undefined;
      const base = ctx.base(script, page, `${text.title} - ${config.title[script]}`, text.summary);
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
        dateIso: listed.dateIso,
        updatedText,
        updatedIso,
        source: text.source,
        byline: text.byline,
        editor: text.editor,
        tags: text.tags.map((name, i) => tagLink[script](tagKeys[i]!)(name)),
        section,
        related: related.map((a) => a.item[script]),
        bodyKey: input.bodyKey(article.id, script),
        image: imageUrl ? { url: imageUrl, alt: text.image!.alt } : undefined,
      });
    }
  }
  return SCRIPTS.flatMap((script) => pagesIn[script]);
}
