/**
 * `_headers` (Cloudflare Pages / Netlify syntax): fingerprinted `/assets/*` cached for a year and immutable,
 * HTML revalidated on every request (optionally cached briefly at the edge), feeds and sitemaps for a few
 * minutes, and security headers (nosniff, Referrer-Policy, a same-origin Content-Security-Policy).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { HOST_FILES, listFiles, normalisePrefix } from "./output-files.js";

export const CACHE_CONTROL = {
  /** Fingerprinted theme assets (`assets/style.1a2b3c4d5e.css`): a new file name for every change. */
  immutable: "public, max-age=31536000, immutable",
  /** Pages: browsers revalidate every time, so a correction is seen at once. */
  html: "public, max-age=0, must-revalidate",
} as const;

// ---------------------------------------------------------------------------------------------------------
// _headers

export type HeadersFlavor = "cloudflare" | "netlify";

export interface HeadersOptions {
  /** URL path the output folder is served at (the site's `pathPrefix`), default `/`. */
  readonly pathPrefix?: string;
  /**
   * Cloudflare Pages joins the values of a header set by several matching rules, so the specific rules first
   * detach the site-wide Cache-Control (`! Cache-Control`); Netlify lets the later rule win and does not know
   * `!`, so those lines are left out. Default `cloudflare`.
   */
  readonly flavor?: HeadersFlavor;
  /** Seconds a CDN may serve a page without revalidating (`s-maxage`); default 0 (the CDN revalidates too). */
  readonly htmlSMaxAge?: number;
  /** Seconds feeds, sitemaps and robots.txt may be cached; default 300. */
  readonly feedMaxAge?: number;
  /** Seconds content images (`images/`, not fingerprinted) may be cached; default 3600. */
  readonly imageMaxAge?: number;
  /** Replaces the Content-Security-Policy fabu writes. */
  readonly contentSecurityPolicy?: string;
}

export type FileClass = "asset" | "feed" | "image" | "page";

/** What caching a file gets, by its path relative to the output folder. */
export function classifyPath(relativePath: string): FileClass {
  const path = relativePath.replace(/\\/g, "/").replace(/^\/+/, "");
  if (path.startsWith("assets/")) return "asset";
  if (path.startsWith("images/")) return "image";
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (/\.xml$/i.test(name) || name === "feed.json" || name === "robots.txt") return "feed";
  return "page";
}

/** The Cache-Control value for a file, for hosts configured per file (S3 metadata, a CDN API). */
export function cacheControlFor(relativePath: string, options: HeadersOptions = {}): string {
  switch (classifyPath(relativePath)) {
    case "asset":
      return CACHE_CONTROL.immutable;
    case "feed":
      return `public, max-age=${options.feedMaxAge ?? 300}`;
    case "image":
      return `public, max-age=${options.imageMaxAge ?? 3600}`;
    case "page": {
      const sMaxAge = options.htmlSMaxAge ?? 0;
      return sMaxAge > 0 ? `public, max-age=0, s-maxage=${sMaxAge}, must-revalidate` : CACHE_CONTROL.html;
    }
  }
}

/**
 * Only the site's own origin may provide scripts, styles, images, fonts and data (images may also be `data:`
 * URLs, which the theme's CSS uses for icons and which cannot run anything); no plugins, no framing by other
 * sites, no `<base>` or form targets elsewhere. Inline `<script type="application/ld+json">` is data,
 * not script, so the policy does not block it (nor do pages need 'unsafe-inline' for anything else). The
 * search page's Pagefind engine is WebAssembly, which needs 'wasm-unsafe-eval' (compiling WebAssembly, not
 * JavaScript `eval`); it is added only when the site has a `pagefind/` folder.
 */
export function contentSecurityPolicy(distDir: string): string {
  const wasm = existsSync(join(distDir, "pagefind")) ? " 'wasm-unsafe-eval'" : "";
  return [
    "default-src 'self'",
    `script-src 'self'${wasm}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join("; ");
}

/** The text of a `_headers` file for the site in `distDir` (whose files, as listFiles lists them, may be given). */
export function headersFile(distDir: string, options: HeadersOptions = {}, listed: readonly string[] = listFiles(distDir)): string {
  const prefix = normalisePrefix(options.pathPrefix);
  const detach = (options.flavor ?? "cloudflare") === "cloudflare";
  const files = listed.filter((p) => !HOST_FILES.has(p) && !/\.(br|gz)$/.test(p));
  const blocks: string[] = [
    [
      "# Written by fabu on every build; do not edit (settings: src/deploy/headers.ts).",
      `# Syntax: ${detach ? "Cloudflare Pages (rules after the first detach its Cache-Control with \"! Cache-Control\")" : "Netlify (a later matching rule's header replaces an earlier one)"}.`,
    ].join("\n"),
  ];
  const rule = (path: string, headers: readonly [string, string][], specific: boolean) => {
    const lines = [path];
    if (specific && detach) lines.push("  ! Cache-Control");
    for (const [name, value] of headers) lines.push(`  ${name}: ${value}`);
    blocks.push(lines.join("\n"));
  };
  rule(
    `${prefix}*`,
    [
      ["Cache-Control", cacheControlFor("index.html", options)],
      ["X-Content-Type-Options", "nosniff"],
      ["Referrer-Policy", "strict-origin-when-cross-origin"],
      ["X-Frame-Options", "SAMEORIGIN"],
      ["Content-Security-Policy", options.contentSecurityPolicy ?? contentSecurityPolicy(distDir)],
      ["Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"],
    ],
    false,
  );
  if (files.some((p) => classifyPath(p) === "asset")) rule(`${prefix}assets/*`, [["Cache-Control", cacheControlFor("assets/x", options)]], true);
  if (files.some((p) => classifyPath(p) === "image")) rule(`${prefix}images/*`, [["Cache-Control", cacheControlFor("images/x", options)]], true);
  // Feeds and sitemaps by name, their folders as placeholders: one rule per name and depth, not per section.
  const feedPatterns = new Set<string>();
  for (const path of files) {
    if (classifyPath(path) !== "feed") continue;
    const parts = path.split("/");
    const name = parts.pop()!;
    feedPatterns.add(prefix + [...parts.map((_, i) => `:d${i + 1}`), name].join("/"));
  }
  for (const pattern of [...feedPatterns].sort(byDepthThenName)) rule(pattern, [["Cache-Control", cacheControlFor(pattern.slice(pattern.lastIndexOf("/") + 1), options)]], true);
  return `${blocks.join("\n\n")}\n`;
}

function byDepthThenName(a: string, b: string): number {
  return a.split("/").length - b.split("/").length || (a < b ? -1 : a > b ? 1 : 0);
}
