import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, serveStatic } from "../helpers/browser.js";
import { createTempProject, PROJECT_ROOT, type TempProject } from "../helpers/project.js";

describe("the seed article in headless Chromium", () => {
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

  it.each([
    ["zh-hans", "网络扶贫取得明显成效"],
    ["zh-hant", "網絡扶貧取得明顯成效"],
  ])("shows the %s headline with no console errors or failed requests", async (script, headline) => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
    page.on("response", (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    await page.goto(`${site.url}/${script}/2020/11/13/8355537.html`, { waitUntil: "load" });
    await expect(page.locator("h1").textContent()).resolves.toBe(headline);
    expect(await page.locator("html").getAttribute("lang")).toBe(script === "zh-hans" ? "zh-Hans" : "zh-Hant");
    const artifacts = join(PROJECT_ROOT, "test-results");
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, `seed-${script}-390.png`), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});
