import { fromHtml } from "hast-util-from-html";
import { toString } from "hast-util-to-string";
import { describe, expect, it } from "vitest";
import { absolutizeHtml } from "../../src/feeds/absolute-urls.js";
import { rssFeed } from "../../src/feeds/rss.js";
import {
  CHINESE_TITLE,
  child,
  children,
  NASTY_TITLE_CLEAN,
  parseXml,
  root,
  runXmllint,
  sampleFeedInput,
  textOf,
  xmllint,
} from "./support.js";

const ATOM = "http://www.w3.org/2005/Atom";
const CONTENT = "http://purl.org/rss/1.0/modules/content/";
const DC = "http://purl.org/dc/elements/1.1/";
const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;

describe("RSS 2.0 feed", () => {
  const input = sampleFeedInput("zh-Hans");
  const xml = rssFeed(input);
  const rss = root(parseXml(xml));
  const channel = child(rss, null, "channel");
  const items = children(channel, null, "item");

  it("is UTF-8 XML with a declaration, an rss 2.0 root and one channel", () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(rss.localName).toBe("rss");
    expect(rss.namespaceURI).toBeNull();
    expect(rss.getAttribute("version")).toBe("2.0");
  });

  it("has the channel's required elements, language, self link and build date", () => {
    expect(textOf(channel, null, "title")).toBe(input.title);
    expect(textOf(channel, null, "link")).toBe(input.siteUrl);
    expect(textOf(channel, null, "description")).toBe(input.description);
    expect(textOf(channel, null, "language")).toBe("zh-cn");
    const self = child(channel, ATOM, "link");
    expect([self.getAttribute("rel"), self.getAttribute("href"), self.getAttribute("type")]).toEqual([
      "self",
      input.selfUrl,
      "application/rss+xml",
    ]);
    expect(textOf(channel, null, "lastBuildDate")).toBe("Sat, 14 Nov 2020 09:00:00 +0800");
  });

  it("writes each item with title, link, permalink guid, RFC 822 pubDate, summary, full content, categories, creators", () => {
    expect(items).toHaveLength(2);
    const [item, item2] = items;
    const entry = input.entries[0]!;
    expect(textOf(item!, null, "title")).toBe(CHINESE_TITLE);
    expect(textOf(item!, null, "link")).toBe(entry.url);
    const guid = child(item!, null, "guid");
    expect([guid.textContent, guid.getAttribute("isPermaLink")]).toEqual([entry.url, "true"]);
    expect(textOf(item!, null, "pubDate")).toBe("Fri, 13 Nov 2020 14:45:00 +0800");
    expect(textOf(item2!, null, "pubDate")).toBe("Thu, 12 Nov 2020 08:05:09 +0800");
    for (const it of items) expect(textOf(it, null, "pubDate")).toMatch(RFC822);
    expect(children(item!, null, "category").map((c) => c.textContent)).toEqual(["法治政府", "依法行政", "新闻发布会"]);
    expect(children(item!, DC, "creator").map((c) => c.textContent)).toEqual(["张三", "李四"]);
    expect(children(item2!, DC, "creator")).toHaveLength(0);
    expect(textOf(item2!, null, "title")).toBe(NASTY_TITLE_CLEAN);
  });

  it("writes the summary as HTML-escaped text, so a reader rendering it as HTML shows the plain text", () => {
    const description = textOf(items[0]!, null, "description");
    expect(description).toBe("摘要：依法行政 &lt;b&gt;不是&lt;/b&gt; HTML &amp; 也不是 ]]&gt; 结尾");
    expect(toString(fromHtml(description, { fragment: true }))).toBe(input.entries[0]!.summary);
  });

  it("puts the absolutized body in content:encoded as CDATA, splitting ]]> safely", () => {
    const entry = input.entries[0]!;
    const encoded = child(items[0]!, CONTENT, "encoded");
    expect(encoded.textContent).toBe(absolutizeHtml(entry.contentHtml, entry.url));
    expect(encoded.textContent).toContain('href="https://example.gov.cn/zh-hans/fazhi/2020-11-12-other/"');
    expect(xml).toContain("<content:encoded><![CDATA[<p>");
    expect(xml).toContain("if (a ]]]]><![CDATA[> b");
  });

  it("says zh-tw for the Traditional feed", () => {
    const hant = child(root(parseXml(rssFeed(sampleFeedInput("zh-Hant")))), null, "channel");
    expect(textOf(hant, null, "language")).toBe("zh-tw");
  });

  it("is deterministic", () => {
    expect(rssFeed(sampleFeedInput("zh-Hans"))).toBe(xml);
  });

  it("is well-formed for a strict parser (xmllint)", { skip: !runXmllint }, () => {
    expect(xmllint(xml)).toEqual({ ok: true, output: "" });
  });
});
