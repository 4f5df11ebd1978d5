/**
 * What the tree passes need to know about HTML elements: which ones hold
 * text that must not be touched, which ones are inline wrappers a phrase may
 * run through, and which attributes are meant for people.
 */
import type { Element, ElementContent, Root, RootContent, Text } from "hast";
import type { Point } from "unist";

/** Contents are code or machine text: never converted, no markup recognised. */
export const OPAQUE_TAGS: ReadonlySet<string> = new Set(["code", "pre", "kbd", "samp", "script", "style"]);

/** Inline wrappers: 头<strong>发</strong> is still one word. Anything else ends a run of text. */
export const TRANSPARENT_INLINE_TAGS: ReadonlySet<string> = new Set([
  "a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "i", "ins",
  "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
]);

/** hast property names of attributes shown to readers. URLs, ids and class names are not among them. */
export const READABLE_PROPERTIES: readonly string[] = ["alt", "title", "ariaLabel", "placeholder"];

export type Parent = Root | Element;
export type Child = RootContent | ElementContent;

export function isText(node: Child): node is Text {
  return node.type === "text";
}

export function isElement(node: Child): node is Element {
  return node.type === "element";
}

/**
 * The source point of a character inside a text node, counting lines within
 * the node's value. Exact for text written literally; approximate where the
 * parser decoded entities or escapes.
 */
export function pointInText(node: Text, offset: number): Point | undefined {
  const start = node.position?.start;
  if (!start) return undefined;
  let { line, column } = start;
  for (let index = 0; index < offset && index < node.value.length; index += 1) {
    if (node.value.charCodeAt(index) === 0x0a) {
      line += 1;
      column = 1;
    } else {
      column += 1;
    }
  }
  return start.offset === undefined ? { line, column } : { line, column, offset: start.offset + offset };
}

/**
 * A private deep copy to edit. unist trees are plain JSON-like data by
 * specification, so structuredClone copies them faithfully; the caller's tree
 * is never touched.
 */
export function copyTree(tree: Root): Root {
  return structuredClone(tree);
}
