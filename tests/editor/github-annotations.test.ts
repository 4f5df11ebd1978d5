import { describe, expect, it } from "vitest";
import type { ContentProblem } from "../../src/content/problems.js";
import { changedLinesFromDiff, escapeData, escapeProperty, problemsForPullRequest, toGithubAnnotation } from "../../src/editor/github-annotations.js";

const problem = (fields: Partial<ContentProblem> = {}): ContentProblem => ({
  file: "content/fazhi-zhengfu/8355537.md",
  line: 4,
  column: 7,
  message: '"date" is not a date: "2020-13-01"; write it as 2020-11-13 14:45',
  severity: "error",
  rule: "invalid-date",
  ...fields,
});

describe("GitHub annotations", () => {
  it("writes ::error with file, line, col and title", () => {
    expect(toGithubAnnotation(problem())).toBe(
      '::error file=content/fazhi-zhengfu/8355537.md,line=4,col=7,title=fabu invalid-date::"date" is not a date: "2020-13-01"; write it as 2020-11-13 14:45',
    );
  });

  it("writes ::warning for warnings", () => {
    expect(toGithubAnnotation(problem({ severity: "warning", rule: "latin-comma", message: "half-width \",\"" }))).toMatch(/^::warning file=.*title=fabu latin-comma::half-width ","$/);
  });

  it("escapes %, CR and LF in the message, and also : and , in properties", () => {
    expect(escapeData("100% done\r\nnext: a, b")).toBe("100%25 done%0D%0Anext: a, b");
    expect(escapeProperty("a:b,c%\n")).toBe("a%3Ab%2Cc%25%0A");
    const line = toGithubAnnotation(problem({ file: "content/a,b:c.md", message: "line one\nline two 50%" }));
    expect(line).toBe("::error file=content/a%2Cb%3Ac.md,line=4,col=7,title=fabu invalid-date::line one%0Aline two 50%25");
    expect(line.split("\n")).toHaveLength(1);
  });

  it("reads changed lines from git diff --unified=0 and keeps errors everywhere, warnings on changed lines", () => {
    const diff = [
      "diff --git a/content/a/1.md b/content/a/1.md",
      "--- a/content/a/1.md",
      "+++ b/content/a/1.md",
      "@@ -3 +3,2 @@ title",
      "-old",
      "+new",
      "+new",
      "@@ -10,0 +12 @@",
      "+added",
      "diff --git a/content/a/2.md b/content/a/2.md",
      "--- a/content/a/2.md",
      "+++ /dev/null",
      "@@ -1,3 +0,0 @@",
    ].join("\n");
    const changed = changedLinesFromDiff(diff);
    expect([...changed.get("content/a/1.md")!].sort((a, b) => a - b)).toEqual([3, 4, 12]);
    const problems = [
      problem({ file: "content/a/1.md", line: 4, severity: "warning" }),
      problem({ file: "content/a/1.md", line: 8, severity: "warning" }),
      problem({ file: "content/a/3.md", line: 1, severity: "error" }),
    ];
    expect(problemsForPullRequest(problems, changed).map((p) => `${p.file}:${p.line}`)).toEqual(["content/a/1.md:4", "content/a/3.md:1"]);
  });
});
