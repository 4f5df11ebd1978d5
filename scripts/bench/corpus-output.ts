/** The output of a benchmark's corpus: how many pages a tool wrote, and which article a rebuild edits. */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { PageCount } from "./report.js";

/** HTML pages below `dir`, and how many of them are article pages (…/YYYY/MM/DD/<id>.html in every tool). */
export function countPages(dir: string): PageCount {
  const count = { total: 0, articles: 0 };
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(d, entry.name));
      else if (entry.name.endsWith(".html")) {
        count.total++;
        if (/\/\d{4}\/\d{2}\/\d{2}$/.test(d)) count.articles++;
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return count;
}

export interface ArticleToEdit {
  readonly file: string;
  readonly page: string;
}

/** A published Simplified article of the corpus, and where fabu writes its zh-hans page. */
export function pickArticleToEdit(fabuRoot: string, output: string): ArticleToEdit | undefined {
  const content = join(fabuRoot, "content");
  for (const section of readdirSync(content).sort()) {
    const dir = join(content, section);
    if (!statSync(dir).isDirectory()) continue;
    const names = readdirSync(dir).filter((n) => n.endsWith(".md") && n !== "_index.md").sort();
    for (const name of names.slice(Math.floor(names.length / 2))) {
      const text = readFileSync(join(dir, name), "utf8");
      if (/^lang: zh-Hant$/m.test(text) || /^draft: true$/m.test(text)) continue;
      const date = /^date: "(\d{4})-(\d{2})-(\d{2})/m.exec(text);
      if (!date) continue;
      return { file: join(dir, name), page: join(output, "zh-hans", date[1]!, date[2]!, date[3]!, name.replace(/\.md$/, ".html")) };
    }
  }
  return undefined;
}
