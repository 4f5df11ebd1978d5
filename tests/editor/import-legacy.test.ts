import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Root } from "hast";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProblemCollector } from "../../src/content/problems.js";
import { importLegacy, parseLegacyText } from "../../src/editor/import-legacy.js";
import { attr, parseHtmlFile, text, texts } from "../helpers/html.js";
import { createTempProject, type TempProject } from "../helpers/project.js";

/** The project root is the parent of tests/; the seed lies beside the project. */
const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SEED = resolve(PROJECT, "..", "shared", "seed", "000_41d0ef9ed269e990.txt");
const SEED_TEXT = readFileSync(SEED, "utf8");
const PAGE = "dist/zh-hant/2020/11/13/8355537.html";

function frontMatter(source: string): Record<string, unknown> {
  return parse(source.split(/^---$/m)[1]!) as Record<string, unknown>;
}

/** The fields an article page shows, read from its HTML. */
function pageFields(page: Root) {
  return {
    section: text(page, "main article .breadcrumb a"),
    sectionHref: attr(page, "main article .breadcrumb a", "href"),
    title: text(page, "main article h1"),
    subtitle: text(page, "main article .subtitle"),
    date: text(page, "main article .published"),
    datetime: attr(page, "main article .published time", "dateTime"),
    source: text(page, "main article .source"),
    byline: text(page, "main article .byline"),
    editor: text(page, "main article .editor"),
    id: text(page, "main article .article-id"),
    lang: attr(page, "html", "lang"),
    headings: texts(page, "main article .article-body h2"),
    dashItems: texts(page, "main article .article-body p").filter((p) => p.startsWith("——")).length,
  };
}

describe("parsing a legacy export", () => {
  it("places every field of the seed and drops the page chrome", () => {
    const problems = new ProblemCollector();
    const parsed = parseLegacyText(SEED_TEXT, "seed.txt", problems);
    expect(problems.all).toEqual([]);
    expect(parsed).toMatchObject({
      sectionName: "法治政府",
      title: "網絡扶貧取得明顯成效",
      subtitle: "中央網信辦:聯合相關部門打贏網絡扶貧收官戰",
      date: "2020-11-13 14:45",
      weekday: "星期五",
      source: "法治日報——法制網",
      byline: "法治日報全媒體記者 侯建斌",
      editor: "張小軍",
      id: "8355537",
    });
    const blocks = parsed.body.map((b) => b.markdown);
    expect(blocks.join("\n")).not.toContain("中通速遞");
    expect(blocks.join("\n")).not.toContain("相關新聞");
    expect(blocks.filter((b) => b.startsWith("## "))).toEqual(["## 建立部際協調工作機制", "## 杜絕借扶貧旗號斂財牟利", "## 進一步彌補城鄉數字鴻溝"]);
    expect(blocks.filter((b) => b.startsWith("——"))).toHaveLength(3);
    expect(blocks[0]).toMatch(/^作為打贏脱貧攻堅戰/);
    expect(parsed.body[0]!.line).toBe(11);
  });

  it("reads Simplified exports with full-width colons, a date without a weekday, and escapes Markdown syntax", () => {
    const problems = new ProblemCollector();
    const parsed = parseLegacyText(
      ["首页>>立法动态>>", "标题", "发布时间：2021-03-04 09:30", "来源：新华社", "□ 本报记者 张三", "", "1. 第一条规定*重要*。", "# 不是标题。", "", "（责任编辑：李四）", "稿件编号：1234567"].join("\n"),
      "x.txt",
      problems,
    );
    expect(problems.all).toEqual([]);
    expect(parsed).toMatchObject({ sectionName: "立法动态", title: "标题", date: "2021-03-04 09:30", source: "新华社", byline: "本报记者 张三", editor: "李四", id: "1234567" });
    expect(parsed.weekday).toBeUndefined();
    expect(parsed.body.map((b) => b.markdown)).toEqual(["1\\. 第一条规定\\*重要\\*。", "\\# 不是标题。"]);
  });

  it("reports what it cannot place instead of guessing", () => {
    const problems = new ProblemCollector();
    parseLegacyText(["法治政府>>", "引题？", "标题", "副题", "发布时间:2021-03-04 09:30", "正文。", "责任编辑:李四", "1234567", "多余的一行", "相关新闻", "另一篇稿件的标题"].join("\n"), "x.txt", problems);
    expect(problems.all.map((p) => `${p.line}:${p.column} ${p.severity} ${p.rule}`)).toEqual([
      "2:1 error import-unplaced",
      "9:1 warning import-unplaced",
      "11:1 warning import-related",
    ]);
  });
});

