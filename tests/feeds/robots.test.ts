import { describe, expect, it } from "vitest";
import { robotsTxt } from "../../src/feeds/robots.js";

describe("robots.txt", () => {
  it("allows everything and lists the sitemaps", () => {
    expect(
      robotsTxt({ sitemapUrls: ["https://example.gov.cn/sitemap.xml", "https://example.gov.cn/sitemap-news.xml"] }),
    ).toBe(
      [
        "User-agent: *",
        "Allow: /",
        "",
        "Sitemap: https://example.gov.cn/sitemap.xml",
        "Sitemap: https://example.gov.cn/sitemap-news.xml",
        "",
      ].join("\n"),
    );
  });

  it("drops repeats and writes no Sitemap lines when there are none", () => {
    expect(robotsTxt({ sitemapUrls: ["https://example.gov.cn/sitemap.xml", "https://example.gov.cn/sitemap.xml"] })).toBe(
      "User-agent: *\nAllow: /\n\nSitemap: https://example.gov.cn/sitemap.xml\n",
    );
    expect(robotsTxt({ sitemapUrls: [] })).toBe("User-agent: *\nAllow: /\n");
  });

  it("needs absolute http(s) URLs, and keeps each on its line", () => {
    expect(() => robotsTxt({ sitemapUrls: ["/sitemap.xml"] })).toThrow(/absolute/);
    expect(() => robotsTxt({ sitemapUrls: ["ftp://example.gov.cn/sitemap.xml"] })).toThrow(/http/);
    const text = robotsTxt({ sitemapUrls: ["https://example.gov.cn/站点地图.xml?a=b\nDisallow: /"] });
    expect(text.split("\n").filter((line) => line.startsWith("Disallow"))).toEqual([]);
    expect(text).toContain("Sitemap: https://example.gov.cn/%E7%AB%99%E7%82%B9%E5%9C%B0%E5%9B%BE.xml?a=bDisallow:%20/");
  });
});
