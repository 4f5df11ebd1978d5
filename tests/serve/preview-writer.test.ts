import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProjectPaths } from "../../src/build/paths.js";
import { BuildMemo } from "../../src/build/build-memo.js";
import { prepareSite } from "../../src/build/prepare-site.js";
import { updatePreview, type PreviewState } from "../../src/serve/preview-writer.js";
import { createTempProject, listTree, type TempProject } from "../helpers/project.js";

// The preview server updates its folder in place after every save. Whatever the edit, the folder must then
// hold exactly what a clean `fabu build --drafts --no-search` of the same content writes (less the files
// only a deployment needs), and no page that did not change may be laid out again.

const NOW = "2026-01-01 08:00";
const DEPLOYMENT_FILES = new Set(["_headers", ".fabu-manifest.json", ".fabu-changes.json"]);
const SEED = "content/fazhi-zhengfu/8355537.md";

/** Every file below `dir` by relative path, with its bytes as text (binary files compare equally well). */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const file of listTree(dir)) {
    const path = relative(dir, file);
    if (!DEPLOYMENT_FILES.has(path)) files.set(path, readFileSync(file, "latin1"));
  }
  return files;
}

describe("the preview folder, updated in place", () => {
  let project: TempProject;
  let paths: ProjectPaths;
  const memo = new BuildMemo();
  let state: PreviewState | undefined;

  /** One update, as the server makes it after a save; returns how many pages it wrote. */
  const update = async (): Promise<{ written: number; total: number }> => {
    const site = await prepareSite(paths, { drafts: true, future: false, now: NOW, memo });
    const result = await updatePreview(site, paths, state, { pageStoreDir: join(project.root, ".cache", "pages"), search: false });
    state = result.finish();
    site.finishCache();
    return { written: result.pagesWritten, total: result.pagesTotal };
  };

  /** The preview must equal a clean build of the same content. */
  const expectSameAsCleanBuild = () => {
    const result = project.fabu(["build", "--drafts", "--no-search", "--no-cache", "--now", NOW, "--output", "clean"]);
    expect(result.status, result.stderr).toBe(0);
    const clean = snapshot(join(project.root, "clean"));
    const preview = snapshot(paths.output);
    expect([...preview.keys()].sort()).toEqual([...clean.keys()].sort());
    const differing = [...clean.keys()].filter((path) => preview.get(path) !== clean.get(path));
    expect(differing).toEqual([]);
  };

  beforeAll(async () => {
    project = createTempProject({ sampleContent: true });
    paths = { root: project.root, content: join(project.root, "content"), templates: join(project.root, "templates"), output: join(project.root, ".cache", "preview") };
    const first = await update();
    expect(first.written).toBe(first.total);
  }, 120_000);
  afterAll(() => project?.dispose());

  it("starts as a clean build, and writes nothing when nothing changed", async () => {
    expectSameAsCleanBuild();
    expect((await update()).written).toBe(0);
  });

  it("after a change to an article's body, writes only that article's two pages", async () => {
    project.write(SEED, `${project.read(SEED)}\n新增一段正文。\n`);
    expect((await update()).written).toBe(2);
    // Nothing but the body changed: the page index was reused, not built again.
    expect(memo.reusedIndex).toBe(true);
    expectSameAsCleanBuild();
  });

  it("after a change to an article's first paragraph (its summary, which feeds show)", async () => {
    const file = "content/fazhi-zhengfu/9015527.md";
    const text = project.read(file);
    const bodyStart = text.indexOf("---\n", 4) + 4;
    project.write(file, `${text.slice(0, bodyStart)}\n据新华社电，${text.slice(bodyStart).trimStart()}`);
    expect((await update()).written).toBeGreaterThanOrEqual(2);
    expect(memo.reusedIndex).toBe(false);
    expectSameAsCleanBuild();
  });

  it("after a title change, rewrites the pages that show the title", async () => {
    project.write(SEED, project.read(SEED).replace("title: 网络扶贫取得明显成效", "title: 网络扶贫成效显著"));
    const { written } = await update();
    expect(written).toBeGreaterThan(2);
    expectSameAsCleanBuild();
  });

  it("after an article is added and another removed", async () => {
    project.write("content/minsheng/9999001.md", project.read("content/minsheng/8811730.md").replace(/^id: .*$/m, "id: 9999001").replace(/^title: .*$/m, "title: 新增的一篇稿件"));
    await update();
    expectSameAsCleanBuild();
    project.remove("content/minsheng/9999001.md");
    project.remove("content/shuzi-xiangcun/9311408.md");
    await update();
    expectSameAsCleanBuild();
  });

  it("after the glossary, a template and a theme asset change", async () => {
    project.write("content/_glossary.yml", `${project.read("content/_glossary.yml")}\n- zh-Hans: 网络扶贫\n  zh-Hant: 網路扶貧\n`);
    await update();
    expectSameAsCleanBuild();
    project.write("templates/_layouts/base.njk", project.read("templates/_layouts/base.njk").replace("</body>", "<!-- 预览 --></body>"));
    project.write("templates/assets/style.css", `${project.read("templates/assets/style.css")}\n/* 预览 */\n`);
    const { written, total } = await update();
    expect(written).toBe(total);
    expectSameAsCleanBuild();
  });
});
