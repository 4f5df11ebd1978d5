/**
 * The text pre-scan must catch absurd nesting without flagging ordinary
 * articles, however long their paragraphs or however much bold they use.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findExcessiveNesting } from "../../src/markdown/nesting-prescan.js";
import { projectRoot } from "./support.js";

const pressRelease = readFileSync(path.join(projectRoot, "tests", "markdown", "fixtures", "press-release", "input.md"), "utf8");

describe("findExcessiveNesting", () => {
  it("finds container markers with their line", () => {
    expect(findExcessiveNesting("正文\n\n> > > x\n", 2)).toEqual({ depth: 3, kind: "block", line: 3, column: 1 });
    expect(findExcessiveNesting("1. - > x\n", 2)).toMatchObject({ depth: 3, kind: "block" });
    expect(findExcessiveNesting("      - x\n", 3)).toMatchObject({ depth: 4, kind: "block" });
  });

  it("finds unclosed emphasis and link openers with their column", () => {
    expect(findExcessiveNesting("ab *c _d **e x", 3)).toEqual({ depth: 4, kind: "inline", line: 1, column: 10 });
    expect(findExcessiveNesting("[[[[x", 3)).toMatchObject({ depth: 4, kind: "inline", column: 4 });
  });

  it("does not flag ordinary articles", () => {
    expect(findExcessiveNesting(pressRelease, 4)).toBeUndefined();
    const boldHeavy = "国务院印发**《意见》**，**“重点”**内容，**a** **b** *c* ~~d~~ 2*3*4 snake_case_name [链接](/a)。".repeat(500);
    expect(findExcessiveNesting(boldHeavy, 4)).toBeUndefined();
    expect(findExcessiveNesting("\\[\\[\\[\\[ \\*\\*\\*\\*x", 1)).toBeUndefined();
  });

  it("does not count indentation without a marker, such as code", () => {
    expect(findExcessiveNesting(`${" ".repeat(400)}const x = 1;\n`, 4)).toBeUndefined();
    expect(findExcessiveNesting("* * * * * *\n", 6)).toBeUndefined();
  });

  it("starts counting inline nesting afresh after a blank line", () => {
    expect(findExcessiveNesting("*a *b\n\n*c *d\n", 3)).toBeUndefined();
    expect(findExcessiveNesting("*a *b\n*c *d\n", 3)).toMatchObject({ depth: 4, line: 2 });
  });
});
