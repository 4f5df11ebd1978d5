/**
 * Rejects articles nested deeper than a limit.
 *
 * Several later stages (mdast-util-to-hast, hast-util-raw, the sanitizer,
 * hast-util-to-html) recurse once per level and overflow the stack a couple
 * of thousand levels down. No real press release nests more than a handful
 * of levels, so a deep article is reported as an error and rendered empty
 * instead of being passed on.
 */
import type { Nodes, Root } from "mdast";
import type { VFile } from "vfile";
import { MESSAGE_SOURCE } from "./message-source.js";
import { RawHtmlDepthTracker } from "./raw-html-depth.js";
import { SKIP_CHILDREN, walkInDocumentOrder } from "./tree-walk.js";

export interface NestingLimitOptions {
  /** Greatest allowed depth; one more is an error. */
  readonly maxDepth: number;
}

/** Node types whose nesting is what gets deep in practice (and in attacks). */
const NESTING_TYPES = new Set<Nodes["type"]>([
  "blockquote",
  "list",
  "emphasis",
  "strong",
  "delete",
  "link",
  "linkReference",
]);

interface TooDeep {
  readonly node: Nodes;
  readonly depth: number;
  readonly what: string;
}

function findFirstTooDeep(tree: Root, maxDepth: number): TooDeep | undefined {
  const rawHtml = new RawHtmlDepthTracker();
  let found: TooDeep | undefined;

  walkInDocumentOrder<Nodes, number>(tree, 0, (node, parentDepth) => {
    if (found) return SKIP_CHILDREN;
    const depth = NESTING_TYPES.has(node.type) ? parentDepth + 1 : parentDepth;
    if (depth > maxDepth) {
      found = { node, depth, what: node.type };
    } else if (node.type === "html") {
      const htmlDepth = depth + rawHtml.feed(node.value);
      if (htmlDepth > maxDepth) found = { node, depth: htmlDepth, what: "raw HTML" };
    }
    return found ? SKIP_CHILDREN : depth;
  });

  return found;
}

export default function remarkNestingLimit(options: NestingLimitOptions) {
  const { maxDepth } = options;

  return function checkNesting(tree: Root, file: VFile): Root | undefined {
    const tooDeep = findFirstTooDeep(tree, maxDepth);
    if (!tooDeep) return undefined;

    const message = file.message(
      `Nesting depth ${tooDeep.depth} (${tooDeep.what}) exceeds the limit of ${maxDepth}; the article is not rendered`,
      { place: tooDeep.node.position, ruleId: "nesting-depth", source: MESSAGE_SOURCE },
    );
    message.fatal = true;
    return { type: "root", children: [] };
  };
}
