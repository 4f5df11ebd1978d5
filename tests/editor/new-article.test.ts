import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/load-content.js";
import { EditorError, fillArchetype, newArticle } from "../../src/editor/new-article.js";
import { lintSite } from "../../src/editor/typography-lint.js";
import { createTempProject, PROJECT_ROOT, type TempProject } from "../helpers/project.js";

/** 2026-11-29 14:05:30 Beijing time. */
const NOW = Date.UTC(2026, 10, 29, 6, 5, 30);

function frontMatter(text: string): Record<string, unknown> {
  const [, yaml] = text.split(/^---$/m);
  return parse(yaml!) as Record<string, unknown>;
}

function expectEditorError(run: () => unknown, code: string, message: RegExp): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EditorError);
    expect((error as EditorError).code).toBe(code);
    expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error("expected an EditorError");
}

describe("fabu new", () => {
  let project: TempProject;
  beforeEach(() => {
    project = createTempProject({ sampleContent: true });
  });
  afterEach(() => project.dispose());

  it("writes content/<section>/<id>.md from the default archetype: next id, date now in the site's zone, a draft", () => {
    const { file, id } = newArticle({ projectRoot: project.root, section: "lifa", now: NOW });
    // The sample's largest id is 9311408 (in another section): ids are unique across the site.
    expect(id).toBe("9311409");
    expect(file).toBe("content/lifa/9311409.md");
    const text = project.read(file);
    const fields = frontMatter(text);
    expect(fields).toMatchObject({ id: 9311409, title: "待填写", date: "2026-11-29 14:05", byline: "待填写", editor: "待填写", draft: true });
    expect(text).toMatch(/^---\nid: 9311409\n/);
    expect(text).toContain("\n## 待填写");
  });

  it("is valid for the schema but rejected by the placeholder lint until every 待填写 is replaced", () => {
    const { file } = newArticle({ projectRoot: project.root, section: "lifa", now: NOW });
    // The schema accepts it (待填写 is text)…
    expect(loadContent(project.root, join(project.root, "content")).problems.filter((p) => p.file === file)).toEqual([]);
    // …the placeholder lint does not.
    const problems = lintSite(project.root).filter((p) => p.file === file);
    expect(problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.rule}`)).toEqual([
      "3:8 error placeholder",
      "8:9 error placeholder",
      "9:9 error placeholder",
      "17:1 error placeholder",
      "19:4 error placeholder",
      "21:1 error placeholder",
    ]);
    const filled = project
      .read(file)
      .replace("title: 待填写", "title: 新稿件标题")
      .replace("byline: 待填写", "byline: 本报记者 张三")
      .replace("editor: 待填写", "editor: 李四")
      .replace("待填写：导语，用一段话写清何时、何地、何事及其意义。", "导语。")
      .replace("## 待填写：小标题", "## 小标题")
      .replace("待填写：正文。", "正文。");
    project.write(file, filled);
    expect(lintSite(project.root)).toEqual([]);
  });

  it("sets the title with --title, as a YAML value that reads back exactly; the file name stays <id>.md", () => {
    const title = "“放管服”改革: 新进展 #1 {{id}}";
    const { file } = newArticle({ projectRoot: project.root, section: "minsheng", title, now: NOW });
    expect(file).toBe("content/minsheng/9311409.md");
    expect(frontMatter(project.read(file)).title).toBe(title);
  });

  it("uses the section's own archetype when there is one", () => {
    project.write("templates/archetypes/lifa.md", "---\nid: {{id}}\ntitle: {{title}}\ndate: {{date}}\nbyline: 本报记者 待填写\neditor: 待填写\ndraft: true\n---\n\n{{section_title}}（{{section}}）：待填写\n");
    const { file } = newArticle({ projectRoot: project.root, section: "lifa", title: "立法稿", now: NOW });
    expect(project.read(file)).toBe("---\nid: 9311409\ntitle: 立法稿\ndate: 2026-11-29 14:05\nbyline: 本报记者 待填写\neditor: 待填写\ndraft: true\n---\n\n立法动态（lifa）：待填写\n");
  });

  it("refuses an unknown section and lists the known ones", () => {
    expectEditorError(() => newArticle({ projectRoot: project.root, section: "fazhi", now: NOW }), "unknown-section", /unknown section "fazhi"; known sections: fazhi-zhengfu \(法治政府\), lifa \(立法动态\), minsheng \(民生保障\), shuzi-xiangcun \(数字乡村\)/);
  });

  it("refuses to overwrite an existing file", () => {
    mkdirSync(join(project.root, "content/lifa/9311409.md"));
    expectEditorError(() => newArticle({ projectRoot: project.root, section: "lifa", now: NOW }), "file-exists", /content\/lifa\/9311409\.md already exists/);
  });

  it("refuses an id already used anywhere in the site", () => {
    expectEditorError(() => newArticle({ projectRoot: project.root, section: "lifa", id: "8355537", now: NOW }), "duplicate-id", /8355537 is already used by content\/fazhi-zhengfu\/8355537\.md/);
    expect(existsSync(join(project.root, "content/lifa/8355537.md"))).toBe(false);
  });

  it("refuses an archetype that does not give a valid article, or has an unknown placeholder", () => {
    project.write("templates/archetypes/lifa.md", "---\nid: {{id}}\ntitle: {{title}}\ndate: {{date}}\n---\n\n正文\n");
    expectEditorError(() => newArticle({ projectRoot: project.root, section: "lifa", now: NOW }), "archetype-invalid", /templates\/archetypes\/lifa\.md does not give a valid article[\s\S]*byline/);
    project.write("templates/archetypes/lifa.md", "---\nid: {{id}}\ntitle: {{titel}}\n---\n");
    expectEditorError(() => newArticle({ projectRoot: project.root, section: "lifa", now: NOW }), "archetype-invalid", /unknown placeholder \{\{titel\}\}/);
  });
});

describe("archetype substitution", () => {
  it("is plain string replacement: no expressions, no re-substitution of inserted values", () => {
    const out = fillArchetype("---\ntitle: {{title}}\n---\n{{ title }} {{ 7*7 }} {% if x %}", { title: "{{id}}" });
    expect(out).toBe("---\ntitle: \"{{id}}\"\n---\n{{id}} {{ 7*7 }} {% if x %}");
  });

  it("ships a default archetype whose comments carry no placeholder", () => {
    const text = readFileSync(join(PROJECT_ROOT, "templates/archetypes/default.md"), "utf8");
    const frontMatterLines = text.split("\n---\n")[0]!.split("\n");
    for (const line of frontMatterLines.filter((l) => l.startsWith("#"))) expect(line).not.toMatch(/待填写|TODO/);
  });
});
