import { createRequire } from "node:module";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, serveStatic, watchProblems } from "../helpers/browser.js";
import { createTempProject, type TempProject } from "../helpers/project.js";

// Functions given to page.evaluate run in Chromium; the project type-checks without the DOM library, so
// the browser globals they use are declared here, for this file only.
declare const document: any, window: any, getComputedStyle: any, NodeFilter: any;

const AXE_SOURCE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe-core in the page against WCAG 2.2 AA and returns its violations, readable in a failure message. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SOURCE });
  const violations = await page.evaluate(async (tags) => {
    const result: { violations: AxeViolation[] } = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations;
  }, WCAG_22_AA);
  return violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${violation.help} at ${JSON.stringify(node.target)}`));
}

const PAGES = (script: string) => [
  ["home", `/${script}/`],
  ["section", `/${script}/fazhi-zhengfu/`],
  ["article", `/${script}/2020/11/13/8355537.html`],
  ["search", `/${script}/search/`],
  ["404", `/${script}/404.html`],
];

describe("accessibility: axe-core finds no WCAG 2.2 AA violation", () => {
  let project: TempProject;
  let browser: Browser;
  let site: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    project = createTempProject({ sampleContent: true });
    expect(project.fabu(["build"]).status).toBe(0);
    site = await serveStatic(join(project.root, "dist"));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    project?.dispose();
  });

  const audit = async (path: string, options: { colorScheme?: "light" | "dark"; width?: number; prepare?: (page: Page) => Promise<void> } = {}) => {
    const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, colorScheme: options.colorScheme ?? "light" });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${site.url}${path}`, { waitUntil: "load" });
    await options.prepare?.(page);
    const violations = await axeViolations(page);
    await context.close();
    return { violations, problems };
  };

  describe.each(["zh-hans", "zh-hant"])("%s", (script) => {
    it.each(PAGES(script))("the %s page (%s), light on a desktop and dark on a phone", async (_kind, path) => {
      for (const [colorScheme, width] of [["light", 1280], ["dark", 390]] as const) {
        const { violations, problems } = await audit(path!, { colorScheme, width });
        expect(violations, `${path} ${colorScheme} ${width}px`).toEqual([]);
        expect(problems, path).toEqual([]);
      }
    });
  });

  it("is a real audit: a page with known faults has violations", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent('<html><head><title>x</title></head><body><img src="data:,"><a href="#"></a><p style="color:#ccc;background:#fff">faint text 浅色文字</p></body></html>');
    const violations = await axeViolations(page);
    await context.close();
    for (const rule of ["html-has-lang", "image-alt", "link-name", "color-contrast"]) expect(violations.some((v) => v.startsWith(`${rule} `)), rule).toBe(true);
  });

  it.each([
    ["the article with a table and a chart", "/zh-hant/2020/11/27/8360218.html"],
    ["the article with a quotation", "/zh-hans/2021/06/10/8601123.html"],
    ["a tag page", "/zh-hant/tags/"],
    ["the archive", "/zh-hans/archive/"],
  ])("%s (%s)", async (_name, path) => {
    const { violations } = await audit(path);
    expect(violations, path).toEqual([]);
  });

  it.each([
    ["zh-hans", "扶贫"],
    ["zh-hant", "扶貧"],
  ])("the %s search page showing results for %s", async (script, query) => {
    for (const colorScheme of ["light", "dark"] as const) {
      const { violations, problems } = await audit(`/${script}/search/?q=${encodeURIComponent(query)}`, {
        colorScheme,
        prepare: (page) => page.locator(".search-results li").first().waitFor(),
      });
      expect(violations).toEqual([]);
      expect(problems).toEqual([]);
    }
  });
});
