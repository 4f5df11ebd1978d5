/** Shared helpers for the Markdown pipeline tests. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { selectAll } from "hast-util-select";
import { toHtml } from "hast-util-to-html";
import { VFile } from "vfile";
import { createMarkdownProcessor, type MarkdownOptions } from "../../src/markdown/index.js";

/** The project root: the parent of `tests/`. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export const SITE_URL = "https://example.gov.cn/";

const defaultRenderer = createMarkdownProcessor({ siteUrl: SITE_URL });

export interface Rendered {
  readonly tree: Root;
  readonly html: string;
  /** The HTML parsed back, for structural assertions. */
  readonly dom: Root;
  readonly file: VFile;
}

export function render(markdown: string, options?: MarkdownOptions): Rendered {
  const renderMarkdown = options ? createMarkdownProcessor(options) : defaultRenderer;
  const file = new VFile({ path: "content/article.md" });
  const tree = renderMarkdown(markdown, file);
  const html = toHtml(tree);
  return { tree, html, dom: parseFragment(html), file };
}

export function parseFragment(html: string): Root {
  return fromHtml(html, { fragment: true });
}

/** `"line:column: reason"` for each message, the way the build prints them. */
export function describeMessages(file: VFile): string[] {
  return file.messages.map((message) => `${message.line ?? "?"}:${message.column ?? "?"}: ${message.reason}`);
}

const FORBIDDEN_ELEMENTS = new Set([
  "script",
  "style",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "form",
  "input",
  "button",
  "textarea",
  "select",
  "meta",
  "link",
  "base",
  "svg",
  "math",
  "template",
  "noscript",
]);

const URL_PROPERTIES = ["href", "src", "cite", "action", "formAction", "poster", "data", "background", "longDesc", "srcSet", "xLinkHref"];

/** What a browser does to a URL before reading its scheme: drops controls, spaces, tabs and newlines. */
function schemeView(url: string): string {
  return url.replace(/[\u0000-\u0020]/g, "").toLowerCase();
}

/**
 * Everything in a parsed HTML tree that could run script or restyle the page,
 * described for a readable failure. An empty list means the HTML is safe.
 */
export function findUnsafeMarkup(tree: Root): string[] {
  const problems: string[] = [];
  for (const element of selectAll("*", tree) as Element[]) {
    if (FORBIDDEN_ELEMENTS.has(element.tagName)) problems.push(`<${element.tagName}> element`);
    for (const [property, value] of Object.entries(element.properties)) {
      if (/^on/i.test(property)) problems.push(`${property} on <${element.tagName}>`);
      if (property === "style") problems.push(`style attribute on <${element.tagName}>`);
      if (URL_PROPERTIES.includes(property)) {
        const url = schemeView(Array.isArray(value) ? value.join(" ") : String(value));
        if (/^(?:javascript|vbscript|data):/.test(url)) problems.push(`${property}="${String(value)}" on <${element.tagName}>`);
      }
    }
  }
  return problems;
}
