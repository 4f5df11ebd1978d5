import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { unified } from "unified";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import rehypeConversionMarkupDefault, { MARKER_TAG, parseConversionMarkup, rehypeConversionMarkup } from "../../src/convert/index.js";

function markersOf(tree: Root): Element[] {
  const found: Element[] = [];
  const visit = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== "element") continue;
      if (child.tagName === MARKER_TAG) found.push(child);
      visit(child);
    }
  };
  visit(tree);
  return found;
}

describe("parseConversionMarkup", () => {
  it("recognises protected text, per-script variants and breaks", () => {
    const { tokens, problems } = parseConversionMarkup("甲-{文字}-乙-{zh-hans:计算机; zh-hant:電腦;}-丙-{}-丁");
    expect(problems).toEqual([]);
    expect(tokens.map((token) => (token.kind === "text" ? token.text : token.marker))).toEqual([
      "甲",
      { mode: "protect", text: "文字" },
      "乙",
      { mode: "variants", variants: { "zh-hans": "计算机", "zh-hant": "電腦" } },
      "丙",
      { mode: "break" },
      "丁",
    ]);
  });

  it("accepts zh-cn, zh-tw and zh-hk keys, in any case", () => {
    const { tokens } = parseConversionMarkup("-{ZH-CN:网络;zh-TW:網路;zh-hk:網絡}-");
    expect(tokens[0]).toMatchObject({ kind: "marker", marker: { variants: { "zh-cn": "网络", "zh-tw": "網路", "zh-hk": "網絡" } } });
  });

  it("keeps colons in protected text that is not a variant list", () => {
    expect(parseConversionMarkup("-{时间：10:30}-").tokens[0]).toMatchObject({ marker: { mode: "protect", text: "时间：10:30" } });
  });

  it("reports malformed markup with its offset and leaves the text as written", () => {
    const text = "甲-{zh-hans:计算机;電腦}-乙-{zh-xx:字}-丙-{未闭合";
    const { tokens, problems } = parseConversionMarkup(text);
    expect(tokens).toEqual([{ kind: "text", offset: 0, text }]);
    expect(problems.map((problem) => [problem.offset, problem.reason])).toEqual([
      [15, expect.stringContaining("no “key:”")],
      [22, expect.stringContaining("Unknown conversion markup variant key “zh-xx”")],
      [32, expect.stringContaining("Unclosed")],
    ]);
  });
});

describe("rehypeConversionMarkup", () => {
  const html = [
    "<p>第一段</p>",
    "<p>前文-{zh-hans:计算机;zh-hant}-后文</p>",
    "<p>未闭合 -{ 的标记</p>",
    "<p>-{zh-xx:文字}- 与 -{发展}-</p>",
    "<pre>-{不处理}-</pre><p><code>-{也不处理}-</code></p>",
  ].join("\n");

  it("turns markup into marker elements and reports problems at line:column", () => {
    const file = new VFile({ path: "article.md" });
    const tree = unified().use(rehypeConversionMarkup).runSync(fromHtml(html, { fragment: true }), file);
    expect(file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.source}`)).toEqual([
      "2:20 conversion-markup fabu",
      "3:8 conversion-markup fabu",
      "4:6 conversion-markup fabu",
    ]);
    expect(file.messages[0]?.reason).toMatch(/zh-hant/);
    expect(markersOf(tree).map((marker) => marker.properties)).toEqual([{ mode: "protect", text: "发展" }]);
    expect(markersOf(tree)[0]?.position?.start).toMatchObject({ line: 4, column: 19 });
  });

  it("leaves the input tree untouched and returns a new one", () => {
    const input = fromHtml("<p>-{发展}-</p>", { fragment: true });
    const before = structuredClone(input);
    const output = rehypeConversionMarkup()(input, new VFile());
    expect(input).toEqual(before);
    expect(markersOf(output)).toHaveLength(1);
  });

  it("skips the tags it is told to", () => {
    const output = rehypeConversionMarkup({ skipTags: ["p"] })(fromHtml("<p>-{发展}-</p><div>-{发展}-</div>", { fragment: true }), new VFile());
    expect(markersOf(output)).toHaveLength(1);
  });

  it("is the default export too", () => {
    expect(rehypeConversionMarkupDefault).toBe(rehypeConversionMarkup);
  });
});
