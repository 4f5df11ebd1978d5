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
import { OPAQUE_TAGS, isElement, isText, pointInText, type Child, type Parent } from "./tree-model.js";

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

/**
 * The children of `parent` with markup turned into markers, or undefined when nothing beneath
 * `parent` changes. Only the elements on the way to changed text are copied; everything else is
 * shared with the input, which is never modified.
 */
function transformChildren(parent: Parent, file: VFile, skip: ReadonlySet<string>, ruleId: string): Child[] | undefined {
  const children: readonly Child[] = parent.children;
  let changed: Child[] | undefined;
  for (let index = 0; index < children.length; index += 1) {
    const child = children[index]!;
    let replacement: Child[] | undefined;
    if (isText(child)) {
      if (child.value.includes("-{")) {
        const nodes = nodesForText(child, file, ruleId);
        if (nodes.length !== 1 || nodes[0] !== child) replacement = nodes;
      }
    } else if (isElement(child) && !skip.has(child.tagName)) {
      const elementChildren = transformChildren(child, file, skip, ruleId);
      if (elementChildren) replacement = [{ ...child, children: elementChildren } as Child];
    }
    if (replacement && !changed) changed = children.slice(0, index);
    if (changed) {
      if (replacement) changed.push(...replacement);
      else changed.push(child);
    }
  }
  return changed;
}

/**
 * The plugin: `unified().use(rehypeConversionMarkup, options)`. The transformer returns a new
 * root with markers in place of the markup and leaves its input untouched; subtrees without
 * markup are shared between the two.
 */
export function rehypeConversionMarkup(options: ConversionMarkupOptions = {}): (tree: Root, file: VFile) => Root {
  const skip = new Set(options.skipTags ?? OPAQUE_TAGS);
  const ruleId = options.ruleId ?? "conversion-markup";
  return (tree, file) => {
    const children = transformChildren(tree, file, skip, ruleId);
    return { ...tree, children: (children ?? tree.children.slice()) as Root["children"] };
  };
}

export default rehypeConversionMarkup;
