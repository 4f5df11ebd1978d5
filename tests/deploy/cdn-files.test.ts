import { createHash } from "node:crypto";
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeCdnFiles } from "../../src/deploy/cdn-files.js";
import { cacheControlFor, classifyPath, headersFile } from "../../src/deploy/headers.js";
import { changedPathsManifest, manifestJson, type Changes, type Manifest } from "../../src/deploy/manifest.js";
import { CHANGES_FILE, listFiles, MANIFEST_FILE } from "../../src/deploy/output-files.js";
import { brotli, gzip, precompress } from "../../src/deploy/precompress.js";
import { createTempProject, type TempProject } from "../helpers/project.js";
import { parseHeadersFile, resolveHeaders } from "./headers-support.js";

const NOW = "2026-01-01 08:00";
const CHANGED_ID = "8811730";
const CHANGED_FILE = "content/minsheng/8811730.md";

describe("changed paths between two builds of the sample site, one article edited", () => {
  let project: TempProject;
  let first: Manifest;
  let before: Map<string, string>;
  let changes: Changes;
  let previousDir: string;

  let firstChanges: Changes;

  beforeAll(() => {
    project = createTempProject({ sampleContent: true });
    const dist = join(project.root, "dist");
    expect(project.fabu(["build", "--now", NOW, "--precompress"]).status).toBe(0);
    previousDir = join(project.root, "previous-dist");
    cpSync(dist, previousDir, { recursive: true });
    first = JSON.parse(readFileSync(join(dist, MANIFEST_FILE), "utf8")) as Manifest;
    firstChanges = JSON.parse(readFileSync(join(dist, CHANGES_FILE), "utf8")) as Changes;
    before = new Map(listFiles(dist).filter((p) => /\.(html|xml|json)$/.test(p)).map((p) => [p, readFileSync(join(dist, p), "utf8")]));

    project.write(CHANGED_FILE, project.read(CHANGED_FILE).replace("title: 让群众在家门口看好病", "title: 让群众在家门口看好病、看得起病"));
    expect(project.fabu(["build", "--now", NOW, "--precompress"]).status).toBe(0);
    changes = JSON.parse(readFileSync(join(dist, CHANGES_FILE), "utf8")) as Changes;
  });
  afterAll(() => project?.dispose());

  it("lists every file as added after a first build", () => {
    // The build lists what it wrote rather than walking the folder: the lists must agree.
    expect(Object.keys(first.files).sort()).toEqual(listFiles(previousDir).filter((p) => p !== MANIFEST_FILE && p !== CHANGES_FILE));
    expect(firstChanges.previous).toBeNull();
    expect(firstChanges.changed).toEqual([]);
    expect(firstChanges.added).toEqual(Object.keys(first.files).sort());
    expect(firstChanges.added).toContain("zh-hans/2022/11/08/8811730.html.br");
  });

  it("lists the article's two pages as changed", () => {
    expect(changes.previous).toBe(createHash("sha256").update(manifestJson(first)).digest("hex"));
    expect(changes.changed).toContain("zh-hans/2022/11/08/8811730.html");
    expect(changes.changed).toContain("zh-hant/2022/11/08/8811730.html");
    // Only the search index's content-named files come and go.
    expect(changes.added.filter((p) => !p.startsWith("pagefind/"))).toEqual([]);
    expect(changes.removed.filter((p) => !p.startsWith("pagefind/"))).toEqual([]);
  });

  it("lists the listings and feeds that show it, in both scripts", () => {
    for (const path of ["zh-hans/minsheng/index.html", "zh-hant/minsheng/index.html", "zh-hans/minsheng/feed.xml", "zh-hans/minsheng/rss.xml", "zh-hans/minsheng/feed.json", "zh-hant/minsheng/feed.xml"]) {
      expect(changes.changed).toContain(path);
    }
    // Their compressed copies change with them.
    expect(changes.changed).toContain("zh-hans/minsheng/index.html.br");
    expect(changes.changed).toContain("zh-hans/minsheng/index.html.gz");
  });

  it("lists no page that did not show the article", () => {
    const pages = changes.changed.filter((p) => /\.(html|xml|json)$/.test(p) && !p.startsWith("pagefind/"));
    expect(pages.length).toBeGreaterThan(6);
    for (const path of pages) {
      expect(before.get(path), `${path} changed but did not show article ${CHANGED_ID}`).toContain(CHANGED_ID);
    }
    const untouched = [...before.keys()].filter((p) => p.endsWith(".html") && !before.get(p)!.includes(CHANGED_ID));
    expect(untouched.length).toBeGreaterThan(20);
    for (const path of untouched) expect(changes.changed).not.toContain(path);
    expect(changes.changed).not.toContain("zh-hans/2020/11/13/8355537.html");
  });

  it("gives the URLs to purge, with dir/ for dir/index.html", () => {
    expect(changes.purge).toContain("/zh-hans/2022/11/08/8811730.html");
    expect(changes.purge).toContain("/zh-hans/minsheng/");
    expect(changes.purge).toContain("/zh-hans/minsheng/index.html");
    expect(changes.purge.some((u) => /\.(br|gz)$/.test(u))).toBe(false);
  });

  it("writes a manifest of every output file with its sha256, and compares equal folders as unchanged", () => {
    const dist = join(project.root, "dist");
    const manifest = JSON.parse(readFileSync(join(dist, MANIFEST_FILE), "utf8")) as Manifest;
    expect(Object.keys(manifest.files).sort()).toEqual(listFiles(dist).filter((p) => p !== MANIFEST_FILE && p !== CHANGES_FILE));
    expect(Object.values(manifest.files).every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
    expect(Object.keys(first.files)).toContain("_headers");
    const same = changedPathsManifest(manifest, dist, { write: false }).changes;
    expect([...same.added, ...same.changed, ...same.removed]).toEqual([]);
  });

  it("compares with the manifest alone, as CI restores it into an empty dist/", () => {
    const dist = join(project.root, "dist");
    rmSync(dist, { recursive: true });
    mkdirSync(dist);
    copyFileSync(join(previousDir, MANIFEST_FILE), join(dist, MANIFEST_FILE));
    expect(project.fabu(["build", "--now", NOW, "--precompress"]).status).toBe(0);
    expect(JSON.parse(readFileSync(join(dist, CHANGES_FILE), "utf8"))).toEqual(changes);
  });

  it("reuses the previous build's compressed files where a file did not change", async () => {
    const dist = join(project.root, "dist");
    const summary = await precompress(dist, { brotli: true, gzip: true, reuseFrom: previousDir });
    expect(summary.reused).toBeGreaterThan(summary.written.length / 2);
  });
});

describe("one build of the sample site", () => {
  let project: TempProject;
  let dist: string;
  beforeAll(async () => {
    project = createTempProject({ sampleContent: true });
    expect(project.fabu(["build", "--precompress"]).status).toBe(0);
    dist = join(project.root, "dist");
  });
  afterAll(() => project?.dispose());

  describe("_headers", () => {
    it("is written by the build, as headersFile gives it for the built site", () => {
      expect(readFileSync(join(dist, "_headers"), "utf8")).toBe(headersFile(dist, {}));
    });

    const cases: [string, string][] = [
      ["/zh-hans/2020/11/13/8355537.html", "public, max-age=0, must-revalidate"],
      ["/", "public, max-age=0, must-revalidate"],
      ["/zh-hant/minsheng/", "public, max-age=0, must-revalidate"],
      ["/assets/style.0123456789.css", "public, max-age=31536000, immutable"],
      ["/images/nongcun-wangluo-lingshou.svg", "public, max-age=3600"],
      ["/zh-hans/feed.xml", "public, max-age=300"],
      ["/zh-hant/minsheng/rss.xml", "public, max-age=300"],
      ["/zh-hans/lifa/feed.json", "public, max-age=300"],
      ["/sitemap.xml", "public, max-age=300"],
      ["/robots.txt", "public, max-age=300"],
    ];

    it.each(["cloudflare", "netlify"] as const)("parses, and gives each kind of file one Cache-Control and the security headers (%s)", (flavor) => {
      const rules = parseHeadersFile(headersFile(dist, { flavor }));
      expect(rules.length).toBeLessThanOrEqual(100); // Cloudflare Pages' limit
      if (flavor === "netlify") expect(rules.every((r) => r.detach.length === 0)).toBe(true);
      for (const [path, cache] of cases) {
        const headers = resolveHeaders(rules, path, flavor);
        expect(headers["Cache-Control"], path).toBe(cache);
        expect(headers["X-Content-Type-Options"]).toBe("nosniff");
        expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
        expect(headers["Content-Security-Policy"]).toMatch(/default-src 'self'; script-src 'self'[^;]*; style-src 'self'; img-src 'self' data:;/);
      }
    });

    it("agrees with cacheControlFor, which deploy scripts use per file", () => {
      for (const [path, cache] of cases) if (!path.endsWith("/")) expect(cacheControlFor(path.slice(1))).toBe(cache);
      expect(classifyPath("zh-hans/2020/11/13/8355537.html")).toBe("page");
    });

    it("puts the path prefix in front of every rule, and can cache pages briefly at the edge", () => {
      const rules = parseHeadersFile(headersFile(dist, { pathPrefix: "/press/", htmlSMaxAge: 60 }));
      expect(rules.every((r) => r.pattern.startsWith("/press/"))).toBe(true);
      expect(resolveHeaders(rules, "/press/zh-hans/", "cloudflare")["Cache-Control"]).toBe("public, max-age=0, s-maxage=60, must-revalidate");
      expect(resolveHeaders(rules, "/press/assets/a.0123456789.js", "cloudflare")["Cache-Control"]).toBe("public, max-age=31536000, immutable");
    });
  });

  describe("precompressed files", () => {

    it("are written beside every text file and decompress to the original", () => {
      const texts = listFiles(dist).filter((p) => /\.(html|css|js|xml|json|txt|svg)$/.test(p) && p !== MANIFEST_FILE && p !== CHANGES_FILE);
      expect(texts.length).toBeGreaterThan(100);
      for (const path of texts) {
        const original = readFileSync(join(dist, path));
        expect(brotliDecompressSync(readFileSync(join(dist, `${path}.br`))).equals(original), path).toBe(true);
        expect(gunzipSync(readFileSync(join(dist, `${path}.gz`))).equals(original), path).toBe(true);
      }
      expect(existsSync(join(dist, "_redirects.gz"))).toBe(false);
    });

    it("are byte-for-byte reproducible: gzip carries no time and a fixed OS byte", async () => {
      const page = join(dist, "zh-hans/2020/11/13/8355537.html");
      const gz = readFileSync(`${page}.gz`);
      expect(gz.readUInt32LE(4)).toBe(0);
      expect(gz[9]).toBe(3);
      expect(gzip(readFileSync(page)).equals(gz)).toBe(true);
      expect(brotli(readFileSync(page)).equals(readFileSync(`${page}.br`))).toBe(true);
      const again = join(project.root, "again");
      cpSync(dist, again, { recursive: true });
      await precompress(again, { brotli: true, gzip: true });
      for (const path of listFiles(dist).filter((p) => /\.(br|gz)$/.test(p))) {
        expect(readFileSync(join(again, path)).equals(readFileSync(join(dist, path))), path).toBe(true);
      }
    });

    it("can come from a content-addressed cache, so a fresh checkout with a restored .cache/ recompresses nothing", async () => {
      const cacheDir = join(project.root, ".cache", "precompress");
      const fresh = join(project.root, "fresh");
      cpSync(dist, fresh, { recursive: true, filter: (src) => !/\.(br|gz)$/.test(src) });
      const cold = await precompress(fresh, { brotli: true, gzip: true, cacheDir });
      const fresh2 = join(project.root, "fresh2");
      cpSync(dist, fresh2, { recursive: true, filter: (src) => !/\.(br|gz)$/.test(src) });
      const warm = await precompress(fresh2, { brotli: true, gzip: true, cacheDir });
      expect(warm.reused).toBe(warm.written.length);
      expect(cold.written).toEqual(warm.written);
      for (const path of warm.written) expect(readFileSync(join(fresh2, path)).equals(readFileSync(join(dist, path))), path).toBe(true);
    });
  });
});
