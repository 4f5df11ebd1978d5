import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/load-content.js";
import { openParseCache } from "../../src/content/parse-cache.js";
import type { ParsedArticleFile } from "../../src/content/article-memo.js";
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

  /** The entry files, once there is a whole one per article file (they are written in the background). */
  const entriesWritten = async (): Promise<string[]> => {
    const articleFiles = readdirSync(join(project.root, "content"), { recursive: true, withFileTypes: true }).filter(
      (entry) => entry.isFile() && entry.name.endsWith(".md") && !entry.name.startsWith("_"),
    ).length;
    const whole = (file: string) => {
      try {
        JSON.parse(readFileSync(file, "utf8"));
        return true;
      } catch {
        return false;
      }
    };
    for (let waited = 0; ; waited += 50) {
      const files = readdirSync(cacheDir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith(".json"))
        .map((entry) => join(entry.parentPath, entry.name));
      if ((files.length >= articleFiles && files.every(whole)) || waited > 20_000) return files;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it("gives the same articles and problems as parsing, property order included (render keys hash it)", async () => {
    project.write(SEED, project.read(SEED).replace("title: 网络扶贫取得明显成效", "title: 网络扶贫取得明显成效\u200b"));
    const parsed = load();
    const first = load(cacheDir);
    const entries = await entriesWritten();
    const cached = load(cacheDir);
    expect(parsed.problems.length).toBeGreaterThan(0);
    for (const loaded of [first, cached]) {
      expect(JSON.stringify(loaded.articles)).toBe(JSON.stringify(parsed.articles));
      expect(loaded.problems).toEqual(parsed.problems);
    }
    // What the next load returns comes from the entries: edit one behind the cache's back and it shows.
    const { id, title } = parsed.articles[0]!;
    const entry = entries.find((file) => readFileSync(file, "utf8").includes(`"id":"${id}"`))!;
    writeFileSync(entry, readFileSync(entry, "utf8").replace(JSON.stringify({ title }).slice(1, -1), '"title":"缓存里的标题"'));
    expect(load(cacheDir).articles.find((a) => a.id === id)?.title).toBe("缓存里的标题");
  });

  it("parses only texts it has not seen, and keeps one entry per article", async () => {
    const settings = "settings";
    const cache = openParseCache(cacheDir, settings);
    let parses = 0;
    const parse = (id: string) => (): ParsedArticleFile => {
      parses++;
      return { article: undefined, problems: [], ids: [id] };
    };
    expect(cache.parsed("content/a.md", "s", "text a", parse("a")).ids).toEqual(["a"]);
    await cache.written();
    expect(cache.parsed("content/a.md", "s", "text a", parse("x")).ids).toEqual(["a"]);
    expect(parses).toBe(1);
    // Another text, path or folder section is another entry.
    cache.parsed("content/a.md", "s", "text a, edited", parse("b"));
    cache.parsed("content/b.md", "s", "text a", parse("c"));
    cache.parsed("content/a.md", "t", "text a", parse("d"));
    expect(parses).toBe(4);
    // Other settings are another generation.
    const other = openParseCache(cacheDir, "other settings");
    other.parsed("content/a.md", "s", "text a", parse("e"));
    expect(parses).toBe(5);
    // Its build then drops the first generation, which can never be used again.
    other.prune();
    expect(readdirSync(cacheDir).filter((name) => !name.startsWith(".trash-"))).toHaveLength(1);
  });

  it("parses again when an entry is unreadable", async () => {
    const before = load(cacheDir);
    for (const file of await entriesWritten()) writeFileSync(file, "{ not json");
    expect(JSON.stringify(load(cacheDir).articles)).toBe(JSON.stringify(before.articles));
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
