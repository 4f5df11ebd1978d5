import { describe, expect, it } from "vitest";
import { createConverterSet, detectScript, type GlossaryEntry } from "../../src/convert/index.js";
import { pipelineSpec } from "../../src/convert/opencc-config.js";

const glossary: GlossaryEntry[] = [
  { "zh-Hans": "发展中国家", "zh-Hant": "開發中國家" },
  { "zh-Hans": "信息", "zh-Hant": "資訊" },
];

describe("createConverterSet", () => {
  const set = createConverterSet({ traditional: "tw", glossary, quotes: false });

  it("builds each direction once and hands back the same converter", () => {
    expect(set.get("zh-Hans", "zh-Hant")).toBe(set.get("zh-Hans", "zh-Hant"));
    expect(set.get("zh-Hans", "zh-Hant")).not.toBe(set.get("zh-Hant", "zh-Hans"));
    expect(set.get("zh-Hant", "zh-Hans").from).toBe("zh-Hant");
  });

  it("is not affected by later changes to the caller's options", () => {
    const entries: GlossaryEntry[] = [{ "zh-Hans": "软件", "zh-Hant": "軟體" }];
    const options = { traditional: "tw" as const, glossary: entries, quotes: false };
    const lazy = createConverterSet(options);
    entries.push({ "zh-Hans": "硬件", "zh-Hant": "硬體" });
    entries[0] = { "zh-Hans": "软件", "zh-Hant": "X" };
    expect(lazy.get("zh-Hans", "zh-Hant").convert("软件和硬件")).toBe("軟體和硬件");
    expect(options.glossary).toBe(entries);
  });

  it("rejects an unknown Traditional variant", () => {
    expect(() => createConverterSet({ traditional: "mo" as "tw", glossary: [], quotes: false })).toThrow(/variant/);
  });
});

describe("glossary and page rules", () => {
  const set = createConverterSet({ traditional: "tw", glossary, quotes: false });
  const toHant = set.get("zh-Hans", "zh-Hant");
  const toHans = set.get("zh-Hant", "zh-Hans");

  it("emits the glossary form and keeps the dictionaries out of it", () => {
    expect(toHant.convert("支持发展中国家获取信息")).toBe("支持開發中國家獲取資訊");
    expect(toHans.convert("支持開發中國家獲取資訊")).toBe("支持发展中国家获取信息");
  });

  it("matches the longest protected form", () => {
    const rules = [{ "zh-Hans": "发展", "zh-Hant": "甲" }];
    expect(toHant.convert("发展中国家的发展", rules)).toBe("開發中國家的甲");
  });

  it("applies a page rule to that call only, overriding the glossary", () => {
    const rules = [{ "zh-Hans": "信息", "zh-Hant": "訊息" }];
    expect(toHant.convert("信息公开", rules)).toBe("訊息公開");
    expect(toHant.convert("信息公开")).toBe("資訊公開");
  });

  it("converts text around a protected span without matching across it", () => {
    const rules = [{ "zh-Hans": "生", "zh-Hant": "生" }];
    // 生 protected on its own: 生发 can no longer be matched, whatever the segmenter would do.
    expect(toHant.convert("头发生", [{ "zh-Hans": "头", "zh-Hant": "頭" }])).toBe("頭發生");
    expect(toHant.convert("内生发展", rules)).toBe("內生發展");
  });
});

describe("quotation marks", () => {
  const quoting = createConverterSet({ traditional: "tw", glossary: [], quotes: true });
  const plain = createConverterSet({ traditional: "tw", glossary: [], quotes: false });

  it("uses corner brackets in Traditional and curly quotes in Simplified output", () => {
    expect(quoting.get("zh-Hans", "zh-Hant").convert("他说：“要‘稳’字当头。”")).toBe("他說：「要『穩』字當頭。」");
    expect(quoting.get("zh-Hant", "zh-Hans").convert("他說：「要『穩』字當頭。」")).toBe("他说：“要‘稳’字当头。”");
  });

  it("normalizes quotes even when the script does not change", () => {
    expect(quoting.get("zh-Hans", "zh-Hans").convert("「发展」")).toBe("“发展”");
    expect(quoting.get("zh-Hant", "zh-Hant").convert("“發展”")).toBe("「發展」");
  });

  it("leaves apostrophes alone", () => {
    expect(quoting.get("zh-Hans", "zh-Hant").convert("China’s “发展”")).toBe("China’s 「發展」");
  });

  it("leaves quotes alone when the option is off", () => {
    expect(plain.get("zh-Hans", "zh-Hant").convert("“发展”")).toBe("“發展”");
  });
});

