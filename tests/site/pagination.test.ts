import { describe, expect, it } from "vitest";
import { stablePages } from "../../src/site/pagination.js";

describe("stable pagination", () => {
  it("numbers pages from the oldest, newest first within a page", () => {
    expect(stablePages([1, 2, 3, 4, 5], 2)).toEqual([
      { number: 1, items: [2, 1] },
      { number: 2, items: [4, 3] },
      { number: 3, items: [5] },
    ]);
  });

  it("changes only the newest page when an article is added", () => {
    const before = stablePages([1, 2, 3, 4, 5], 2);
    const after = stablePages([1, 2, 3, 4, 5, 6], 2);
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
    expect(after[2]).toEqual({ number: 3, items: [6, 5] });
  });
});
