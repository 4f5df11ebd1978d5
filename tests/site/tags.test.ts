import { describe, expect, it } from "vitest";
import { checkTagSlugs, tagSlug } from "../../src/site/tags.js";

const at = { file: "content/a.md", line: 3, column: 7 };

describe("tag slugs", () => {
  it("are ASCII pinyin, never empty for Chinese", () => {
    expect(tagSlug("网络扶贫")).toBe("wang-luo-fu-pin");
    expect(tagSlug("5G网络")).toBe("5g-wang-luo");
    expect(tagSlug("COVID-19")).toBe("covid-19");
  });

  it("reports two tags that would share a URL, and a tag with no letters", () => {
    const { slugs, problems } = checkTagSlugs(new Map([["公式", at], ["攻势", { ...at, line: 9 }], ["——", at]]));
    expect(slugs.get("公式")).toBe("gong-shi");
    expect(problems.map((p) => [p.line, p.rule])).toEqual([[3, "tag-slug"], [9, "tag-slug"]]);
    expect(problems[1]!.message).toMatch(/"公式" and "攻势" would share the URL tags\/gong-shi\//);
  });
});
