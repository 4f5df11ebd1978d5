import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Element, Root } from "hast";
import { toString } from "hast-util-to-string";
import { visit } from "unist-util-visit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr, parseHtmlFile, select, selectAll, text } from "../helpers/html.js";
import { articleText, createTempProject, SECTION_INDEX, type TempProject } from "../helpers/project.js";

const TRAPS = "增强内生发展动力，落实卫生发展规划。粉丝发布的信息中，一只只小羊。";

/** Every URL, id and class in a page, in document order: what must be identical in both scripts. */
function identifiers(tree: Root): string[] {
  const out: string[] = [];
  visit(tree, "element", (node: Element) => {
    for (const name of ["href", "src", "id", "className"]) {
      const value = node.properties[name];
      if (value !== undefined && !(node.tagName === "a" && node.properties.className?.toString().includes("script-switch"))) out.push(`${node.tagName}.${name}=${String(value)}`);
    }
    if (node.tagName === "code" || node.tagName === "pre") out.push(`${node.tagName}:${toString(node)}`);
  });
  return out;
}

describe("one source, two scripts", () => {
  let project: TempProject;
  beforeAll(() => {
    project = createTempProject({ sampleContent: false });
    project.write("content/fazhi/_index.md", SECTION_INDEX);
    project.write("content/_glossary.yml", "- {zh-Hans: 数据安全法, zh-Hant: 數據安全法}\n");
    project.write(
      "content/fazhi/1000001.md",
      articleText(
        { title: "头发与发展", glossary: "[{zh-Hans: 鼠标, zh-Hant: 滑鼠}]" },
        [
          TRAPS,
          "",
          "## 着力推进",
          "",
          "“数据安全法”施行，使用鼠标和-{zh-hans:软件;zh-hant:軟體}-，保留-{后来}-，内生-{}-发展。见[说明](https://www.gov.cn/zhengce/发展.html \"发展说明\")。",
          "",
          "![发展示意图](/images/发展.svg)",
          "",
          "代码 `头发 发展` 不转换：",
          "",
          "```",
          "后台 干部",
          "```",
          "",
        ].join("\n"),
      ),
    );
    project.write("content/fazhi/1000002.md", articleText({ id: "1000002", lang: "zh-Hant", title: "網絡扶貧取得明顯成效", date: "2021-03-05 10:00" }, "「數據」顯示，扶貧成效明顯。\n"));
    const result = project.fabu(["build"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
  afterAll(() => project.dispose());

  const page = (script: string, id = "1000001", date = "2021/03/04") => parseHtmlFile(join(project.root, `dist/${script}/${date}/${id}.html`));

  it("publishes the traps correctly in Traditional", () => {
    const body = toString(select(".article-body", page("zh-hant"))!);
    expect(body).toContain("增強內生發展動力");
    expect(body).toContain("衛生發展規劃");
    expect(body).toMatch(/粉絲發[布佈]/);
    expect(body).toContain("一隻隻");
    expect(text(page("zh-hant"), "h1")).toBe("頭髮與發展");
  });

  it("applies the glossary, page rules and inline markup, and script-specific quotes", () => {
    const hant = toString(select(".article-body", page("zh-hant"))!);
    const hans = toString(select(".article-body", page("zh-hans"))!);
    expect(hant).toContain("「數據安全法」");
    expect(hant).toContain("滑鼠");
    expect(hant).toContain("軟體");
    expect(hans).toContain("软件");
    expect(hant).toContain("保留后来");
    expect(hant).toContain("內生發展");
    expect(hans).toContain("“数据安全法”");
    expect(hans).not.toContain("-{");
  });

  it("converts readable attributes but never URLs, ids, classes or code", () => {
    const hant = page("zh-hant");
    expect(attr(hant, ".article-body img", "alt")).toBe("發展示意圖");
    expect(attr(hant, ".article-body a", "title")).toBe("發展說明");
    expect(text(hant, ".article-body code")).toBe("头发 发展");
    expect(text(hant, ".article-body pre")).toBe("后台 干部");
    const hansIds = identifiers(page("zh-hans")).filter((i) => !i.includes("zh-hans") && !i.includes("zh-hant"));
    const hantIds = identifiers(hant).filter((i) => !i.includes("zh-hans") && !i.includes("zh-hant"));
    expect(hantIds).toEqual(hansIds);
    expect(hantIds.some((i) => decodeURI(i).includes("zhengce/发展.html"))).toBe(true);
  });

  it("converts a Traditional source article to Simplified", () => {
    const hans = page("zh-hans", "1000002", "2021/03/05");
    expect(text(hans, "h1")).toBe("网络扶贫取得明显成效");
    expect(toString(select(".article-body", hans)!)).toContain("“数据”显示，扶贫成效明显。");
    const hant = page("zh-hant", "1000002", "2021/03/05");
    expect(toString(select(".article-body", hant)!)).toContain("「數據」顯示");
  });

  it("labels every page with its script and links the other one", () => {
    for (const file of ["zh-hans/index.html", "zh-hant/index.html", "index.html", "zh-hans/fazhi/index.html", "zh-hant/fazhi/index.html"]) {
      const html = parseHtmlFile(join(project.root, "dist", file));
      const lang = attr(html, "html", "lang");
      expect(["zh-Hans", "zh-Hant"]).toContain(lang);
      expect(selectAll('link[rel="alternate"][hreflang]', html).map((l) => l.properties.hrefLang)).toEqual(["zh-Hans", "zh-Hant", "x-default"]);
      expect(attr(html, ".script-switch", "href")).toMatch(lang === "zh-Hans" ? /^\/zh-hant\// : /^\/zh-hans\//);
    }
    expect(text(parseHtmlFile(join(project.root, "dist/zh-hant/index.html")), ".latest h2")).toBe("最新發布");
    expect(readFileSync(join(project.root, "dist/index.html"), "utf8")).toContain('lang="zh-Hans"');
  });

  it("reports a malformed page rule at its line and column", () => {
    project.write("content/fazhi/1000003.md", articleText({ id: "1000003", glossary: "[{zh-Hans: 鼠标}]" }));
    const result = project.fabu(["check"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^content\/fazhi\/1000003\.md:7:\d+: .*zh-Hant/m);
    project.remove("content/fazhi/1000003.md");
  });
});
