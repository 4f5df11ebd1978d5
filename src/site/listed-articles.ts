import type { ArticleFacts } from "../content/article.js";
import type { RenderedArticle } from "../render/render-article.js";
import { formatNewsDate, toIsoWithOffset, wallClockAt } from "../time/zoned-date.js";
import type { ArticleListItem } from "./page-types.js";
import { perScript } from "./per-script.js";
import type { Script } from "./scripts.js";
import type { UrlScheme } from "./urls.js";

/**
 * A published article with what every page showing or listing it needs, worked out once. An article is
 * listed on many pages (its section, year, month and tags, front and numbered pages, related links), so
 * its dates are formatted once and its list item is one object per script, shared by all of them.
 */
export interface ListedArticle {
  readonly source: ArticleFacts;
  readonly rendered: RenderedArticle;
  /** Publication time as shown (`2020-11-13 14:45 星期五`) and as ISO 8601 with the zone's offset. */
  readonly dateText: string;
  readonly dateIso: string;
  /** Publication year and month in the site's zone, for the year and month archives. */
  readonly year: number;
  readonly month: number;
  /** The article page's URL path in each script. */
  readonly path: Readonly<Record<Script, string>>;
  readonly item: Readonly<Record<Script, ArticleListItem>>;
}

/** The articles oldest first (ties by id), each with its facts. */
export function listArticles(articles: readonly ArticleFacts[], rendered: ReadonlyMap<string, RenderedArticle>, urls: UrlScheme, timeZone: string): ListedArticle[] {
  const oldestFirst = [...articles].sort((a, b) => a.date.epochMs - b.date.epochMs || (a.id < b.id ? -1 : 1));
  return oldestFirst.map((source) => {
    const result = rendered.get(source.id)!;
    const dateText = formatNewsDate(source.date, timeZone);
    const dateIso = toIsoWithOffset(source.date.epochMs, timeZone);
    const wall = wallClockAt(source.date.epochMs, timeZone);
    const path = perScript((script) => urls.article(script, source.id, source.date));
    const item = perScript((script): ArticleListItem => ({ title: result.text[script].title, href: urls.withPrefix(path[script]), dateText, dateIso }));
    return { source, rendered: result, dateText, dateIso, year: wall.year, month: wall.month, path, item };
  });
}