describe("fabu import of the seed", () => {
  let sample: TempProject;
  let imported: TempProject;
  let result: ReturnType<typeof importLegacy>;

  beforeAll(() => {
    sample = createTempProject({ sampleContent: true });
    expect(sample.fabu(["build"]).status).toBe(0);
    imported = createTempProject({ sampleContent: true });
    imported.remove("content/fazhi-zhengfu/8355537.md");
    result = importLegacy({ projectRoot: imported.root, inputs: [SEED] });
  });
  afterAll(() => {
    sample?.dispose();
    imported?.dispose();
  });

  it("writes content/fazhi-zhengfu/8355537.md in Traditional, with the labels' half-width colons and the body's commas fixed", () => {
    expect(result.written).toEqual(["content/fazhi-zhengfu/8355537.md"]);
    const written = imported.read("content/fazhi-zhengfu/8355537.md");
    expect(frontMatter(written)).toEqual({
      id: 8355537,
      title: "網絡扶貧取得明顯成效",
      subtitle: "中央網信辦：聯合相關部門打贏網絡扶貧收官戰",
      date: "2020-11-13 14:45",
      source: "法治日報——法制網",
      byline: "法治日報全媒體記者 侯建斌",
      editor: "張小軍",
      lang: "zh-Hant",
    });
    expect(written).toContain("\n\n作為打贏脱貧攻堅戰的重要組成部分，網絡扶貧如今已取得實質性進展和明顯成效：\n\n——貧困地區");
    expect(written).toContain("試點縣（市、區），其中");
    expect(written).not.toMatch(/[\u4e00-\u9fff][,:;](?!\d)/);
  });

  it("reports the legacy site's greedy conversion (內生髮展) for review, and nothing it could not place", () => {
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
    const conversions = result.problems.filter((p) => p.rule === "import-legacy-conversion");
    expect(conversions.some((p) => p.line === 79 && p.message.includes("髮") && p.message.includes("發"))).toBe(true);
    expect(result.problems.every((p) => p.rule === "import-legacy-conversion")).toBe(true);
  });

  it("builds to a page with the same fields as the hand-made article", () => {
    const build = imported.fabu(["build"]);
    expect(build.stderr).not.toMatch(/error/i);
    expect(build.status).toBe(0);
    const mine = pageFields(parseHtmlFile(join(imported.root, PAGE)));
    const theirs = pageFields(parseHtmlFile(join(sample.root, PAGE)));
    expect(mine).toEqual(theirs);
    expect(mine).toMatchObject({ title: "網絡扶貧取得明顯成效", section: "法治政府", byline: "法治日報全媒體記者 侯建斌", lang: "zh-Hant" });
  });

  it("refuses to overwrite the article when the same export is imported again", () => {
    const again = importLegacy({ projectRoot: imported.root, inputs: [SEED] });
    expect(again.written).toEqual([]);
    expect(again.problems.filter((p) => p.severity === "error").map((p) => p.rule)).toEqual(["import-exists"]);
  });
});

describe("fabu import: refusals", () => {
  let project: TempProject;
  beforeAll(() => {
    project = createTempProject({ sampleContent: true });
    project.remove("content/fazhi-zhengfu/8355537.md");
  });
  afterAll(() => project.dispose());

  it("reports a weekday that does not match the date, and writes the article as a draft to check", () => {
    project.write("exports/wrong-weekday.txt", SEED_TEXT.replace("星期五", "星期四"));
    const out = importLegacy({ projectRoot: project.root, inputs: [join(project.root, "exports")] });
    const mismatch = out.problems.filter((p) => p.rule === "import-weekday-mismatch");
    expect(mismatch.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity}`)).toEqual(["exports/wrong-weekday.txt:5:23 error"]);
    expect(mismatch[0]!.message).toMatch(/2020-11-13 was a 星期五, but the export says 星期四/);
    expect(out.written).toEqual(["content/fazhi-zhengfu/8355537.md"]);
    expect(frontMatter(project.read("content/fazhi-zhengfu/8355537.md")).draft).toBe(true);
    project.remove("content/fazhi-zhengfu/8355537.md");
  });

  it("refuses a section it cannot match, and accepts it through sectionMap", () => {
    project.write("exports2/a.txt", SEED_TEXT.replace("法治政府>>", "政务公开>>"));
    const refused = importLegacy({ projectRoot: project.root, inputs: [join(project.root, "exports2/a.txt")] });
    expect(refused.written).toEqual([]);
    expect(refused.problems.find((p) => p.rule === "import-unknown-section")?.message).toMatch(/"政务公开" matches no section title; known sections: fazhi-zhengfu \(法治政府/);
    const mapped = importLegacy({ projectRoot: project.root, inputs: [join(project.root, "exports2/a.txt")], sectionMap: { 政务公开: "shuzi-xiangcun" } });
    expect(mapped.written).toEqual(["content/shuzi-xiangcun/8355537.md"]);
  });

  it("refuses an id another article already has", () => {
    project.write("exports3/b.txt", SEED_TEXT.replace("8355537", "8360218"));
    const out = importLegacy({ projectRoot: project.root, inputs: [join(project.root, "exports3/b.txt")] });
    expect(out.written).toEqual([]);
    expect(out.problems.find((p) => p.rule === "import-duplicate-id")?.message).toMatch(/8360218 is already used by content\/shuzi-xiangcun\/8360218\.md/);
  });
});
