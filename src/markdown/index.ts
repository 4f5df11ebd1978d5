/**
 * Markdown → hast for article bodies.
 *
 * remark-parse → remark-gfm → CJK-friendly emphasis → bare URLs end at CJK
 * text → nesting limit → remark-rehype → rehype-raw
 * → (report what the sanitizer will drop) → rehype-sanitize → extra plugins
 * → heading demotion → heading ids → external-link marking.
 *
 * The processor is built and frozen once; rendering an article only parses
 * and runs it. Problems go to the caller's VFile as messages positioned in
 * the Markdown string that was passed in.
 *
 * A build renders every article, so three steps skip work that cannot change
 * the result (each with tests that it gives exactly what the plain step
 * gives): Markdown without the characters a GFM table needs is parsed without
 * the table construct; GFM's bare-URL linking runs only on blocks with text it
 * could link; rehype-raw re-parses the tree only when it could change it.
 */
import type { Root } from "hast";
import rehypeRaw from "rehype-raw";
import rehypeSanitize from "rehype-sanitize";
import remarkCjkFriendly from "remark-cjk-friendly/parseOnly";
import remarkCjkFriendlyStrikethrough from "remark-cjk-friendly-gfm-strikethrough/parseOnly";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype, { type Options as RemarkRehypeOptions } from "remark-rehype";
import { unified, type PluggableList } from "unified";
import type { VFile } from "vfile";
import { findExcessiveNesting } from "./nesting-prescan.js";
import rehypeDemoteHeadings from "./rehype-demote-headings.js";
import rehypeHeadingIds from "./rehype-heading-ids.js";
import rehypeMarkExternalLinks from "./rehype-mark-external-links.js";
import rehypeRawWhenNeeded from "./rehype-raw-when-needed.js";
import rehypeReportUnsafeHtml from "./rehype-report-unsafe-html.js";
import remarkAutolinkLiteralGuard from "./remark-autolink-literal-guard.js";
import remarkCjkAutolinkBoundary from "./remark-cjk-autolink-boundary.js";
import remarkWithoutGfmTables, { mayContainGfmTable } from "./remark-gfm-table-guard.js";
import remarkNestingLimit from "./remark-nesting-limit.js";
import { MESSAGE_SOURCE } from "./message-source.js";
import { sanitizeSchema } from "./sanitize-schema.js";

export { sanitizeSchema } from "./sanitize-schema.js";
export { EXTERNAL_LINK_CLASS } from "./rehype-mark-external-links.js";

export interface MarkdownOptions {
  /** Absolute http(s) URL of the site, e.g. `https://example.gov.cn/`; links to other hosts are external. */
  siteUrl: string;
  /** Extra rehype plugins, run after sanitizing and before headings are demoted and given ids. */
  rehypePlugins?: PluggableList;
  /** Deepest allowed nesting of blockquotes, lists, emphasis, links and raw HTML (default 64, at most 200). */
  maxNestingDepth?: number;
  /** Largest accepted Markdown input in UTF-8 bytes (default 2 MiB). */
  maxBytes?: number;
}

export type RenderMarkdown = (markdown: string, file: VFile) => Root;

export const DEFAULT_MAX_NESTING_DEPTH = 64;
/**
 * The hast tree gets about two levels per nesting level (`ul > li`), and
 * hast-util-to-html, which the caller runs, recurses per level and overflows
 * near 2,000; 200 keeps well clear of that.
 */
export const MAX_SUPPORTED_NESTING_DEPTH = 200;
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
/**
 * The text pre-scan over-estimates nesting, so it only rejects far beyond the
 * real limit; parsing up to that point stays quick (about 0.1 s at 256 levels).
 */
const PRESCAN_SLACK = 4;

/** Footnote wording: the site is Chinese, remark-rehype's defaults are English. */
const REMARK_REHYPE_OPTIONS: RemarkRehypeOptions = {
  allowDangerousHtml: true,
  footnoteLabel: "注释",
  footnoteBackLabel: (referenceIndex, rereferenceIndex) =>
    `返回引用 ${referenceIndex + 1}${rereferenceIndex > 1 ? `-${rereferenceIndex}` : ""}`,
};

interface ResolvedOptions {
  readonly siteUrl: string;
  readonly rehypePlugins: PluggableList;
  readonly maxNestingDepth: number;
  readonly maxBytes: number;
}

