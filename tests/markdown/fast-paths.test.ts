/**
 * The shortcuts the article pipeline takes for speed must give exactly what the
 * plain pipeline gives: rehype-raw skipped for trees it would not change, GFM
 * tables left out of the parser for Markdown that cannot have one, and GFM's
 * bare-URL linking run only on blocks that could hold a bare URL.
 */
import type { Root } from "hast";
import rehypeRaw from "rehype-raw";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { sanitizeSchema } from "../../src/markdown/index.js";
import rehypeRawWhenNeeded from "../../src/markdown/rehype-raw-when-needed.js";
import remarkAutolinkLiteralGuard, { guardAutolinkLiteralTransform } from "../../src/markdown/remark-autolink-literal-guard.js";
import remarkWithoutGfmTables, { mayContainGfmTable } from "../../src/markdown/remark-gfm-table-guard.js";

/** Markdown-only inputs that exercise what rehype-raw normalises, and some it leaves alone. */
const HTML_FREE = [
  "段落一\n\n段落二，“引号”——破折号。",
  "硬换行  \n下一行\\\n再一行",
  "- 紧凑\n  - 嵌套\n- 列表\n\n1. 有序\n2. 列表",
  "- 松散\n\n  段落\n\n- 列表",
  "```\n\n以空行开头的代码\n```",
  "```js\nconst a = 1;\n```",
  "```\n```",
  "    缩进代码\n",
  "| 指标 | 2019年 |\n| :-- | --: |\n| 覆盖 | 70% |",
  "脚注[^1]。\n\n[^1]: 注释。",
  "- [ ] 未完成\n- [x] 已完成",
  "![图](/a.png \"标题\") [链接](https://www.gov.cn/ \"政府网\") <https://example.com/>",
  "***强调*** ~~删除~~ `代码`",
  "> 引用\n> > 嵌套\n\n---\n\n# 标题\n\n###### 六级",
  "[引用链接][a]\n\n[a]: /path",
  "",
  "[a]: /only-a-definition",
];

function hastOf(markdown: string, raw: typeof rehypeRaw | typeof rehypeRawWhenNeeded, file: VFile): Root {
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use([raw])
    .use(rehypeSanitize, sanitizeSchema);
  return processor.runSync(processor.parse(markdown), file);
}

describe("rehype-raw only when needed", () => {
  it.each(HTML_FREE)("gives what rehype-raw gives for %j", (markdown) => {
    const expected = hastOf(markdown, rehypeRaw, new VFile({ value: markdown }));
    expect(hastOf(markdown, rehypeRawWhenNeeded, new VFile({ value: markdown }))).toEqual(expected);
  });

  it("matches rehype-raw for a file without contents too", () => {
    const markdown = "硬换行  \n下一行";
    expect(hastOf(markdown, rehypeRawWhenNeeded, new VFile())).toEqual(hastOf(markdown, rehypeRaw, new VFile()));
  });

  it("still parses raw HTML", () => {
    const markdown = "<b>加粗</b> 与 <span>文字</span>";
    const file = new VFile({ value: markdown });
    expect(hastOf(markdown, rehypeRawWhenNeeded, file)).toEqual(hastOf(markdown, rehypeRaw, new VFile({ value: markdown })));
  });
});

describe("GFM tables only where possible", () => {
  const withTables = unified().use(remarkParse).use(remarkGfm).freeze();
  const withoutTables = unified().use(remarkParse).use(remarkGfm).use(remarkWithoutGfmTables).freeze();

  it("knows which characters every table needs", () => {
    for (const table of ["| a |\n| - |", "a | b\n-- | --", "a\n:-:", "a\n-:", "> a\n> :-"]) {
      expect(JSON.stringify(withTables.parse(table))).toContain('"type":"table"');
      expect(mayContainGfmTable(table)).toBe(true);
    }
    expect(mayContainGfmTable("段落\n\n- 列表\n---\n***")).toBe(false);
  });

  it("removes the table construct and nothing else", () => {
    expect(withoutTables.parse("| a |\n| - |").children[0]?.type).toBe("paragraph");
    for (const markdown of HTML_FREE.filter((text) => !mayContainGfmTable(text))) {
      expect(withoutTables.parse(markdown)).toEqual(withTables.parse(markdown));
    }
  });
});

describe("bare-URL linking only on blocks with a candidate", () => {
  it("finds remark-gfm's transform to guard", () => {
    const extensions = unified().use(remarkGfm).freeze().data("fromMarkdownExtensions") ?? [];
    expect(guardAutolinkLiteralTransform(extensions as never).swapped).toBe(true);
  });

  it("links the same URLs and addresses as remark-gfm", () => {
    const plain = unified().use(remarkParse).use(remarkGfm).freeze();
    const guarded = unified().use(remarkParse).use(remarkGfm).use(remarkAutolinkLiteralGuard).freeze();
    for (const markdown of [
      "详见 www.gov.cn 或 https://example.com/a?b=c 。",
      "联系 a.b@example.com，mailto:x@y.cn 与 xmpp:u@host.cn/r",
      "> 引用中的 HTTP://EXAMPLE.COM/\n\n- 列表中的 WWW.EXAMPLE.ORG",
      "[链接里的 https://a.example/ 不再链接](https://b.example/)",
      "没有网址的段落。\n\n| 表 | https://t.example/ |\n| - | - |",
    ]) {
      expect(guarded.parse(markdown)).toEqual(plain.parse(markdown));
    }
  });
});
