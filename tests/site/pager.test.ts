import { describe, expect, it } from "vitest";
import { pagerLink, windowedPager } from "../../src/site/listing-pages.js";

/** A listing of `count` numbered pages; the pager of one page, as its visible labels (* marks the current one). */
function pagerOf(count: number, current: number | "front"): string[] {
  const front = pagerLink("最新", "/list/", "front");
  const numbered = Array.from({ length: count }, (_, i) => pagerLink(`第${i + 1}页`, `/list/page/${i + 1}/`, i + 1));
  return windowedPager(front, numbered, current).map((entry) => ("gap" in entry ? "…" : `${entry.label}${entry.current ? "*" : ""}`));
}

describe("the pager of a long listing", () => {
  it("links every page of a short listing, newest first", () => {
    expect(pagerOf(3, 2)).toEqual(["最新", "第3页", "第2页*", "第1页"]);
    expect(pagerOf(7, "front")).toEqual(["最新*", "第7页", "第6页", "第5页", "第4页", "第3页", "第2页", "第1页"]);
  });

  it("shows the front page, the pages near the current one and the oldest, with gaps", () => {
    expect(pagerOf(40, 20)).toEqual(["最新", "…", "第22页", "第21页", "第20页*", "第19页", "第18页", "…", "第1页"]);
    expect(pagerOf(40, "front")).toEqual(["最新*", "第40页", "第39页", "…", "第1页"]);
    expect(pagerOf(40, 2)).toEqual(["最新", "…", "第4页", "第3页", "第2页*", "第1页"]);
    expect(pagerOf(40, 39)).toEqual(["最新", "第40页", "第39页*", "第38页", "第37页", "…", "第1页"]);
  });

  it("stays the same on an old page as the archive grows, so the page is not laid out again", () => {
    expect(pagerOf(1000, 20)).toEqual(pagerOf(41, 20));
    expect(pagerOf(1000, 20)).toHaveLength(9);
  });
});
