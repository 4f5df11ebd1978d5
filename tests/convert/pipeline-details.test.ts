/**
 * Behaviour of the pieces under the public API: how ties between
 * segmentations are settled, measure-word rules, and text that is not plain
 * BMP prose (compatibility ideographs, astral characters, description sequences).
 */
import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import * as OpenCC from "opencc-js";
import { describe, expect, it } from "vitest";
import { convertTree, createConverterSet } from "../../src/convert/index.js";

const toHant = createConverterSet({ traditional: "tw", glossary: [], quotes: false }).get("zh-Hans", "zh-Hant");
const toHans = createConverterSet({ traditional: "tw", glossary: [], quotes: false }).get("zh-Hant", "zh-Hans");
const openccToHant = OpenCC.Converter({ from: "cn", to: "tw" });

describe("segmentation ties", () => {
  it("prefers even segment lengths: 茶几|周围, not 茶|几周围", () => {
    expect(toHant.convert("茶几周围")).toBe("茶几周圍");
  });

  it("then prefers the backward reading: 内|生|发展, not 内|生发|展", () => {
    expect(toHant.convert("内生发展")).toBe("內生發展");
    expect(toHant.convert("三万只")).toBe("三萬隻");
  });

  it("knows common words the phrase dictionary lacks: 重复|建设, not 重|复建|设", () => {
    expect(toHant.convert("避免重复建设")).toBe("避免重複建設");
    expect(toHant.convert("奋进新征程")).toBe("奮進新征程");
  });

  it("agrees with opencc-js wherever greedy matching faces no choice", () => {
    const text = "国务院关于进一步优化营商环境更好服务市场主体的实施意见，请认真贯彻执行。";
    expect(toHant.convert(text)).toBe(openccToHant(text));
  });
});

describe("measure words", () => {
  it("takes the measure-word form after a numeral", () => {
    expect(toHant.convert("存栏蛋鸡300只")).toBe("存欄蛋雞300隻");
    expect(toHant.convert("距离县城５里")).toBe("距離縣城５里");
    expect(toHant.convert("为期3周")).toBe("為期3週");
  });

  it("does not treat 一 at the end of a word as a numeral", () => {
    expect(toHant.convert("全省统一只收取一次")).toBe("全省統一只收取一次");
  });

  it("repeats the measure word of a 一X phrase in 一XX", () => {
    expect(toHant.convert("一只只")).toBe("一隻隻");
    expect(toHant.convert("一台台设备")).toBe("一臺臺設備");
  });
});

describe("text beyond plain BMP prose", () => {
  it("normalizes CJK compatibility ideographs as OpenCC does", () => {
    const text = "\uF900发展";
    expect(toHant.convert(text)).toBe(openccToHant(text));
    expect(toHans.convert("\uF900發展")).toBe("岂发展");
  });

  it("keeps track of offsets through normalization in a tree", () => {
    const tree = fromHtml("<p>\uF900头<b>发</b></p>", { fragment: true });
    expect(toHtml(convertTree(tree, toHant, { quotes: false }))).toBe(`<p>${openccToHant("\uF900")}頭<b>髮</b></p>`);
  });

  it("passes astral characters through and converts around them", () => {
    expect(toHant.convert("𠮷发展𠮷头发")).toBe("𠮷發展𠮷頭髮");
  });

  it("leaves ideographic description sequences whole, as opencc-js does", () => {
    const text = "⿰氵发与发展";
    expect(toHant.convert(text)).toBe(openccToHant(text));
  });
});

describe("long runs with context-dependent characters", () => {
  const openccToHans = OpenCC.Converter({ from: "tw", to: "cn" });

  it("converts them exactly as converting the whole run would", () => {
    // tw2s has few segmentation phrases, so runs are long and 著 (着 or 著) sits inside them.
    const pieces = ["這意味著改革進入深水區", "著作權保護亦須加強", "取得顯著成效", "著力解決群眾急難愁盼問題", "，"];
    let text = "";
    for (let index = 0; index < 60; index += 1) text += pieces[(index * 7) % pieces.length]! + "的".repeat(index % 13);
    expect(toHans.convert(text)).toBe(openccToHans(text));
  });
});

describe("tree conversion matches string conversion", () => {
  const sentences = [
    "增强内生发展动力，推动公共卫生发展。",
    "一只只候鸟飞过湿地保护区，前头发生的事故已妥善处置。",
    "养殖场存栏蛋鸡300只，情况复杂，须反复研究。",
  ];

  it.each(sentences)("for every way of cutting %s into two inline nodes", (sentence) => {
    const expected = toHant.convert(sentence);
    for (let cut = 1; cut < sentence.length; cut += 1) {
      const tree = fromHtml(`<p>${sentence.slice(0, cut)}<span>${sentence.slice(cut)}</span></p>`, { fragment: true });
      const html = toHtml(convertTree(tree, toHant, { quotes: false }));
      expect(html).toBe(`<p>${expected.slice(0, cut)}<span>${expected.slice(cut)}</span></p>`);
    }
  });
});
