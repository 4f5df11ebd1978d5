import type { Document, Element } from "@xmldom/xmldom";
import { fromHtml } from "hast-util-from-html";
import { selectAll } from "hast-util-select";
import { toString } from "hast-util-to-string";
import { describe, expect, it } from "vitest";
import { atomFeed } from "../../src/feeds/atom.js";
import {
  CHINESE_TITLE,
  child,
  children,
  NASTY_TITLE_CLEAN,
  parseXml,
  root,
  sampleFeedInput,
  runXmllint,
  textOf,
  xmllint,
} from "./support.js";

const ATOM = "http://www.w3.org/2005/Atom";
const XML_NS = "http://www.w3.org/XML/1998/namespace";
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The structural rules of RFC 4287 (there is no official schema): cardinalities of §4.1.1 and §4.1.2,
 * dates per §3.3, the link rules of §4.2.7, and the author rule (the feed or every entry has one).
 */
function assertRfc4287(document: Document): void {
  const feed = root(document);
  expect(feed.namespaceURI).toBe(ATOM);
  expect(feed.localName).toBe("feed");
  for (const name of ["id", "title", "updated"]) expect(children(feed, ATOM, name), `feed/${name}`).toHaveLength(1);
  for (const name of ["subtitle", "generator", "icon", "logo", "rights"]) {
    expect(children(feed, ATOM, name).length, `feed/${name}`).toBeLessThanOrEqual(1);
  }
  expect(textOf(feed, ATOM, "updated")).toMatch(RFC3339);
  expect(() => new URL(textOf(feed, ATOM, "id"))).not.toThrow();
  assertLinks(feed);
  const selfLinks = children(feed, ATOM, "link").filter((link) => link.getAttribute("rel") === "self");
  expect(selfLinks).toHaveLength(1);

  const feedHasAuthor = children(feed, ATOM, "author").length > 0;
  for (const author of children(feed, ATOM, "author")) expect(children(author, ATOM, "name")).toHaveLength(1);

  for (const entry of children(feed, ATOM, "entry")) {
    for (const name of ["id", "title", "updated"]) expect(children(entry, ATOM, name), `entry/${name}`).toHaveLength(1);
    for (const name of ["content", "published", "summary", "rights", "source"]) {
      expect(children(entry, ATOM, name).length, `entry/${name}`).toBeLessThanOrEqual(1);
    }
    expect(() => new URL(textOf(entry, ATOM, "id"))).not.toThrow();
    expect(textOf(entry, ATOM, "updated")).toMatch(RFC3339);
    if (children(entry, ATOM, "published").length) expect(textOf(entry, ATOM, "published")).toMatch(RFC3339);
    assertLinks(entry);
    const alternates = children(entry, ATOM, "link").filter((link) => (link.getAttribute("rel") ?? "alternate") === "alternate");
    if (children(entry, ATOM, "content").length === 0) expect(alternates.length).toBeGreaterThan(0);
    if (!feedHasAuthor) expect(children(entry, ATOM, "author").length).toBeGreaterThan(0);
    for (const author of children(entry, ATOM, "author")) expect(children(author, ATOM, "name")).toHaveLength(1);
    for (const category of children(entry, ATOM, "category")) expect(category.getAttribute("term")).toBeTruthy();
    for (const name of ["title", "summary", "content"]) {
      for (const text of children(entry, ATOM, name)) expect(["text", "html"]).toContain(text.getAttribute("type") ?? "text");
    }
  }
}

/** §4.2.7: every link has an href; no two alternate links share type and hreflang. */
function assertLinks(parent: Element): void {
  const alternateKeys = new Set<string>();
  for (const link of children(parent, ATOM, "link")) {
    expect(link.getAttribute("href")).toBeTruthy();
    if ((link.getAttribute("rel") ?? "alternate") !== "alternate") continue;
    const key = `${link.getAttribute("type")}|${link.getAttribute("hreflang")}`;
    expect(alternateKeys.has(key), `duplicate alternate link ${key}`).toBe(false);
    alternateKeys.add(key);
  }
}

