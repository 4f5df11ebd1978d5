import type { GlossaryEntry, TraditionalVariant } from "../convert/index.js";
import { convertTree, createConverterSet, rehypeConversionMarkup } from "../convert/index.js";
import { createMarkdownProcessor } from "../markdown/index.js";
import type { Script } from "../site/scripts.js";
import type { RenderContext } from "./render-article.js";
import rehypePathPrefix from "./rehype-path-prefix.js";

/** Everything a renderer needs, as plain data, so a worker thread can build its own from it. */
export interface RenderSettings {
  readonly siteUrl: string;
  /** The folder the site lives in (`/` or e.g. `/press/`): site-relative links in bodies get it. */
  readonly pathPrefix?: string;
  readonly maxNestingDepth: number;
  readonly maxFileBytes: number;
  readonly traditional: TraditionalVariant;
  readonly glossary: readonly GlossaryEntry[];
  readonly quotes: boolean;
  readonly defaultSource: string;
}

/** Builds the converters and the Markdown processor once; both are reused for every article. */
export function createRenderContext(settings: RenderSettings): RenderContext {
  const converters = createConverterSet({ traditional: settings.traditional, glossary: settings.glossary, quotes: settings.quotes });
  const toHast = createMarkdownProcessor({
    siteUrl: settings.siteUrl,
    maxNestingDepth: settings.maxNestingDepth,
    maxBytes: settings.maxFileBytes,
    rehypePlugins: [rehypeConversionMarkup, [rehypePathPrefix, { pathPrefix: settings.pathPrefix ?? "/" }]],
  });
  return {
    toHast,
    converterFor: (from: Script, to: Script) => converters.get(from, to),
    convertTree,
    quotes: settings.quotes,
    defaultSource: settings.defaultSource,
  };
}
