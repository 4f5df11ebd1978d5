import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixSite, lintSite } from "../../src/editor/typography-lint.js";
import { createTempProject, type TempProject } from "../helpers/project.js";

const BAD = [
  "---",
  "id: 9900001",
  "title: 测试稿件",
  "subtitle: 中央网信办:联合相关部门",
  'date: "2021-03-04 09:30"',
  "byline: 本报记者 张三",
  "editor: 待填写",
  "---",
  "",
  "据介绍,2016年以来，各部门出台相关政策措施超过30项。",
  "",
  "```",
  "代码,不变",
  "```",
  "",
  "会议指出 要加强监管.",
  "",
].join("\n");

describe("lintSite and fixSite on a project", () => {
  let project: TempProject;
  beforeAll(() => {
    project = createTempProject({ sampleContent: true });
  });
  afterAll(() => project.dispose());

  it("finds nothing in the sample site's policy texts (no false alarms)", () => {
    expect(lintSite(project.root)).toEqual([]);
  });

  it("reports problems with lines counted from the top of each file", () => {
    project.write("content/lifa/9900001.md", BAD);
    const problems = lintSite(project.root);
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.rule}`)).toEqual([
      "content/lifa/9900001.md:4:16 warning half-width-punctuation",
      "content/lifa/9900001.md:7:9 error placeholder",
      "content/lifa/9900001.md:10:4 warning latin-comma",
      "content/lifa/9900001.md:16:5 warning space-between-chinese",
      "content/lifa/9900001.md:16:11 warning latin-period",
    ]);
  });

  it("fixes every fixable problem in place and reports the files it changed", () => {
    expect(fixSite(project.root)).toEqual(["content/lifa/9900001.md"]);
    const fixed = project.read("content/lifa/9900001.md");
    expect(fixed).toBe(
      BAD.replace("中央网信办:", "中央网信办：").replace("据介绍,", "据介绍，").replace("会议指出 要加强监管.", "会议指出要加强监管。"),
    );
    expect(lintSite(project.root).map((p) => p.rule)).toEqual(["placeholder"]);
    expect(fixSite(project.root)).toEqual([]);
  });
});
