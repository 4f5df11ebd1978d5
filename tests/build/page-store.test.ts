import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempProject, treeDigest, type TempProject } from "../helpers/project.js";

const NOW = "2026-01-01 08:00";
const EDITED = "content/minsheng/8811730.md";
const EDITED_PAGE = "dist/zh-hans/2022/11/08/8811730.html";

/** How many pages the build laid out again, from its --timings report. */
function build(project: TempProject, ...args: string[]): { restored: number } {
  const result = project.fabu(["build", "--now", NOW, "--timings", ...args]);
  expect(result.status, result.stderr).toBe(0);
  const match = /fabu: (\d+) pages unchanged/.exec(result.stderr);
  return { restored: match ? Number(match[1]) : -1 };
}

/** Pages in the store's current generation (an older one is renamed to `.trash-…` at once, then deleted). */
function storedPages(project: TempProject): number {
  const root = join(project.root, ".cache", "pages");
  const generations = readdirSync(root).filter((name) => !name.startsWith(".trash-"));
  expect(generations).toHaveLength(1);
  return readdirSync(join(root, generations[0]!)).filter((name) => name.endsWith(".html")).length;
}

describe("the page store", () => {
  let project: TempProject;
  let cold: number;
  beforeAll(() => {
    project = createTempProject({ sampleContent: true });
    expect(build(project).restored).toBe(0);
    cold = storedPages(project);
  });
  afterAll(() => project?.dispose());

  it("keeps every article, listing and redirect page, and lays out none of them again when nothing changed", () => {
    expect(cold).toBeGreaterThan(50);
    expect(build(project).restored).toBe(cold);
    expect(storedPages(project)).toBe(cold);
  });

  it("lays out again only the pages that show an edited article, and the result equals a clean build", () => {
    const before = treeDigest(join(project.root, "dist"));
    project.write(EDITED, project.read(EDITED).replace("title: 让群众在家门口看好病", "title: 让群众在家门口看好病、看得起病"));
    const { restored } = build(project);
    expect(storedPages(project)).toBe(cold + (cold - restored));
    expect(project.read(EDITED_PAGE)).toContain("让群众在家门口看好病、看得起病");
    // Feeds are kept in the store too: the section's feeds show the new title, not a stored copy.
    for (const feed of ["feed.xml", "rss.xml", "feed.json"]) expect(project.read(`dist/zh-hans/minsheng/${feed}`)).toContain("让群众在家门口看好病、看得起病");
    expect(treeDigest(join(project.root, "dist"))).not.toBe(before);
    // Its two pages, the listings that show it, the pages that list it under 相关新闻: a minority.
    expect(restored).toBeLessThan(cold);
    expect(restored).toBeGreaterThan(cold / 2);

    const warm = treeDigest(join(project.root, "dist"));
    build(project, "--no-cache");
    expect(treeDigest(join(project.root, "dist"))).toBe(warm);
  });

  it("lays out every page again after a template changes", () => {
    const template = "templates/_includes/page-bodies/article.njk";
    project.write(template, project.read(template).replace('<footer class="article-footer">', '<footer class="article-footer" data-test="changed">'));
    expect(build(project).restored).toBeLessThan(cold / 4);
    expect(project.read(EDITED_PAGE)).toContain('data-test="changed"');
    const warm = treeDigest(join(project.root, "dist"));
    build(project, "--no-cache");
    expect(treeDigest(join(project.root, "dist"))).toBe(warm);
  });

  it("prunes the pages no longer built once they are as many as those in use", () => {
    // Pruning after the one-article edit would cost as much as laying out those pages: the old ones stayed.
    // After the template change every old page was unused: all went.
    expect(storedPages(project)).toBe(cold);
  });;
});
