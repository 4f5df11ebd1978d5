import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleText, createTempProject, SECTION_INDEX, treeDigest, type TempProject } from "../helpers/project.js";

interface Reported {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** Parses `file:line:col: message [rule]` lines from the build's error output. */
function reported(stderr: string): Reported[] {
  return stderr
    .split("\n")
    .map((line) => /^(content\/[^:]+):(\d+):(\d+): (.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ file: m[1]!, line: Number(m[2]), column: Number(m[3]), message: m[4]! }));
}

describe("content errors an editor can act on", () => {
  let project: TempProject;
  let digestBefore: string;
  let problems: Reported[];
  let status: number | null;

  beforeAll(() => {
    project = createTempProject({ sampleContent: false });
    project.write("content/fazhi/_index.md", SECTION_INDEX);
    project.write("content/fazhi/1000001.md", articleText());
    expect(project.fabu(["build"]).status).toBe(0);
    digestBefore = treeDigest(join(project.root, "dist"));

    project.write("content/fazhi/2000001.md", articleText({ id: "2000001", title: "[未闭合" }));
    project.write("content/fazhi/2000002.md", articleText({ id: "2000002", editor: undefined }));
    project.write("content/fazhi/2000003.md", articleText({ id: "2000003", tags: "网络扶贫" }));
    project.write("content/fazhi/2000004.md", articleText({ id: "2000004", edtior: "王五" }));
    project.write("content/fazhi/2000005.md", articleText({ id: "2000005", section: "fazhi-zhenfu" }));
    project.write("content/fazhi/2000006.md", articleText({ id: "1000001" }));
    project.write("content/fazhi/2000007.md", articleText({ id: "2000007", related: "[1000001, 7777777]" }));
    project.write("content/fazhi/2000008.md", articleText({ id: "AB-8", date: "2021-05-01 10:00" }));
    project.write("content/fazhi/2000009.md", articleText({ id: "ab-8", date: "2021-05-01 11:00" }));
    project.write("content/fazhi/2000010.md", `---js\n{ title: require("fs").writeFileSync("canary.txt", "ran") }\n---\n正文\n`);
    const result = project.fabu(["build"]);
    status = result.status;
    problems = reported(result.stderr);
  });
  afterAll(() => project.dispose());

  it("fails with exit code 1 and leaves dist/ exactly as it was", () => {
    expect(status).toBe(1);
    expect(treeDigest(join(project.root, "dist"))).toBe(digestBefore);
    expect(existsSync(join(project.root, "canary.txt"))).toBe(false);
  });

  it.each<[string, string, number, number, RegExp]>([
    ["YAML syntax, where the bracket opened", "content/fazhi/2000001.md", 3, 8, /this \[ is never closed; add \]/],
    ["a missing required field", "content/fazhi/2000002.md", 1, 1, /"editor" is required/],
    ["a wrongly typed field, at the line of its key", "content/fazhi/2000003.md", 7, 1, /"tags" must be a list/],
    ["an unknown key with a hint", "content/fazhi/2000004.md", 7, 1, /unknown front matter field "edtior"; did you mean "editor"\?/],
    ["an unknown section, listing the known ones", "content/fazhi/2000005.md", 7, 10, /unknown section "fazhi-zhenfu"; known sections: fazhi/],
    ["a duplicate id naming both files", "content/fazhi/2000006.md", 2, 5, /the id "1000001" is already used by content\/fazhi\/1000001\.md:2/],
    ["an unknown related id", "content/fazhi/2000007.md", 7, 20, /"related" names the id 7777777, but no article has it/],
    ["two articles claiming one URL", "content/fazhi/2000009.md", 2, 5, /content\/fazhi\/2000008\.md both claim the URL \/zh-hans\/2021\/05\/01\/ab-8\.html/],
    ["JavaScript front matter", "content/fazhi/2000010.md", 1, 4, /must be YAML; "---js" asks for js, which fabu never runs/],
  ])("reports %s as file:line:col", (_kind, file, line, column, message) => {
    const match = problems.find((p) => p.file === file && message.test(p.message));
    expect(match, JSON.stringify(problems, null, 1)).toBeDefined();
    expect([match!.line, match!.column]).toEqual([line, column]);
  });

  it("reports all problems of the build together, one per broken file at least", () => {
    const files = new Set(problems.map((p) => p.file));
    expect(files.size).toBe(9);
  });

  it("fabu check reports the same problems without writing anything", () => {
    const result = project.fabu(["check"]);
    expect(result.status).toBe(1);
    expect(reported(result.stderr).map((p) => `${p.file}:${p.line}:${p.column}`)).toEqual(problems.map((p) => `${p.file}:${p.line}:${p.column}`));
    expect(treeDigest(join(project.root, "dist"))).toBe(digestBefore);
  });
});
