import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Element } from "hast";
import { toString } from "hast-util-to-string";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr, parseHtmlFile, select, selectAll, text, texts } from "../helpers/html.js";
import { articleText, createTempProject, treeDigest, type TempProject } from "../helpers/project.js";

const SEED_HANS = "dist/zh-hans/2020/11/13/8355537.html";
const SEED_HANT = "dist/zh-hant/2020/11/13/8355537.html";

describe("the sample site, built", () => {
  let project: TempProject;
  beforeAll(() => {
    project = createTempProject({ sampleContent: true });
    const result = project.fabu(["build"], { TZ: "America/Los_Angeles" });
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
  });
  afterAll(() => project.dispose());

  it("shows every field of the seed article in the seed's order", () => {
    const page = parseHtmlFile(join(project.root, SEED_HANS));
    const article = select("main article", page)!;
    expect(article).toBeDefined();
    expect(attr(page, "html", "lang")).toBe("zh-Hans");
    expect(text(article, ".breadcrumb a")).toBe("法治政府");
    expect(attr(article, ".breadcrumb a", "href")).toBe("/zh-hans/fazhi-zhengfu/");
    expect(text(article, "header h1")).toBe("网络扶贫取得明显成效");
    expect(text(article, "header .subtitle")).toBe("中央网信办：联合相关部门打赢网络扶贫收官戰".replace("戰", "战"));
    expect(text(article, ".published")).toBe("发布时间：2020-11-13 14:45 星期五");
    expect(attr(article, ".published time", "dateTime")).toBe("2020-11-13T14:45:00+08:00");
    expect(text(article, ".source")).toBe("来源：法治日报——法制网");
    expect(text(article, ".byline")).toBe("法治日报全媒体记者 侯建斌");
    expect(text(article, ".editor")).toBe("责任编辑：张小军");
    expect(text(article, ".article-id")).toBe("稿件编号：8355537");
    expect(text(page, ".related h2")).toBe("相关新闻");
    expect(selectAll(".related li a", page).length).toBeGreaterThanOrEqual(2);

    // Order on the page: breadcrumb, headline, subtitle, date, source, byline, body, editor, id, related.
    const order = [".breadcrumb", "h1", ".subtitle", ".published", ".source", ".byline", ".article-body", ".editor", ".article-id"];
    const all = selectAll("*", page);
    const positions = order.map((selector) => all.indexOf(select(selector, page) as Element));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(all.indexOf(select(".related", page) as Element)).toBeGreaterThan(positions.at(-1)!);
  });

  it("renders the body: lead, em-dash items, three subheadings as h2 with Chinese ids, 《》 titles", () => {
    const page = parseHtmlFile(join(project.root, SEED_HANS));
    const body = select(".article-body", page)!;
    const paragraphs = texts(body, "p");
    expect(paragraphs[0]).toMatch(/^作为打赢脱贫攻坚战的重要组成部分/);
    expect(paragraphs.filter((p) => p.startsWith("——")).length).toBe(3);
    const headings = selectAll("h2", body);
    expect(headings.map((h) => toString(h))).toEqual(["建立部际协调工作机制", "杜绝借扶贫旗号敛财牟利", "进一步弥补城乡数字鸿沟"]);
    expect(headings.map((h) => h.properties.id)).toEqual(["建立部际协调工作机制", "杜绝借扶贫旗号敛财牟利", "进一步弥补城乡数字鸿沟"]);
    expect(toString(body)).toContain("《数字乡村发展战略纲要》");
    expect(toString(body)).toContain("增强内生发展动力");
  });

  it("publishes the seed in Traditional with correct conversion and linked variants", () => {
    const page = parseHtmlFile(join(project.root, SEED_HANT));
    expect(attr(page, "html", "lang")).toBe("zh-Hant");
    expect(text(page, "h1")).toBe("網絡扶貧取得明顯成效");
    expect(text(page, ".published")).toBe("發布時間：2020-11-13 14:45 星期五");
    expect(text(page, ".editor")).toBe("責任編輯：張小軍");
    expect(text(page, ".breadcrumb a")).toBe("法治政府");
    const body = toString(select(".article-body", page)!);
    expect(body).toContain("增強內生發展動力");
    expect(body).not.toContain("生髮");
    // Heading ids are not converted, so anchors are identical in both scripts.
    expect(selectAll(".article-body h2", page).map((h) => h.properties.id)).toEqual(["建立部际协调工作机制", "杜绝借扶贫旗号敛财牟利", "进一步弥补城乡数字鸿沟"]);
    const alternates = selectAll('link[rel="alternate"][hreflang]', page).map((l) => [l.properties.hrefLang, l.properties.href]);
    expect(alternates).toEqual([
      ["zh-Hans", "https://example.gov.cn/zh-hans/2020/11/13/8355537.html"],
      ["zh-Hant", "https://example.gov.cn/zh-hant/2020/11/13/8355537.html"],
      ["x-default", "https://example.gov.cn/zh-hans/2020/11/13/8355537.html"],
    ]);
    expect(attr(page, 'link[rel="canonical"]', "href")).toBe("https://example.gov.cn/zh-hant/2020/11/13/8355537.html");
    expect(attr(page, ".script-switch", "href")).toBe("/zh-hans/2020/11/13/8355537.html");
  });

  it("has the machine-readable head: title, description, canonical", () => {
    const page = parseHtmlFile(join(project.root, SEED_HANS));
    expect(text(page, "title")).toBe("网络扶贫取得明显成效 - 法治新闻发布");
    expect(attr(page, 'meta[name="description"]', "content")).toMatch(/^作为打赢脱贫攻坚战的重要组成部分/);
    expect(attr(page, 'link[rel="canonical"]', "href")).toBe("https://example.gov.cn/zh-hans/2020/11/13/8355537.html");
  });

  it("builds a page per section listing its articles newest first, a home page and the root", () => {
    const section = parseHtmlFile(join(project.root, "dist/zh-hans/fazhi-zhengfu/index.html"));
    expect(text(section, "h1")).toBe("法治政府");
    const dates = selectAll(".article-list time", section).map((t) => String(t.properties.dateTime));
    expect(dates.length).toBeGreaterThanOrEqual(3);
    expect([...dates].sort().reverse()).toEqual(dates);
    const home = parseHtmlFile(join(project.root, "dist/zh-hans/index.html"));
    expect(selectAll(".latest li", home).length).toBeGreaterThan(5);
    const root = parseHtmlFile(join(project.root, "dist/index.html"));
    expect(attr(root, "html", "lang")).toBe("zh-Hans");
    expect(text(root, ".latest h2")).toBe("最新发布");
  });

  it("keeps drafts out and article ids exactly as written", () => {
    expect(existsSync(join(project.root, "dist/zh-hans/2025/03/18/9311408.html"))).toBe(false);
    expect(existsSync(join(project.root, "dist/zh-hans/2019/10/24/0835601.html"))).toBe(true);
  });

  it("builds byte-identical output whatever the machine's time zone, and removes deleted articles", () => {
    const first = treeDigest(join(project.root, "dist"));
    expect(project.fabu(["build"], { TZ: "UTC" }).status).toBe(0);
    expect(treeDigest(join(project.root, "dist"))).toBe(first);
    expect(project.fabu(["build"], { TZ: "Asia/Shanghai" }).status).toBe(0);
    expect(treeDigest(join(project.root, "dist"))).toBe(first);

    project.write("content/minsheng/1000001.md", articleText({ id: "1000001", date: "2021-03-04 09:30" }));
    expect(project.fabu(["build"]).status).toBe(0);
    expect(existsSync(join(project.root, "dist/zh-hant/2021/03/04/1000001.html"))).toBe(true);
    project.remove("content/minsheng/1000001.md");
    expect(project.fabu(["build"]).status).toBe(0);
    expect(existsSync(join(project.root, "dist/zh-hans/2021/03/04/1000001.html"))).toBe(false);
    expect(existsSync(join(project.root, "dist/zh-hant/2021/03/04/1000001.html"))).toBe(false);
    expect(treeDigest(join(project.root, "dist"))).toBe(first);
  });
});