describe("same-script conversion", () => {
  it("is the identity on text", () => {
    const set = createConverterSet({ traditional: "tw", glossary, quotes: false });
    const text = "增强内生发展动力，头发 發展 abc";
    expect(set.get("zh-Hans", "zh-Hans").convert(text)).toBe(text);
    expect(set.get("zh-Hans", "zh-Hans").explain(text)).toEqual([]);
  });
});

describe("Traditional variants", () => {
  it.each([
    ["tw", "着力推进群众工作", "著力推進群眾工作"],
    ["hk", "着力推进群众工作", "着力推進羣眾工作"],
    ["t", "着力推进群众工作", "着力推進羣衆工作"],
  ] as const)("%s", (traditional, source, expected) => {
    expect(createConverterSet({ traditional, glossary: [], quotes: false }).get("zh-Hans", "zh-Hant").convert(source)).toBe(expected);
  });
});

describe("detectScript", () => {
  it("recognises Simplified and Traditional text", () => {
    expect(detectScript("增强内生发展动力")).toBe("zh-Hans");
    expect(detectScript("增強內生發展動力")).toBe("zh-Hant");
  });

  it("goes by the majority of script-specific characters", () => {
    expect(detectScript("发展发展 發")).toBe("zh-Hans");
  });

  it("returns undefined without evidence", () => {
    expect(detectScript("")).toBeUndefined();
    expect(detectScript("Hello, world 2025")).toBeUndefined();
    expect(detectScript("中文")).toBeUndefined();
    expect(detectScript("发發")).toBeUndefined();
  });
});

describe("detectScript, character by character", () => {
  // The definition, from OpenCC's own single-character tables: a character is evidence for a script when
  // converting from that script changes it and the other script's table does not take it as input.
  const singleCharacters = (name: "s2t" | "t2s") => new Map([...pipelineSpec(name).stages[0]!].filter(([key]) => [...key].length === 1));
  const fromSimplified = singleCharacters("s2t");
  const fromTraditional = singleCharacters("t2s");
  const expected = (character: string) =>
    fromSimplified.has(character) && fromSimplified.get(character) !== character && !fromTraditional.has(character) ? "zh-Hans"
    : fromTraditional.has(character) && fromTraditional.get(character) !== character && !fromSimplified.has(character) ? "zh-Hant"
    : undefined;

  it("agrees with OpenCC's tables on every character they hold", () => {
    const characters = [...new Set([...fromSimplified.keys(), ...fromTraditional.keys()])];
    expect(characters.some((c) => c.length === 2 && expected(c) !== undefined)).toBe(true);
    const wrong = characters.filter((character) => detectScript(character) !== expected(character));
    expect(wrong).toEqual([]);
  });

  it("reads a character outside the Basic Multilingual Plane as one, and a lone surrogate as none", () => {
    const astral = [...fromSimplified.keys()].find((c) => c.length === 2 && expected(c) === "zh-Hans")!;
    // One astral Simplified character against one Traditional: a tie.
    expect(detectScript(`${astral}發`)).toBeUndefined();
    expect(detectScript(`${astral}${astral}發`)).toBe("zh-Hans");
    // Halves of a pair, apart or reversed, are no evidence.
    expect(detectScript(`${astral[0]}發${astral[1]}`)).toBe("zh-Hant");
    expect(detectScript(`${astral[1]}${astral[0]}發`)).toBe("zh-Hant");
  });
});
