import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Element } from "hast";
import { toHtml } from "hast-util-to-html";
import { fromHtml } from "hast-util-from-html";
import { visit } from "unist-util-visit";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { parseArticle } from "../../src/content/article.js";
import { ProblemCollector } from "../../src/content/problems.js";
import { decodeSource } from "../../src/content/read-source.js";
import { createRenderContext } from "../../src/render/render-settings.js";
import { PROJECT_ROOT } from "../helpers/project.js";

/**
 * A bounded mutation fuzzer over the front matter and Markdown stages: it mutates the sample articles and
 * the hostile corpus with dangerous fragments and checks that every input either yields located problems
 * or a page with no script, no event handler and no script URL — never a crash. FUZZ_SECONDS sets the
 * budget (default 15); FUZZ_SEED repeats a run.
 */
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 15);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const FRAGMENTS = [
  "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "JaVa&#x09;ScRiPt:x", "data:text/html,x", "<svg onload=alert(1)>",
  "<iframe src=//x>", "<style>*{}</style>", "-{", "}-", "-{zh-hans:甲;zh-hant:乙}-", "-{}-", "---", "---js\n", "\n---\n", "__proto__: {a: 1}\n", "constructor: x\n",
  "&a [1,2]", "*a", "!!js/function x", "\t", "\u0000", "\u202e", "\u200b", "\r\n", "\uFEFF", "> ", "- ", "1. ", "**", "*", "_", "`", "```", "[x](", ")", "![a](b)",
  "{{ x }}", "{% raw %}", "<!--", "-->", "<![CDATA[", "&#0;", "&#x110000;", "发展", "头发", "“", "」", "《", "：", "\\", "%2e%2e/", "../", "id: ../x\n", "aliases: [/../x]\n",
];

function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

function corpus(): string[] {
  const texts: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, name.name);
      if (name.isDirectory()) walk(full);
      else if (name.name.endsWith(".md")) texts.push(readFileSync(full, "utf8"));
    }
  };
  walk(join(PROJECT_ROOT, "content"));
  walk(join(dirname(fileURLToPath(import.meta.url)), "cases"));
  return texts.filter((t) => t.length < 100_000);
}

function mutate(text: string, random: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(random() * 6);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (out.length + 1));
    const choice = random();
    if (choice < 0.5) out = out.slice(0, at) + FRAGMENTS[Math.floor(random() * FRAGMENTS.length)]! + out.slice(at);
    else if (choice < 0.7) out = out.slice(0, at) + out.slice(at + Math.floor(random() * 40));
    else if (choice < 0.85) out = out.slice(0, at) + out.slice(Math.max(0, at - 30), at) + out.slice(at);
    else out = out.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x3000)) + out.slice(at + 1);
  }
  return out;
}

function assertSafe(html: string, input: string): void {
  visit(fromHtml(html, { fragment: true }), "element", (node: Element) => {
    expect(["script", "iframe", "object", "embed", "form", "style", "svg", "math", "meta", "base"], `<${node.tagName}> from ${JSON.stringify(input)}`).not.toContain(node.tagName);
    for (const [key, value] of Object.entries(node.properties)) {
      expect(/^on/i.test(key), `${key} from ${JSON.stringify(input)}`).toBe(false);
      if (key === "href" || key === "src") expect(String(value).replace(/[\u0000-\u0020]/g, "").toLowerCase()).not.toMatch(/^(javascript|vbscript|data):/);
    }
  });
}

describe("fuzzing the front matter and Markdown stages", () => {
  it(`survives mutated inputs for ${SECONDS} s (seed ${SEED})`, () => {
    const random = seeded(SEED);
    const inputs = corpus();
    const context = createRenderContext({ siteUrl: "https://example.gov.cn/", maxNestingDepth: 64, maxFileBytes: 2 * 1024 * 1024, traditional: "tw", glossary: [], quotes: true, defaultSource: "来源" });
    const deadline = performance.now() + SECONDS * 1000;
    let runs = 0;
    while (performance.now() < deadline) {
      const input = mutate(inputs[Math.floor(random() * inputs.length)]!, random);
      const problems = new ProblemCollector();
      const text = decodeSource(Buffer.from(input, "utf8"), "content/fuzz.md", problems);
      const article = text === undefined ? undefined : parseArticle(text, "content/fuzz.md", problems, { timeZone: "Asia/Shanghai", maxAliasExpansions: 100, folderSection: "fazhi" });
      for (const problem of problems.all) expect(problem.line).toBeGreaterThanOrEqual(1);
      if (article) {
        const file = new VFile({ path: "content/fuzz.md", value: article.body });
        const tree = context.toHast(article.body, file);
        for (const [from, to] of [["zh-Hans", "zh-Hant"], ["zh-Hant", "zh-Hans"]] as const) {
          assertSafe(toHtml(context.convertTree(tree, context.converterFor(from, to), { quotes: true, pageRules: article.glossary })), input);
        }
      } else {
        expect(problems.hasErrors, `no article and no error for ${JSON.stringify(input)}`).toBe(true);
      }
      runs++;
    }
    expect(runs).toBeGreaterThan(50);
    expect(({} as Record<string, unknown>).a).toBeUndefined();
  });
});
