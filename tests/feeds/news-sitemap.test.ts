import { describe, expect, it } from "vitest";
import { MAX_NEWS_URLS, newsSitemap, selectNewsEntries } from "../../src/feeds/news-sitemap.js";
import type { NewsSitemapEntry } from "../../src/feeds/types.js";
import { child, children, NASTY_TITLE, NASTY_TITLE_CLEAN, parseXml, root, SCHEMAS, runXmllint, textOf, xmllint } from "./support.js";

const SM = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS = "http://www.google.com/schemas/sitemap-news/0.9";
const NOW = "2020-11-15T12:00:00+08:00";
const HOUR = 3_600_000;

/** An ISO date-time `hours` from NOW (negative: before), written in Beijing time. */
function at(hours: number): string {
  const ms = Date.parse(NOW) + hours * HOUR;
  const beijing = new Date(ms + 8 * HOUR).toISOString().slice(0, 19);
  return `${beijing}+08:00`;
}

function entry(name: string, published: string, title = `标题${name}`): NewsSitemapEntry {
  return { loc: `https://example.gov.cn/zh-hans/fazhi/${name}/`, publicationName: "法治新闻发布", language: "zh-cn", published, title };
}

describe("Google News sitemap", () => {
  const entries = [entry("minus-49h", at(-49)), entry("plus-1h", at(1)), entry("minus-47h", at(-47)), entry("minus-1h", at(-1))];

  it("lists only the articles of the two days before now, newest first", () => {
    expect(at(-1)).toBe("2020-11-15T11:00:00+08:00");
    const xml = newsSitemap(entries, { now: NOW });
    const urls = children(root(parseXml(xml)), SM, "url");
    expect(urls.map((u) => textOf(u, SM, "loc"))).toEqual([
      "https://example.gov.cn/zh-hans/fazhi/minus-1h/",
      "https://example.gov.cn/zh-hans/fazhi/minus-47h/",
    ]);
  });

  it("includes the window's edges: exactly now and exactly 48 hours before", () => {
    const picked = selectNewsEntries([entry("edge-old", at(-48)), entry("edge-now", NOW)], { now: NOW });
    expect(picked.map((e) => e.loc.split("/").at(-2))).toEqual(["edge-now", "edge-old"]);
  });

  it("compares instants, not strings, across offsets", () => {
    // 03:30Z is 11:30 Beijing time: half an hour before NOW.
    const picked = selectNewsEntries([entry("utc", "2020-11-15T03:30:00Z"), entry("later-utc", "2020-11-15T04:30:00Z")], { now: NOW });
    expect(picked.map((e) => e.loc.split("/").at(-2))).toEqual(["utc"]);
  });

  it("keeps at most 1,000, the newest", () => {
    const many = Array.from({ length: 1005 }, (_, i) => entry(`n${i}`, at(-1 - i / 100)));
    const picked = selectNewsEntries([...many].reverse(), { now: NOW });
    expect(picked).toHaveLength(MAX_NEWS_URLS);
    expect(picked[0]!.loc).toBe(many[0]!.loc);
    expect(picked.at(-1)!.loc).toBe(many[999]!.loc);
  });

  it("writes publication, language, publication date and title", () => {
    const xml = newsSitemap([entry("a", at(-1), NASTY_TITLE)], { now: NOW });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const news = child(child(root(parseXml(xml)), SM, "url"), NEWS, "news");
    const publication = child(news, NEWS, "publication");
    expect(textOf(publication, NEWS, "name")).toBe("法治新闻发布");
    expect(textOf(publication, NEWS, "language")).toBe("zh-cn");
    expect(textOf(news, NEWS, "publication_date")).toBe("2020-11-15T11:00:00+08:00");
    expect(textOf(news, NEWS, "title")).toBe(NASTY_TITLE_CLEAN);
  });

  it("writes a well-formed empty sitemap when nothing is recent", () => {
    const urlset = root(parseXml(newsSitemap([entry("old", at(-100))], { now: NOW })));
    expect(children(urlset, SM, "url")).toHaveLength(0);
  });

  it("is deterministic", () => {
    expect(newsSitemap(entries, { now: NOW })).toBe(newsSitemap(entries, { now: NOW }));
  });

  it("validates against the sitemap and Google News XSDs (xmllint)", { skip: !runXmllint }, () => {
    const xml = newsSitemap(
      [entry("a", at(-1), NASTY_TITLE), { ...entry("b", at(-2)), language: "zh-tw", publicationName: "法治新聞發佈" }],
      { now: NOW },
    );
    expect(xmllint(xml, SCHEMAS.urlset)).toEqual({ ok: true, output: "- validates" });
    expect(xmllint(xml.replace("<news:language>zh-tw", "<news:language>zh-Hant"), SCHEMAS.urlset).ok).toBe(false);
  });
});
