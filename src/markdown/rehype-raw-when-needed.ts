/**
 * rehype-raw, run only when it can change something.
 *
 * rehype-raw re-parses the whole tree through an HTML parser, which is only
 * needed for raw HTML from the Markdown; most articles have none. For a tree
 * built from Markdown alone the re-parse gives back the same tree, apart from
 * a few things it normalises. This plugin runs rehype-raw as before whenever
 * the tree has anything it could change beyond those, and otherwise applies
 * them itself:
 *
 * - the root gets `data: {quirksMode: false}`, and the position of the whole
 *   file when any node has a position (the HTML parser's document node);
 * - adjacent text nodes are merged and empty ones dropped, as an HTML parser
 *   builds text.
 *
 * It runs rehype-raw when there is raw HTML, a comment or doctype; an element
 * other than those Markdown makes in an article body, or one with properties
 * other than the plain ones those elements get (footnotes and task lists
 * carry `data-*` and boolean attributes that do not survive the round trip
 * unchanged); `data` on any node; or a `<pre>` whose text starts with a line
 * feed (the parser drops it) or that has no text.
 */
import type { Element, ElementContent, Root, RootContent, Text } from "hast";
import rehypeRaw from "rehype-raw";
import type { Point, Position } from "unist";
import type { VFile } from "vfile";

/** What each element Markdown makes may carry, as property name → kind of value. */
type PropertyKind = "string" | "integer" | "classNames";

const NO_PROPERTIES: Readonly<Record<string, PropertyKind>> = {};
const MARKDOWN_ELEMENTS: ReadonlyMap<string, Readonly<Record<string, PropertyKind>>> = new Map([
  ...["p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "li", "pre", "em", "strong", "del", "br", "hr"].map(
    (tagName) => [tagName, NO_PROPERTIES] as const,
  ),
  ...["table", "thead", "tbody", "tr"].map((tagName) => [tagName, NO_PROPERTIES] as const),
  ["th", { align: "string" }],
  ["td", { align: "string" }],
  ["ol", { start: "integer" }],
  ["code", { className: "classNames" }],
  ["a", { href: "string", title: "string" }],
  ["img", { src: "string", alt: "string", title: "string" }],
]);

/** Class names that come back from `class="…"` as they went in: not empty, no whitespace. */
const PLAIN_CLASS_NAME = /^[^\t\n\f\r ]+$/;

function hasPlainProperties(element: Element): boolean {
  const allowed = MARKDOWN_ELEMENTS.get(element.tagName);
  if (!allowed) return false;
  for (const name in element.properties) {
    const value = element.properties[name];
    switch (Object.hasOwn(allowed, name) ? allowed[name] : undefined) {
      case "string":
        if (typeof value !== "string") return false;
        break;
      case "integer":
        if (typeof value !== "number" || !Number.isSafeInteger(value)) return false;
        break;
      case "classNames":
        if (!Array.isArray(value) || value.length === 0) return false;
        for (const className of value) if (typeof className !== "string" || !PLAIN_CLASS_NAME.test(className)) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** The first text in `element`, in document order. */
function firstText(element: Element): Text | undefined {
  for (const child of element.children) {
    if (child.type === "text") return child;
    if (child.type === "element") {
      const text = firstText(child);
      if (text) return text;
    }
  }
  return undefined;
}

interface Survey {
  /** Whether the HTML parser would give back the same tree, up to the normalisations above. */
  readonly invariant: boolean;
  /** Whether any node below the root has a position. */
  readonly positioned: boolean;
  /** Whether some children list has adjacent or empty text nodes. */
  readonly textToJoin: boolean;
}

/** A usable point, as unist-util-position (which hast-util-raw reads positions with) defines one. */
function isPoint(point: Point | undefined): boolean {
  return point !== undefined && typeof point.line === "number" && point.line > 0 && typeof point.column === "number" && point.column > 0;
}

function survey(tree: Root): Survey {
  let positioned = false;
  let textToJoin = false;
  const pending: (Root | RootContent)[] = [tree];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node !== tree) {
      if ("data" in node) return { invariant: false, positioned, textToJoin };
      if (!positioned && node.position && (isPoint(node.position.start) || isPoint(node.position.end))) positioned = true;
    }
    if (node.type === "text") continue;
    if (node.type === "element") {
      if (!hasPlainProperties(node)) return { invariant: false, positioned, textToJoin };
      if (node.tagName === "pre") {
        const text = firstText(node);
        if (!text || text.value === "" || text.value.charCodeAt(0) === 0x0a) return { invariant: false, positioned, textToJoin };
      }
    } else if (node.type !== "root") {
      return { invariant: false, positioned, textToJoin };
    }
    let previousIsText = false;
    for (const child of node.children) {
      const isText = child.type === "text";
      if (isText && (previousIsText || child.value === "")) textToJoin = true;
      previousIsText = isText;
      pending.push(child);
    }
  }
  return { invariant: true, positioned, textToJoin };
}

/**
 * Merges adjacent text nodes and drops empty ones, as an HTML parser builds text: the merged
 * node runs from the start of the first non-empty node to the end of the last (a position
 * missing either end is dropped later by the sanitizer, so it is left out here).
 */
function joinText(parent: Root | Element): void {
  const joined: (RootContent | ElementContent)[] = [];
  let run: Text[] = [];
  const endRun = () => {
    if (run.length === 1) joined.push(run[0]!);
    else if (run.length > 1) {
      const start = run[0]!.position?.start;
      const end = run[run.length - 1]!.position?.end;
      const merged: Text = { type: "text", value: run.map((text) => text.value).join("") };
      if (isPoint(start) && isPoint(end)) merged.position = { start: { ...start! }, end: { ...end! } };
      joined.push(merged);
    }
    run = [];
  };
  for (const child of parent.children) {
    if (child.type === "text") {
      if (child.value !== "") run.push(child);
      continue;
    }
    endRun();
    if (child.type === "element") joinText(child);
    joined.push(child);
  }
  endRun();
  parent.children = joined as typeof parent.children;
}

/** The point just past the end of `value`, counting lines as vfile-location does (\r\n, \r or \n). */
function endPoint(value: string): Point {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < value.length; index += 1) {
    const unit = value.charCodeAt(index);
    if (unit === 0x0d && value.charCodeAt(index + 1) === 0x0a) index += 1;
    if (unit === 0x0d || unit === 0x0a) {
      line += 1;
      lineStart = index + 1;
    }
  }
  return { line, column: value.length - lineStart + 1, offset: value.length };
}

export default function rehypeRawWhenNeeded(): (tree: Root, file: VFile) => Root {
  const reparse = rehypeRaw();
  return function rawWhenNeeded(tree: Root, file: VFile): Root {
    const { invariant, positioned, textToJoin } = survey(tree);
    if (!invariant) return reparse(tree, file);
    if (textToJoin) joinText(tree);
    const root: Root = { type: "root", children: tree.children, data: { quirksMode: false } };
    if (positioned) {
      const position: Position = { start: { line: 1, column: 1, offset: 0 }, end: endPoint(String(file)) };
      root.position = position;
    }
    return root;
  };
}
