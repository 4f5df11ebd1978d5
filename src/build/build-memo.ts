import type { ArticleSource } from "../content/article.js";
import { ArticleMemo } from "../content/article-memo.js";
import type { RenderedArticle } from "../render/render-article.js";
import { RenderMemo } from "../render/render-cache.js";
import { factsJson } from "./index-snapshot.js";
import { textsJson } from "./render-summaries.js";
import type { SiteModel } from "../site/page-model.js";

/** What the page index of the last build was made from, with the index itself. */
export interface ModelInputs {
  /** Everything besides the articles: config, render settings, sections and their texts, as JSON. */
  readonly settings: string;
  readonly published: readonly ArticleSource[];
  readonly rendered: ReadonlyMap<string, RenderedArticle>;
  /** Each article's render-cache key, which its pages name their body by. */
  readonly cacheKeys: ReadonlyMap<string, string>;
}

/**
 * What the preview server keeps between builds, so that what did not change since the last one costs
 * almost nothing: articles as parsed (by file), render-cache keys and entries, and the last page index.
 * Create one per server.
 */
export class BuildMemo {
  readonly articles = new ArticleMemo();
  readonly render = new RenderMemo();
  #last: (ModelInputs & { readonly model: SiteModel }) | undefined;
  #reused = false;

  /** Whether the last build took its page index from the one before (see reusableModel). */
  get reusedIndex(): boolean {
    return this.#reused;
  }

  /**
   * The last page index, when the only change since is to article bodies in ways no page but the article's
   * own shows: every article's front matter and rendered texts (title, summary, tags, first image…) as
   * before, and everything else equal. Its article pages then get the new bodies' keys. Undefined otherwise:
   * the index is built afresh.
   */
  reusableModel(next: ModelInputs): SiteModel | undefined {
    this.#reused = false;
    const last = this.#last;
    if (!last || last.settings !== next.settings || last.published.length !== next.published.length) return undefined;
    const changed = new Set<string>();
    for (let i = 0; i < next.published.length; i++) {
      const before = last.published[i]!;
      const after = next.published[i]!;
      if (before === after) continue;
      if (before.id !== after.id || factsJson(before) !== factsJson(after)) return undefined;
      if (textsJson(last.rendered.get(before.id)!) !== textsJson(next.rendered.get(after.id)!)) return undefined;
      changed.add(after.id);
    }
    const articles = last.model.articles.map((page) => (changed.has(page.id) ? { ...page, bodyKey: `${next.cacheKeys.get(page.id)!}/${page.script}` } : page));
    this.#reused = true;
    return { ...last.model, articles };
  }

  remember(inputs: ModelInputs, model: SiteModel): void {
    this.#last = { ...inputs, model };
  }
}
