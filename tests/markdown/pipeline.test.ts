/** Behaviour of the full article pipeline, asserted on the parsed HTML. */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Element, Root } from "hast";
import { select, selectAll } from "hast-util-select";
import { toString } from "hast-util-to-string";
import type { Plugin } from "unified";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { createMarkdownProcessor, type MarkdownOptions } from "../../src/markdown/index.js";
import { SITE_URL, describeMessages, findUnsafeMarkup, projectRoot, render } from "./support.js";

function fixture(name: string): string {
  return readFileSync(path.join(projectRoot, "tests", "markdown", "fixtures", name, "input.md"), "utf8");
}

function elements(selector: string, tree: Root): Element[] {
  return selectAll(selector, tree);
}

function ids(tree: Root): string[] {
  return elements("[id]", tree).map((element) => String(element.properties.id));
}

describe("headings", () => {
  it("keeps Chinese text in heading ids", () => {
    const { dom } = render(fixture("chinese-headings"));
    expect(select("#建立部际协调工作机制", dom)?.tagName).toBe("h2");
    expect(ids(dom)).toContain("2024年工作安排");
    expect(ids(dom)).toContain("digital-government-数字政府");
  });

  it("keeps `##` sections at h2 when the body has no h1", () => {
    const { dom } = render(fixture("chinese-headings"));
    expect(elements("h1, h2, h3, h4, h5, h6", dom).map((heading) => heading.tagName)).toEqual(["h2", "h3", "h4", "h3", "h2", "h2"]);
  });

  it("shifts every heading down one level when the body has an h1, keeping h6 at h6", () => {
    const { dom } = render(fixture("heading-demotion"));
    const levels = elements("h1, h2, h3, h4, h5, h6", dom).map((heading) => [toString(heading), heading.tagName]);
    expect(levels).toEqual([
      ["一级标题", "h2"],
      ["二级标题", "h3"],
      ["三级标题", "h4"],
      ["四级标题", "h5"],
      ["五级标题", "h6"],
      ["六级标题", "h6"],
      ["Setext 一级", "h2"],
      ["Setext 二级", "h3"],
      ["原始 HTML 一级标题", "h2"],
    ]);
    expect(select("h1", dom)).toBeUndefined();
  });

  it("gives unique, non-empty ids, with a fallback for headings without text", () => {
    const { dom } = render(fixture("duplicate-headings"));
    const headingIds = elements("h2", dom).map((heading) => heading.properties.id);
    expect(headingIds).toEqual(["概述", "概述-1", "概-述", "section-4", "section-5", "section-5-1", "section-5-2", "概述-2"]);
    expect(new Set(ids(dom)).size).toBe(ids(dom).length);
  });

  it("numbers repeated headings per article, not across articles", () => {
    expect(select("h2", render("## 概述").dom)?.properties.id).toBe("概述");
    expect(select("h2", render("## 概述").dom)?.properties.id).toBe("概述");
  });

  it("replaces ids written in raw HTML", () => {
    const { dom } = render('<h2 id="getElementById">标题</h2>');
    expect(ids(dom)).toEqual(["标题"]);
  });
});

