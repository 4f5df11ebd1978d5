import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ArticleMemo } from "../../src/content/article-memo.js";
import { loadContent } from "../../src/content/load-content.js";
import { createTempProject, type TempProject } from "../helpers/project.js";

const SEED = "content/fazhi-zhengfu/8355537.md";
const TITLE = "title: 网络扶贫取得明显成效";

describe("ArticleMemo: what the preview server reads again after a save", () => {
  let project: TempProject;
  const load = (memo: ArticleMemo) => loadContent(project.root, join(project.root, "content"), { memo });
  const titleOf = (memo: ArticleMemo, id = "8355537") => load(memo).articles.find((a) => a.id === id)?.title;
  const retitle = (title: string) => project.write(SEED, project.read(SEED).replace(TITLE, `title: ${title}`));

  beforeEach(() => {
    project = createTempProject({ sampleContent: true });
  });
  afterEach(() => project.dispose());

  it("without a watcher, notices an edit by the file's size and times, and returns unchanged articles as the same objects", () => {
    const memo = new ArticleMemo();
    const first = load(memo);
    retitle("网络扶贫成效显著");
    const second = load(memo);
    expect(second.articles.find((a) => a.id === "8355537")?.title).toBe("网络扶贫成效显著");
    const others = (loaded: typeof first) => loaded.articles.filter((a) => a.id !== "8355537");
    expect(others(second)).toHaveLength(others(first).length);
    others(second).forEach((article, i) => expect(article).toBe(others(first)[i]));
  });

  it("with a watcher, reads again only the files it reported written", () => {
    const memo = new ArticleMemo();
    memo.watching();
    expect(titleOf(memo)).toBe("网络扶贫取得明显成效");
    // Not reported: trusted unchanged, not even looked at (this is what makes a save cheap on a large site).
    retitle("未报告的修改");
    expect(titleOf(memo)).toBe("网络扶贫取得明显成效");
    memo.fileWritten(join(project.root, SEED));
    expect(titleOf(memo)).toBe("未报告的修改");
  });

  it("with a watcher, lists and checks every file again after a file is added, removed or renamed", () => {
    const memo = new ArticleMemo();
    memo.watching();
    const before = load(memo).articles.length;
    const added = project.read(SEED).replace("id: 8355537", "id: 8355538").replace(TITLE, "title: 新增的文章");
    project.write("content/fazhi-zhengfu/8355538.md", added);
    retitle("改名保存的修改");
    memo.filesMoved();
    const after = load(memo);
    expect(after.articles).toHaveLength(before + 1);
    expect(after.articles.find((a) => a.id === "8355538")?.title).toBe("新增的文章");
    expect(after.articles.find((a) => a.id === "8355537")?.title).toBe("改名保存的修改");
    project.remove("content/fazhi-zhengfu/8355538.md");
    memo.filesMoved();
    expect(load(memo).articles).toHaveLength(before);
  });

  it("parses every article afresh when the settings a parse depends on change", () => {
    const memo = new ArticleMemo();
    memo.watching();
    const first = load(memo).articles.find((a) => a.id === "8355537")!;
    project.write("content/_site.yml", project.read("content/_site.yml").replace("timeZone: Asia/Shanghai", "timeZone: Asia/Tokyo"));
    const second = load(memo).articles.find((a) => a.id === "8355537")!;
    expect(second).not.toBe(first);
    expect(second.date.epochMs).not.toBe(first.date.epochMs);
  });
});
