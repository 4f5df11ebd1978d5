import { describe, expect, it } from "vitest";
import { lintArticleText, lintPlaceholders, lintTypography, TYPOGRAPHY_RULES, type TypographyOptions } from "../../src/editor/typography-lint.js";

const hans: TypographyOptions = { file: "content/a/1.md", firstLine: 10, script: "zh-Hans" };
const hant: TypographyOptions = { ...hans, script: "zh-Hant" };

function lint(text: string, options: Partial<TypographyOptions> = {}) {
  const result = lintTypography(text, { ...hans, ...options });
  return { result, found: result.problems.map((p) => `${p.line}:${p.column} ${p.rule}`), fixed: result.fix() };
}

describe("typography lint: what it reports and fixes", () => {
  it.each([
    ["发布时间:2020-11-13 14:45 星期五", "发布时间：2020-11-13 14:45 星期五", ["10:5 half-width-punctuation"]],
    ["发布时间: 2020-11-13", "发布时间：2020-11-13", ["10:5 half-width-punctuation"]],
    ["作为重要组成部分,网络扶贫取得成效;下一步?好!", "作为重要组成部分，网络扶贫取得成效；下一步？好！", ["10:9 latin-comma", "10:18 half-width-punctuation", "10:22 half-width-punctuation", "10:24 half-width-punctuation"]],
    ["由2014年1800亿元,增长到2019年1.7万亿元,规模扩大8.4倍", "由2014年1800亿元，增长到2019年1.7万亿元，规模扩大8.4倍", ["10:13 latin-comma", "10:28 latin-comma"]],
    ["覆盖率达99.2%,位居前列", "覆盖率达99.2%，位居前列", ["10:10 latin-comma"]],
    ["试点县 (市、区),其中包括27个", "试点县（市、区），其中包括27个", ["10:5 half-width-punctuation", "10:10 latin-comma"]],
    ["世界卫生组织(WHO)发布", "世界卫生组织（WHO）发布", ["10:7 half-width-punctuation"]],
    ["会议于14:45召开.会议指出要加强监管.", "会议于14:45召开。会议指出要加强监管。", ["10:11 latin-period", "10:21 latin-period"]],
    ["CPI上涨0.2%.", "CPI上涨0.2%。", ["10:10 latin-period"]],
    ["然后离开...", "然后离开……", ["10:5 half-width-ellipsis"]],
    ["中国 消费者　协会发布", "中国消费者协会发布", ["10:3 space-between-chinese", "10:7 space-between-chinese"]],
    ["他说「我们建立了机制」,并强调“三个衔接”。", "他说“我们建立了机制”，并强调“三个衔接”。", ["10:3 mixed-quotes", "10:11 mixed-quotes", "10:12 latin-comma"]],
  ])("%s", (text, fixed, found) => {
    const out = lint(text);
    expect(out.found).toEqual(found);
    expect(out.fixed).toBe(fixed);
    for (const problem of out.result.problems) {
      expect(problem.severity).toBe("warning");
      expect(problem.file).toBe("content/a/1.md");
      expect(TYPOGRAPHY_RULES).toContain(problem.rule);
    }
    // A fixed text has nothing left to fix.
    expect(lint(fixed).found).toEqual([]);
  });

  it("prefers 「」 in Traditional text when quotation styles are mixed", () => {
    const out = lint("他說「我們建立了機制」，並強調“三個銜接”。", { script: "zh-Hant" });
    expect(out.found).toEqual(["10:16 mixed-quotes", "10:21 mixed-quotes"]);
    expect(out.fixed).toBe("他說「我們建立了機制」，並強調「三個銜接」。");
  });

  it("reports unbalanced 《》, “”, （） and 〔〕, and leaves them for the editor", () => {
    const out = lint("全力实施《数字乡村发展战略纲要。\n\n他说“好。\n\n正文）多余\n\n〔未闭合");
    expect(out.found).toEqual(["10:5 unbalanced-brackets", "12:3 unbalanced-brackets", "14:3 unbalanced-brackets", "16:1 unbalanced-brackets"]);
    expect(out.fixed).toBe("全力实施《数字乡村发展战略纲要。\n\n他说“好。\n\n正文）多余\n\n〔未闭合");
    expect(out.result.problems[0]!.message).toMatch(/《.*never closed.*》/);
  });

  it("accepts a quotation running over paragraphs: each opens with “, only the last closes", () => {
    expect(lint("“第一段引语，\n\n“第二段引语。”").found).toEqual([]);
  });

  it("counts positions from the given line and, on the first line, the given column", () => {
    const out = lintTypography("中央网信办:联合", { ...hans, firstLine: 4, firstColumn: 11, markdown: false });
    expect(out.problems.map((p) => [p.line, p.column])).toEqual([[4, 16]]);
    const body = lintTypography("第一段。\n\n第二段,内容。", { ...hans, firstLine: 12 });
    expect(body.problems.map((p) => [p.line, p.column])).toEqual([[14, 4]]);
  });

  it("can skip rules (a byline's space between title and name)", () => {
    expect(lint("法治日报全媒体记者 侯建斌", { markdown: false, disable: ["space-between-chinese"] }).found).toEqual([]);
    expect(lint("法治日报全媒体记者 侯建斌", { markdown: false }).found).toEqual(["10:10 space-between-chinese"]);
  });
});