describe("Atom feed", () => {
  const input = sampleFeedInput("zh-Hans");
  const xml = atomFeed(input);
  const document = parseXml(xml);
  const feed = root(document);

  it("is UTF-8 XML with a declaration and meets RFC 4287's structural rules", () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    assertRfc4287(document);
  });

  it("describes the feed: id, title, updated, self and alternate links, author, language", () => {
    expect(feed.getAttributeNS(XML_NS, "lang")).toBe("zh-Hans");
    expect(textOf(feed, ATOM, "id")).toBe(input.selfUrl);
    expect(textOf(feed, ATOM, "title")).toBe(input.title);
    expect(textOf(feed, ATOM, "subtitle")).toBe(input.description);
    expect(textOf(feed, ATOM, "updated")).toBe("2020-11-14T09:00:00+08:00");
    const links = children(feed, ATOM, "link").map((link) => [link.getAttribute("rel"), link.getAttribute("href")]);
    expect(links).toEqual([
      ["self", input.selfUrl],
      ["alternate", input.siteUrl],
    ]);
    expect(textOf(child(feed, ATOM, "author"), ATOM, "name")).toBe("司法部");
  });

  it("writes each entry with id, title, dates, link, authors, categories, summary and HTML content", () => {
    const [first, second] = children(feed, ATOM, "entry");
    const [entry, entry2] = input.entries;
    expect(textOf(first!, ATOM, "id")).toBe(entry!.url);
    expect(textOf(first!, ATOM, "title")).toBe(CHINESE_TITLE);
    expect(textOf(first!, ATOM, "published")).toBe("2020-11-13T14:45:00+08:00");
    expect(textOf(first!, ATOM, "updated")).toBe("2020-11-14T09:00:00+08:00");
    const alternate = children(first!, ATOM, "link").find((link) => link.getAttribute("rel") === "alternate")!;
    expect(alternate.getAttribute("href")).toBe(entry!.url);
    expect(children(first!, ATOM, "author").map((author) => textOf(author, ATOM, "name"))).toEqual(["张三", "李四"]);
    expect(children(first!, ATOM, "category").map((category) => category.getAttribute("term"))).toEqual([
      "法治政府",
      "依法行政",
      "新闻发布会",
    ]);
    expect(textOf(first!, ATOM, "summary")).toBe(entry!.summary);
    expect(child(first!, ATOM, "content").getAttribute("type")).toBe("html");

    // No byline: the entry has no author of its own and falls back on the feed's. Updated = published.
    expect(children(second!, ATOM, "author")).toHaveLength(0);
    expect(textOf(second!, ATOM, "updated")).toBe(entry2!.published);
    expect(textOf(second!, ATOM, "title")).toBe(NASTY_TITLE_CLEAN);
    // The section is also a tag here: listed once.
    expect(children(second!, ATOM, "category").map((category) => category.getAttribute("term"))).toEqual(["法治政府"]);
  });

  it("makes every link in the content absolute against the entry URL", () => {
    const content = textOf(children(feed, ATOM, "entry")[0]!, ATOM, "content");
    const tree = fromHtml(content, { fragment: true });
    const hrefs = selectAll("a", tree).map((a) => String(a.properties.href));
    expect(hrefs).toEqual([
      "https://example.gov.cn/zh-hans/fazhi/2020-11-12-other/",
      "https://example.gov.cn/zh-hans/fazhi/2020-11-13-fazhi/#fn-1",
      "https://www.gov.cn/",
      "mailto:press@example.gov.cn",
    ]);
    const img = selectAll("img", tree)[0]!;
    expect(img.properties.src).toBe("https://example.gov.cn/media/photo.jpg");
    expect(img.properties.srcSet).toBe(
      "https://example.gov.cn/media/photo.jpg 1x, https://example.gov.cn/zh-hans/fazhi/2020-11-13-fazhi/photo@2x.jpg 2x",
    );
    expect(toString(selectAll("code", tree)[0]!)).toBe("if (a ]]> b && c < d) {}");
  });

  it("labels the Traditional feed zh-Hant", () => {
    const hant = root(parseXml(atomFeed(sampleFeedInput("zh-Hant"))));
    expect(hant.getAttributeNS(XML_NS, "lang")).toBe("zh-Hant");
    expect(children(hant, ATOM, "link")[1]!.getAttribute("hreflang")).toBe("zh-Hant");
  });

  it("is deterministic", () => {
    expect(atomFeed(sampleFeedInput("zh-Hans"))).toBe(xml);
  });

  it("is well-formed for a strict parser (xmllint)", { skip: !runXmllint }, () => {
    expect(xmllint(xml)).toEqual({ ok: true, output: "" });
  });

  it("writes an empty feed when there are no entries", () => {
    const empty = parseXml(atomFeed({ ...input, entries: [] }));
    assertRfc4287(empty);
    expect(children(root(empty), ATOM, "entry")).toHaveLength(0);
  });
});
