import { describe, expect, it } from "vitest";
import { absolutizeHtml } from "../../src/feeds/absolute-urls.js";
import { jsonFeed } from "../../src/feeds/json-feed.js";
import { CHINESE_TITLE, NASTY_TITLE_CLEAN, sampleFeedInput } from "./support.js";

type Json = Record<string, unknown>;

/** The members JSON Feed 1.1 requires, and the types it gives the ones fabu writes. */
function assertJsonFeed11(feed: Json): void {
  expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
  expect(typeof feed.title).toBe("string");
  expect(Array.isArray(feed.items)).toBe(true);
  for (const key of ["home_page_url", "feed_url"]) expect(() => new URL(feed[key] as string)).not.toThrow();
  const ids = new Set<string>();
  for (const item of feed.items as Json[]) {
    expect(typeof item.id).toBe("string");
    expect(ids.has(item.id as string)).toBe(false);
    ids.add(item.id as string);
    // An item must have content_html or content_text.
    expect(typeof item.content_html === "string" || typeof item.content_text === "string").toBe(true);
    for (const key of ["date_published", "date_modified"]) {
      if (key in item) expect(item[key]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    }
    if ("authors" in item) for (const author of item.authors as Json[]) expect(typeof author.name).toBe("string");
    if ("tags" in item) for (const tag of item.tags as unknown[]) expect(typeof tag).toBe("string");
  }
  // No nulls: optional members are left out.
  expect(JSON.stringify(feed)).not.toContain("null");
}

describe("JSON Feed 1.1", () => {
  const input = sampleFeedInput("zh-Hans");
  const text = jsonFeed(input);
  const feed = JSON.parse(text) as Json;
  const items = feed.items as Json[];

  it("parses, and has the spec's required members", () => {
    assertJsonFeed11(feed);
  });

  it("describes the feed", () => {
    expect(feed).toMatchObject({
      title: input.title,
      home_page_url: input.siteUrl,
      feed_url: input.selfUrl,
      description: input.description,
      authors: [{ name: "司法部" }],
      language: "zh-Hans",
    });
    expect((JSON.parse(jsonFeed(sampleFeedInput("zh-Hant"))) as Json).language).toBe("zh-Hant");
  });

  it("writes each item, keeping the ISO offsets", () => {
    const entry = input.entries[0]!;
    expect(items[0]).toEqual({
      id: entry.url,
      url: entry.url,
      title: CHINESE_TITLE,
      content_html: absolutizeHtml(entry.contentHtml, entry.url),
      summary: entry.summary,
      image: "https://example.gov.cn/media/photo.jpg",
      date_published: "2020-11-13T14:45:00+08:00",
      date_modified: "2020-11-14T09:00:00+08:00",
      authors: [{ name: "张三" }, { name: "李四" }],
      tags: ["法治政府", "依法行政", "新闻发布会"],
    });
    expect(items[1]).not.toHaveProperty("date_modified");
    expect(items[1]).not.toHaveProperty("authors");
    expect(items[1]).not.toHaveProperty("image");
    expect(items[1]!.title).toBe(NASTY_TITLE_CLEAN);
  });

  it("writes keys in a fixed order with two-space indentation, deterministically", () => {
    expect(Object.keys(feed)).toEqual(["version", "title", "home_page_url", "feed_url", "description", "authors", "language", "items"]);
    expect(Object.keys(items[0]!)).toEqual([
      "id",
      "url",
      "title",
      "content_html",
      "summary",
      "image",
      "date_published",
      "date_modified",
      "authors",
      "tags",
    ]);
    expect(text).toBe(`${JSON.stringify(feed, null, 2)}\n`);
    expect(jsonFeed(sampleFeedInput("zh-Hans"))).toBe(text);
  });
});
