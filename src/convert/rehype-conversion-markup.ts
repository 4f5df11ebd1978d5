/**
 * rehype plugin: finds editorial conversion markup (-{…}-) in text nodes and
 * turns it into marker elements for `convertTree`. Runs before conversion and
 * before any sanitizer (which must let `fabu-conv` through, or run after
 * `convertTree` has removed the markers).
 */
import type { Root, Text } from "hast";
import type { VFile } from "vfile";
import { markerElement } from "./markers.js";
import { parseConversionMarkup } from "./markup-syntax.js";
import { OPAQUE_TAGS, copyTree, isElement, isText, pointInText, type Child, type Parent } from "./tree-model.js";

export interface ConversionMarkupOptions {
  /** Elements whose text is left alone; defaults to code, pre, kbd, samp, script and style. */
  readonly skipTags?: readonly string[];
  /** ruleId of reported problems; defaults to "conversion-markup". */
  readonly ruleId?: string;
}

const MESSAGE_SOURCE = "fabu";

function nodesForText(node: Text, file: VFile, ruleId: string): Child[] {
  const { tokens, problems } = parseConversionMarkup(node.value);
  for (const problem of problems) {
    const place = pointInText(node, problem.offset);
    file.message(problem.reason, { ...(place ? { place } : {}), ruleId, source: MESSAGE_SOURCE });
  }
  if (!tokens.some((token) => token.kind === "marker")) return [node];
  return tokens.map((token): Child => {
    const start = pointInText(node, token.offset);
    const length = token.kind === "marker" ? token.length : token.text.length;
    const end = pointInText(node, token.offset + length);
    const position = start && end ? { start, end } : undefined;
    if (token.kind === "marker") return markerElement(token.marker, position);
    const text: Text = { type: "text", value: token.text };
    return position ? { ...text, position } : text;
  });
}

function transformChildren(parent: Parent, file: VFile, skip: ReadonlySet<string>, ruleId: string): void {
  parent.children = parent.children.flatMap((child: Child) => {
    if (isText(child) && child.value.includes("-{")) return nodesForText(child, file, ruleId);
    if (isElement(child) && !skip.has(child.tagName)) transformChildren(child, file, skip, ruleId);
    return [child];
  }) as Parent["children"];
}

/** The plugin: `unified().use(rehypeConversionMarkup, options)`. */
export function rehypeConversionMarkup(options: ConversionMarkupOptions = {}): (tree: Root, file: VFile) => Root {
  const skip = new Set(options.skipTags ?? OPAQUE_TAGS);
  const ruleId = options.ruleId ?? "conversion-markup";
  return (tree, file) => {
    const copy = copyTree(tree);
    transformChildren(copy, file, skip, ruleId);
    return copy;
  };
}

export default rehypeConversionMarkup;
