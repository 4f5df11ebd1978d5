import type { ArticleFacts } from "../content/article.js";
import type { ContentProblem } from "../content/problems.js";
import { SCRIPTS } from "./scripts.js";
import type { RedirectPage, SiteModel } from "./page-model.js";
import type { UrlScheme } from "./urls.js";

/**
 * Two articles whose URLs differ only in case or Unicode normalisation would overwrite each other on
 * case-insensitive file systems and CDNs, so they are an error naming both files.
 */
export function findUrlCollisions(sources: readonly ArticleFacts[], urls: UrlScheme): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const claimed = new Map<string, ArticleFacts>();
  for (const article of sources) {
    const url = urls.article(SCRIPTS[0]!, article.id, article.date);
    const key = url.normalize("NFC").toLowerCase();
    const first = claimed.get(key);
    if (first) {
      problems.push({
        file: article.file,
        line: article.idAt.line,
        column: article.idAt.column,
        severity: "error",
        rule: "duplicate-url",
        message: `this article and ${first.file} both claim the URL ${url} (URLs are compared ignoring case); change one id`,
      });
    } else {
      claimed.set(key, article);
    }
  }
  return problems;
}

/**
 * An alias that names a page the site already has (or another alias) would overwrite it: an error at the
 * alias, naming what it collides with. Compared ignoring case, as on case-insensitive hosts.
 */
export function findAliasCollisions(model: SiteModel, articles: readonly ArticleFacts[]): ContentProblem[] {
  // Only aliases can collide here; most sites have none, so skip indexing every page's path.
  if (!articles.some((article) => article.aliases.length > 0)) return [];
  const taken = new Map<string, string>();
  const pages = [...model.articles, ...model.listings, ...model.homes, model.root, ...model.notFound];
  for (const page of pages) taken.set(page.outputPath.normalize("NFC").toLowerCase(), `the page /${page.outputPath}`);
  // The first redirect for each alias, by lookup rather than a scan of every redirect per alias.
  const redirectFrom = new Map<string, RedirectPage>();
  for (const redirect of model.redirects) if (!redirectFrom.has(redirect.from)) redirectFrom.set(redirect.from, redirect);
  const problems: ContentProblem[] = [];
  for (const article of articles) {
    for (const alias of article.aliases) {
      const redirect = redirectFrom.get(alias.value)!;
      const key = redirect.outputPath.normalize("NFC").toLowerCase();
      const owner = taken.get(key);
      if (owner) {
        problems.push({ file: article.file, line: alias.line, column: alias.column, severity: "error", rule: "duplicate-url", message: `the alias ${alias.value} would overwrite ${owner}; remove it or pick another path` });
      } else {
        taken.set(key, `the alias in ${article.file}:${alias.line}`);
      }
    }
  }
  return problems;
}
