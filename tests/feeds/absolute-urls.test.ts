import { describe, expect, it } from "vitest";
import { absolutizeHtml } from "../../src/feeds/absolute-urls.js";

const PAGE = "https://example.gov.cn/zh-hans/fazhi/2020-11-13-fazhi/";

describe("absolute URLs in article HTML", () => {
  it("resolves href, src, srcset, cite and poster against the page URL", () => {
    const html =
      '<p><a href="../x/">x</a><a href="/zh-hans/">home</a><a href="#fn-1">1</a><a href="?page=2">2</a><a href="//cdn.example.gov.cn/a.pdf">pdf</a></p>' +
      '<blockquote cite="source.html">q</blockquote><video poster="p.jpg" src="v.mp4"></video>' +
      '<img src="a.png" srcset="a.png 1x,b.png 2x" alt="图">';
    expect(absolutizeHtml(html, PAGE)).toBe(
      '<p><a href="https://example.gov.cn/zh-hans/fazhi/x/">x</a><a href="https://example.gov.cn/zh-hans/">home</a>' +
        '<a href="https://example.gov.cn/zh-hans/fazhi/2020-11-13-fazhi/#fn-1">1</a>' +
        '<a href="https://example.gov.cn/zh-hans/fazhi/2020-11-13-fazhi/?page=2">2</a><a href="https://cdn.example.gov.cn/a.pdf">pdf</a></p>' +
        '<blockquote cite="https://example.gov.cn/zh-hans/fazhi/2020-11-13-fazhi/source.html">q</blockquote>' +
        '<video poster="https://example.gov.cn/zh-hans/fazhi/2020-11-13-fazhi/p.jpg" src="https://example.gov.cn/zh-hans/fazhi/2020-11-13-fazhi/v.mp4"></video>' +
        '<img src="https://example.gov.cn/zh-hans/fazhi/2020-11-13-fazhi/a.png" srcset="https://example.gov.cn/zh-hans/fazhi/2020-11-13-fazhi/a.png 1x, https://example.gov.cn/zh-hans/fazhi/2020-11-13-fazhi/b.png 2x" alt="图">',
    );
  });

  it("leaves absolute URLs, other schemes and non-URL text exactly as written", () => {
    const html = '<a href="https://www.gov.cn/中文/">a</a><a href="mailto:a@b.cn">m</a><a href="tel:+86-10-1234">t</a><a href="">e</a>';
    expect(absolutizeHtml(html, PAGE)).toBe(html);
  });

  it("does not touch text that merely looks like an attribute", () => {
    const html = '<p>写作 href="../x" 或 src=a.png 不是链接</p><pre><code>&lt;a href="../y"&gt;</code></pre>';
    // Re-serialised by hast-util-to-html (its own choice of character references), with the same text.
    expect(absolutizeHtml(html, PAGE)).toBe('<p>写作 href="../x" 或 src=a.png 不是链接</p><pre><code>&#x3C;a href="../y"></code></pre>');
  });
});
