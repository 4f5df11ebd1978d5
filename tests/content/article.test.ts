import { describe, expect, it } from "vitest";
import { parseArticle } from "../../src/content/article.js";
import { ProblemCollector } from "../../src/content/problems.js";
import { articleText } from "../helpers/project.js";

const options = { timeZone: "Asia/Shanghai", maxAliasExpansions: 100, folderSection: "fazhi" };

function parse(text: string) {
  const problems = new ProblemCollector();
  const article = parseArticle(text, "content/fazhi/x.md", problems, options);
  return { article, problems: problems.all };
}

describe("article front matter", () => {
  it("reads every field of a valid article", () => {
    const { article, problems } = parse(
      articleText({ subtitle: "副题", kicker: "引题", tags: "[网络扶贫, 数字乡村]", related: "[8355540]", draft: "true", lang: "zh-Hant", updated: "2021-03-05" }),
    );
    expect(problems).toEqual([]);
    expect(article).toMatchObject({ id: "1000001", title: "测试标题", subtitle: "副题", kicker: "引题", section: "fazhi", byline: ["本报记者 张三"], editor: "李四", tags: ["网络扶贫", "数字乡村"], draft: true, lang: "zh-Hant" });
    expect(article?.related.map((r) => r.id)).toEqual(["8355540"]);
    expect(article?.body).toBe("\n正文第一段。\n");
    expect(article?.bodyStartLine).toBe(15);
  });

  it("keeps an id exactly as written, leading zeros included", () => {
    expect(parse(articleText({ id: "08355537" })).article?.id).toBe("08355537");
    expect(parse(articleText({ id: '"0835601"' })).article?.id).toBe("0835601");
    expect(parse(articleText({ related: "[08355537, '0042']" })).article?.related.map((r) => r.id)).toEqual(["08355537", "0042"]);
  });

  it("reads a time without an offset as Beijing time, whatever TZ says", () => {
    const { article } = parse(articleText({ date: "2020-11-13 14:45" }));
    expect(new Date(article!.date.epochMs).toISOString()).toBe("2020-11-13T06:45:00.000Z");
    const offset = parse(articleText({ date: "2020-11-13T14:45:00+09:00" })).article;
    expect(new Date(offset!.date.epochMs).toISOString()).toBe("2020-11-13T05:45:00.000Z");
    const dateOnly = parse(articleText({ date: "2020-11-13" })).article;
    expect(dateOnly?.date.hasTime).toBe(false);
  });

  it("accepts a list byline", () => {
    const text = articleText({ byline: undefined }).replace("---\n\n", "byline:\n  - 记者 甲\n  - 记者 乙\n---\n\n");
    expect(parse(text).article?.byline).toEqual(["记者 甲", "记者 乙"]);
  });

  it.each([
    ["a missing required field", articleText({ editor: undefined }), 1, 1, "missing-field", /"editor" is required/],
    ["a wrongly typed field", articleText({ tags: "网络扶贫" }), 7, 1, "invalid-field", /"tags" must be a list/],
    ["a typo in a key", articleText({ edtior: "张三" }), 7, 1, "unknown-key", /unknown front matter field "edtior"; did you mean "editor"\?/],
    ["an impossible date", articleText({ date: "2021-02-30 10:00" }), 4, 7, "invalid-date", /"date" is not a date/],
    ["an id that is not URL-safe", articleText({ id: "'../x'" }), 2, 5, "invalid-id", /may contain only letters/],
    ["a YAML syntax error, at the unclosed bracket", articleText({ title: "[未闭合" }), 3, 8, "yaml-syntax", /this \[ is never closed/],
    ["an unclosed quote, where it opened", articleText({ title: "\"未闭合" }), 3, 8, "yaml-syntax", /this " is never closed/],
    ["a duplicate key", articleText({ title: "标题\ntitle: 又一个" }), 4, 1, "yaml-syntax", /a key appears twice/],
    ["a tab used for indentation", articleText({ tags: "\n\t- 甲" }), 8, 1, "yaml-syntax", /tab/i],
    ["a code-constructing tag", articleText({ title: "!!js/function 'function(){}'" }), 3, 8, "yaml-syntax", /tag/],
    ["a prototype key", articleText({ ["__proto__"]: "{polluted: yes}" }), 7, 1, "forbidden-key", /__proto__/],
  ])("reports %s at its line and column", (_name, text, line, column, rule, message) => {
    const { article, problems } = parse(text);
    expect(article).toBeUndefined();
    const problem = problems.find((p) => p.rule === rule);
    expect(problem, JSON.stringify(problems)).toBeDefined();
    expect(problem).toMatchObject({ file: "content/fazhi/x.md", line, severity: "error" });
    if (rule !== "yaml-syntax") expect(problem?.column).toBe(column);
    expect(problem?.message).toMatch(message);
  });

  it.each(["---js", "---javascript", "--- JS", "---Js", "---coffee", "---yaml"])("refuses a %s front matter block without running it", (fence) => {
    const text = `${fence}\n{ title: (globalThis.ranFrontMatter = true) }\n---\n正文\n`;
    const { article, problems } = parse(text);
    expect(article).toBeUndefined();
    expect(problems[0]).toMatchObject({ line: 1, rule: "front-matter-engine" });
    expect((globalThis as Record<string, unknown>).ranFrontMatter).toBeUndefined();
  });

  it("refuses a file without front matter, one that starts late, and one never closed", () => {
    expect(parse("正文\n").problems[0]?.rule).toBe("front-matter-missing");
    expect(parse("\n---\ntitle: x\n---\n").problems[0]?.message).toMatch(/found at line 2/);
    expect(parse("---\ntitle: x\n正文\n").problems[0]?.rule).toBe("front-matter-unclosed");
  });

  it("bounds alias expansion (billion laughs)", () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`);
    }
    const started = performance.now();
    const { problems } = parse(`---\n${levels.join("\n")}\n---\n`);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(problems.some((p) => p.rule === "yaml-aliases")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
