import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleText, createTempProject, SECTION_INDEX, type TempProject } from "../helpers/project.js";

describe("listing pages and URL safety", () => {
  let project: TempProject;
  const file = (path: string) => readFileSync(join(project.root, "dist", path), "utf8");
  beforeAll(() => {
    project = createTempProject({ sampleContent: false });
    project.write("content/_site.yml", "pageSize: 2\n");
    project.write("content/fazhi/_index.md", SECTION_INDEX);
    for (let i = 1; i <= 5; i++) project.write(`content/fazhi/100000${i}.md`, articleText({ id: `100000${i}`, date: `2021-03-0${i} 09:30` }));
    expect(project.fabu(["build"]).status).toBe(0);
  });
  afterAll(() => project.dispose());

  it("publishing an article rewrites only the newest numbered page and the front page", () => {
    const pages = [1, 2, 3].map((n) => file(`zh-hans/fazhi/page/${n}/index.html`));
    const front = file("zh-hans/fazhi/index.html");
    project.write("content/fazhi/1000006.md", articleText({ id: "1000006", date: "2021-03-06 09:30" }));
    expect(project.fabu(["build"]).status).toBe(0);
    expect(file("zh-hans/fazhi/page/1/index.html")).toBe(pages[0]);
    expect(file("zh-hans/fazhi/page/2/index.html")).toBe(pages[1]);
    expect(file("zh-hans/fazhi/page/3/index.html")).not.toBe(pages[2]);
    expect(file("zh-hans/fazhi/index.html")).not.toBe(front);
  });

  it.each([
    ["/../../etc/passwd", /must not contain "\." or "\.\." segments/],
    ["C:/Windows/x.html", /must be a path on this site/],
    ["/a\\\\b.html", /backslash/],
    ["//evil.example/x", /another host/],
    ["/javascript:alert(1)", /must not contain ":"/],
    ["/%2e%2e/x", /encoded dots/],
  ])("refuses the alias %s before writing anything", (alias, message) => {
    project.write("content/fazhi/2000001.md", articleText({ id: "2000001", aliases: `["${alias}"]` }));
    const result = project.fabu(["build"]);
    project.remove("content/fazhi/2000001.md");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^content/fazhi/2000001\\.md:7:11: the alias .* ${message.source}`, "m"));
  });

  it("refuses an alias that would overwrite a page", () => {
    project.write("content/fazhi/2000001.md", articleText({ id: "2000001", aliases: "[/zh-hans/fazhi/]" }));
    const result = project.fabu(["build"]);
    project.remove("content/fazhi/2000001.md");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^content\/fazhi\/2000001\.md:7:11: the alias \/zh-hans\/fazhi\/ would overwrite the page \/zh-hans\/fazhi\/index\.html/m);
  });

  it("refuses section folders that would collide with the site's own pages", () => {
    project.write("content/2020/_index.md", SECTION_INDEX);
    project.write("content/tags/_index.md", SECTION_INDEX);
    const result = project.fabu(["check"]);
    project.remove("content/2020");
    project.remove("content/tags");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^content\/2020\/_index\.md:1:1: the section folder "2020" would collide with the year archives/m);
    expect(result.stderr).toMatch(/^content\/tags\/_index\.md:1:1: the section folder "tags" would collide/m);
  });
});
