import { describe, expect, it } from "vitest";
import { createConverterSet } from "../../src/convert/index.js";

const set = createConverterSet({ traditional: "tw", glossary: [{ "zh-Hans": "头发", "zh-Hant": "秀髮" }], quotes: false });
const toHant = set.get("zh-Hans", "zh-Hant");

describe("explain", () => {
  const plain = createConverterSet({ traditional: "tw", glossary: [], quotes: false }).get("zh-Hans", "zh-Hant");

  it("lists 发 in 发展 and in 头发 with its alternatives 發/髮 and the form chosen", () => {
    expect(plain.explain("发展和头发")).toEqual([
      { offset: 0, source: "发", chosen: "發", alternatives: ["發", "髮"], context: "发展和头发" },
      { offset: 4, source: "发", chosen: "髮", alternatives: ["發", "髮"], context: "发展和头发" },
    ]);
  });

  it("skips characters inside protected spans", () => {
    expect(toHant.explain("头发").map((decision) => decision.offset)).toEqual([]);
    expect(toHant.explain("头发", [{ "zh-Hans": "头", "zh-Hant": "頭" }])).toEqual([]);
  });

  it("gives up to ten characters of context either side", () => {
    const text = "一二三四五六七八九十发展一二三四五六七八九十";
    const [decision] = plain.explain(text);
    expect(decision?.context).toBe("一二三四五六七八九十发展一二三四五六七八九");
  });

  it("lists alternatives in the output's variant forms, the default first", () => {
    const decisions = plain.explain("这里的公里");
    expect(decisions.map(({ source, chosen }) => `${source}→${chosen}`)).toEqual(["里→裡", "里→里"]);
    expect(decisions[0]?.alternatives[0]).toBe("裡");
    expect(decisions[0]?.alternatives).not.toContain("裏");
    const [gan] = plain.explain("干部");
    expect(gan).toMatchObject({ source: "干", chosen: "幹" });
    expect(gan?.alternatives).toEqual(expect.arrayContaining(["幹", "乾", "干"]));
  });

  it("does not list characters that have only one form in the output standard", () => {
    // Taiwan forms write 着 as 著 in every sense, so there is nothing to decide.
    expect(plain.explain("着力")).toEqual([]);
  });

  it("works Traditional → Simplified too", () => {
    const decisions = set.get("zh-Hant", "zh-Hans").explain("著作");
    expect(decisions[0]).toMatchObject({ source: "著", chosen: "著" });
    expect(decisions[0]?.alternatives).toEqual(expect.arrayContaining(["着", "著"]));
  });
});
