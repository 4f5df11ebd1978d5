import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/load-content.js";
import { ArticleChangedDuringBuildError, openParseCache } from "../../src/content/parse-cache.js";
import { factsJson } from "../../src/build/index-snapshot.js";
import type { ParsedArticleFile } from "../../src/content/article-memo.js";
import type { ArticleSource } from "../../src/content/article.js";
import { createTempProject, type TempProject } from "../helpers/project.js";

const SEED = "content/fazhi-zhengfu/8355537.md";

describe("the parse cache (.cache/parsed)", () => {
  let project: TempProject;
  let cacheDir: string;
  const load = (parseCacheDir?: string) => loadContent(project.root, join(project.root, "content"), { parseCacheDir });

  beforeEach(() => {
    project = createTempProject({ sampleContent: true });
    cacheDir = join(project.root, ".cache", "parsed");
  });
  afterEach(() => project.dispose());

  /** The shard files, once they hold a whole entry per article file (they are written in the background). */
  const articleFileCount = () =>
    readdirSync(join(project.root, "content"), { recursive: true, withFileTypes: true }).filter(
      (entry) => entry.isFile() && entry.name.endsWith(".md") && !entry.name.startsWith("_"),
    ).length;
  const entriesWritten = async (): Promise<string[]> => {
    const articleFiles = articleFileCount();
    const wholeEntries = (file: string) => {
      try {
        return readFileSync(file, "utf8").split("\n").filter((line) => JSON.parse(line.slice(65)) !== undefined).length;
      } catch {
        return 0;
      }
    };
    for (let waited = 0; ; waited += 50) {
      const files = readdirSync(cacheDir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith(".jsonl"))
        .map((entry) => join(entry.parentPath, entry.name));
      if (files.reduce((sum, file) => sum + wholeEntries(file), 0) >= articleFiles || waited > 20_000) return files;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it("gives the same articles and problems as parsing, each named by what it was parsed from", async () => {
    project.write(SEED, project.read(SEED).replace("title: 网络扶贫取得明显成效", "title: 网络扶贫取得明显成效\u200b"));
    const parsed = load();
    const first = load(cacheDir);
    const entries = await entriesWritten();
    const cached = load(cacheDir);
    expect(parsed.problems.length).toBeGreaterThan(0);
    const withoutOrigin = (articles: readonly ArticleSource[]) => JSON.stringify(articles.map(({ parsedFrom, factsFrom, ...article }) => article));
    // With lazy bodies, each body is read from its file when used (here by JSON.stringify).
    const lazy = loadContent(project.root, join(project.root, "content"), { parseCacheDir: cacheDir, lazyBodies: true });
    for (const loaded of [first, cached, lazy]) {
      expect(withoutOrigin(loaded.articles)).toBe(JSON.stringify(parsed.articles));
      expect(loaded.problems).toEqual(parsed.problems);
    }
    // The render cache keys an article by its origin: one per text, the same whether parsed or read back.
    const origins = first.articles.map((article) => article.parsedFrom);
    expect(new Set(origins).size).toBe(first.articles.length);
    expect(origins.every((origin) => typeof origin === "string")).toBe(true);
    expect(cached.articles.map((article) => article.parsedFrom)).toEqual(origins);
    expect(parsed.articles.some((article) => article.parsedFrom !== undefined)).toBe(false);
    // What the next load returns comes from the entries: edit one behind the cache's back and it shows.
    const { id, title } = parsed.articles[0]!;
    const entry = entries.find((file) => readFileSync(file, "utf8").includes(`"id":"${id}"`))!;
    writeFileSync(entry, readFileSync(entry, "utf8").replace(JSON.stringify({ title }).slice(1, -1), '"title":"缓存里的标题"'));
    expect(load(cacheDir).articles.find((a) => a.id === id)?.title).toBe("缓存里的标题");
  });

  it("names each article's facts by a hash that changes with its front matter, not with its body", async () => {
    const factsOf = () => {
      const loaded = loadContent(project.root, join(project.root, "content"), { parseCacheDir: cacheDir, lazyBodies: true });
      return new Map(loaded.articles.map((article) => [article.file, article.factsFrom]));
    };
    const first = factsOf();
    expect([...first.values()].every((hash) => typeof hash === "string")).toBe(true);
    await entriesWritten();
    expect(factsOf()).toEqual(first);
    project.write(SEED, `${project.read(SEED)}\n正文末尾新加的一段。\n`);
    const bodyEdited = factsOf();
    expect(bodyEdited).toEqual(first);
    project.write(SEED, project.read(SEED).replace("title: 网络扶贫取得明显成效", "title: 网络扶贫取得显著成效"));
    const titleEdited = factsOf();
    expect(titleEdited.get(SEED)).not.toBe(first.get(SEED));
    expect([...titleEdited].filter(([file, hash]) => hash !== first.get(file)).map(([file]) => file)).toEqual([SEED]);
  });

  const source = (text: string) => ({ bytes: Buffer.from(text), text: () => text });

  it("parses only texts it has not seen, and keeps one entry per article", async () => {
    const settings = "settings";
    const cache = openParseCache(cacheDir, settings);
    let parses = 0;
    const parse = (id: string) => (): ParsedArticleFile => {
      parses++;
      return { article: undefined, problems: [], ids: [id] };
    };
    expect(cache.parsed("content/a.md", "s", source("text a"), parse("a")).ids).toEqual(["a"]);
    await cache.written();
    expect(cache.parsed("content/a.md", "s", source("text a"), parse("x")).ids).toEqual(["a"]);
    expect(parses).toBe(1);
    // Another text, path or folder section is another entry.
    cache.parsed("content/a.md", "s", source("text a, edited"), parse("b"));
    cache.parsed("content/b.md", "s", source("text a"), parse("c"));
    cache.parsed("content/a.md", "t", source("text a"), parse("d"));
    expect(parses).toBe(4);
    // Other settings are another generation.
    const other = openParseCache(cacheDir, "other settings");
    other.parsed("content/a.md", "s", source("text a"), parse("e"));
    expect(parses).toBe(5);
    // Its build then drops the first generation, which can never be used again.
    other.prune();
    expect(readdirSync(cacheDir).filter((name) => !name.startsWith(".trash-"))).toHaveLength(1);
  });

  it("reads a lazy body from its file only when it is used, and refuses one that changed meanwhile", async () => {
    load(cacheDir);
    await entriesWritten();
    const lazyLoad = () => loadContent(project.root, join(project.root, "content"), { parseCacheDir: cacheDir, lazyBodies: true });
    const seedOf = (loaded: ReturnType<typeof lazyLoad>) => loaded.articles.find((article) => article.file === SEED)!;
    const original = project.read(SEED);
    // Gone after the load: every field but the body is there, and the page index's view of it too.
    const gone = seedOf(lazyLoad());
    project.remove(SEED);
    expect(gone.title).toBe("网络扶贫取得明显成效");
    expect(factsJson(gone)).toContain("网络扶贫取得明显成效");
    expect(() => gone.body).toThrow();
    project.write(SEED, original);
    const edited = seedOf(lazyLoad());
    project.write(SEED, `${original}\n新增一段。\n`);
    expect(() => edited.body).toThrow(ArticleChangedDuringBuildError);
    project.write(SEED, original);
    const kept = seedOf(lazyLoad());
    expect(kept.body).toBe(seedOf(load()).body);
    expect(kept.body.length).toBeGreaterThan(1000);
  });

  it("parses again when an entry is unreadable", async () => {
    const before = load(cacheDir);
    const files = await entriesWritten();
    const cut = (text: string) => text.split("\n").map((line) => `${line.slice(0, 65)}{ "article": { "cut short`).join("\n");
    for (const file of files) writeFileSync(file, cut(readFileSync(file, "utf8")));
    expect(JSON.stringify(load(cacheDir).articles)).toBe(JSON.stringify(before.articles));
    for (const file of files) writeFileSync(file, "{ not json");
    expect(JSON.stringify(load(cacheDir).articles)).toBe(JSON.stringify(before.articles));
  });

  it("keeps only the entries of the articles as they are now", async () => {
    load(cacheDir);
    await entriesWritten();
    project.write(SEED, project.read(SEED).replace("title: 网络扶贫取得明显成效", "title: 网络扶贫取得明显成效（修订）"));
    load(cacheDir);
    const files = await entriesWritten();
    const lines = files.flatMap((file) => readFileSync(file, "utf8").split("\n"));
    expect(lines).toHaveLength(articleFileCount());
    expect(lines.filter((line) => line.includes("网络扶贫取得明显成效")).map((line) => line.includes("（修订）"))).toEqual([true]);

    // A temporary file left by a build killed mid-write goes once it is old; one being written stays.
    const generation = join(cacheDir, readdirSync(cacheDir).find((name) => !name.startsWith("."))!);
    const [left, inFlight] = [join(generation, ".tmp-1-left"), join(generation, ".tmp-2-writing")];
    writeFileSync(left, "partial");
    writeFileSync(inFlight, "partial");
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(left, anHourAgo, anHourAgo);
    load(cacheDir);
    expect([existsSync(left), existsSync(inFlight)]).toEqual([false, true]);
  });

  it("parses everything when the cache folder cannot be made", () => {
    const blocked = mkdtempSync(join(tmpdir(), "fabu-parse-cache-"));
    writeFileSync(join(blocked, "parsed"), "a file where the folder would be");
    try {
      expect(JSON.stringify(load(join(blocked, "parsed")).articles)).toBe(JSON.stringify(load().articles));
    } finally {
      rmSync(blocked, { recursive: true, force: true });
    }
  });
});
