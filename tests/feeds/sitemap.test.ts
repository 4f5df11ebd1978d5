import { describe, expect, it } from "vitest";
import { sitemapIndex, sitemaps } from "../../src/feeds/sitemap.js";
import type { SitemapUrl } from "../../src/feeds/types.js";
import {
  child,
  children,
  parseXml,
  root,
  runXmllint,
  SCHEMAS,
  textOf,
  XMLLINT_MISSING,
  xmllint,
  xmllintAvailable,
  xmllintRequired,
} from "./support.js";

const SM = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML = "http://www.w3.org/1999/xhtml";

function pageUrls(count: number): SitemapUrl[] {
  return Array.from({ length: count }, (_, i) => {
    const slug = `2020-11-${String(i + 1).padStart(2, "0")}-article`;
    const hans = `https://example.gov.cn/zh-hans/fazhi/${slug}/`;
    const hant = `https://example.gov.cn/zh-hant/fazhi/${slug}/`;
    return {
      loc: hans,
      lastmod: `2020-11-${String(i + 1).padStart(2, "0")}T10:00:00+08:00`,
      alternates: [
        { hreflang: "zh-Hans", href: hans },
        { hreflang: "zh-Hant", href: hant },
        { hreflang: "x-default", href: hans },
      ],
    };
  });
}

const validation = runXmllint ? describe : describe.skip;
if (!runXmllint) console.warn(XMLLINT_MISSING);

