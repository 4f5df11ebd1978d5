import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, serveStatic, watchProblems } from "../helpers/browser.js";
import { createTempProject, PROJECT_ROOT, type TempProject } from "../helpers/project.js";

// Functions given to page.evaluate run in Chromium; the project type-checks without the DOM library, so
// the browser globals they use are declared here, for this file only.
declare const document: any, window: any, getComputedStyle: any, NodeFilter: any;

const SCRIPTS = ["zh-hans", "zh-hant"] as const;
type Script = (typeof SCRIPTS)[number];
const SEED = (script: Script) => `/${script}/2020/11/13/8355537.html`;
const HEADLINE: Record<Script, string> = { "zh-hans": "网络扶贫取得明显成效", "zh-hant": "網絡扶貧取得明顯成效" };
/** One page of every kind, plus the article with a table and a chart. */
const PAGES = (script: Script) => [
  `/${script}/`,
  `/${script}/fazhi-zhengfu/`,
  SEED(script),
  `/${script}/2020/11/27/8360218.html`,
  `/${script}/search/`,
  `/${script}/404.html`,
  `/${script}/archive/`,
  `/${script}/tags/`,
];
const ARTIFACTS = join(PROJECT_ROOT, "test-results");

/** Whether anything makes the page scroll sideways, and which elements stick out past the viewport. */
async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; viewport: number; offenders: string[] }> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const offenders: string[] = [];
    for (const element of document.querySelectorAll("body *")) {
      const box = element.getBoundingClientRect();
      if (box.width > 0 && (box.right > viewport + 0.5 || box.left < -0.5) && !element.closest(".skip-link, .visually-hidden")) {
        // A table may scroll inside its own box; that is not the page scrolling.
        if (element.closest("table")) continue;
        offenders.push(`${element.tagName.toLowerCase()}.${element.className} (${Math.round(box.left)}–${Math.round(box.right)})`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, viewport, offenders: offenders.slice(0, 5) };
  });
}

