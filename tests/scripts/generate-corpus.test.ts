import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { writeCorpus } from "../../scripts/bench/corpus/write.js";
import { PROJECT_ROOT, treeDigest } from "../helpers/project.js";

const COUNT = 30;
const REQUIRED = ["id", "title", "date", "byline", "editor"] as const;
const ALL_FIELDS = ["id", "title", "subtitle", "kicker", "date", "updated", "source", "byline", "editor", "tags", "related", "summary", "draft", "lang", "glossary"];

interface Article {
  readonly file: string;
  readonly section: string;
  readonly data: Record<string, unknown>;
  readonly body: string;
}

function readArticles(root: string): Article[] {
  const content = join(root, "content");
  const articles: Article[] = [];
  for (const section of readdirSync(content, { withFileTypes: true })) {
    if (!section.isDirectory()) continue;
    for (const name of readdirSync(join(content, section.name))) {
      if (name === "_index.md") continue;
      const text = readFileSync(join(content, section.name, name), "utf8");
      const match = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(text);
      expect(match, `${section.name}/${name} starts with front matter`).not.toBeNull();
      articles.push({ file: `${section.name}/${name}`, section: section.name, data: parse(match![1]!) as Record<string, unknown>, body: match![2]! });
    }
  }
  return articles;
}

describe("scripts/generate-corpus", () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), "fabu-corpus-"));
    dirs.push(dir);
    return dir;
  };
  let first: string;
  let articles: Article[];

  beforeAll(async () => {
    first = fresh();
    await writeCorpus(COUNT, "7", { fabu: first });
    articles = readArticles(first);
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("writes byte-identical trees for the same seed, and a different tree for another seed", async () => {
    const again = fresh();
    await writeCorpus(COUNT, "7", { fabu: again });
    expect(treeDigest(again)).toBe(treeDigest(first));
    const other = fresh();
    await writeCorpus(COUNT, "8", { fabu: other });
    expect(treeDigest(other)).not.toBe(treeDigest(first));
  });

  it("writes a project: site settings, templates and ten sections", () => {
    expect(existsSync(join(first, "content", "_site.yml"))).toBe(true);
    expect(existsSync(join(first, "templates", "_layouts", "base.njk"))).toBe(true);
    const sections = readdirSync(join(first, "content"), { withFileTypes: true }).filter((d) => d.isDirectory());
    expect(sections).toHaveLength(10);
    for (const section of sections) {
      const index = parse(/^---\n([\s\S]*?)\n---/.exec(readFileSync(join(first, "content", section.name, "_index.md"), "utf8"))![1]!) as Record<string, unknown>;
      expect(index).toMatchObject({ title: expect.any(String), title_hant: expect.any(String), weight: expect.any(Number) });
    }
  });

  it("gives every article the required fields, unique ids and minutes, and related ids that exist", () => {
    expect(articles).toHaveLength(COUNT);
    const ids = new Set(articles.map((a) => String(a.data.id)));
    expect(ids.size).toBe(COUNT);
    expect(new Set(articles.map((a) => a.data.date)).size).toBe(COUNT);
    const drafts = new Set(articles.filter((a) => a.data.draft === true).map((a) => String(a.data.id)));
    for (const { file, data, body } of articles) {
      for (const field of REQUIRED) expect(data[field], `${file}: ${field}`).toBeDefined();
      expect(Object.keys(data).filter((k) => !ALL_FIELDS.includes(k)), `${file}: unknown fields`).toEqual([]);
      expect(String(data.id)).toMatch(/^\d+$/);
      expect(`${file}`).toContain(`${String(data.id)}.md`);
      expect(String(data.date)).toMatch(/^20(0[6-9]|1\d|2[0-5])-\d{2}-\d{2} \d{2}:\d{2}$/);
      expect(body.length, `${file}: body length`).toBeGreaterThanOrEqual(3000);
      expect(body.length, `${file}: body length`).toBeLessThanOrEqual(5000);
      expect(body).toMatch(/^## /m);
      const related = (data.related ?? []) as unknown[];
      expect(Array.isArray(related)).toBe(true);
      for (const id of related) {
        expect(ids.has(String(id)), `${file}: related ${String(id)} exists`).toBe(true);
        expect(String(id)).not.toBe(String(data.id));
        expect(drafts.has(String(id)), `${file}: related ${String(id)} is not a draft`).toBe(false);
      }
    }
  });

  it("uses every front matter field somewhere, both scripts and the press-release building blocks", () => {
    const used = new Set(articles.flatMap((a) => Object.keys(a.data)));
    expect([...used].sort()).toEqual([...ALL_FIELDS].sort());
    const hant = articles.filter((a) => a.data.lang === "zh-Hant");
    expect(hant.length).toBeGreaterThan(0);
    expect(hant.length).toBeLessThan(COUNT / 2);
    for (const a of hant) expect(a.body).not.toMatch(/[“”]/);
    expect(hant.some((a) => /「/.test(a.body))).toBe(true);
    const bodies = articles.map((a) => a.body).join("\n");
    for (const pattern of [/^——/m, /^1\. /m, /^> /m, /一是/, /下一步/, /据介绍|據介紹/, /《[^》]+》/, /“[^”]+”/]) expect(bodies).toMatch(pattern);
    // Articles are not copies of each other: no two share their lead paragraph.
    expect(new Set(articles.map((a) => a.body.split("\n")[0])).size).toBe(COUNT);
  });

  it("is a corpus fabu builds (exit code 0)", () => {
    if (!existsSync(join(PROJECT_ROOT, "lib", "src", "cli.js"))) {
      const compiled = spawnSync(process.execPath, [join(PROJECT_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], { cwd: PROJECT_ROOT, encoding: "utf8" });
      expect(compiled.status, compiled.stdout).toBe(0);
    }
    const result = spawnSync(process.execPath, [join(PROJECT_ROOT, "bin", "fabu.js"), "build", "--root", first], { encoding: "utf8", timeout: 120_000 });
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    const page = articles.find((a) => a.data.draft !== true && a.data.lang !== "zh-Hant")!;
    const [y, m, d] = String(page.data.date).slice(0, 10).split("-");
    expect(existsSync(join(first, "dist", "zh-hans", y!, m!, d!, `${String(page.data.id)}.html`))).toBe(true);
    expect(existsSync(join(first, "dist", "zh-hant", y!, m!, d!, `${String(page.data.id)}.html`))).toBe(true);
  });
});
