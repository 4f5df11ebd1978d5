/** robots.txt (RFC 9309): every crawler may fetch everything; the sitemaps are listed by absolute URL. */

export interface RobotsOptions {
  readonly sitemapUrls: readonly string[];
}

export function robotsTxt(options: RobotsOptions): string {
  const sitemapLines = [...new Set(options.sitemapUrls.map(absoluteSitemapUrl))].map((url) => `Sitemap: ${url}`);
  return ["User-agent: *", "Allow: /", ...(sitemapLines.length > 0 ? ["", ...sitemapLines] : []), ""].join("\n");
}

/** Sitemap lines need a fully qualified URL; the URL parser also percent-encodes anything that would break the line. */
function absoluteSitemapUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError(`robots.txt needs absolute sitemap URLs, not ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new RangeError(`robots.txt sitemap URL must be http(s): ${JSON.stringify(url)}`);
  }
  return parsed.href;
}
