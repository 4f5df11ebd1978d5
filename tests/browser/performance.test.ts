import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import lighthouse from "lighthouse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, launchChromiumForLighthouse, serveStatic } from "../helpers/browser.js";
import { createTempProject, PROJECT_ROOT, type TempProject } from "../helpers/project.js";

const SEEDS = ["/zh-hans/2020/11/13/8355537.html", "/zh-hant/2020/11/13/8355537.html"];
const ARTIFACTS = join(PROJECT_ROOT, "test-results");
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

describe("fast: an article needs one stylesheet, no blocking script, under 50 KB compressed, and Lighthouse ≥ 95", () => {
  let project: TempProject;
  let site: { url: string; close: () => Promise<void> };
  const dist = (path: string) => join(project.root, "dist", path);

  beforeAll(async () => {
    project = createTempProject({ sampleContent: true });
    expect(project.fabu(["build"]).status).toBe(0);
    // Served as a CDN would: gzip and long-lived caching of the fingerprinted assets.
    site = await serveStatic(join(project.root, "dist"), { production: true });
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await site?.close();
    project?.dispose();
  });

  it.each(SEEDS)("%s links exactly one stylesheet and no script but JSON-LD data", (path) => {
    const html = readFileSync(dist(path), "utf8");
    expect(html.match(/<link rel="stylesheet"[^>]*>/g)).toHaveLength(1);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.every((tag) => tag === '<script type="application/ld+json">')).toBe(true);
    expect(html).not.toMatch(/@import|<style/);
  });

  it.each(SEEDS)("%s is under 50 KB with its CSS, gzip-compressed", (path) => {
    const html = readFileSync(dist(path));
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(html.toString("utf8"))![1]!;
    const css = readFileSync(dist(href));
    const sizes = { html: html.length, css: css.length, htmlGzip: gzipSync(html).length, cssGzip: gzipSync(css).length };
    writeFileSync(join(ARTIFACTS, `size-${path.split("/")[1]}.json`), `${JSON.stringify(sizes, null, 2)}\n`);
    expect(sizes.htmlGzip + sizes.cssGzip).toBeLessThan(50 * 1024);
  });

  it("loads the article in Chromium with one stylesheet request and no script request", async () => {
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.resourceType()));
      await page.goto(`${site.url}${SEEDS[0]}`, { waitUntil: "load" });
      expect(requests.filter((type) => type === "stylesheet")).toHaveLength(1);
      expect(requests.filter((type) => type === "script")).toHaveLength(0);
      expect(requests.filter((type) => type === "font")).toHaveLength(0);
    } finally {
      await browser?.close();
    }
  });

  it.each(SEEDS)(
    "Lighthouse (mobile, simulated throttling) scores %s at least 95 in performance, accessibility, best practices and SEO",
    async (path) => {
      const chrome = await launchChromiumForLighthouse();
      try {
        const result = await lighthouse(`${site.url}${path}`, { port: chrome.port, output: ["json", "html"], logLevel: "error", onlyCategories: [...CATEGORIES] });
        expect(result).toBeDefined();
        const { lhr, report } = result!;
        const name = `lighthouse-${path.split("/")[1]}`;
        writeFileSync(join(ARTIFACTS, `${name}.html`), (report as string[])[1]!);
        const scores = Object.fromEntries(CATEGORIES.map((category) => [category, Math.round((lhr.categories[category]?.score ?? 0) * 100)]));
        writeFileSync(join(ARTIFACTS, `${name}.json`), `${JSON.stringify({ scores, runtimeError: lhr.runtimeError ?? null, warnings: lhr.runWarnings }, null, 2)}\n`);
        const failing = Object.values(lhr.audits)
          .filter((audit) => audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== "informative" && audit.scoreDisplayMode !== "manual")
          .map((audit) => `${audit.id}: ${audit.displayValue ?? audit.score}`);
        expect(lhr.runtimeError, JSON.stringify(lhr.runtimeError)).toBeUndefined();
        for (const category of CATEGORIES) expect(scores[category], `${category}; audits below 0.9: ${failing.join(", ")}`).toBeGreaterThanOrEqual(95);
      } finally {
        chrome.kill();
      }
    },
    180_000,
  );
});
