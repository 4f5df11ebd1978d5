import type { ArticlePage, HomePage, ListingPage, NotFoundPage, RedirectPage } from "../site/page-model.js";
import { serialiseJsonLd } from "../site/structured-data.js";
import { createArticleHead, type SiteHeadFacts } from "../site/article-head.js";

/** The subset of Eleventy's UserConfig we use; Eleventy ships no TypeScript types. */
export interface EleventyUserConfig {
  setInputDirectory(dir: string): void;
  setOutputDirectory(dir: string): void;
  setIncludesDirectory(dir: string): void;
  setLayoutsDirectory(dir: string): void;
  setDataDirectory(dir: string): void;
  setTemplateFormats(formats: string[]): void;
  setUseGitIgnore(enabled: boolean): void;
  setQuietMode(quiet: boolean): void;
  setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
  setServerOptions(options: Record<string, unknown>): void;
  addGlobalData(name: string, data: unknown): void;
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
  ignores: { add(glob: string): void };
  watchIgnores: { add(glob: string): void };
  addWatchTarget(target: string): void;
}

/** The pages one Eleventy run lays out (a build may lay out a site in several runs). */
export interface PagesToLayOut {
  readonly articles: readonly ArticlePage[];
  readonly listings: readonly ListingPage[];
  /** Each script's home page (and its search page), and the site root. */
  readonly homes: readonly HomePage[];
  readonly notFound: readonly NotFoundPage[];
  readonly redirects: readonly RedirectPage[];
}

export interface EleventyWiring {
  readonly templatesDir: string;
  readonly outputDir: string;
  readonly pages: PagesToLayOut;
  readonly readBody: (key: string) => string;
  /** Fingerprinted theme assets by plain name, e.g. `style.css` → `/assets/style.1a2b3c4d5e.css`. */
  readonly assets: Readonly<Record<string, string>>;
  readonly head: SiteHeadFacts;
}

/**
 * Eleventy lays out pages; fabu has already validated, parsed and converted everything. Templates get a
 * lightweight page index (`fabu`) and fetch article bodies by key, so bodies never sit in Eleventy's data.
 */
export function configureEleventy(wiring: EleventyWiring): (config: EleventyUserConfig) => void {
  return (config) => {
    // Directories
    config.setInputDirectory(wiring.templatesDir);
    config.setOutputDirectory(wiring.outputDir);
    config.setIncludesDirectory("_includes");
    config.setLayoutsDirectory("_layouts");
    config.setDataDirectory("_data-unused");
    config.setTemplateFormats(["njk"]);
    config.setUseGitIgnore(false);
    config.ignores.add("archetypes/**");
    config.ignores.add("assets/**");
    config.setQuietMode(true);

    // Templates: escape everything unless a template says `| safe`, and fail on typos in variable names.
    config.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });

    // Data
    config.addGlobalData("fabu", { ...wiring.pages, assets: wiring.assets });

    // Every page's output path is precomputed; a function avoids compiling a permalink template per page.
    config.addGlobalData("permalink", () => (data: { p?: { outputPath?: string } }) => data.p?.outputPath ?? false);

    // Filters
    config.addFilter("articleBody", ((key: string) => wiring.readBody(key)) as (...args: never[]) => unknown);
    config.addFilter("jsonLd", ((data: unknown) => serialiseJsonLd(data)) as (...args: never[]) => unknown);
    const articleHead = createArticleHead(wiring.head);
    config.addFilter("articleJsonLd", ((page: ArticlePage) => articleHead.jsonLd(page)) as (...args: never[]) => unknown);
    config.addFilter("openGraph", ((page: ArticlePage) => articleHead.openGraph(page)) as (...args: never[]) => unknown);
  };
}
