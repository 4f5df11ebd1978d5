import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeCdnFiles } from "../../src/deploy/cdn-files.js";
import { launchChromium } from "../helpers/browser.js";
import { createTempProject, type TempProject } from "../helpers/project.js";
import { serveWithHeaders } from "./headers-support.js";

/** Records CSP violations, console errors, failed requests and HTTP errors. */
async function openWatched(browser: Browser, url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  await page.exposeFunction("__cspViolation", (text: string) => problems.push(`CSP: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation(`${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(url, { waitUntil: "load" });
  return { page, problems };
}

describe("the Content-Security-Policy of _headers does not break the pages (headless Chromium)", () => {
  let project: TempProject;
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveWithHeaders>>;

  beforeAll(async () => {
    project = createTempProject({ sampleContent: true });
    expect(project.fabu(["build"]).status).toBe(0);
    await writeCdnFiles(join(project.root, "dist"));
    site = await serveWithHeaders(join(project.root, "dist"));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    project?.dispose();
  });

  it.each(["/zh-hans/2020/11/13/8355537.html", "/zh-hant/2020/11/13/8355537.html", "/", "/zh-hant/minsheng/"])("%s: styles and images load, JSON-LD stays, no violations", async (path) => {
    const response = await (await browser.newPage()).request.get(`${site.url}${path}`);
    expect(response.headers()["content-security-policy"]).toMatch(/script-src 'self'/);
    const { page, problems } = await openWatched(browser, `${site.url}${path}`);
    // The stylesheet applied (the theme sets the body's margin to 0).
    expect(await page.evaluate(() => Array.from(document.styleSheets).reduce((n, sheet) => n + sheet.cssRules.length, 0))).toBeGreaterThan(10);
    expect(await page.evaluate(() => Array.from(document.images).every((img) => img.complete && img.naturalWidth > 0))).toBe(true);
    if (path.endsWith(".html")) expect(await page.locator('script[type="application/ld+json"]').count()).toBe(2);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("serves the precompressed files to the browser, which decodes them", async () => {
    const { page, problems } = await openWatched(browser, `${site.url}/zh-hans/2020/11/13/8355537.html`);
    await expect(page.locator("h1").textContent()).resolves.toBe("网络扶贫取得明显成效");
    expect(site.encodings.get("/zh-hans/2020/11/13/8355537.html")).toBe("br");
    expect([...site.encodings.keys()].some((p) => p.startsWith("/assets/") && p.endsWith(".css"))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("lets the search page's WebAssembly engine run, if the site has search", async () => {
    if (!existsSync(join(project.root, "dist", "zh-hans", "search", "index.html"))) return;
    const { page, problems } = await openWatched(browser, `${site.url}/zh-hans/search/?q=${encodeURIComponent("扶贫")}`);
    await page.locator(".search-results li").first().waitFor({ timeout: 30_000 });
    expect(problems).toEqual([]);
    await page.close();
  });
});