describe("sitemaps", () => {
  it("writes one sitemap.xml with hreflang alternates when everything fits", () => {
    const urls = pageUrls(3);
    const files = sitemaps(urls, { baseUrl: "https://example.gov.cn/" });
    expect(files.map((f) => f.path)).toEqual(["sitemap.xml"]);
    const xml = files[0]!.content;
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(xml).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    const urlset = root(parseXml(xml));
    expect([urlset.namespaceURI, urlset.localName]).toEqual([SM, "urlset"]);
    const written = children(urlset, SM, "url");
    expect(written.map((u) => textOf(u, SM, "loc"))).toEqual(urls.map((u) => u.loc));
    expect(textOf(written[0]!, SM, "lastmod")).toBe("2020-11-01T10:00:00+08:00");
    const links = children(written[1]!, XHTML, "link").map((l) => [l.getAttribute("rel"), l.getAttribute("hreflang"), l.getAttribute("href")]);
    expect(links).toEqual([
      ["alternate", "zh-Hans", "https://example.gov.cn/zh-hans/fazhi/2020-11-02-article/"],
      ["alternate", "zh-Hant", "https://example.gov.cn/zh-hant/fazhi/2020-11-02-article/"],
      ["alternate", "x-default", "https://example.gov.cn/zh-hans/fazhi/2020-11-02-article/"],
    ]);
  });

  it("splits over maxUrlsPerFile into numbered files under a sitemap index", () => {
    const urls = pageUrls(5);
    const files = sitemaps(urls, { baseUrl: "https://example.gov.cn/", maxUrlsPerFile: 2 });
    expect(files.map((f) => f.path)).toEqual(["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]);
    const perFile = files.slice(0, 3).map((f) => children(root(parseXml(f.content)), SM, "url").map((u) => textOf(u, SM, "loc")));
    expect(perFile).toEqual([
      [urls[0]!.loc, urls[1]!.loc],
      [urls[2]!.loc, urls[3]!.loc],
      [urls[4]!.loc],
    ]);
    const index = root(parseXml(files[3]!.content));
    expect([index.namespaceURI, index.localName]).toEqual([SM, "sitemapindex"]);
    const entries = children(index, SM, "sitemap").map((s) => [textOf(s, SM, "loc"), textOf(s, SM, "lastmod")]);
    expect(entries).toEqual([
      ["https://example.gov.cn/sitemap-1.xml", "2020-11-02T10:00:00+08:00"],
      ["https://example.gov.cn/sitemap-2.xml", "2020-11-04T10:00:00+08:00"],
      ["https://example.gov.cn/sitemap-3.xml", "2020-11-05T10:00:00+08:00"],
    ]);
  });

  it("does not split when the count is exactly the limit", () => {
    expect(sitemaps(pageUrls(4), { baseUrl: "https://example.gov.cn/", maxUrlsPerFile: 4 }).map((f) => f.path)).toEqual(["sitemap.xml"]);
  });

  it("splits over maxBytesPerFile, keeping every file within it and every URL in order", () => {
    const urls = pageUrls(9);
    const whole = sitemaps(urls, { baseUrl: "https://example.gov.cn/" })[0]!.content;
    const maxBytesPerFile = Math.floor(Buffer.byteLength(whole) / 3);
    const files = sitemaps(urls, { baseUrl: "https://example.gov.cn/", maxBytesPerFile });
    const parts = files.filter((f) => f.path !== "sitemap.xml");
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const part of parts) expect(Buffer.byteLength(part.content)).toBeLessThanOrEqual(maxBytesPerFile);
    const locs = parts.flatMap((f) => children(root(parseXml(f.content)), SM, "url").map((u) => textOf(u, SM, "loc")));
    expect(locs).toEqual(urls.map((u) => u.loc));
    // A file is only cut when the next URL would not fit: the limit is used, not merely respected.
    const urlBytes = Buffer.byteLength(whole) / 9;
    expect(Buffer.byteLength(parts[0]!.content) + urlBytes).toBeGreaterThan(maxBytesPerFile);
  });

  it("resolves index locations against a base URL given without its trailing slash", () => {
    const files = sitemaps(pageUrls(2), { baseUrl: "https://example.gov.cn/site", maxUrlsPerFile: 1 });
    const index = root(parseXml(files.at(-1)!.content));
    expect(children(index, SM, "sitemap").map((s) => textOf(s, SM, "loc"))).toEqual([
      "https://example.gov.cn/site/sitemap-1.xml",
      "https://example.gov.cn/site/sitemap-2.xml",
    ]);
  });

  it("refuses limits it cannot honour", () => {
    expect(() => sitemaps(pageUrls(1), { baseUrl: "https://example.gov.cn/", maxBytesPerFile: 200 })).toThrow(/larger than maxBytesPerFile/);
    expect(() => sitemaps(pageUrls(1), { baseUrl: "https://example.gov.cn/", maxUrlsPerFile: 0 })).toThrow(/positive integer/);
    expect(() => sitemaps([{ ...pageUrls(1)[0]!, lastmod: "2020-11-13 14:45" }], { baseUrl: "https://example.gov.cn/" })).toThrow(
      /ISO 8601/,
    );
  });

  it("escapes URLs and keeps a bare-date lastmod", () => {
    const url: SitemapUrl = {
      loc: "https://example.gov.cn/zh-hans/search/?q=a&b=<c>&d='\"",
      lastmod: "2020-11-13",
      alternates: [{ hreflang: "zh-Hans", href: "https://example.gov.cn/zh-hans/search/?q=a&b='\"" }],
    };
    const xml = sitemaps([url], { baseUrl: "https://example.gov.cn/" })[0]!.content;
    expect(xml).toContain("<loc>https://example.gov.cn/zh-hans/search/?q=a&amp;b=&lt;c&gt;&amp;d=&apos;&quot;</loc>");
    const written = child(root(parseXml(xml)), SM, "url");
    expect(textOf(written, SM, "loc")).toBe(url.loc);
    expect(textOf(written, SM, "lastmod")).toBe("2020-11-13");
    expect(child(written, XHTML, "link").getAttribute("href")).toBe(url.alternates[0]!.href);
  });

  it("is deterministic", () => {
    const options = { baseUrl: "https://example.gov.cn/", maxUrlsPerFile: 2 };
    expect(sitemaps(pageUrls(5), options)).toEqual(sitemaps(pageUrls(5), options));
  });
});

describe("xmllint for the schema tests", () => {
  it.runIf(xmllintRequired)("is installed in CI (Debian libxml2-utils)", () => {
    expect(xmllintAvailable).toBe(true);
  });
});

validation("sitemaps against the sitemaps.org XSDs (xmllint)", () => {
  it("validates a single sitemap with alternates", () => {
    const [file] = sitemaps(pageUrls(3), { baseUrl: "https://example.gov.cn/" });
    expect(xmllint(file!.content, SCHEMAS.urlset)).toEqual({ ok: true, output: "- validates" });
  });

  it("validates every split file and the index", () => {
    const files = sitemaps(pageUrls(5), { baseUrl: "https://example.gov.cn/", maxUrlsPerFile: 2 });
    for (const file of files.slice(0, -1)) expect(xmllint(file.content, SCHEMAS.urlset), file.path).toEqual({ ok: true, output: "- validates" });
    expect(xmllint(files.at(-1)!.content, SCHEMAS.siteindex)).toEqual({ ok: true, output: "- validates" });
  });

  it("validates escaped URLs and a bare-date lastmod", () => {
    const xml = sitemaps(
      [{ loc: "https://example.gov.cn/?q=a&b=<c>", lastmod: "2020-11-13", alternates: [{ hreflang: "x-default", href: "https://example.gov.cn/?a&b" }] }],
      { baseUrl: "https://example.gov.cn/" },
    )[0]!.content;
    expect(xmllint(xml, SCHEMAS.urlset).ok).toBe(true);
    expect(xmllint(sitemapIndex([{ loc: "https://example.gov.cn/sitemap-1.xml" }]), SCHEMAS.siteindex).ok).toBe(true);
  });

  it("really validates: the same schemas reject a broken sitemap", () => {
    const [file] = sitemaps(pageUrls(1), { baseUrl: "https://example.gov.cn/" });
    const missingHreflang = file!.content.replace(' hreflang="zh-Hans"', "");
    expect(xmllint(missingHreflang, SCHEMAS.urlset).ok).toBe(false);
    const badLastmod = file!.content.replace("2020-11-01T10:00:00+08:00", "13 Nov 2020");
    expect(xmllint(badLastmod, SCHEMAS.urlset).ok).toBe(false);
    const urlsetAsIndex = file!.content;
    expect(xmllint(urlsetAsIndex, SCHEMAS.siteindex).ok).toBe(false);
  });
});
