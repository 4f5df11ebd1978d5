import { describe, expect, it } from "vitest";
import { parseStages, STAGE_LINE, stagesTable } from "../../scripts/bench/stages.js";

// As `fabu build --timings` prints them: a stage's parts come before the stage's own line.
const STDERR = [
  "fabu: load and validate 17358 ms",
  "fabu: render 86513 ms",
  "fabu:   page keys 2741 ms",
  "fabu: 0 pages unchanged since they were last laid out",
  "fabu:   waiting for the layout, storing its pages 31453 ms",
  "fabu: layout (Eleventy), feeds, sitemaps, search index 42619 ms",
  "[11ty] Wrote 10 files in 0.5 seconds",
  "fabu: built 19793 articles, 51452 pages in two scripts into dist (149.31 s)",
];

describe("build stages from fabu build --timings", () => {
  it("reads the stage lines and nothing else", () => {
    expect(STDERR.filter((line) => STAGE_LINE.test(line))).toHaveLength(5);
    expect(parseStages(STDERR)).toEqual([
      { name: "load and validate", seconds: 17.358, depth: 0 },
      { name: "render", seconds: 86.513, depth: 0 },
      { name: "page keys", seconds: 2.741, depth: 1 },
      { name: "waiting for the layout, storing its pages", seconds: 31.453, depth: 1 },
      { name: "layout (Eleventy), feeds, sitemaps, search index", seconds: 42.619, depth: 0 },
    ]);
  });

  it("lists a stage's parts under it, each with its share of the build", () => {
    const rows = stagesTable(parseStages(STDERR), 150)
      .split("\n")
      .slice(2)
      .map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim()));
    expect(rows).toEqual([
      ["load and validate", "17.4", "12%"],
      ["render", "86.5", "58%"],
      ["layout (Eleventy), feeds, sitemaps, search index", "42.6", "28%"],
      ["· page keys", "2.7", "2%"],
      ["· waiting for the layout, storing its pages", "31.5", "21%"],
    ]);
  });
});
