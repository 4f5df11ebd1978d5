import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr, parseHtmlFile } from "../helpers/html.js";
import { checkLinks } from "../helpers/link-check.js";
import { createTempProject, type TempProject } from "../helpers/project.js";

describe("a site that lives under a path prefix", () => {
  let project: TempProject;
  beforeAll(() => {
    project = createTempProject({ sampleContent: true });
    project.write("content/_site.yml", `${project.read("content/_site.yml")}\npathPrefix: /press/\n`.replace(/^pathPrefix: \/\n/m, ""));
    const result = project.fabu(["build", "--now", "2026-01-01 00:00", "--no-search"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
  afterAll(() => project.dispose());

  it("prefixes every link, canonical URL, feed and sitemap entry, and none is broken", () => {
    const page = parseHtmlFile(join(project.root, "dist/zh-hans/2020/11/13/8355537.html"));
    expect(attr(page, 'link[rel="canonical"]', "href")).toBe("https://example.gov.cn/press/zh-hans/2020/11/13/8355537.html");
    expect(attr(page, ".script-switch", "href")).toBe("/press/zh-hant/2020/11/13/8355537.html");
    expect(attr(page, 'link[rel="stylesheet"]', "href")).toMatch(/^\/press\/assets\/style\.[0-9a-f]+\.css$/);
    expect(readFileSync(join(project.root, "dist/sitemap.xml"), "utf8")).toContain("<loc>https://example.gov.cn/press/zh-hant/2020/11/13/8355537.html</loc>");
    expect(readFileSync(join(project.root, "dist/zh-hans/feed.xml"), "utf8")).toContain("https://example.gov.cn/press/zh-hans/2020/11/13/8355537.html");
    expect(checkLinks(join(project.root, "dist"), "https://example.gov.cn/", "/press/")).toEqual([]);
  });
});
