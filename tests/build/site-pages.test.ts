import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { toString } from "hast-util-to-string";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { children, parseXml, root, SCHEMAS, textOf, xmllint } from "../feeds/support.js";
import { attr, parseHtmlFile, select, selectAll, text } from "../helpers/html.js";
import { checkLinks } from "../helpers/link-check.js";
import { articleText, createTempProject, listTree, type TempProject } from "../helpers/project.js";

const NOW = "2026-01-01 00:00";
const ATOM = "http://www.w3.org/2005/Atom";

describe("the site around the articles", () => {
  let project: TempProject;
  const dist = (path: string) => join(project.root, "dist", path);
  beforeAll(() => {
    project = createTempProject({ sampleContent: true });
    project.write("content/minsheng/9900001.md", articleText({ id: "9900001", title: "明年施行的新规", date: "2026-06-01 09:00", tags: "[养老服务]" }));
    project.write(
      "content/minsheng/9900002.md",
      articleText({ id: "9900002", title: "旧网址迁移测试", date: "2025-12-30 09:00", aliases: "[/content/2025-12/30/content_9900002.htm, /old/9900002/]", tags: "[养老服务]" }),
    );
    const result = project.fabu(["build", "--now", NOW]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
  afterAll(() => project.dispose());

  it("has home, section, year, month, tag, tags and archive pages in both scripts", () => {
    for (const [script, lang] of [["zh-hans", "zh-Hans"], ["zh-hant", "zh-Hant"]] as const) {
      for (const path of [`${script}/index.html`, `${script}/fazhi-zhengfu/index.html`, `${script}/2020/index.html`, `${script}/2020/11/index.html`, `${script}/tags/index.html`, `${script}/archive/index.html`, `${script}/404.html`]) {
        expect(existsSync(dist(path)), path).toBe(true);
        expect(attr(parseHtmlFile(dist(path)), "html", "lang")).toBe(lang);
      }
    }
    const month = parseHtmlFile(dist("zh-hans/2020/11/index.html"));
    expect(text(month, "h1")).toBe("2020年11月");
    expect(selectAll(".article-list a", month).map((a) => toString(a))).toContain("网络扶贫取得明显成效");
    expect(existsSync(dist("404.html"))).toBe(true);
  });

  it("gives tags ASCII URLs shared by both scripts", () => {
    const seed = parseHtmlFile(dist("zh-hant/2020/11/13/8355537.html"));
    const tags = selectAll(".tags a", seed);
    expect(tags.map((a) => toString(a))).toEqual(["網絡扶貧", "數字鄉村", "脫貧攻堅"]);
    for (const a of tags) expect(String(a.properties.href)).toMatch(/^\/zh-hant\/tags\/[a-z0-9-]+\/$/);
    const tagPage = parseHtmlFile(dist(`${String(tags[0]!.properties.href).slice(1)}index.html`));
    expect(text(tagPage, "h1")).toBe("標籤：網絡扶貧");
  });

  it("shows 相关新闻 on every article, never itself, a draft or an embargoed article", () => {
    const articles = listTree(dist("zh-hans")).filter((f) => /\/\d{4}\/\d{2}\/\d{2}\/[^/]+\.html$/.test(f));
    expect(articles.length).toBe(16);
    for (const file of articles) {
      const page = parseHtmlFile(file);
      const links = selectAll(".related a", page).map((a) => String(a.properties.href));
      expect(links.length, file).toBeGreaterThan(0);
      expect(links.some((href) => file.endsWith(href))).toBe(false);
      expect(links.some((href) => href.includes("9311408") || href.includes("9900001"))).toBe(false);
    }
    // The editor's picks come first, in order.
    const seed = parseHtmlFile(dist("zh-hans/2020/11/13/8355537.html"));
    expect(selectAll(".related a", seed).slice(0, 3).map((a) => String(a.properties.href).split("/").at(-1))).toEqual(["8360218.html", "7964312.html", "8512345.html"]);
  });

  it("keeps an article dated in the future out until --future or --now passes its date", () => {
    expect(existsSync(dist("zh-hans/2026/06/01/9900001.html"))).toBe(false);
    expect(project.fabu(["build", "--now", NOW, "--future"]).status).toBe(0);
    expect(existsSync(dist("zh-hans/2026/06/01/9900001.html"))).toBe(true);
    expect(project.fabu(["build", "--now", "2026-06-01 08:59"]).status).toBe(0);
    expect(existsSync(dist("zh-hans/2026/06/01/9900001.html"))).toBe(false);
    expect(project.fabu(["build", "--now", "2026-06-01T01:00:00Z"]).status).toBe(0);
    expect(existsSync(dist("zh-hant/2026/06/01/9900001.html"))).toBe(true);
    expect(project.fabu(["build", "--now", NOW]).status).toBe(0);
  });

  it("publishes Atom, RSS and JSON feeds for the site and each section in each script", () => {
    for (const base of ["zh-hans/", "zh-hant/", "zh-hans/minsheng/", "zh-hant/lifa/"]) {
      const atom = root(parseXml(readFileSync(dist(`${base}feed.xml`), "utf8")));
      expect(atom.namespaceURI).toBe(ATOM);
      const entries = children(atom, ATOM, "entry");
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) {
        expect(textOf(entry, ATOM, "id")).toMatch(/^https:\/\/example\.gov\.cn\/zh-han[st]\//);
        expect(textOf(entry, ATOM, "published")).toMatch(/\+08:00$/);
      }
      const rss = root(parseXml(readFileSync(dist(`${base}rss.xml`), "utf8")));
      expect(children(children(rss, null, "channel")[0]!, null, "item").length).toBe(entries.length);
      const json = JSON.parse(readFileSync(dist(`${base}feed.json`), "utf8")) as { version: string; items: { url: string; content_html: string; date_published: string }[] };
      expect(json.version).toBe("https://jsonfeed.org/version/1.1");
      expect(json.items.length).toBe(entries.length);
      for (const item of json.items) expect(item.content_html).toMatch(/^<p>/);
    }
    const site = JSON.parse(readFileSync(dist("zh-hant/feed.json"), "utf8")) as { items: { url: string; content_html: string }[] };
    const seed = site.items.find((item) => item.url.endsWith("/zh-hant/2020/11/13/8355537.html"))!;
    expect(seed.content_html).toContain('<h2 id="建立部际协调工作机制">建立部際協調工作機制</h2>');
    const home = parseHtmlFile(dist("zh-hans/index.html"));
    expect(selectAll('link[rel="alternate"][type="application/atom+xml"]', home).map((l) => l.properties.href)).toContain("/zh-hans/feed.xml");
  });

  it("writes sitemaps valid against the sitemaps.org schemas, with hreflang alternates, and robots.txt", () => {
    const sitemap = readFileSync(dist("sitemap.xml"), "utf8");
    const result = xmllint(sitemap, SCHEMAS.urlset);
    expect(result.output).toMatch(/validates/);
    expect(result.ok).toBe(true);
    const doc = root(parseXml(sitemap));
    const urls = children(doc, "http://www.sitemaps.org/schemas/sitemap/0.9", "url");
    const seed = urls.find((u) => textOf(u, "http://www.sitemaps.org/schemas/sitemap/0.9", "loc").endsWith("/zh-hant/2020/11/13/8355537.html"))!;
    const links = children(seed, "http://www.w3.org/1999/xhtml", "link").map((l) => [l.getAttribute("hreflang"), l.getAttribute("href")]);
    expect(links).toEqual([
      ["zh-Hans", "https://example.gov.cn/zh-hans/2020/11/13/8355537.html"],
      ["zh-Hant", "https://example.gov.cn/zh-hant/2020/11/13/8355537.html"],
      ["x-default", "https://example.gov.cn/zh-hans/2020/11/13/8355537.html"],
    ]);
    const news = readFileSync(dist("sitemap-news.xml"), "utf8");
    expect(xmllint(news, SCHEMAS.urlset).ok).toBe(true);
    expect(news).toContain("/zh-hant/2025/12/30/9900002.html");
    expect(readFileSync(dist("robots.txt"), "utf8")).toMatch(/^Sitemap: https:\/\/example\.gov\.cn\/sitemap\.xml$/m);
  });

  it("describes every article with NewsArticle and BreadcrumbList JSON-LD and Open Graph tags", () => {
    const page = parseHtmlFile(dist("zh-hant/2020/11/13/8355537.html"));
    const blocks = selectAll('script[type="application/ld+json"]', page).map((s) => JSON.parse(toString(s)) as Record<string, unknown>);
    const article = blocks.find((b) => b["@type"] === "NewsArticle")!;
    expect(article).toMatchObject({ headline: "網絡扶貧取得明顯成效", datePublished: "2020-11-13T14:45:00+08:00", dateModified: "2020-11-13T14:45:00+08:00", inLanguage: "zh-Hant", articleSection: "法治政府" });
    expect(article.author).toEqual([{ "@type": "Person", name: "法治日報全媒體記者 侯建斌" }]);
    expect((article.publisher as { name: string }).name).toBe("法治日报社");
    const crumbs = blocks.find((b) => b["@type"] === "BreadcrumbList")!;
    expect((crumbs.itemListElement as unknown[]).length).toBe(3);
    expect(attr(page, 'meta[property="article:published_time"]', "content")).toBe("2020-11-13T14:45:00+08:00");
    const withImage = parseHtmlFile(dist("zh-hans/2020/11/27/8360218.html"));
    const imageArticle = selectAll('script[type="application/ld+json"]', withImage).map((s) => JSON.parse(toString(s)) as Record<string, unknown>).find((b) => b["@type"] === "NewsArticle")!;
    expect(imageArticle.image).toEqual(["https://example.gov.cn/images/nongcun-wangluo-lingshou.svg"]);
    expect(imageArticle.dateModified).toBe("2020-11-28T09:30:00+08:00");
    expect(text(withImage, ".updated")).toBe("更新时间：2020-11-28 09:30 星期六");
  });

  it("redirects an article's former URLs", () => {
    const redirect = parseHtmlFile(dist("content/2025-12/30/content_9900002.htm"));
    expect(attr(redirect, 'meta[http-equiv="refresh"]', "content")).toBe("0; url=/zh-hans/2025/12/30/9900002.html");
    expect(attr(redirect, 'link[rel="canonical"]', "href")).toBe("https://example.gov.cn/zh-hans/2025/12/30/9900002.html");
    expect(existsSync(dist("old/9900002/index.html"))).toBe(true);
    expect(readFileSync(dist("_redirects"), "utf8").split("\n")).toContain("/content/2025-12/30/content_9900002.htm /zh-hans/2025/12/30/9900002.html 301");
  });

  it("has no broken internal link or anchor in either script", () => {
    expect(checkLinks(join(project.root, "dist"), "https://example.gov.cn/")).toEqual([]);
  });
});
