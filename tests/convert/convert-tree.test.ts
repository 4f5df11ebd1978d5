import type { Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import { describe, expect, it } from "vitest";
import { VFile } from "vfile";
import { convertTree, createConverterSet, rehypeConversionMarkup, type Converter } from "../../src/convert/index.js";

const set = createConverterSet({ traditional: "tw", glossary: [], quotes: false });
const toHant = set.get("zh-Hans", "zh-Hant");
const toHans = set.get("zh-Hant", "zh-Hans");

function fragment(html: string): Root {
  return fromHtml(html, { fragment: true });
}

function convertHtml(html: string, converter: Converter, options: Parameters<typeof convertTree>[2] = { quotes: false }): string {
  const withMarkers = rehypeConversionMarkup()(fragment(html), new VFile());
  return toHtml(convertTree(withMarkers, converter, options));
}

describe("convertTree", () => {
  it("converts text and the attributes people read, not URLs, ids or class names", () => {
    const html =
      '<p><a href="/发展/头发" id="发展" class="发展" title="发展规划">发展</a>' +
      '<img src="/头发.png" alt="头发护理"><input placeholder="请输入关键词" aria-label="搜索发布信息"></p>';
    expect(convertHtml(html, toHant)).toBe(
      '<p><a href="/发展/头发" id="发展" class="发展" title="發展規劃">發展</a>' +
        '<img src="/头发.png" alt="頭髮護理"><input placeholder="請輸入關鍵詞" aria-label="搜索發佈信息"></p>',
    );
  });

  it("leaves code, pre, kbd, samp, script and style alone", () => {
    const html =
      "<p>发展<code>发展</code></p><pre>头发</pre><p><kbd>发</kbd><samp>发</samp></p>" +
      '<script>var 发展 = "头发";</script><style>.发展{}</style>';
    expect(convertHtml(html, toHant)).toBe(
      "<p>發展<code>发展</code></p><pre>头发</pre><p><kbd>发</kbd><samp>发</samp></p>" +
        '<script>var 发展 = "头发";</script><style>.发展{}</style>',
    );
  });

  it("converts a phrase split by inline markup as one phrase", () => {
    expect(convertHtml("<p>头<strong>发</strong></p>", toHant)).toBe("<p>頭<strong>髮</strong></p>");
    expect(convertHtml("<p>前头<em>发</em>生</p>", toHant)).toBe("<p>前頭<em>發</em>生</p>");
    expect(convertHtml('<p>增强内<a href="#x">生发</a>展动力</p>', toHant)).toBe('<p>增強內<a href="#x">生發</a>展動力</p>');
  });

  it("does not join text across blocks, line breaks or code", () => {
    expect(convertHtml("<p>头</p><p>发</p>", toHant)).toBe("<p>頭</p><p>發</p>");
    expect(convertHtml("<p>头<br>发</p>", toHant)).toBe("<p>頭<br>發</p>");
    expect(convertHtml("<p>头<code>x</code>发</p>", toHant)).toBe("<p>頭<code>x</code>發</p>");
  });

  it("puts a piece whose length changes wholly in the node where it starts", () => {
    const rules = [{ "zh-Hans": "U盘", "zh-Hant": "隨身碟" }];
    expect(convertHtml("<p>买U<em>盘</em>了</p>", toHant, { quotes: false, pageRules: rules })).toBe("<p>買隨身碟<em></em>了</p>");
    expect(convertHtml("<p>U盘<em>好</em></p>", toHant, { quotes: false, pageRules: rules })).toBe("<p>隨身碟<em>好</em></p>");
  });

  it("returns a new tree and leaves the input untouched", () => {
    const input = rehypeConversionMarkup()(fragment('<p title="头发">头<strong>发</strong>-{发}-</p>'), new VFile());
    const before = structuredClone(input);
    const output = convertTree(input, toHant, { quotes: true });
    expect(input).toEqual(before);
    expect(output).not.toBe(input);
    expect(toHtml(output)).toBe('<p title="頭髮">頭<strong>髮</strong>发</p>');
  });

  it("shares no node, children list or properties with the input", () => {
    const input = rehypeConversionMarkup()(fragment('<p class="lead">头发<code class="x">-{发}-</code></p><pre><code>发</code></pre>'), new VFile());
    const before = structuredClone(input);
    const output = convertTree(input, toHant, { quotes: true });
    const seen = new Set<unknown>();
    const collect = (node: Root | Root["children"][number]): void => {
      seen.add(node);
      if ("properties" in node) {
        seen.add(node.properties);
        for (const value of Object.values(node.properties)) if (Array.isArray(value)) seen.add(value);
      }
      if ("children" in node) {
        seen.add(node.children);
        node.children.forEach(collect);
      }
    };
    collect(input);
    const shared: unknown[] = [];
    const check = (node: Root | Root["children"][number]): void => {
      if (seen.has(node)) shared.push(node);
      if ("properties" in node) {
        if (seen.has(node.properties)) shared.push(node.properties);
        for (const value of Object.values(node.properties)) if (Array.isArray(value) && seen.has(value)) shared.push(value);
      }
      if ("children" in node) {
        if (seen.has(node.children)) shared.push(node.children);
        node.children.forEach(check);
      }
    };
    check(output);
    expect(shared).toEqual([]);
    expect(input).toEqual(before);
    expect(toHtml(output)).toBe('<p class="lead">頭髮<code class="x">-{发}-</code></p><pre><code>发</code></pre>');
  });

  it("applies the quotation style when asked", () => {
    expect(convertHtml("<p>“发展”<em>‘头发’</em></p>", toHant, { quotes: true })).toBe("<p>「發展」<em>『頭髮』</em></p>");
    expect(convertHtml("<p>「發展」</p>", toHans, { quotes: true })).toBe("<p>“发展”</p>");
    expect(convertHtml("<p>“发展”</p>", toHant, { quotes: false })).toBe("<p>“發展”</p>");
  });

  it("uses page rules", () => {
    expect(convertHtml("<p>信息公开</p>", toHant, { quotes: false, pageRules: [{ "zh-Hans": "信息", "zh-Hant": "資訊" }] })).toBe(
      "<p>資訊公開</p>",
    );
  });

  it("works with a converter made elsewhere, by its public interface", () => {
    const upperCase: Converter = {
      from: "zh-Hans",
      to: "zh-Hant",
      convert: (text) => text.toUpperCase(),
      explain: () => [],
    };
    expect(convertHtml('<p title="ab">a<b>b</b>c</p>', upperCase)).toBe('<p title="AB">A<b>B</b>C</p>');
  });
});

describe("conversion markers in convertTree", () => {
  const html = "<p>-{发展}-和-{头发}-，内生-{}-发展，-{zh-hans:计算机;zh-hant:電腦}-，-{zh-cn:网络;zh-tw:網路;zh-hk:網絡}-</p>";

  it("resolves markers Simplified → Traditional", () => {
    expect(convertHtml(html, toHant)).toBe("<p>发展和头发，內生發展，電腦，網路</p>");
  });

  it("resolves markers Traditional → Simplified", () => {
    const source = "<p>-{發展}-，頭-{}-髮，-{zh-hans:计算机;zh-hant:電腦}-，-{zh-tw:網路}-</p>";
    expect(convertHtml(source, toHans)).toBe("<p>發展，头发，计算机，网路</p>");
  });

  it("picks the Hong Kong variant for a Hong Kong site", () => {
    const hk = createConverterSet({ traditional: "hk", glossary: [], quotes: false }).get("zh-Hans", "zh-Hant");
    expect(convertHtml("<p>-{zh-cn:网络;zh-tw:網路;zh-hk:網絡}-</p>", hk)).toBe("<p>網絡</p>");
  });

  it("resolves markers when the script does not change", () => {
    const same = set.get("zh-Hans", "zh-Hans");
    expect(convertHtml(html, same)).toBe("<p>发展和头发，内生发展，计算机，网络</p>");
  });

  it("stops phrases at a break marker", () => {
    expect(convertHtml("<p>头-{}-发</p>", toHant)).toBe("<p>頭發</p>");
    expect(convertHtml("<p>头发</p>", toHant)).toBe("<p>頭髮</p>");
  });
});
