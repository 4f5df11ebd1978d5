/**
 * sitemaps.org sitemaps with hreflang alternates (`xhtml:link`), split into `sitemap-1.xml`, `sitemap-2.xml`,
 * … under a `sitemap.xml` index once one file would pass either limit (50,000 URLs or 50 MB uncompressed,
 * by default: the protocol's own limits).
 */
import { parseOffsetDateTime, toRfc3339 } from "./dates.js";
import type { GeneratedFile, SitemapUrl } from "./types.js";
import { element, emptyElement, urlElement, XML_DECLARATION } from "./xml.js";

export const SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9";
export const XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml";

export const MAX_URLS_PER_SITEMAP = 50_000;
export const MAX_BYTES_PER_SITEMAP = 50 * 1024 * 1024;

export interface SitemapOptions {
  /** Absolute URL of the directory the files are published in, e.g. https://example.gov.cn/ */
  readonly baseUrl: string;
  readonly maxUrlsPerFile?: number;
  readonly maxBytesPerFile?: number;
}

const URLSET_OPEN = `<urlset xmlns="${SITEMAP_NAMESPACE}" xmlns:xhtml="${XHTML_NAMESPACE}">`;
const URLSET_CLOSE = "</urlset>";

/**
 * Returns `[sitemap.xml]` when everything fits in one file; otherwise the numbered files followed by
 * `sitemap.xml` as their index (the index is always the last file). URLs keep the order given.
 */
export function sitemaps(urls: readonly SitemapUrl[], options: SitemapOptions): GeneratedFile[] {
  const maxUrls = positiveInteger(options.maxUrlsPerFile ?? MAX_URLS_PER_SITEMAP, "maxUrlsPerFile");
  const maxBytes = positiveInteger(options.maxBytesPerFile ?? MAX_BYTES_PER_SITEMAP, "maxBytesPerFile");
  const baseUrl = directoryUrl(options.baseUrl);

  const frameBytes = byteLength(`${XML_DECLARATION}\n${URLSET_OPEN}\n${URLSET_CLOSE}\n`);
  const chunks: { blocks: string[]; lastmod: LastmodMax }[] = [];
  let current: { blocks: string[]; lastmod: LastmodMax; bytes: number } | undefined;
  for (const url of urls) {
    const block = urlBlock(url);
    const blockBytes = byteLength(block) + 1; // and its line break
    if (frameBytes + blockBytes > maxBytes) {
      throw new RangeError(`sitemap entry for ${url.loc} alone is larger than maxBytesPerFile (${maxBytes} bytes)`);
    }
    if (!current || current.blocks.length >= maxUrls || current.bytes + blockBytes > maxBytes) {
      current = { blocks: [], lastmod: new LastmodMax(), bytes: frameBytes };
      chunks.push(current);
    }
    current.blocks.push(block);
    current.bytes += blockBytes;
    current.lastmod.add(url.lastmod);
  }

  if (chunks.length <= 1) return [{ path: "sitemap.xml", content: urlset(chunks[0]?.blocks ?? []) }];

  const files: GeneratedFile[] = chunks.map((chunk, index) => ({ path: `sitemap-${index + 1}.xml`, content: urlset(chunk.blocks) }));
  const index = sitemapIndex(
    files.map((file, i) => ({ loc: new URL(file.path, baseUrl).href, lastmod: chunks[i]!.lastmod.value })),
  );
  if (files.length > MAX_URLS_PER_SITEMAP || byteLength(index) > MAX_BYTES_PER_SITEMAP) {
    throw new RangeError(`${files.length} sitemap files are more than one sitemap index may list`);
  }
  return [...files, { path: "sitemap.xml", content: index }];
}

/** A `<sitemapindex>` listing the given sitemap files (absolute URLs). */
export function sitemapIndex(sitemapFiles: readonly { readonly loc: string; readonly lastmod?: string | undefined }[]): string {
  const blocks = sitemapFiles.map((file) =>
    [
      "  <sitemap>",
      `    ${urlElement("loc", file.loc)}`,
      ...(file.lastmod !== undefined ? [`    ${element("lastmod", normalizeLastmod(file.lastmod))}`] : []),
      "  </sitemap>",
    ].join("\n"),
  );
  return [XML_DECLARATION, `<sitemapindex xmlns="${SITEMAP_NAMESPACE}">`, ...blocks, "</sitemapindex>", ""].join("\n");
}

function urlset(blocks: readonly string[]): string {
  return [XML_DECLARATION, URLSET_OPEN, ...blocks, URLSET_CLOSE, ""].join("\n");
}

function urlBlock(url: SitemapUrl): string {
  return [
    "  <url>",
    `    ${urlElement("loc", url.loc)}`,
    ...(url.lastmod !== undefined ? [`    ${element("lastmod", normalizeLastmod(url.lastmod))}`] : []),
    ...url.alternates.map(
      (alternate) => `    ${emptyElement("xhtml:link", { rel: "alternate", hreflang: alternate.hreflang, href: alternate.href })}`,
    ),
    "  </url>",
  ].join("\n");
}

const W3C_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A W3C datetime: a bare date stays as it is; a date-time is checked and written in RFC 3339 form. */
function normalizeLastmod(lastmod: string): string {
  const trimmed = lastmod.trim();
  if (W3C_DATE.test(trimmed)) {
    parseOffsetDateTime(`${trimmed}T00:00:00Z`); // throws on an impossible date
    return trimmed;
  }
  return toRfc3339(trimmed);
}

/** The latest lastmod of a sitemap file's URLs, kept as written, for its entry in the index. */
class LastmodMax {
  value: string | undefined;
  private epochMs = -Infinity;

  add(lastmod: string | undefined): void {
    if (lastmod === undefined) return;
    const normalized = normalizeLastmod(lastmod);
    const epochMs = parseOffsetDateTime(W3C_DATE.test(normalized) ? `${normalized}T00:00:00Z` : normalized).epochMs;
    if (epochMs > this.epochMs) {
      this.epochMs = epochMs;
      this.value = normalized;
    }
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, not ${value}`);
  return value;
}

function directoryUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url.href;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}