describe("the default theme, read in headless Chromium", () => {
  let project: TempProject;
  let browser: Browser;
  let site: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    project = createTempProject({ sampleContent: true });
    expect(project.fabu(["build"]).status).toBe(0);
    site = await serveStatic(join(project.root, "dist"));
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    project?.dispose();
  });

  const open = async (path: string, options: { width?: number; height?: number; colorScheme?: "light" | "dark"; javaScriptEnabled?: boolean } = {}) => {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 390, height: options.height ?? 844 },
      colorScheme: options.colorScheme ?? "light",
      javaScriptEnabled: options.javaScriptEnabled ?? true,
    });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${site.url}${path}`, { waitUntil: "load" });
    return { page, problems, close: () => context.close() };
  };

  it.each(SCRIPTS)("saves screenshots of the %s seed article at 390 px, 1280 px, in dark mode and as printed", async (script) => {
    for (const width of [390, 1280]) {
      const { page, problems, close } = await open(SEED(script), { width });
      await page.screenshot({ path: join(ARTIFACTS, `article-${script}-${width}.png`), fullPage: true });
      expect(problems).toEqual([]);
      await close();
    }
    const dark = await open(SEED(script), { width: 390, colorScheme: "dark" });
    await dark.page.screenshot({ path: join(ARTIFACTS, `article-${script}-390-dark.png`) });
    await dark.close();
    const print = await open(SEED(script), { width: 800 });
    await print.page.emulateMedia({ media: "print" });
    await print.page.screenshot({ path: join(ARTIFACTS, `article-${script}-print.png`) });
    await print.close();
  });

  it("saves screenshots of the home, a section, the article with a table and chart, and search at 390 px", async () => {
    for (const [name, path] of [
      ["home", "/zh-hans/"],
      ["section", "/zh-hant/fazhi-zhengfu/"],
      ["table-chart", "/zh-hans/2020/11/27/8360218.html"],
      ["search", "/zh-hant/search/?q=扶贫"],
    ]) {
      const { page, problems, close } = await open(path!);
      if (name === "search") await page.locator(".search-results li").first().waitFor();
      await page.screenshot({ path: join(ARTIFACTS, `${name}-390.png`), fullPage: true });
      expect(problems).toEqual([]);
      await close();
    }
  });

  it.each(SCRIPTS)("lays out every %s page kind at 320 px wide without horizontal scrolling", async (script) => {
    const { page, close } = await open("/", { width: 320, height: 640 });
    for (const path of PAGES(script)) {
      await page.goto(`${site.url}${path}`);
      const overflow = await horizontalOverflow(page);
      expect(overflow.offenders, path).toEqual([]);
      expect(overflow.scrollWidth, path).toBeLessThanOrEqual(overflow.viewport);
    }
    await close();
  });

  it.each(SCRIPTS)("keeps all %s content readable with the text size doubled (no sideways scrolling, nothing clipped)", async (script) => {
    for (const width of [1280, 390]) {
      const { page, close } = await open("/", { width });
      for (const path of PAGES(script)) {
        await page.goto(`${site.url}${path}`);
        // The browser's text-size setting at 200%: the root font size doubles, and the theme scales with it.
        await page.addStyleTag({ content: "html { font-size: 200% !important; }" });
        const overflow = await horizontalOverflow(page);
        expect(overflow.offenders, `${path} at ${width}px`).toEqual([]);
        expect(overflow.scrollWidth, `${path} at ${width}px`).toBeLessThanOrEqual(overflow.viewport);
        const clipped = await page.evaluate(() =>
          [...document.querySelectorAll("main *, header *")]
            .filter((element) => {
              const style = getComputedStyle(element);
              const hides = /hidden|clip/.test(style.overflowX + style.overflowY);
              return hides && !element.closest(".visually-hidden") && (element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1);
            })
            .map((element) => `${element.tagName}.${element.className}`),
        );
        expect(clipped, `${path} at ${width}px`).toEqual([]);
        const sizes = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector("main h1, main h2")!).fontSize));
        expect(sizes).toBeGreaterThanOrEqual(32);
      }
      await close();
    }
  });

  it("keeps the seed article readable at 200% page zoom on a desktop (1280 px at 2× is 640 CSS px)", async () => {
    const context = await browser.newContext({ viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto(`${site.url}${SEED("zh-hans")}`);
    const overflow = await horizontalOverflow(page);
    expect(overflow.offenders).toEqual([]);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.viewport);
    for (const selector of [".site-title", ".site-search", ".script-switch", "h1", ".byline", ".article-body", ".editor"]) {
      expect(await page.locator(selector).isVisible(), selector).toBe(true);
    }
    await page.screenshot({ path: join(ARTIFACTS, "article-zh-hans-zoom200.png") });
    await context.close();
  });

  it.each(SCRIPTS)("sets %s text for Chinese: its own fonts, line height 1.8, about 40 characters a line, dots for emphasis, full-width punctuation", async (script) => {
    const { page, close } = await open(SEED(script), { width: 1280 });
    const typography = await page.evaluate(() => {
      const paragraph = document.querySelector(".article-body p")!;
      const style = getComputedStyle(paragraph);
      const fontSize = parseFloat(style.fontSize);
      const em = document.createElement("em");
      em.textContent = "着重";
      paragraph.append(em);
      const emStyle = getComputedStyle(em);
      // The width of one full-width opening quotation mark in the body text.
      const walker = document.createTreeWalker(document.querySelector(".article-body")!, NodeFilter.SHOW_TEXT);
      let quoteWidth = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.search(/[“「]/);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        quoteWidth = range.getBoundingClientRect().width;
        break;
      }
      return {
        fontFamily: getComputedStyle(document.body).fontFamily,
        lineHeight: parseFloat(style.lineHeight) / fontSize,
        charsPerLine: paragraph.getBoundingClientRect().width / fontSize,
        fontSize,
        emphasisStyle: emStyle.getPropertyValue("text-emphasis-style"),
        emphasisItalic: emStyle.fontStyle,
        quoteWidth: quoteWidth / fontSize,
        cjkFont: document.fonts.check(`16px "Noto Sans CJK SC"`) || document.fonts.check(`16px "PingFang SC"`),
      };
    });
    expect(typography.fontFamily.startsWith(script === "zh-hans" ? '"PingFang SC"' : '"PingFang TC"')).toBe(true);
    expect(typography.lineHeight).toBeCloseTo(1.8, 2);
    expect(typography.fontSize).toBeGreaterThanOrEqual(17);
    expect(typography.charsPerLine).toBeGreaterThanOrEqual(30);
    expect(typography.charsPerLine).toBeLessThanOrEqual(45);
    expect(typography.emphasisItalic).toBe("normal");
    expect(typography.emphasisStyle).toMatch(/dot/);
    // Needs a CJK system font in the test machine (Debian: fonts-noto-cjk), as any reader has.
    expect(typography.cjkFont, "no CJK font installed (apt-get install fonts-noto-cjk)").toBe(true);
    expect(typography.quoteWidth).toBeGreaterThanOrEqual(0.9);
    await close();
  });

  it.each(SCRIPTS)("shows the %s article header as kicker, headline, subtitle, then one line of date, source and byline", async (script) => {
    const { page, close } = await open(SEED(script), { width: 1280 });
    const boxes = await page.evaluate(() =>
      Object.fromEntries(
        ["h1", ".subtitle", ".published", ".source", ".byline", ".article-body"].map((selector) => {
          const box = document.querySelector(selector)!.getBoundingClientRect();
          return [selector, { top: box.top, bottom: box.bottom, left: box.left, height: box.height }];
        }),
      ),
    );
    expect(boxes["h1"]!.bottom).toBeLessThanOrEqual(boxes[".subtitle"]!.top);
    expect(boxes[".subtitle"]!.bottom).toBeLessThanOrEqual(boxes[".published"]!.top);
    expect(boxes[".source"]!.top).toBe(boxes[".published"]!.top);
    expect(boxes[".byline"]!.top).toBe(boxes[".published"]!.top);
    expect(boxes[".source"]!.left).toBeGreaterThan(boxes[".published"]!.left);
    expect(boxes[".byline"]!.left).toBeGreaterThan(boxes[".source"]!.left);
    expect(boxes[".byline"]!.bottom).toBeLessThanOrEqual(boxes[".article-body"]!.top);
    await close();
  });

  it("leads from the script switch to the same article in the other script, and back", async () => {
    const { page, problems, close } = await open(SEED("zh-hans"));
    await page.locator(".script-switch").click();
    await page.waitForURL(`**${SEED("zh-hant")}`);
    expect(await page.locator("h1").textContent()).toBe(HEADLINE["zh-hant"]);
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-Hant");
    await page.locator(".script-switch").click();
    await page.waitForURL(`**${SEED("zh-hans")}`);
    expect(await page.locator("h1").textContent()).toBe(HEADLINE["zh-hans"]);
    expect(problems).toEqual([]);
    await close();
  });

  it("reads the same without JavaScript", async () => {
    const { page, close } = await open(SEED("zh-hant"), { javaScriptEnabled: false });
    expect(await page.locator("h1").textContent()).toBe(HEADLINE["zh-hant"]);
    expect(await page.locator(".article-body").isVisible()).toBe(true);
    expect(await page.locator(".article-body h2").count()).toBe(3);
    await close();
  });

  it("offers a skip link as the first stop, with a visible focus indicator, to main#main", async () => {
    const { page, close } = await open(SEED("zh-hans"));
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      return { className: element.className, text: element.textContent, top: box.top, height: box.height, outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) };
    });
    expect(focused).toMatchObject({ className: "skip-link", text: "跳到正文" });
    expect(focused.top).toBeGreaterThanOrEqual(0);
    expect(focused.height).toBeGreaterThanOrEqual(24);
    expect(focused.outline).toBe("solid");
    expect(focused.outlineWidth).toBeGreaterThanOrEqual(2);
    await page.keyboard.press("Enter");
    expect(new URL(page.url()).hash).toBe("#main");
    // Landmarks: banner, navigation, main, contentinfo.
    for (const selector of ["body > header", "nav.site-nav", "main#main", "body > footer"]) expect(await page.locator(selector).count(), selector).toBe(1);
    await close();
  });

  it.each(SCRIPTS)("makes every %s control and navigation link at least 24 × 24 px (WCAG 2.2 target size)", async (script) => {
    const { page, close } = await open("/", { width: 390 });
    for (const path of [SEED(script), `/${script}/fazhi-zhengfu/`, `/${script}/search/`]) {
      await page.goto(`${site.url}${path}`);
      const small = await page.evaluate(() =>
        [...document.querySelectorAll(".site-header a, .site-nav a, .tags a, .pager a, .breadcrumb a, .search-form input, .search-form button, .site-footer a")]
          .map((element) => ({ element, box: element.getBoundingClientRect() }))
          .filter(({ box }) => box.width < 24 || box.height < 24)
          .map(({ element, box }) => `${element.textContent} ${Math.round(box.width)}×${Math.round(box.height)}`),
      );
      expect(small, path).toEqual([]);
    }
    await close();
  });

  it.each(SCRIPTS)("switches %s pages to dark colours when the reader prefers a dark scheme", async (script) => {
    const luminance = (page: Page) =>
      page.evaluate(() => {
        const channel = (css: string) => {
          const [r, g, b] = css.match(/[\d.]+/g)!.map(Number) as [number, number, number];
          return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        };
        return { background: channel(getComputedStyle(document.body).backgroundColor), text: channel(getComputedStyle(document.querySelector(".article-body p")!).color) };
      });
    const light = await open(SEED(script), { colorScheme: "light" });
    const dark = await open(SEED(script), { colorScheme: "dark" });
    const lightColours = await luminance(light.page);
    const darkColours = await luminance(dark.page);
    expect(lightColours.background).toBeGreaterThan(0.9);
    expect(lightColours.text).toBeLessThan(0.2);
    expect(darkColours.background).toBeLessThan(0.15);
    expect(darkColours.text).toBeGreaterThan(0.8);
    await light.close();
    await dark.close();
  });

  it.each(SCRIPTS)("prints the %s article alone, with its address", async (script) => {
    const { page, close } = await open(SEED(script));
    await page.emulateMedia({ media: "print" });
    for (const selector of [".site-header", ".site-nav", ".site-footer", ".related", ".breadcrumb"]) {
      expect(await page.locator(selector).isVisible(), selector).toBe(false);
    }
    for (const selector of ["h1", ".meta", ".article-body", ".editor"]) expect(await page.locator(selector).isVisible(), selector).toBe(true);
    const printUrl = page.locator(".print-url");
    expect(await printUrl.isVisible()).toBe(true);
    expect(await printUrl.textContent()).toContain(`https://example.gov.cn${SEED(script)}`);
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    // On screen the address line is not shown (the address bar has it).
    await page.emulateMedia({ media: "screen" });
    expect(await printUrl.isVisible()).toBe(false);
    await close();
  });
});
