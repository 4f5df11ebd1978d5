/**
 * CommonMark 0.31.2 conformance of the core Markdown stage
 * (remark-parse → remark-rehype → rehype-raw → rehype-sanitize).
 *
 * Examples whose Markdown contains raw HTML — decided by whether remark-parse
 * produces an `html` node, which is exactly what reaches the sanitizer — are
 * checked for safety instead of equality: the sanitizer is supposed to change
 * them. Every other example must produce the spec's HTML.
 *
 * Comparison: both the spec's HTML and ours are parsed into a DOM with
 * hast-util-from-html and serialised again with hast-util-to-html, and the
 * trailing newline is dropped. That removes differences of spelling only —
 * `<hr />` vs `<hr>`, `&quot;` vs `"`, `&lt;` vs `&#x3C;` — while elements,
 * attributes and every text character, whitespace included, must match. The
 * spec's own test runner normalises in the same spirit.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Nodes } from "mdast";
import { toHtml } from "hast-util-to-html";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { createCoreMarkdownProcessor } from "../../src/markdown/index.js";
import { findUnsafeMarkup, parseFragment, projectRoot } from "./support.js";

interface SpecExample {
  readonly markdown: string;
  readonly html: string;
  readonly example: number;
  readonly section: string;
}

/** Examples that legitimately differ from the spec, by number, with the reason. */
const KNOWN_DIFFERENCES: ReadonlyMap<number, string> = new Map([
  [127, "rehype-raw re-parses the tree as HTML, and the parser drops the leading newline of a code block"],
  [129, "rehype-raw re-parses the tree as HTML, and the parser drops the leading newline of a code block"],
  [356, "micromark classifies flanking per UTF-16 unit, so the astral currency sign U+1E2FF is not punctuation"],
  [502, "sanitizer: `foo):` reads as a URL with the unknown scheme `foo)`, so href is removed"],
  [598, "sanitizer: the irc: scheme is not allowed, so href is removed"],
  [599, "sanitizer: schemes are matched case-sensitively, so MAILTO: is removed"],
  [600, "sanitizer: the made-up scheme a+b+c: is not allowed, so href is removed"],
  [601, "sanitizer: the made-up scheme made-up-scheme: is not allowed, so href is removed"],
  [603, "sanitizer: localhost:5001/foo reads as the scheme localhost:, which is not allowed"],
]);

const specFile = path.join(projectRoot, "..", "shared", "conformance", "commonmark-0.31.2.json");
const examples = JSON.parse(readFileSync(specFile, "utf8")) as SpecExample[];

const coreProcessor = createCoreMarkdownProcessor();
const markdownParser = unified().use(remarkParse);

function renderCore(markdown: string): string {
  return toHtml(coreProcessor.runSync(coreProcessor.parse(markdown)));
}

function normalizeHtml(html: string): string {
  return toHtml(parseFragment(html)).replace(/\n+$/, "");
}

function containsRawHtml(markdown: string): boolean {
  const pending: Nodes[] = [markdownParser.parse(markdown)];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === "html") return true;
    if ("children" in node) pending.push(...node.children);
  }
  return false;
}

const rawHtmlExamples = examples.filter((example) => containsRawHtml(example.markdown));
const plainExamples = examples.filter((example) => !containsRawHtml(example.markdown));

describe("CommonMark 0.31.2", () => {
  it("has all 655 spec examples", () => {
    expect(examples).toHaveLength(655);
    expect(rawHtmlExamples.length + plainExamples.length).toBe(655);
  });

  it("lists only examples that exist and have no raw HTML", () => {
    const plainNumbers = new Set(plainExamples.map((example) => example.example));
    for (const number of KNOWN_DIFFERENCES.keys()) expect(plainNumbers.has(number), `example ${number}`).toBe(true);
  });

  describe("examples without raw HTML match the spec", () => {
    it.each(plainExamples.map((example) => [example.example, example.section, example] as const))(
      "example %i (%s)",
      (number, _section, example) => {
        const actual = normalizeHtml(renderCore(example.markdown));
        const expected = normalizeHtml(example.html);
        const reason = KNOWN_DIFFERENCES.get(number);
        if (reason === undefined) {
          expect(actual).toBe(expected);
        } else {
          // A listed example that starts to match must be taken off the list.
          expect(actual, `listed as differing (${reason}) but now matches`).not.toBe(expected);
        }
      },
    );
  });

  describe("examples with raw HTML are sanitized", () => {
    it.each(rawHtmlExamples.map((example) => [example.example, example.section, example] as const))(
      "example %i (%s)",
      (_number, _section, example) => {
        expect(findUnsafeMarkup(parseFragment(renderCore(example.markdown)))).toEqual([]);
      },
    );
  });

  it("counts", () => {
    const matching = plainExamples.filter((example) => !KNOWN_DIFFERENCES.has(example.example)).length;
    // Printed for the record; the per-example tests above are the assertions.
    console.info(
      `CommonMark: ${examples.length} examples; ${matching} match exactly, ${KNOWN_DIFFERENCES.size} listed differences, ` +
        `${rawHtmlExamples.length} with raw HTML checked for safety`,
    );
    expect(matching + KNOWN_DIFFERENCES.size + rawHtmlExamples.length).toBe(examples.length);
  });
});
