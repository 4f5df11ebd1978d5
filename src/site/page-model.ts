import type { ArticleSource } from "../content/article.js";
import type { SectionSource } from "../content/section.js";
import type { SiteConfig } from "../config/site-config.js";
import type { RenderedArticle } from "../render/render-article.js";
import { formatNewsDate, toIsoWithOffset } from "../time/zoned-date.js";
import { LABELS, type Labels } from "./labels.js";
import { otherScript, SCRIPTS, type Script } from "./scripts.js";
import { createUrlScheme, outputPathOf } from "./urls.js";

/** What every page's layout needs: language, links between the two scripts, canonical URL. */
export interface PageBase {
  readonly script: Script;
  /** The output path below the output folder, e.g. `zh-hans/index.html`. */
  readonly outputPath: string;
  /** The URL path with the site's path prefix, for links. */
  readonly href: string;
  readonly canonical: string;
  readonly alternates: readonly { readonly hreflang: string; readonly href: string }[];
  readonly switchHref: string;
  readonly pageTitle: string;
  readonly description: string;
  readonly labels: Labels;
  readonly siteTitle: string;
  readonly homeHref: string;
  readonly nav: readonly { readonly name: string; readonly href: string; readonly key: string }[];
}

export interface ArticleListItem {
  readonly title: string;
  readonly href: string;
  readonly dateText: string;
  readonly dateIso: string;
}

export interface ArticlePage extends PageBase {
  readonly kind: "article";
  readonly id: string;
  readonly title: string;
  readonly subtitle?: string;
  readonly kicker?: string;
  readonly dateText: string;
  readonly dateIso: string;
  readonly updatedText?: string;
  readonly updatedIso?: string;
  readonly source: string;
  readonly byline: readonly string[];
  readonly editor: string;
  readonly tags: readonly string[];
  readonly section: { readonly key: string; readonly name: string; readonly href: string };
  readonly related: readonly ArticleListItem[];
  /** Key into the body store: bodies stay out of Eleventy's data. */
  readonly bodyKey: string;
}

export interface SectionPage extends PageBase {
  readonly kind: "section";
  readonly key: string;
  readonly name: string;
  readonly introHtml: string;
  readonly articles: readonly ArticleListItem[];
}

export interface HomePage extends PageBase {
  readonly kind: "home";
  readonly latest: readonly ArticleListItem[];
  readonly sections: readonly { readonly name: string; readonly href: string; readonly articles: readonly ArticleListItem[] }[];
}

export interface SiteModel {
  readonly articles: readonly ArticlePage[];
  readonly sections: readonly SectionPage[];
  readonly homes: readonly HomePage[];
  /** The site root `/`: the default script's home page. */
  readonly root: HomePage;
}

export interface SectionText {
  readonly name: Readonly<Record<Script, string>>;
  readonly introHtml: Readonly<Record<Script, string>>;
}

export interface ModelInput {
  readonly config: SiteConfig;
  readonly articles: readonly ArticleSource[];
  readonly rendered: ReadonlyMap<string, RenderedArticle>;
  readonly sections: readonly SectionSource[];
  readonly sectionText: ReadonlyMap<string, SectionText>;
  readonly bodyKey: (id: string, script: Script) => string;
}

const LATEST_ON_HOME = 10;
const PER_SECTION_ON_HOME = 5;

