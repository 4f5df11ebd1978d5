import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexDigest, keepIndex, readKeptIndex } from "../../src/build/index-snapshot.js";
import { KeptIndexDamagedError, LIGHT_FIELDS, wholePage } from "../../src/build/kept-plans.js";
import type { ProjectPaths } from "../../src/build/paths.js";
import { prepareSite, type PreparedSite } from "../../src/build/prepare-site.js";
import { summaryOf } from "../../src/build/render-summaries.js";
import type { ArticleSource } from "../../src/content/article.js";
import type { ContentProblem } from "../../src/content/problems.js";
import type { RenderedArticle } from "../../src/render/render-article.js";
import { LABELS } from "../../src/site/labels.js";
import { attr, parseHtmlFile } from "../helpers/html.js";
import { createTempProject, treeDigest, type TempProject } from "../helpers/project.js";

const NOW = "2026-01-01 08:00";
const EDITED = "content/minsheng/8811730.md";
const EDITED_PAGE = "dist/zh-hans/2022/11/08/8811730.html";
const KEPT = "page index (kept from the last build)";

/** Builds with --timings; returns whether the page index was the one kept by the build before. */
function build(project: TempProject, ...args: string[]): { keptIndex: boolean; stderr: string } {
  const result = project.fabu(["build", "--now", NOW, "--timings", "--no-search", ...args]);
  expect(result.status, result.stderr).toBe(0);
  return { keptIndex: result.stderr.includes(KEPT), stderr: result.stderr };
}

/** The kept index's files: `<digest>.jsonl` and `<digest>.plans`, of one digest. */
const keptFiles = (project: TempProject) => {
  const names = readdirSync(join(project.root, ".cache", "index")).filter((name) => name.endsWith(".jsonl") || name.endsWith(".plans"));
  expect(new Set(names.map((name) => name.slice(0, name.indexOf(".")))).size).toBeLessThanOrEqual(1);
  return names.filter((name) => name.endsWith(".jsonl"));
};

describe("the page index kept between builds", () => {
  let project: TempProject;
  beforeAll(() => {
    project = createTempProject({ sampleContent: true });
    expect(build(project).keptIndex).toBe(false);
  });
  afterAll(() => project?.dispose());

  it("is used after an edit inside a body, and the result equals a clean build", () => {
    expect(keptFiles(project)).toHaveLength(1);
    project.write(EDITED, `${project.read(EDITED)}\n重建后新增的一段正文。\n`);
    expect(build(project).keptIndex).toBe(true);
    expect(project.read(EDITED_PAGE)).toContain("重建后新增的一段正文");
    const kept = treeDigest(join(project.root, "dist"));
    build(project, "--no-cache");
    expect(treeDigest(join(project.root, "dist"))).toBe(kept);
  });

  it("lays out every page from its kept plan when the page store is gone, as a clean build would", () => {
    project.write(EDITED, `${project.read(EDITED)}\n又一段正文。\n`);
    rmSync(join(project.root, ".cache", "pages"), { recursive: true, force: true });
    expect(build(project).keptIndex).toBe(true);
    const kept = treeDigest(join(project.root, "dist"));
    build(project, "--no-cache");
    expect(treeDigest(join(project.root, "dist"))).toBe(kept);
  });

  it("is made afresh when a body edit changes what other pages show (the lead paragraph is the summary)", () => {
    // An article without a `summary:` field: its lead paragraph is its summary.
    const article = "content/minsheng/8902215.md";
    project.write(article, project.read(article).replace("新学期伊始，", "开头新加一句。新学期伊始，"));
    expect(build(project).keptIndex).toBe(false);
    const page = parseHtmlFile(join(project.root, "dist/zh-hans/2023/03/02/8902215.html"));
    expect(attr(page, 'meta[name="description"]', "content")).toMatch(/^开头新加一句/);
    const kept = treeDigest(join(project.root, "dist"));
    build(project, "--no-cache");
    expect(treeDigest(join(project.root, "dist"))).toBe(kept);
  });

  it("is made afresh when an article's front matter changes, and replaces the one kept before", () => {
    const before = keptFiles(project);
    project.write(EDITED, project.read(EDITED).replace("title: 让群众在家门口看好病", "title: 让群众在家门口看好病、看得起病"));
    expect(build(project).keptIndex).toBe(false);
    expect(project.read("dist/zh-hans/minsheng/index.html")).toContain("让群众在家门口看好病、看得起病");
    expect(keptFiles(project)).toHaveLength(1);
    expect(keptFiles(project)).not.toEqual(before);
    expect(build(project).keptIndex).toBe(true);
    const kept = treeDigest(join(project.root, "dist"));
    build(project, "--no-cache");
    expect(treeDigest(join(project.root, "dist"))).toBe(kept);
  });

  it("still reports the warnings of articles whose rendering it did not read again", () => {
    const other = "content/lifa/8601123.md";
    project.write(other, `${project.read(other)}\n<script>alert(1)</script>\n`);
    const warning = /content\/lifa\/8601123\.md:\d+:1: warning: Removed <script>/;
    expect(build(project).stderr).toMatch(warning);
    project.write(EDITED, `${project.read(EDITED)}\n又一段正文。\n`);
    const rebuilt = build(project);
    expect(rebuilt.keptIndex).toBe(true);
    expect(rebuilt.stderr).toMatch(warning);
  });

  it("reads every rendering again when what it kept of them is unreadable or their entries are gone", () => {
    project.write(".cache/index/rendered.json", "{\"format\": \"fabu render summaries 1\", \"entr");
    project.write(EDITED, `${project.read(EDITED)}\n再一段正文。\n`);
    expect(build(project).keptIndex).toBe(true);
    // Entries the render cache no longer has (pruned, or a cache restored in part) are rendered again: the
    // feeds that show the edited article read the other articles' bodies too.
    rmSync(join(project.root, ".cache", "render"), { recursive: true });
    project.write(EDITED, `${project.read(EDITED)}\n还有一段正文。\n`);
    expect(build(project).keptIndex).toBe(true);
    expect(project.read(EDITED_PAGE)).toContain("还有一段正文");
    const kept = treeDigest(join(project.root, "dist"));
    build(project, "--no-cache");
    expect(treeDigest(join(project.root, "dist"))).toBe(kept);
  });

  it("is made afresh when the site's settings change", () => {
    const config = "content/_site.yml";
    project.write(config, project.read(config).replace("description: 权威发布", "description: 本站权威发布"));
    expect(build(project).keptIndex).toBe(false);
    expect(project.read("dist/zh-hans/index.html")).toContain("本站权威发布");
  });
});

