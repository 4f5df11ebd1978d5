import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPageStore } from "../../src/build/page-store.js";
import { createTempProject, treeDigest, type TempProject } from "../helpers/project.js";

const NOW = "2026-01-01 08:00";
const EDITED = "content/minsheng/8811730.md";
const EDITED_PAGE = "dist/zh-hans/2022/11/08/8811730.html";

/** How many pages the build laid out again, from its --timings report. */
function build(project: TempProject, ...args: string[]): { restored: number } {
  const result = project.fabu(["build", "--now", NOW, "--timings", ...args]);
  expect(result.status, result.stderr).toBe(0);
  const match = /fabu: (\d+) pages unchanged/.exec(result.stderr);
  return { restored: match ? Number(match[1]) : -1 };
}

/** Pages in the store's current generation (an older one is renamed to `.trash-…` at once, then deleted). */
function storedPages(project: TempProject): number {
  const root = join(project.root, ".cache", "pages");
  const generations = readdirSync(root).filter((name) => !name.startsWith(".trash-") && statSync(join(root, name)).isDirectory());
  expect(generations).toHaveLength(1);
  return readdirSync(join(root, generations[0]!)).filter((name) => name.endsWith(".html")).length;
}

describe("the page store", () => {
  let project: TempProject;
  let cold: number;
  beforeAll(() => {
    project = createTempProject({ sampleContent: true });
    expect(build(project).restored).toBe(0);
    cold = storedPages(project);
  });
  afterAll(() => project?.dispose());

  it("keeps every article, listing and redirect page, and lays out none of them again when nothing changed", () => {
    expect(cold).toBeGreaterThan(50);
    expect(build(project).restored).toBe(cold);
    expect(storedPages(project)).toBe(cold);
  });

  it("lays out again only the pages that show an edited article, and the result equals a clean build", () => {
    const before = treeDigest(join(project.root, "dist"));
    project.write(EDITED, project.read(EDITED).replace("title: 让群众在家门口看好病", "title: 让群众在家门口看好病、看得起病"));
    const { restored } = build(project);
    expect(storedPages(project)).toBe(cold + (cold - restored));
    expect(project.read(EDITED_PAGE)).toContain("让群众在家门口看好病、看得起病");
    // Feeds are kept in the store too: the section's feeds show the new title, not a stored copy.
    for (const feed of ["feed.xml", "rss.xml", "feed.json"]) expect(project.read(`dist/zh-hans/minsheng/${feed}`)).toContain("让群众在家门口看好病、看得起病");
    expect(treeDigest(join(project.root, "dist"))).not.toBe(before);
    // Its two pages, the listings that show it, the pages that list it under 相关新闻: a minority.
    expect(restored).toBeLessThan(cold);
    expect(restored).toBeGreaterThan(cold / 2);

    const warm = treeDigest(join(project.root, "dist"));
    build(project, "--no-cache");
    expect(treeDigest(join(project.root, "dist"))).toBe(warm);
  });

  it("lays out every page again after a template changes", () => {
    const template = "templates/_includes/page-bodies/article.njk";
    project.write(template, project.read(template).replace('<footer class="article-footer">', '<footer class="article-footer" data-test="changed">'));
    expect(build(project).restored).toBeLessThan(cold / 4);
    expect(project.read(EDITED_PAGE)).toContain('data-test="changed"');
    const warm = treeDigest(join(project.root, "dist"));
    build(project, "--no-cache");
    expect(treeDigest(join(project.root, "dist"))).toBe(warm);
  });

  it("prunes the pages no longer built once they are as many as those in use", () => {
    // Pruning after the one-article edit would cost as much as laying out those pages: the old ones stayed.
    // After the template change every old page was unused: all went.
    expect(storedPages(project)).toBe(cold);
  });;
});

/** Every file and folder below `dir`, relative, folders with a trailing slash. */
function entries(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((entry) => `${relative(dir, join(entry.parentPath, entry.name))}${entry.isDirectory() ? "/" : ""}`)
    .sort();
}

/** The page store's current generation folder. */
function generationDir(project: TempProject): string {
  const store = join(project.root, ".cache", "pages");
  return join(store, readdirSync(store).find((name) => statSync(join(store, name)).isDirectory() && !name.startsWith("."))!);
}

