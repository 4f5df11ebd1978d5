import { describe, expect, it } from "vitest";
import { computeRelated, type RelatedCandidate } from "../../src/site/related.js";

const DAY = 86_400_000;
const config = { count: 3, weights: { tags: 1, section: 0.5, date: 0.5 }, dateRangeDays: 365 };
const a = (id: string, day: number, section: string, tagKeys: string[], editorPicks: string[] = []): RelatedCandidate => ({ id, epochMs: day * DAY, section, tagKeys, editorPicks });

describe("related news", () => {
  it("puts the editor's picks first, then shared tags, then the same section nearby in time", () => {
    const related = computeRelated(
      [a("1", 100, "s", ["扶贫", "乡村"], ["9"]), a("2", 101, "t", ["扶贫", "乡村"]), a("3", 102, "s", []), a("4", 90, "t", ["扶贫"]), a("9", 10, "u", [])],
      config,
    );
    expect(related.get("1")).toEqual(["9", "2", "4"]);
  });

  it("never lists the article itself or an unknown (unpublished) id, and is deterministic on ties", () => {
    const related = computeRelated([a("1", 100, "s", ["x"], ["1", "404"]), a("3", 100, "s", ["x"]), a("2", 100, "s", ["x"])], config);
    expect(related.get("1")).toEqual(["2", "3"]);
  });

  it("honours the configured count and weights", () => {
    const onlyTags = { ...config, count: 1, weights: { tags: 1, section: 0, date: 0 } };
    const related = computeRelated([a("1", 0, "s", ["x"]), a("2", 0, "s", []), a("3", 900, "t", ["x"])], onlyTags);
    expect(related.get("1")).toEqual(["3"]);
  });
});
