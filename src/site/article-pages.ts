import type { ArticleSource } from "../content/article.js";
import { formatNewsDate, toIsoWithOffset } from "../time/zoned-date.js";
import type { ModelContext } from "./page-model.js";
import type { ArticlePage } from "./page-types.js";
import { SCRIPTS } from "./scripts.js";
import { newsArticleJsonLd } from "./structured-data.js";

/** One page per article per script, with everything the seed's layout shows and what machines read. */
export function buildArticlePages(ctx: ModelContext, newestFirst: readonly ArticleSource[]): ArticlePage[] {
  const { input, urls } = ctx;
  const { config } = input;
  const byId = new Map(newestFirst.map((a) => [a.id, a]));
  const pages: ArticlePage[] = [];
  for (const script of SCRIPTS) {
    for (const article of newestFirst) {
      const rendered = input.rendered.get(article.id)!;
      const text = rendered.text[script];
      const url = urls.article(script, article.id, article.date);
      const published = toIsoWithOffset(article.date.epochMs, config.timeZone);
      const modified = article.updated ? toIsoWithOffset(article.updated.epochMs, config.timeZone) : published;
      const sectionName = ctx.sectionName(article.section, script);
      const sectionUrl = urls.section(script, article.section);
      const imageUrl = text.image ? new URL(text.image.src, urls.absolute(url)).href : undefined;
      const tagKeys = rendered.text["zh-Hans"].tags;
      const base = ctx.base(script, (s) => urls.article(s, article.id, article.date), `${text.title} - ${config.title[script]}`, text.summary);
      pages.push({
        ...base,
        kind: "article",
        id: article.id,
        title: text.title,
        subtitle: text.subtitle,
        kicker: text.kicker,
        dateText: formatNewsDate(article.date, config.timeZone),
        dateIso: published,
        updatedText: article.updated ? formatNewsDate(article.updated, config.timeZone) : undefined,
        updatedIso: article.updated ? modified : undefined,
        source: text.source,
        byline: text.byline,
        editor: text.editor,
        tags: text.tags.map((name, i) => ({ name, href: urls.withPrefix(urls.tag(script, input.tagSlugs.get(tagKeys[i]!)!)) })),
        section: { key: article.section, name: sectionName, href: urls.withPrefix(sectionUrl) },
        related: (input.related.get(article.id) ?? []).map((id) => byId.get(id)).filter((a): a is ArticleSource => a !== undefined).map((a) => ctx.listItem(a, script)),
        bodyKey: input.bodyKey(article.id, script),
        image: imageUrl ? { url: imageUrl, alt: text.image!.alt } : undefined,
        jsonLd: newsArticleJsonLd({
          url: base.canonical,
          headline: text.title,
          description: text.summary,
          datePublished: published,
          dateModified: modified,
          authors: text.byline,
          publisher: config.publisher,
          logoUrl: urls.absolute("/favicon.svg"),
          section: sectionName,
          script,
          keywords: text.tags,
          image: imageUrl,
          breadcrumb: [
            { name: config.title[script], url: urls.absolute(urls.home(script)) },
            { name: sectionName, url: urls.absolute(sectionUrl) },
            { name: text.title, url: base.canonical },
          ],
        }),
        openGraph: [
          { property: "og:type", content: "article" },
          { property: "og:title", content: text.title },
          { property: "og:description", content: text.summary },
          { property: "og:url", content: base.canonical },
          { property: "og:site_name", content: config.title[script] },
          { property: "og:locale", content: script === "zh-Hans" ? "zh_CN" : "zh_TW" },
          ...(imageUrl ? [{ property: "og:image", content: imageUrl }, { property: "og:image:alt", content: text.image!.alt }] : []),
          { property: "article:published_time", content: published },
          { property: "article:modified_time", content: modified },
          { property: "article:section", content: sectionName },
          ...text.tags.map((tag) => ({ property: "article:tag", content: tag })),
        ],
      });
    }
  }
  return pages;
}
