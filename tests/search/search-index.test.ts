import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryTableFile, writeSearchIndex } from "../../src/search/index.js";
import { createTempProject, listTree, PROJECT_ROOT, treeDigest, type TempProject } from "../helpers/project.js";

const page = (lang: string, body: string, searchable = true) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>t</title></head><body><nav>首页</nav>` +
  `<main><article${searchable ? " data-pagefind-body" : ""}><h1>${body}</h1><p>${body}</p></article></main></body></html>`;

describe("the search index: Pagefind, one index per script, written into the site", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "fabu-search-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("indexes only pages marked data-pagefind-body, split by <html lang>, and writes the query tables", async () => {
    const { mkdirSync, writeFileSync } = await import("node:fs");
    const write = (path: string, text: string) => {
      mkdirSync(join(dir, path, ".."), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    write("zh-hans/a.html", page("zh-Hans", "网络扶贫取得明显成效"));
    write("zh-hant/a.html", page("zh-Hant", "網絡扶貧取得明顯成效"));
    write("zh-hans/index.html", page("zh-Hans", "首页列表", false));
    const summary = await writeSearchIndex(dir, { traditional: "tw" });
    expect(summary.pages).toBe(2);
    expect([...summary.languages].sort()).toEqual(["zh-hans", "zh-hant"]);
    const entry = JSON.parse(readFileSync(join(dir, "pagefind", "pagefind-entry.json"), "utf8"));
    expect(entry.languages["zh-hans"].page_count).toBe(1);
    expect(entry.languages["zh-hant"].page_count).toBe(1);
    expect(existsSync(join(dir, "pagefind", "pagefind.js"))).toBe(true);
    // Pagefind's ready-made UIs are not shipped: the theme has its own search page.
    expect(existsSync(join(dir, "pagefind", "pagefind-ui.js"))).toBe(false);
    const hant = JSON.parse(readFileSync(join(dir, queryTableFile("zh-Hant")), "utf8"));
    const hans = JSON.parse(readFileSync(join(dir, queryTableFile("zh-Hans")), "utf8"));
    expect(hant["贫"]).toBe("貧");
    expect(hans["貧"]).toBe("贫");
    // Text outside the page's script (e.g. Simplified heading ids on Traditional pages) and markup are not counted.
    expect(hant["首"]).toBeUndefined();
  });
});

describe("the sample site's search index, built offline", () => {
  let project: TempProject;
  beforeAll(() => {
    project = createTempProject({ sampleContent: true });
  });
  afterAll(() => project?.dispose());

  it("builds in a network namespace with no network at all (Pagefind's binary ships in its npm package)", () => {
    const result = spawnSync("unshare", ["-rn", process.execPath, join(PROJECT_ROOT, "bin", "fabu.js"), "build", "--root", project.root], { encoding: "utf8", timeout: 300_000 });
    expect(result.error, "unshare(1) must be available (util-linux)").toBeUndefined();
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const entry = JSON.parse(project.read("dist/pagefind/pagefind-entry.json"));
    // Articles only: every article once per script, no home, listing, search or 404 page.
    expect(entry.languages["zh-hans"].page_count).toBe(15);
    expect(entry.languages["zh-hant"].page_count).toBe(15);
    const files = listTree(join(project.root, "dist", "pagefind")).map((file) => file.slice(join(project.root, "dist", "pagefind").length + 1));
    expect(files).toContain("pagefind.js");
    expect(files).toContain("fabu-query.zh-hans.json");
    expect(files).toContain("fabu-query.zh-hant.json");
    expect(files.some((file) => file.startsWith("fragment/"))).toBe(true);
    // The query tables are tiny: only the characters of this site that differ between the scripts.
    for (const script of ["zh-hans", "zh-hant"]) expect(project.read(`dist/pagefind/fabu-query.${script}.json`).length).toBeLessThan(12_000);
  });

  it("builds the same index twice (reproducible output)", () => {
    const first = treeDigest(join(project.root, "dist", "pagefind"));
    expect(project.fabu(["build"]).status).toBe(0);
    expect(treeDigest(join(project.root, "dist", "pagefind"))).toBe(first);
  });
});
