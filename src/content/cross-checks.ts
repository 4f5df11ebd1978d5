import type { ArticleSource } from "./article.js";
import type { ContentProblem } from "./problems.js";
import type { SectionSource } from "./section.js";

/** Problems no single file shows: duplicate ids, unknown sections, unknown related ids. */
export function checkAcrossArticles(articles: readonly ArticleSource[], sections: readonly SectionSource[], idsSeen: ReadonlySet<string> = new Set()): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const error = (file: string, at: { line: number; column: number }, rule: string, message: string) =>
    problems.push({ file, line: at.line, column: at.column, rule, message, severity: "error" });

  const sectionKeys = new Set(sections.map((s) => s.key));
  const known = [...sectionKeys].sort().join(", ");
  for (const article of articles) {
    if (!sectionKeys.has(article.section)) {
      error(article.file, article.sectionAt, "unknown-section", `unknown section "${article.section}"; known sections: ${known || "(none: add content/<section>/_index.md)"}`);
    }
  }

  // NFC so that an id typed with a decomposed character is still the same id; case-only differences are
  // caught later, where URLs are planned, as two articles claiming one URL.
  const byId = new Map<string, ArticleSource>();
  for (const article of articles) {
    const key = article.id.normalize("NFC");
    const first = byId.get(key);
    if (first) {
      error(article.file, article.idAt, "duplicate-id", `the id "${article.id}" is already used by ${first.file}:${first.idAt.line}; every article needs its own id`);
    } else {
      byId.set(key, article);
    }
  }

  for (const article of articles) {
    for (const ref of article.related) {
      const target = byId.get(ref.id.normalize("NFC"));
      if (!target && !idsSeen.has(ref.id)) {
        // (An id seen in an article that has errors of its own is not reported again here.)
        error(article.file, ref, "unknown-related", `"related" names the id ${ref.id}, but no article has it; check the number or remove it`);
      } else if (target === article) {
        error(article.file, ref, "unknown-related", `"related" names this article's own id ${ref.id}; remove it`);
      }
    }
  }
  return problems;
}