export function buildSiteModel(input: ModelInput): SiteModel {
  const { config } = input;
  const urls = createUrlScheme(config.url, config.pathPrefix, config.timeZone);
  const newestFirst = [...input.articles].sort((a, b) => b.date.epochMs - a.date.epochMs || (a.id < b.id ? -1 : 1));
  const byId = new Map(input.articles.map((a) => [a.id, a]));
  const sections = [...input.sections].sort((a, b) => a.weight - b.weight || (a.key < b.key ? -1 : 1));

  const base = (script: Script, urlFor: (s: Script) => string, pageTitle: string, description: string): PageBase => {
    const url = urlFor(script);
    return {
      script,
      outputPath: outputPathOf(url),
      href: urls.withPrefix(url),
      canonical: urls.absolute(url),
      alternates: [
        ...SCRIPTS.map((s) => ({ hreflang: s, href: urls.absolute(urlFor(s)) })),
        { hreflang: "x-default", href: urls.absolute(urlFor(config.defaultScript)) },
      ],
      switchHref: urls.withPrefix(urlFor(otherScript(script))),
      pageTitle,
      description,
      labels: LABELS[script],
      siteTitle: config.title[script],
      homeHref: urls.withPrefix(urls.home(script)),
      nav: sections.map((s) => ({ key: s.key, name: sectionName(input, s.key, script), href: urls.withPrefix(urls.section(script, s.key)) })),
    };
  };

  const listItem = (article: ArticleSource, script: Script): ArticleListItem => ({
    title: input.rendered.get(article.id)!.text[script].title,
    href: urls.withPrefix(urls.article(script, article.id, article.date)),
    dateText: formatNewsDate(article.date, config.timeZone),
    dateIso: toIsoWithOffset(article.date.epochMs, config.timeZone),
  });

  const articles: ArticlePage[] = [];
  for (const script of SCRIPTS) {
    for (const article of newestFirst) {
      const text = input.rendered.get(article.id)!.text[script];
      const related = article.related.map((r) => byId.get(r.id)).filter((a): a is ArticleSource => a !== undefined);
      articles.push({
        ...base(script, (s) => urls.article(s, article.id, article.date), `${text.title} - ${config.title[script]}`, text.summary),
        kind: "article",
        id: article.id,
        title: text.title,
        subtitle: text.subtitle,
        kicker: text.kicker,
        dateText: formatNewsDate(article.date, config.timeZone),
        dateIso: toIsoWithOffset(article.date.epochMs, config.timeZone),
        updatedText: article.updated ? formatNewsDate(article.updated, config.timeZone) : undefined,
        updatedIso: article.updated ? toIsoWithOffset(article.updated.epochMs, config.timeZone) : undefined,
        source: text.source,
        byline: text.byline,
        editor: text.editor,
        tags: text.tags,
        section: { key: article.section, name: sectionName(input, article.section, script), href: urls.withPrefix(urls.section(script, article.section)) },
        related: related.map((a) => listItem(a, script)),
        bodyKey: input.bodyKey(article.id, script),
      });
    }
  }

  const sectionPages: SectionPage[] = [];
  const homes: HomePage[] = [];
  for (const script of SCRIPTS) {
    for (const section of sections) {
      const name = sectionName(input, section.key, script);
      sectionPages.push({
        ...base(script, (s) => urls.section(s, section.key), `${name} - ${config.title[script]}`, `${name}：${config.title[script]}`),
        kind: "section",
        key: section.key,
        name,
        introHtml: input.sectionText.get(section.key)?.introHtml[script] ?? "",
        articles: newestFirst.filter((a) => a.section === section.key).map((a) => listItem(a, script)),
      });
    }
    homes.push({
      ...base(script, (s) => urls.home(s), config.title[script], config.description[script]),
      kind: "home",
      latest: newestFirst.slice(0, LATEST_ON_HOME).map((a) => listItem(a, script)),
      sections: sections.map((section) => ({
        name: sectionName(input, section.key, script),
        href: urls.withPrefix(urls.section(script, section.key)),
        articles: newestFirst.filter((a) => a.section === section.key).slice(0, PER_SECTION_ON_HOME).map((a) => listItem(a, script)),
      })),
    });
  }
  const defaultHome = homes.find((h) => h.script === config.defaultScript)!;
  const root: HomePage = { ...defaultHome, outputPath: "index.html" };

  return { articles, sections: sectionPages, homes, root };
}

function sectionName(input: ModelInput, key: string, script: Script): string {
  return input.sectionText.get(key)?.name[script] ?? key;
}

