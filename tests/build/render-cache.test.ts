import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempProject, treeDigest, type TempProject } from "../helpers/project.js";

const SEED_HANT = "dist/zh-hant/2020/11/13/8355537.html";

describe("the render cache", () => {
  let project: TempProject;
  let clean: string;
  beforeAll(() => {
    project = createTempProject({ sampleContent: true });
    expect(project.fabu(["build", "--no-cache"]).status).toBe(0);
    clean = treeDigest(join(project.root, "dist"));
  });
  afterAll(() => project.dispose());

  it("builds byte-identical output cold and warm", () => {
    expect(project.fabu(["build"]).status).toBe(0);
    expect(treeDigest(join(project.root, "dist"))).toBe(clean);
    expect(project.fabu(["build"]).status).toBe(0);
    expect(treeDigest(join(project.root, "dist"))).toBe(clean);
  });

  it("reflects a change to an article, to the glossary and to the config", () => {
    const article = "content/fazhi-zhengfu/8355537.md";
    const original = project.read(article);
    project.write(article, original.replace("增强内生发展动力", "增强内生发展活力"));
    expect(project.fabu(["build"]).status).toBe(0);
    expect(project.read(SEED_HANT)).toContain("增強內生發展活力");

    project.write("content/_glossary.yml", `${project.read("content/_glossary.yml")}\n- {zh-Hans: 收官战, zh-Hant: 收官之戰}\n`);
    expect(project.fabu(["build"]).status).toBe(0);
    expect(project.read(SEED_HANT)).toContain("收官之戰");

    project.write("content/_site.yml", project.read("content/_site.yml").replace("quotes: true", "quotes: false"));
    expect(project.fabu(["build"]).status).toBe(0);
    expect(project.read(SEED_HANT)).toContain("“四年多來");

    // And the warm result still equals a clean build of the same content.
    const warm = treeDigest(join(project.root, "dist"));
    expect(project.fabu(["build", "--no-cache"]).status).toBe(0);
    expect(treeDigest(join(project.root, "dist"))).toBe(warm);
    expect(readFileSync(join(project.root, SEED_HANT), "utf8")).toContain("收官之戰");
  });
});