describe("a kept page index, read back", () => {
  let project: TempProject;
  let paths: ProjectPaths;
  let site: PreparedSite;
  const dir = () => join(project.root, ".cache", "index-test");
  beforeAll(async () => {
    project = createTempProject({ sampleContent: true });
    paths = { root: project.root, content: join(project.root, "content"), templates: join(project.root, "templates"), output: join(project.root, "dist") };
    site = await prepareSite(paths, { drafts: false, future: false, now: NOW });
  });
  afterAll(() => project?.dispose());

  const hashesOf = (model: PreparedSite["model"]) => ({
    articles: model.articles.map((_, i) => `a${i}`),
    listings: model.listings.map((_, i) => `l${i}`),
    redirects: model.redirects.map((_, i) => `r${i}`),
  });

  it("gives back the same pages, sharing what the original shared, with this build's body keys", () => {
    const { model } = site;
    keepIndex(dir(), "digest", model, hashesOf(model), [], site.sitemaps());
    const kept = readKeptIndex(dir(), "digest", model.urls, (id, script) => `new/${id}/${script}`)!;
    expect(kept.planHashes).toEqual(hashesOf(model));
    expect(kept.sitemaps).toEqual(site.sitemaps());
    expect(kept.sitemaps.map((file) => file.path)).toEqual(["sitemap.xml"]);
    const { urls: _urls, articles, ...rest } = model;
    const { urls: keptUrls, articles: keptArticles, ...keptRest } = kept.model;
    expect(keptUrls).toBe(model.urls);
    expect(JSON.parse(JSON.stringify(keptRest))).toEqual(JSON.parse(JSON.stringify(rest)));
    expect(JSON.parse(JSON.stringify(keptArticles))).toEqual(JSON.parse(JSON.stringify(articles.map((page) => ({ ...page, bodyKey: `new/${page.id}/${page.script}` })))));
    // The labels' functions (第n页) survive, and shared objects stay shared.
    for (const page of [...kept.model.articles, ...kept.model.listings, ...kept.model.homes, kept.model.root, ...kept.model.notFound]) expect(page.labels).toBe(LABELS[page.script]);
    const [first, second] = kept.model.articles.filter((page) => page.script === "zh-Hans");
    expect(first!.nav).toBe(second!.nav);
  });

  it("is not read when it was cut short, lost a line or is of another format", () => {
    const file = join(dir(), "digest.jsonl");
    const text = project.read(".cache/index-test/digest.jsonl");
    const read = () => readKeptIndex(dir(), "digest", site.model.urls, (id) => id);
    writeFileSync(file, text.slice(0, text.lastIndexOf("\n", text.length - 2) + 1));
    expect(read()).toBeUndefined();
    const lines = text.split("\n");
    const without = (prefix: string) => {
      const at = lines.findIndex((line) => line.startsWith(prefix));
      expect(at).toBeGreaterThan(0);
      return [...lines.slice(0, at), ...lines.slice(at + 1)].join("\n");
    };
    writeFileSync(file, without('["light","articles"'));
    expect(read()).toBeUndefined();
    writeFileSync(file, without('["sitemap"'));
    expect(read()).toBeUndefined();
    writeFileSync(file, without('["fields","listings"'));
    expect(read()).toBeUndefined();
    writeFileSync(file, text.replace(/"fabu page index \d+"/, '"fabu page index 0"'));
    expect(read()).toBeUndefined();
    expect(readKeptIndex(dir(), "other", site.model.urls, (id) => id)).toBeUndefined();
    writeFileSync(file, text);
    expect(read()).toBeDefined();
  });

  it("is not read when its plans are missing, cut short, lost a line or are not UTF-8, and is removed when a plan is damaged", () => {
    const file = join(dir(), "digest.plans");
    const plans = readFileSync(file);
    const index = readFileSync(join(dir(), "digest.jsonl"));
    const text = plans.toString("utf8");
    const read = () => readKeptIndex(dir(), "digest", site.model.urls, (id) => id);
    rmSync(file);
    expect(read()).toBeUndefined();
    writeFileSync(file, plans.subarray(0, plans.length - 1));
    expect(read()).toBeUndefined();
    const lines = text.split("\n");
    const plan = lines.findIndex((line) => line.startsWith('["plan"'));
    writeFileSync(file, [...lines.slice(0, plan), ...lines.slice(plan + 1)].join("\n"));
    expect(read()).toBeUndefined();
    writeFileSync(file, Buffer.concat([plans.subarray(0, 10), Buffer.from([0xff]), plans.subarray(11)]));
    expect(read()).toBeUndefined();
    // Same length and lines, but a plan that is not JSON: found only when the page is used.
    const damaged = [...lines];
    damaged[plan] = `["plan"${"?".repeat(Buffer.byteLength(damaged[plan]!) - 7)}`;
    writeFileSync(file, damaged.join("\n"));
    const kept = read()!;
    expect(kept.model.articles[0]!.outputPath).toBe(site.model.articles[0]!.outputPath);
    expect(() => kept.model.articles[0]!.description).toThrow(KeptIndexDamagedError);
    // Removed, so that the next build makes it afresh.
    expect(readdirSync(dir()).filter((name) => name.startsWith("digest."))).toEqual([]);
    writeFileSync(file, plans);
    writeFileSync(join(dir(), "digest.jsonl"), index);
    expect(read()).toBeDefined();
  });

  it("reads a page's plan only when a field beyond its light ones is used, and gives it whole for layout", () => {
    const kept = readKeptIndex(dir(), "digest", site.model.urls, (id, script) => `new/${id}/${script}`)!;
    const page = kept.model.articles[0]!;
    const original = site.model.articles[0]!;
    expect(Object.keys(page).sort()).toEqual([...LIGHT_FIELDS].filter((name) => name in original).sort());
    expect(page.bodyKey).toBe(`new/${original.id}/${original.script}`);
    const whole = wholePage(page);
    // Fields left undefined are not kept (as JSON would not).
    const defined = (object: object) => Object.entries(object).flatMap(([name, value]) => (value === undefined ? [] : [name]));
    expect(defined(whole).sort()).toEqual(defined(original).sort());
    expect(whole.bodyKey).toBe(page.bodyKey);
    expect(whole.related).toBe(page.related);
    // A spread (unlike one of the lazy page) keeps every field.
    expect({ ...whole }.description).toBe(original.description);
    expect({ ...page }.description).toBeUndefined();
  });

  it("is keyed by the articles' facts and rendered texts, not by their bodies", () => {
    const article = { id: "1", title: "标题", body: "正文", parsedFrom: "parsed:a" } as unknown as ArticleSource;
    const rendered = { id: "1", sourceScript: "zh-Hans", text: { "zh-Hans": { title: "标题" }, "zh-Hant": { title: "標題" } }, problems: [] } as unknown as RenderedArticle;
    const digest = (a: ArticleSource, settings = "{}", texts = rendered) => indexDigest({ settings, published: [a], textsHash: () => summaryOf(texts).texts });
    expect(digest({ ...article, body: "改过的正文", parsedFrom: "parsed:b" })).toBe(digest(article));
    expect(digest({ ...article, title: "新标题" } as ArticleSource)).not.toBe(digest(article));
    expect(digest(article, '{"feedSize":3}')).not.toBe(digest(article));
    expect(digest(article, "{}", { ...rendered, text: { ...rendered.text, "zh-Hant": { ...rendered.text["zh-Hant"], title: "新標題" } } })).not.toBe(digest(article));
    // Warnings are not what other pages show.
    expect(digest(article, "{}", { ...rendered, problems: [{ severity: "warning" } as ContentProblem] })).toBe(digest(article));
  });
});
