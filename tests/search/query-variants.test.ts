import { describe, expect, it } from "vitest";
import { buildQueryVariantTables, countHanCharacters, queryVariants } from "../../src/search/index.js";

const counts = (text: string) => countHanCharacters(text);

describe("query variant tables: the few characters a query needs converting, from the site's own text", () => {
  // A tiny site: the same sentences in both scripts, plus characters that are words of their own in both.
  const hans = counts("网络扶贫发展。头发。以后。皇后。干部。显著。扶贫扶贫");
  const hant = counts("網絡扶貧發展。頭髮。以後。皇后。幹部。顯著。扶貧扶貧");
  const tables = buildQueryVariantTables(
    new Map([
      ["zh-Hans", hans],
      ["zh-Hant", hant],
    ]),
    "tw",
  );

  it("counts Han characters only", () => {
    expect([...counts("扶贫 ABC 123，扶").entries()]).toEqual([
      ["扶", 2],
      ["贫", 1],
    ]);
  });

  it("maps Simplified characters to the Traditional forms the Traditional pages use, most frequent first", () => {
    expect(tables["zh-Hant"]["贫"]).toBe("貧");
    expect(tables["zh-Hant"]["网"]).toBe("網");
    // 发 is 發 in 發展 and 髮 in 頭髮: both occur, each once here.
    expect([...tables["zh-Hant"]["发"]!].sort()).toEqual(["發", "髮"]);
    // 后 is 後 in 以後 but stays 后 in 皇后: both are candidates on the Traditional site.
    expect([...tables["zh-Hant"]["后"]!].sort()).toEqual(["后", "後"]);
    // Characters that are the same in both scripts are not listed.
    expect(tables["zh-Hant"]["扶"]).toBeUndefined();
    expect(tables["zh-Hant"]["著"]).toBeUndefined();
  });

  it("maps Traditional characters to the Simplified forms the Simplified pages use", () => {
    expect(tables["zh-Hans"]["貧"]).toBe("贫");
    expect(tables["zh-Hans"]["發"]).toBe("发");
    expect(tables["zh-Hans"]["髮"]).toBe("发");
    expect(tables["zh-Hans"]["幹"]).toBe("干");
    expect(tables["zh-Hans"]["扶"]).toBeUndefined();
  });

  it("rewrites a query into the page's script, keeping characters it has no entry for", () => {
    expect(queryVariants("扶贫", tables["zh-Hant"])).toEqual(["扶貧"]);
    expect(queryVariants("扶貧", tables["zh-Hant"])).toEqual(["扶貧"]);
    expect(queryVariants("扶貧", tables["zh-Hans"])).toEqual(["扶贫"]);
    expect(queryVariants("网络 扶贫", tables["zh-Hant"])).toEqual(["網絡 扶貧"]);
    expect(queryVariants("头发", tables["zh-Hant"]).sort()).toEqual(["頭發", "頭髮"]);
    expect(queryVariants("ABC", tables["zh-Hant"])).toEqual(["ABC"]);
  });

  it("tries at most a handful of spellings of an ambiguous query", () => {
    const ambiguous = { 甲: "一二", 乙: "三四", 丙: "五六", 丁: "七八" };
    const variants = queryVariants("甲乙丙丁", ambiguous, 8);
    expect(variants).toHaveLength(8);
    expect(variants[0]).toBe("一三五七");
    expect(new Set(variants).size).toBe(8);
  });

  it("stays small: it lists only characters that differ between the scripts", () => {
    expect(Object.keys(tables["zh-Hant"]).length).toBeLessThan(20);
    expect(JSON.stringify(tables).length).toBeLessThan(500);
  });
});