describe("typography lint: what it leaves alone", () => {
  it.each([
    ["numbers", "规模扩大8.4倍，达1.7万亿元，覆盖率99.2%，共1,800个。"],
    ["times and ratios", "会议于14:45召开，比例为1:2。"],
    ["English sentences", "The State Council said, \"We will act.\" (WHO) agreed; did it? Yes!"],
    ["an English quotation in a Chinese sentence", "他说：“We will act, now.”然后离开。"],
    ["apostrophes", "China’s economy与“双碳”目标。"],
    ["document numbers", "根据《国务院办公厅关于加强数字政府建设的指导意见》（国办发〔2021〕29号）文件精神。"],
    ["「」 in Traditional", "直播帶貨是「面向市場」的商業行為，「三無」產品。"],
    ["link URLs", "请访问[网站](https://example.gov.cn/a,b.html?x=1:2)了解详情。"],
    ["bare URLs", "详见https://www.gov.cn/a,b.html，其他文字。"],
    ["code spans", "代码`a,b:c`不变。"],
    ["fenced code", "正文。\n\n```\ncode,here:1 (中文,逗号)\n```\n"],
    ["indented code", "正文。\n\n    中文,逗号\n"],
    ["HTML", "<span title=\"中文,逗号\">文字</span>\n\n<div>\n中文,逗号\n</div>\n"],
    ["front matter", "---\ntitle: 测试,标题\n---\n\n正文内容。"],
    ["conversion markup", "-{zh-hans:软件;zh-hant:軟體}-发展很快，-{内生,发展}-。"],
    ["escapes and entities", "中文\\,逗号&amp;与&#44;号。"],
    ["abbreviations and file names", "见附件.pdf与e.g.说明，版本v1.2.3。"],
    ["e-mail addresses", "来信请寄zhang.san@example.gov.cn，谢谢。"],
    ["law articles: 第一条 and its text", "第一条　为了规范数据处理活动，制定本法。"],
    ["headline spacing in headings", "## 台风过境后 台州全力恢复生产生活秩序\n\n正文。"],
    ["a dash list", "——贫困地区网络覆盖目标提前超额完成，贫困村通光纤比例提高到98%；"],
    ["Markdown emphasis and lists", "**重要**：正文。\n\n1. 第一项；\n2. 第二项。\n\n- 甲\n- 乙\n"],
  ])("%s", (_name, text) => {
    const options = /[帶貨場為]/.test(text) ? hant : hans;
    const out = lintTypography(text, { ...options, firstLine: 1 });
    expect(out.problems.map((p) => `${p.line}:${p.column} ${p.rule} ${p.message}`)).toEqual([]);
    expect(out.fix()).toBe(text);
  });
});

describe("placeholders", () => {
  it("reports 待填写, 待填寫 and TODO as errors with their positions, but not in YAML comments", () => {
    const text = "---\nid: 1\ntitle: 待填写\n# byline: 待填写\nbyline: 待填寫\n---\n\n正文TODO：补充数据。TODOS 不算。\n";
    const problems = lintPlaceholders(text, { file: "content/a/1.md" });
    expect(problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.rule}`)).toEqual(["3:8 error placeholder", "5:9 error placeholder", "8:3 error placeholder"]);
    expect(problems[0]!.message).toMatch(/field "title".*待填写/);
  });
});

describe("a whole article file", () => {
  const file = [
    "---",
    "id: 1",
    "title: 网络扶贫取得明显成效",
    "subtitle: 中央网信办:联合相关部门打赢网络扶贫收官战",
    'source: "法治日报——法制网"',
    "byline: 法治日报全媒体记者 侯建斌",
    "editor: 张小军",
    "---",
    "",
    "作为重要组成部分,网络扶贫取得成效。",
    "",
    "他说「好」。",
    "",
  ].join("\n");

  it("lints the displayed fields and the body, positions from the top of the file, quotes across the article", () => {
    const result = lintArticleText(file.replace("张小军", "张小军“编”"), { file: "content/a/1.md", script: "zh-Hans" });
    expect(result.problems.map((p) => `${p.line}:${p.column} ${p.rule}`)).toEqual([
      "4:16 half-width-punctuation",
      "10:9 latin-comma",
      "12:3 mixed-quotes",
      "12:5 mixed-quotes",
    ]);
  });

  it("fixes the file in place, leaving the front matter's syntax alone", () => {
    const fixed = lintArticleText(file, { file: "content/a/1.md", script: "zh-Hans" }).fix();
    expect(fixed).toBe(file.replace("中央网信办:", "中央网信办：").replace("部分,", "部分，"));
    expect(lintArticleText(fixed, { file: "content/a/1.md", script: "zh-Hans" }).problems).toEqual([]);
  });
});
