import type { ArticleSource } from "../content/article.js";
import type { ContentProblem } from "../content/problems.js";
import { SCRIPTS } from "./scripts.js";
import type { UrlScheme } from "./urls.js";

/**
 * Two articles whose URLs differ only in case or Unicode normalisation would overwrite each other on
 * case-insensitive file systems and CDNs, so they are an error naming both files.
 */
export function findUrlCollisions(sources: readonly ArticleSource[], urls: UrlScheme): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const claimed = new Map<string, ArticleSource>();
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
