import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectPaths } from "../../src/build/paths.js";
import { editorialCheck, formatProblemAs, runImport, runNew } from "../../src/editor/commands.js";
import { createTempProject, type TempProject } from "../helpers/project.js";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe("the editor commands as the CLI runs them", () => {
  let project: TempProject;
  beforeAll(() => {
    project = createTempProject({ sampleContent: true });
  });
  afterAll(() => project.dispose());

  it("fabu new: usage, refusal and success with exit codes", () => {
    const paths = projectPaths(project.root);
    const a = io();
    expect(runNew(paths, {}, a.io)).toBe(2);
    const b = io();
    expect(runNew(paths, { section: "nope" }, b.io)).toBe(1);
    expect(b.err[0]).toMatch(/^fabu: unknown section "nope"; known sections: /);
    const c = io();
    expect(runNew(paths, { section: "lifa", title: "标题", now: "2026-11-29 14:05" }, c.io)).toBe(0);
    expect(c.out).toEqual(["fabu: created content/lifa/9311409.md (id 9311409, a draft); replace every 待填写, then run npm run check"]);
    expect(project.read("content/lifa/9311409.md")).toContain("date: 2026-11-29 14:05\n");
    const d = io();
    expect(runNew(paths, { section: "lifa", now: "tomorrow" }, d.io)).toBe(2);
  });

  it("fabu check's editorial part: placeholder errors, typography fixes with --fix, GitHub annotations", () => {
    const paths = projectPaths(project.root);
    project.write("content/lifa/9311410.md", project.read("content/lifa/9311409.md").replace("id: 9311409", "id: 9311410").replace("draft: true", "draft: true\nsubtitle: 副题:说明"));
    const before = editorialCheck(paths);
    expect(before.fixed).toEqual([]);
    expect(before.problems.some((p) => p.rule === "half-width-punctuation" && p.file === "content/lifa/9311410.md")).toBe(true);
    expect(before.problems.filter((p) => p.rule === "placeholder").length).toBeGreaterThan(4);
    const after = editorialCheck(paths, { fix: true });
    expect(after.fixed).toEqual(["content/lifa/9311410.md"]);
    expect(after.problems.every((p) => p.rule === "placeholder")).toBe(true);
    expect(formatProblemAs(after.problems[0]!, "github")).toMatch(/^::error file=content\/lifa\/9311409\.md,line=\d+,col=\d+,title=fabu placeholder::/);
    expect(formatProblemAs(after.problems[0]!)).toMatch(/^content\/lifa\/9311409\.md:\d+:\d+: .* \[placeholder\]$/);
  });

  it("fabu import: --section pairs, encodings and exit codes", () => {
    const paths = projectPaths(project.root);
    const a = io();
    expect(runImport(paths, { inputs: [] }, a.io)).toBe(2);
    const b = io();
    expect(runImport(paths, { inputs: ["x.txt"], sections: ["no-equals"] }, b.io)).toBe(2);
    const c = io();
    expect(runImport(paths, { inputs: ["x.txt"], encoding: "latin1" }, c.io)).toBe(2);
    const d = io();
    expect(runImport(paths, { inputs: [join(project.root, "missing.txt")], format: "github" }, d.io)).toBe(1);
    expect(d.err[0]).toMatch(/^::error file=missing\.txt,line=1,col=1,title=fabu import-unreadable::/);
    expect(d.out.at(-1)).toBe("fabu: imported 0 articles; 1 error (see above)");
  });
});