describe("Chinese text", () => {
  it("keeps em-dash lines as paragraphs", () => {
    const { dom } = render(fixture("em-dash-lists"));
    const paragraphs = elements("p", dom).map((paragraph) => toString(paragraph));
    expect(paragraphs.filter((text) => text.startsWith("——"))).toHaveLength(3);
    expect(select("ul, ol, hr", dom)).toBeUndefined();
  });

  it("renders quotations as blockquotes, nested ones inside", () => {
    const { dom } = render(fixture("quotations"));
    expect(elements("blockquote", dom)).toHaveLength(3);
    expect(toString(select("blockquote blockquote strong", dom) ?? dom)).toBe("有关负责人");
  });

  it("makes emphasis next to 《》 work (CJK-friendly flanking)", () => {
    const { dom } = render(fixture("book-titles"));
    expect(elements("strong", dom).map((strong) => toString(strong))).toEqual([
      "《关于加强数字政府建设的指导意见》",
      "《条例》",
    ]);
    expect(toString(select("del", dom) ?? dom)).toBe("《旧办法》");
    expect(toString(dom)).toContain("《中华人民共和国宪法》第〈三十五〉条");
  });

  it("ends bare URLs where Chinese text starts", () => {
    const { dom } = render("详见https://www.gov.cn/zhengce/，其他文字；访问 www.mof.gov.cn。网址：https://www.gov.cn（中国政府网）");
    const links = elements("a", dom).map((link) => [link.properties.href, toString(link)]);
    expect(links).toEqual([
      ["https://www.gov.cn/zhengce/", "https://www.gov.cn/zhengce/"],
      ["http://www.mof.gov.cn", "www.mof.gov.cn"],
      ["https://www.gov.cn", "https://www.gov.cn"],
    ]);
    expect(toString(dom)).toContain("，其他文字；访问 ");
  });
});

describe("tables, links and images", () => {
  it("renders GFM tables with alignment", () => {
    const { dom } = render(fixture("gfm-table"));
    expect(elements("thead th", dom).map((cell) => cell.properties.align ?? null)).toEqual(["left", "center", "right", null]);
    expect(elements("tbody tr", dom)).toHaveLength(3);
    expect(select("tbody td del", dom)).toBeDefined();
  });

  it("marks only links to other hosts as external", () => {
    const { dom } = render(fixture("links"));
    const external = elements("a.external", dom).map((link) => link.properties.href);
    expect(external).toEqual([
      "https://www.gov.cn/",
      "//www.stats.gov.cn/",
      "https://www.ndrc.gov.cn/",
      "http://www.mof.gov.cn",
      "https://example.gov.cn:8443/",
      "https://www.gov.cn/zhengce/",
      "http://www.mof.gov.cn",
      "https://www.gov.cn",
      "https://zh.wikipedia.org/wiki/%E4%B8%AD%E5%9B%BD",
    ]);
    for (const link of elements("a.external", dom)) expect(link.properties.rel).toEqual(["external", "noopener"]);
    for (const link of elements("a:not(.external)", dom)) expect(link.properties.rel).toBeUndefined();
    expect(elements("a:not(.external)", dom).map((link) => link.properties.href)).toContain("/zh/policy/2024-01.html");
  });

  it("keeps image alt text and drops data: and unknown attributes", () => {
    const { dom, file } = render(fixture("images"));
    const images = elements("img", dom);
    expect(images.map((image) => image.properties.alt)).toEqual(["2023年国内生产总值增长示意图", "外部图片", "图表", "data 图片"]);
    expect(images[2]?.properties).toEqual({ src: "/images/chart.png", alt: "图表", width: 600, height: 400, title: "图表标题" });
    expect(images[3]?.properties.src).toBeUndefined();
    expect(describeMessages(file)).toContain('7:1: Removed src="data:image/png;base64,iVBORw0KGgo=" from <img>: that kind of URL is not allowed');
  });
});

