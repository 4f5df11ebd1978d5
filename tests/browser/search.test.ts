import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, serveStatic, watchProblems } from "../helpers/browser.js";
import { createTempProject, type TempProject } from "../helpers/project.js";

const SEED = { "zh-hans": "网络扶贫取得明显成效", "zh-hant": "網絡扶貧取得明顯成效" } as const;
type Script = keyof typeof SEED;

describe("search with Pagefind, in headless Chromium", () => {
  let project: TempProject;
  let browser: Browser;
  let site: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    project = createTempProject({ sampleContent: true });
    const result = project.fabu(["build"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    site = await serveStatic(join(project.root, "dist"));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    project?.dispose();
  });

  const openSearch = async (script: Script, query = ""): Promise<{ page: Page; problems: string[] }> => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const problems = watchProblems(page);
    await page.goto(`${site.url}/${script}/search/${query ? `?q=${encodeURIComponent(query)}` : ""}`);
    return { page, problems };
  };

  it.each([
    ["zh-hans", "扶贫"],
    ["zh-hans", "扶貧"],
    ["zh-hant", "扶貧"],
    ["zh-hant", "扶贫"],
  ] as const)("on the %s search page, typing %s finds the seed in that script and its result opens it", async (script, query) => {
    const { page, problems } = await openSearch(script);
    await page.getByRole("searchbox").fill(query);
    await page.getByRole("searchbox").press("Enter");
    const results = page.locator(".search-results li");
    const seed = results.filter({ hasText: SEED[script] });
    await seed.first().waitFor();
    // Title, date and an excerpt with the hit marked, in the page's script.
    await expect(seed.first().locator("h2 a").textContent()).resolves.toBe(SEED[script]);
    await expect(seed.first().locator("time").textContent()).resolves.toMatch(/^2020-11-13 14:45/);
    expect(await seed.first().locator("time").getAttribute("datetime")).toBe("2020-11-13T14:45:00+08:00");
    const marks = await seed.first().locator("p mark").allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.join("")).toContain(script === "zh-hans" ? "扶贫" : "扶貧");
    await expect(page.locator("[data-search-status]").textContent()).resolves.toMatch(/[1-9]\d* 篇/);
    expect(new URL(page.url()).searchParams.get("q")).toBe(query);
    await seed.first().locator("h2 a").click();
    await page.waitForURL(`**/${script}/2020/11/13/8355537.html`);
    await expect(page.locator("h1").textContent()).resolves.toBe(SEED[script]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("runs a query given in the address (?q=), e.g. from a bookmarked search", async () => {
    const { page, problems } = await openSearch("zh-hant", "数字乡村");
    await page.locator(".search-results li").first().waitFor();
    expect(await page.getByRole("searchbox").inputValue()).toBe("数字乡村");
    const titles = await page.locator(".search-results h2").allTextContents();
    expect(titles.length).toBeGreaterThan(1);
    // Every title is in Traditional script: none of the Simplified forms of the query's characters.
    expect(titles.join("")).not.toMatch(/[数乡]/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("says so when nothing matches", async () => {
    const { page, problems } = await openSearch("zh-hans");
    await page.getByRole("searchbox").fill("火星探测器");
    await page.getByRole("button", { name: "搜索" }).click();
    await expect(page.locator("[data-search-status]").filter({ hasText: "没有找到" }).textContent()).resolves.toContain("火星探测器");
    expect(await page.locator(".search-results li").count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("loads its script only on the search page, as a module that does not block rendering", async () => {
    const dist = (path: string) => readFileSync(join(project.root, "dist", path), "utf8");
    for (const script of ["zh-hans", "zh-hant"] as const) {
      const html = dist(`${script}/search/index.html`);
      const tags = html.match(/<script\b[^>]*>/g)!.filter((tag) => !tag.includes("application/ld+json"));
      expect(tags).toHaveLength(1);
      expect(tags[0]).toMatch(/^<script type="module" src="\/assets\/search\.[0-9a-f]{10}\.js">$/);
      expect(html).toContain("<noscript>");
      for (const other of [`${script}/index.html`, `${script}/2020/11/13/8355537.html`, `${script}/fazhi-zhengfu/index.html`, `${script}/404.html`]) {
        expect(dist(other)).not.toMatch(/<script\b(?![^>]*application\/ld\+json)/);
      }
    }
  });

  it("without JavaScript, the search page explains that search needs it and offers the archive", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/zh-hant/search/`);
    const notice = page.locator(".search-notice");
    expect(await notice.isVisible()).toBe(true);
    await expect(notice.textContent()).resolves.toContain("JavaScript");
    expect(await notice.locator("a").getAttribute("href")).toBe("/zh-hant/archive/");
    await context.close();
  });
});
