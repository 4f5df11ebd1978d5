/**
 * Nesting and size limits: pathological input ends quickly with a fatal
 * message on the file and an empty tree, never a stack overflow.
 */
import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_NESTING_DEPTH } from "../../src/markdown/index.js";
import { SITE_URL, render, type Rendered } from "./support.js";

/** Generous: these finish in milliseconds, but CI machines vary. */
const TIME_BOUND_MS = 5_000;

function renderTimed(markdown: string, maxNestingDepth?: number): Rendered & { elapsed: number } {
  const started = performance.now();
  const rendered = render(markdown, maxNestingDepth === undefined ? undefined : { siteUrl: SITE_URL, maxNestingDepth });
  return { ...rendered, elapsed: performance.now() - started };
}

function expectRejected(rendered: Rendered & { elapsed: number }, ruleId: string): string {
  expect(rendered.elapsed).toBeLessThan(TIME_BOUND_MS);
  expect(rendered.tree.children).toEqual([]);
  expect(rendered.file.messages).toHaveLength(1);
  const [message] = rendered.file.messages;
  expect(message?.fatal).toBe(true);
  expect(message?.ruleId).toBe(ruleId);
  expect(message?.line).toBeGreaterThan(0);
  return message?.reason ?? "";
}

const alternatingEmphasis = (levels: number) =>
  Array.from({ length: levels }, (_, index) => `${index % 2 ? "*" : "_"}a `).join("") +
  "x" +
  Array.from({ length: levels }, (_, index) => ` b${(levels - 1 - index) % 2 ? "*" : "_"}`).join("");

describe("pathological nesting is an error, not a crash", () => {
  const cases: Array<[string, string]> = [
    ["3,000 nested blockquotes", `${"> ".repeat(3_000)}x\n`],
    ["1,500 nested blockquotes, one level per line", Array.from({ length: 1_500 }, (_, level) => `${">".repeat(level + 1)} a`).join("\n")],
    ["2,000 nested bullet lists", `${"- ".repeat(2_000)}x\n`],
    ["2,000 nested ordered lists", `${"1. ".repeat(2_000)}x\n`],
    ["1,000 nested lists by indentation", Array.from({ length: 1_000 }, (_, level) => `${"  ".repeat(level)}- a`).join("\n")],
    ["5,000 emphasis markers on each side", `${"*".repeat(5_000)}x${"*".repeat(5_000)}\n`],
    ["5,000 alternating emphasis openers", alternatingEmphasis(5_000)],
    ["5,000 nested strikethroughs", `${"~~a ".repeat(5_000)}x${" b~~".repeat(5_000)}`],
    ["5,000 nested emphasis around 《》", `${" **《".repeat(5_000)}x${"》** ".repeat(5_000)}`],
    ["5,000 nested links", `${"[a ".repeat(5_000)}x${"](u)".repeat(5_000)}`],
    ["20,000 nested raw <div>s", "<div>".repeat(20_000)],
    ["20,000 nested raw <span>s in a paragraph", `x ${"<span>".repeat(20_000)}`],
    ["5,000 raw <div>s with stray end tags", "<div></span>".repeat(5_000)],
  ];

  it.each(cases)("%s", (_name, markdown) => {
    const reason = expectRejected(renderTimed(markdown), "nesting-depth");
    expect(reason).toMatch(/^Nesting depth .* exceeds the limit of 64; the article is not rendered$/);
  });
});

describe("the exact limit", () => {
  it("accepts nesting at the limit and rejects one level more, naming depth and limit", () => {
    const atLimit = renderTimed(`${"> ".repeat(DEFAULT_MAX_NESTING_DEPTH)}x`);
    expect(atLimit.file.messages).toEqual([]);
    expect(atLimit.tree.children.length).toBeGreaterThan(0);

    const overLimit = renderTimed(`${"> ".repeat(DEFAULT_MAX_NESTING_DEPTH + 1)}x`);
    expect(expectRejected(overLimit, "nesting-depth")).toBe(
      "Nesting depth 65 (blockquote) exceeds the limit of 64; the article is not rendered",
    );
    // The 65th `>` opens the first blockquote that is too deep.
    expect(overLimit.file.messages[0]?.column).toBe(2 * DEFAULT_MAX_NESTING_DEPTH + 1);
  });

  it("counts lists, emphasis and links together, reported at the first node too deep", () => {
    const markdown = "正文\n\n- 一\n  - 二\n    - **三 [四](/a) 三**\n";
    expect(renderTimed(markdown, 5).file.messages).toEqual([]);
    const rendered = renderTimed(markdown, 3);
    expect(expectRejected(rendered, "nesting-depth")).toBe(
      "Nesting depth 4 (strong) exceeds the limit of 3; the article is not rendered",
    );
    expect([rendered.file.messages[0]?.line, rendered.file.messages[0]?.column]).toEqual([5, 7]);
  });

  it("counts raw HTML nesting, ignoring void elements and tags the parser closes itself", () => {
    const sloppyButFlat = `${"<p>段落<br>".repeat(100)}\n\n${"<li>项目".repeat(100)}\n`;
    expect(renderTimed(sloppyButFlat, 3).file.messages.filter((message) => message.fatal)).toEqual([]);
    const deep = renderTimed("<div><div><section><blockquote>x</blockquote></section></div></div>", 3);
    expect(expectRejected(deep, "nesting-depth")).toBe(
      "Nesting depth 4 (raw HTML) exceeds the limit of 3; the article is not rendered",
    );
  });
});

describe("input size", () => {
  it("rejects input over maxBytes, counting UTF-8 bytes, without parsing it", () => {
    const overLimit = renderTimed("政".repeat(Math.ceil(DEFAULT_MAX_BYTES / 3) + 1));
    expect(expectRejected(overLimit, "input-size")).toMatch(/^Article is \d+ bytes, more than the limit of 2097152;/);
  });

  it("accepts input at maxBytes", () => {
    const rendered = render("政策".repeat(5), { siteUrl: SITE_URL, maxBytes: 30 });
    expect(rendered.file.messages).toEqual([]);
    const rejected = render("政策".repeat(5) + "a", { siteUrl: SITE_URL, maxBytes: 30 });
    expect(rejected.file.messages[0]?.fatal).toBe(true);
  });
});
