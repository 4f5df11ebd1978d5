/**
 * The project's own fixtures: policy-register sentences with hand-checked
 * conversions, at least three per one-to-many character family. Lines marked
 * openccJsWrong are checked to still defeat plain opencc-js, and unmarked ones
 * to still pass it, so the markings stay true.
 */
import { readFileSync } from "node:fs";
import * as OpenCC from "opencc-js";
import { describe, expect, it } from "vitest";
import { createConverterSet } from "../../src/convert/index.js";

interface FixtureLine {
  readonly family: string;
  readonly "zh-Hans": string;
  readonly "zh-Hant": string;
  readonly openccJsWrong?: boolean;
}

const fixtures = JSON.parse(readFileSync(new URL("./fixtures/policy-sentences.json", import.meta.url), "utf8")) as {
  toTraditional: FixtureLine[];
  toSimplified: FixtureLine[];
};

const converters = createConverterSet({ traditional: "tw", glossary: [], quotes: false });
const toTraditional = converters.get("zh-Hans", "zh-Hant");
const toSimplified = converters.get("zh-Hant", "zh-Hans");
const openccToTraditional = OpenCC.Converter({ from: "cn", to: "tw" });
const openccToSimplified = OpenCC.Converter({ from: "tw", to: "cn" });

const families = ["发/髮", "干/幹/乾", "后/後", "只/隻", "里/裡/裏", "系/係/繫", "面/麵", "着/著", "复/復/複", "征/徵", "冲/衝", "范/範", "台/臺/颱"];

describe("policy sentences, Simplified → Traditional (tw)", () => {
  for (const line of fixtures.toTraditional) {
    it(`${line.family} ${line["zh-Hans"]}`, () => {
      expect(toTraditional.convert(line["zh-Hans"])).toBe(line["zh-Hant"]);
      const upstream = openccToTraditional(line["zh-Hans"]);
      if (line.openccJsWrong) expect(upstream, "marked openccJsWrong but opencc-js now gets it right").not.toBe(line["zh-Hant"]);
      else expect(upstream, "opencc-js gets this wrong: mark it openccJsWrong").toBe(line["zh-Hant"]);
    });
  }

  it.each(families)("has at least three sentences for %s", (family) => {
    expect(fixtures.toTraditional.filter((line) => line.family === family).length).toBeGreaterThanOrEqual(3);
  });

  it.each([
    ["增强内生发展动力", "增強內生發展動力"],
    ["卫生发展规划", "衛生發展規劃"],
    ["粉丝发布", "粉絲發佈"],
    ["一只只", "一隻隻"],
    ["前头发生", "前頭發生"],
    ["学生发展", "學生發展"],
    ["民生发展", "民生發展"],
    ["人生发展", "人生發展"],
  ])("converts %s to %s, which plain opencc-js gets wrong", (source, expected) => {
    expect(toTraditional.convert(source)).toBe(expected);
    expect(openccToTraditional(source)).not.toBe(expected);
  });
});

describe("policy sentences, Traditional (tw) → Simplified", () => {
  for (const line of fixtures.toSimplified) {
    it(`${line.family} ${line["zh-Hant"]}`, () => {
      expect(toSimplified.convert(line["zh-Hant"])).toBe(line["zh-Hans"]);
      const upstream = openccToSimplified(line["zh-Hant"]);
      if (line.openccJsWrong) expect(upstream).not.toBe(line["zh-Hans"]);
      else expect(upstream).toBe(line["zh-Hans"]);
    });
  }
});

describe("Taiwan phrasing (twp) is opt-in", () => {
  const withPhrases = createConverterSet({ traditional: "twp", glossary: [], quotes: false }).get("zh-Hans", "zh-Hant");

  it.each([
    ["依照法定程序办理", "依照法定程序辦理", "依照法定程式辦理"],
    ["加强网络信息安全", "加強網絡信息安全", "加強網路資訊安全"],
    ["软件和信息技术服务业", "軟件和信息技術服務業", "軟體和資訊科技服務業"],
  ])("%s: tw keeps the policy term (%s), twp rewrites it (%s)", (source, tw, twp) => {
    expect(toTraditional.convert(source)).toBe(tw);
    expect(withPhrases.convert(source)).toBe(twp);
  });

  it("reads Taiwan phrasing back to mainland terms when twp is chosen", () => {
    const back = createConverterSet({ traditional: "twp", glossary: [], quotes: false }).get("zh-Hant", "zh-Hans");
    expect(back.convert("法定程式")).toBe("法定程序");
  });
});
