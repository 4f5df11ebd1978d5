import { describe, expect, it } from "vitest";
import { atomFeed } from "../../src/feeds/atom.js";
import { jsonFeed } from "../../src/feeds/json-feed.js";
import { newsSitemap } from "../../src/feeds/news-sitemap.js";
import { rssFeed } from "../../src/feeds/rss.js";
import { sitemaps } from "../../src/feeds/sitemap.js";
import type { FeedInput } from "../../src/feeds/types.js";
import { cdata, escapeXmlAttr, escapeXmlText, stripInvalidXmlChars } from "../../src/feeds/xml.js";
import {
  CHINESE_TITLE,
  child,
  children,
  NASTY_TITLE,
  NASTY_TITLE_CLEAN,
  parseXml,
  root,
  sampleFeedInput,
  SCHEMAS,
  runXmllint,
  textOf,
  xmllint,
} from "./support.js";

const ATOM = "http://www.w3.org/2005/Atom";
const SM = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS = "http://www.google.com/schemas/sitemap-news/0.9";

/** Every character XML 1.0 forbids that a string can hold, around text that must survive. */
const FORBIDDEN = [
  ...Array.from({ length: 9 }, (_, i) => String.fromCharCode(i)), // U+0000–U+0008
  "\u000B",
  "\u000C",
  ...Array.from({ length: 18 }, (_, i) => String.fromCharCode(0x0e + i)), // U+000E–U+001F
  "\uFFFE",
  "\uFFFF",
  "\uDC00", // a lone low surrogate
  "\uD800", // a lone high surrogate (low then high: they do not pair)
];
const EVERYTHING = `甲${FORBIDDEN.join("")}乙\t丙\n丁 "双" '单' <b>&amp;</b> ]]> 𠮷`;
const EVERYTHING_CLEAN = `甲乙\t丙\n丁 "双" '单' <b>&amp;</b> ]]> 𠮷`;

describe("XML escaping helpers", () => {
  it("strips exactly the characters XML 1.0 does not allow", () => {
    expect(stripInvalidXmlChars(EVERYTHING)).toBe(EVERYTHING_CLEAN);
    expect(stripInvalidXmlChars("\u007F\u0085\u00A0\uFFFD")).toBe("\u007F\u0085\u00A0\uFFFD"); // allowed, if discouraged
  });

  it("escapes text and attributes", () => {
    expect(escapeXmlText(NASTY_TITLE)).toBe("关于&lt;/script&gt;与&amp;的通知]]&gt;续完");
    expect(escapeXmlAttr(`a"b'c<d>&e\tf\ng\rh`)).toBe("a&quot;b&apos;c&lt;d&gt;&amp;e&#9;f&#10;g&#13;h");
  });

  it("splits ]]> across CDATA sections", () => {
    expect(cdata("a]]>b]]>")).toBe("<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>]]>");
    expect(child(parseXml(`<x>${cdata("a]]>b]]>\u0001")}</x>`), null, "x").textContent).toBe("a]]>b]]>");
  });
});

/** A feed whose every text field carries the awkward characters. */
function nastyInput(): FeedInput {
  const input = sampleFeedInput("zh-Hans");
  const [first, second] = input.entries;
  return {
    ...input,
    title: EVERYTHING,
    description: EVERYTHING,
    publisher: EVERYTHING,
    entries: [
      { ...first!, title: NASTY_TITLE, summary: EVERYTHING, authors: [EVERYTHING], tags: [EVERYTHING], contentHtml: `<p>${"]]>"}\u0001</p>` },
      { ...second!, title: CHINESE_TITLE },
    ],
  };
}

describe("escaping in every format", () => {
  const input = nastyInput();

  it("Atom: titles round-trip exactly (less forbidden characters)", () => {
    const xml = atomFeed(input);
    const feed = root(parseXml(xml));
    expect(textOf(feed, ATOM, "title")).toBe(EVERYTHING_CLEAN);
    expect(textOf(child(feed, ATOM, "author"), ATOM, "name")).toBe(EVERYTHING_CLEAN);
    const [first, second] = children(feed, ATOM, "entry");
    expect(textOf(first!, ATOM, "title")).toBe(NASTY_TITLE_CLEAN);
    expect(textOf(first!, ATOM, "summary")).toBe(EVERYTHING_CLEAN);
    expect(children(first!, ATOM, "category").map((c) => c.getAttribute("term"))).toEqual(["法治政府", EVERYTHING_CLEAN]);
    expect(textOf(second!, ATOM, "title")).toBe(CHINESE_TITLE);
    expect(xml).not.toContain("</script>");
    expect(xml).toContain("关于&lt;/script&gt;与&amp;的通知]]&gt;续完");
  });

  it("RSS: titles round-trip exactly; ]]> in the body survives the CDATA", () => {
    const xml = rssFeed(input);
    const channel = child(root(parseXml(xml)), null, "channel");
    expect(textOf(channel, null, "title")).toBe(EVERYTHING_CLEAN);
    const [first, second] = children(channel, null, "item");
    expect(textOf(first!, null, "title")).toBe(NASTY_TITLE_CLEAN);
    expect(textOf(second!, null, "title")).toBe(CHINESE_TITLE);
    expect(children(first!, null, "category").map((c) => c.textContent)).toEqual(["法治政府", EVERYTHING_CLEAN]);
    expect(child(first!, "http://purl.org/rss/1.0/modules/content/", "encoded").textContent).toBe("<p>]]></p>");
    expect(xml).toContain("<content:encoded><![CDATA[<p>]]]]><![CDATA[></p>]]></content:encoded>");
  });

  it("JSON Feed: titles round-trip exactly", () => {
    const feed = JSON.parse(jsonFeed(input)) as { title: string; items: { title: string; summary: string }[] };
    expect(feed.title).toBe(EVERYTHING_CLEAN);
    expect(feed.items[0]!.title).toBe(NASTY_TITLE_CLEAN);
    expect(feed.items[0]!.summary).toBe(EVERYTHING_CLEAN);
    expect(feed.items[1]!.title).toBe(CHINESE_TITLE);
  });

  it("news sitemap: titles round-trip exactly", () => {
    const xml = newsSitemap(
      [
        { loc: "https://example.gov.cn/a/", publicationName: EVERYTHING, language: "zh-cn", published: "2020-11-15T11:00:00+08:00", title: NASTY_TITLE },
        { loc: "https://example.gov.cn/b/", publicationName: "法治新闻发布", language: "zh-cn", published: "2020-11-15T10:00:00+08:00", title: CHINESE_TITLE },
      ],
      { now: "2020-11-15T12:00:00+08:00" },
    );
    const titles = children(root(parseXml(xml)), SM, "url").map((url) => textOf(child(url, NEWS, "news"), NEWS, "title"));
    expect(titles).toEqual([NASTY_TITLE_CLEAN, CHINESE_TITLE]);
    if (runXmllint) expect(xmllint(xml, SCHEMAS.urlset).ok).toBe(true);
  });

  it("every XML output is well-formed for a strict parser (xmllint)", { skip: !runXmllint }, () => {
    const sitemap = sitemaps(
      [{ loc: `https://example.gov.cn/?q=${EVERYTHING}`, alternates: [{ hreflang: "zh-Hans", href: `https://example.gov.cn/?q=${EVERYTHING}` }] }],
      { baseUrl: "https://example.gov.cn/" },
    )[0]!.content;
    for (const xml of [atomFeed(input), rssFeed(input), sitemap]) expect(xmllint(xml)).toEqual({ ok: true, output: "" });
  });
});