/** The sha256 of every stored page the store's `hashes.txt` lists, by key (`<key> <sha256>` lines). */
const hashesOf = (project: TempProject) =>
  new Map(
    readFileSync(join(generationDir(project), "hashes.txt"), "utf8")
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => line.split(" ") as [string, string]),
  );

/** The sha256 of every stored page, by key. */
function storeContents(project: TempProject): Map<string, string> {
  const dir = generationDir(project);
  const pages = readdirSync(dir).filter((name) => name.endsWith(".html"));
  return new Map(pages.map((name) => [name.slice(0, name.indexOf(".")), createHash("sha256").update(readFileSync(join(dir, name))).digest("hex")]));
}

describe("pages placed from the last build's record", () => {
  let project: TempProject;
  beforeAll(() => {
    project = createTempProject({ sampleContent: true });
    build(project);
  });
  afterAll(() => project?.dispose());

  it("are taken back when they changed or went, folders and all, and the stored pages stay as they were", () => {
    const record = JSON.parse(project.read(".cache/pages/placed.json")) as [string, string][];
    const hashesBefore = hashesOf(project);
    expect(record.length).toBeGreaterThan(50);
    expect(record.map(([page]) => page)).toContain(EDITED_PAGE.replace(/^dist\//, ""));
    // Made a draft: its pages go, and with them the folder of its day.
    const gone = "content/minsheng/8790314.md";
    project.write(gone, project.read(gone).replace("lang: zh-Hans", "lang: zh-Hans\ndraft: true"));
    project.write(EDITED, `${project.read(EDITED)}\n新增的一段正文。\n`);
    build(project);
    // Had a changed page been written over its early link, its stored copy would have changed with it.
    const stored = storeContents(project);
    expect(stored.size).toBeGreaterThan(50);
    for (const [key, hash] of stored) expect(hashesBefore.get(key) ?? hashesOf(project).get(key), key).toBe(hash);
    expect(existsSync(join(project.root, "dist/zh-hans/2022/09/15"))).toBe(false);
    expect(project.read(EDITED_PAGE)).toContain("新增的一段正文");
    const warm = { tree: treeDigest(join(project.root, "dist")), entries: entries(join(project.root, "dist")) };
    build(project, "--no-cache");
    expect(treeDigest(join(project.root, "dist"))).toBe(warm.tree);
    expect(entries(join(project.root, "dist"))).toEqual(warm.entries);
  });
});

describe("the page store's hashes", () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "fabu-hashes-"));
    mkdirSync(join(root, "templates"));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
  const keyOf = (n: number) => sha256(`page ${n}`);
  const open = () => openPageStore(join(root, "store"), { templatesDir: join(root, "templates"), assets: {}, config: {} });
  /** One build: keeps the given pages (their text is their number), uses the others, then prunes. */
  const build = (kept: readonly number[], used: readonly number[] = []) => {
    const store = open();
    for (const n of kept) {
      const file = join(root, `page-${n}.html`);
      writeFileSync(file, `<p>${n}</p>`);
      store.keep(keyOf(n), file);
    }
    for (const n of used) expect(store.storedFile(keyOf(n), join(root, "out.html"))).toBeDefined();
    store.prune();
    return store;
  };
  const hashesFile = () => join(root, "store", open().generation, "hashes.txt");
  const lines = () => readFileSync(hashesFile(), "utf8").split("\n").filter((line) => line !== "");

  it("are appended by each build, a line cut short by a killed build skipped, and rewritten after a prune", () => {
    build([1, 2]);
    expect(lines().sort()).toEqual([`${keyOf(1)} ${sha256("<p>1</p>")}`, `${keyOf(2)} ${sha256("<p>2</p>")}`].sort());
    build([3], [1, 2]);
    expect(lines()).toHaveLength(3);
    // A killed build's half-written line.
    appendFileSync(hashesFile(), `\n${keyOf(9)} 0123`);
    build([4], [1, 2, 3]);
    const store = open();
    for (const n of [1, 2, 3, 4]) expect(store.hashOf(keyOf(n))).toBe(sha256(`<p>${n}</p>`));
    expect(store.hashOf(keyOf(9))).toBeUndefined();
    // Only page 4 used: the others are pruned, and the file is rewritten with what is left.
    build([], [4]);
    expect(lines()).toEqual([`${keyOf(4)} ${sha256("<p>4</p>")}`]);
  });
});