describe("raw HTML", () => {
  it("keeps the formatting the desk uses", () => {
    const { dom, file } = render(fixture("raw-html-kept"));
    for (const selector of ["sup", "sub", "kbd", "abbr[title=国内生产总值]", "ruby > rt", "ruby > rp", "figure > figcaption", "p[align=center] > br", 'th[align="left"]', "del", "hr"]) {
      expect(select(selector, dom), selector).toBeDefined();
    }
    expect(file.messages).toEqual([]);
  });

  it("strips script, event handlers, unsafe URLs, iframes, styles, forms and svg", () => {
    const { dom, file } = render(fixture("raw-html-stripped"));
    expect(findUnsafeMarkup(dom)).toEqual([]);
    expect(elements("a", dom).map((link) => link.properties.href)).toEqual(Array(9).fill(undefined));
    expect(toString(dom)).not.toMatch(/alert|display: none|矢量/);
    expect(toString(dom)).toContain("有样式的段落");
    expect(file.messages.every((message) => message.fatal === false && message.line !== undefined)).toBe(true);
    expect(describeMessages(file)).toEqual(
      expect.arrayContaining([
        "3:1: Removed <script> element and its content: not allowed in articles",
        "5:1: Removed attribute onerror from <img>: not allowed in articles",
        "11:1: Removed <iframe> element and its content: not allowed in articles",
      ]),
    );
  });

  it("reports positions relative to the Markdown and uses the caller's file path", () => {
    const renderMarkdown = createMarkdownProcessor({ siteUrl: SITE_URL });
    const file = new VFile({ path: "content/2024/x.md" });
    renderMarkdown("正文\n\n段落 <iframe src=x></iframe>\n", file);
    expect(file.messages.map(String)).toEqual([
      "content/2024/x.md:3:4-3:27: Removed <iframe> element and its content: not allowed in articles",
    ]);
  });
});

describe("template syntax", () => {
  it("comes out as plain text, never processed", () => {
    const { dom } = render(fixture("template-syntax"));
    const text = toString(dom);
    for (const snippet of ["{{ site.title }}", "{{- content | safe -}}", "{% if user %}你好 {{ user.name }}{% endif %}", "{%- raw -%}{{ raw }}{%- endraw -%}", "{% for item in items %}{{ item }}{% endfor %}", "{{ 原始 HTML 中的变量 }}"]) {
      expect(text).toContain(snippet);
    }
  });
});

describe("footnotes", () => {
  it("links references and notes both ways, label not demoted", () => {
    const { dom } = render(fixture("footnotes"));
    const allIds = new Set(ids(dom));
    const targets = elements('a[href^="#"]', dom).map((link) => decodeURIComponent(String(link.properties.href).slice(1)));
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(allIds.has(target), target).toBe(true);
    expect(select("section.footnotes > h2#footnote-label", dom)).toBeDefined();
    expect(select("#背景", dom)?.tagName).toBe("h2");
  });
});

describe("options", () => {
  it("runs extra rehype plugins after sanitizing and before headings are demoted and given ids", () => {
    const addHeadingAndClass: Plugin<[], Root> = () => (tree) => {
      tree.children.push({ type: "element", tagName: "h1", properties: {}, children: [{ type: "text", value: "插件标题" }] });
      for (const paragraph of selectAll("p", tree)) paragraph.properties.className = ["lead"];
    };
    const { dom } = render("正文", { siteUrl: SITE_URL, rehypePlugins: [addHeadingAndClass] });
    expect(select("p.lead", dom)).toBeDefined();
    expect(select("h2#插件标题", dom)).toBeDefined();
  });

  it("does not mutate the options", () => {
    const options: MarkdownOptions = Object.freeze({ siteUrl: SITE_URL, rehypePlugins: Object.freeze([]) as never[], maxNestingDepth: 10 });
    const snapshot = JSON.stringify(options);
    render("## 标题", options);
    expect(JSON.stringify(options)).toBe(snapshot);
  });

  it("rejects bad options when the processor is built", () => {
    expect(() => createMarkdownProcessor({ siteUrl: "example.gov.cn" })).toThrow(TypeError);
    expect(() => createMarkdownProcessor({ siteUrl: "ftp://example.gov.cn/" })).toThrow(TypeError);
    expect(() => createMarkdownProcessor({ siteUrl: SITE_URL, maxNestingDepth: 0 })).toThrow(RangeError);
    expect(() => createMarkdownProcessor({ siteUrl: SITE_URL, maxNestingDepth: 10_000 })).toThrow(RangeError);
    expect(() => createMarkdownProcessor({ siteUrl: SITE_URL, maxBytes: -1 })).toThrow(RangeError);
  });
});