function resolveOptions(options: MarkdownOptions): ResolvedOptions {
  let site: URL;
  try {
    site = new URL(options.siteUrl);
  } catch {
    throw new TypeError(`siteUrl must be an absolute URL, got ${JSON.stringify(options.siteUrl)}`);
  }
  if (site.protocol !== "http:" && site.protocol !== "https:") {
    throw new TypeError(`siteUrl must be an http(s) URL, got ${JSON.stringify(options.siteUrl)}`);
  }

  const maxNestingDepth = options.maxNestingDepth ?? DEFAULT_MAX_NESTING_DEPTH;
  if (!Number.isInteger(maxNestingDepth) || maxNestingDepth < 1 || maxNestingDepth > MAX_SUPPORTED_NESTING_DEPTH) {
    throw new RangeError(`maxNestingDepth must be an integer from 1 to ${MAX_SUPPORTED_NESTING_DEPTH}`);
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!Number.isInteger(maxBytes) || maxBytes < 1) {
    throw new RangeError("maxBytes must be a positive integer");
  }

  return { siteUrl: site.href, rehypePlugins: [...(options.rehypePlugins ?? [])], maxNestingDepth, maxBytes };
}

/**
 * The CommonMark part of the pipeline alone — remark-parse → remark-rehype →
 * rehype-raw → rehype-sanitize — without GFM, heading changes or link
 * marking; the conformance tests run the spec examples through it.
 */
export function createCoreMarkdownProcessor() {
  return unified()
    .use(remarkParse)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRaw)
    .use(rehypeSanitize, sanitizeSchema)
    .freeze();
}

/** The Markdown syntax of articles: GFM (tables optional) with CJK-friendly emphasis. */
function markdownSyntax(tables: boolean): PluggableList {
  return [
    remarkGfm,
    // Runs GFM's bare-URL linking only on blocks with something it could link.
    remarkAutolinkLiteralGuard,
    ...(tables ? [] : [remarkWithoutGfmTables]),
    // CommonMark's flanking rules treat 《》“”，。 as punctuation, so
    // `印发**《意见》**，要求` stays literal asterisks; these extensions make
    // emphasis and strikethrough next to CJK punctuation work as writers expect.
    remarkCjkFriendly,
    remarkCjkFriendlyStrikethrough,
  ];
}

function reject(file: VFile, reason: string, place: { line: number; column: number }, ruleId: string): Root {
  const message = file.message(reason, { place, ruleId, source: MESSAGE_SOURCE });
  message.fatal = true;
  return { type: "root", children: [] };
}

/** Checks that run on the text, before parsing spends any time on it. */
function rejectUnparsable(markdown: string, file: VFile, settings: ResolvedOptions): Root | undefined {
  const bytes = Buffer.byteLength(markdown, "utf8");
  if (bytes > settings.maxBytes) {
    return reject(
      file,
      `Article is ${bytes} bytes, more than the limit of ${settings.maxBytes}; it is not rendered`,
      { line: 1, column: 1 },
      "input-size",
    );
  }

  const excessive = findExcessiveNesting(markdown, settings.maxNestingDepth * PRESCAN_SLACK);
  if (excessive) {
    return reject(
      file,
      `Nesting depth of about ${excessive.depth} (estimated from the ${excessive.kind} markup) exceeds the limit of ${settings.maxNestingDepth}; the article is not rendered`,
      { line: excessive.line, column: excessive.column },
      "nesting-depth",
    );
  }
  return undefined;
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/**
 * Builds the article renderer: call it once per site build and then once per
 * article. The returned hast root is empty when the article was rejected; the
 * reason is then a fatal message on `file`.
 */
export function createMarkdownProcessor(options: MarkdownOptions): RenderMarkdown {
  const settings = resolveOptions(options);

  const processor = unified()
    .use(remarkParse)
    .use(markdownSyntax(true))
    .use(remarkCjkAutolinkBoundary)
    .use(remarkNestingLimit, { maxDepth: settings.maxNestingDepth })
    .use(remarkRehype, REMARK_REHYPE_OPTIONS)
    .use(rehypeRawWhenNeeded)
    .use(rehypeReportUnsafeHtml, { schema: sanitizeSchema })
    .use(rehypeSanitize, sanitizeSchema)
    .use(settings.rehypePlugins)
    .use(rehypeDemoteHeadings)
    .use(rehypeHeadingIds)
    .use(rehypeMarkExternalLinks, { siteUrl: settings.siteUrl })
    .freeze();
  // The same syntax without GFM tables, for the many articles that cannot have one.
  const parserWithoutTables = unified().use(remarkParse).use(markdownSyntax(false)).freeze();

  const parse = (markdown: string) => (mayContainGfmTable(markdown) ? processor : parserWithoutTables).parse(markdown);

  return function renderMarkdown(markdown: string, file: VFile): Root {
    const rejected = rejectUnparsable(markdown, file, settings);
    if (rejected) return rejected;

    try {
      return processor.runSync(parse(markdown), file);
    } catch (error) {
      // The limits above are meant to make this unreachable; if some input
      // still recurses too deep, it is one bad article, not a failed build.
      if (!isStackOverflow(error)) throw error;
      return reject(file, "Article is nested too deeply to render; it is not rendered", { line: 1, column: 1 }, "nesting-depth");
    }
  };
}
