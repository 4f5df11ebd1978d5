/**
 * Warns about HTML the sanitizer is about to remove, so that an author whose
 * `<iframe>` or `onclick` silently vanished learns why and where.
 *
 * Runs right before rehype-sanitize with the same schema and only reports;
 * the sanitizer still does the removing. Which attributes survive is decided
 * by running the sanitizer itself on a childless copy of each element, so the
 * warnings cannot drift from what is actually removed.
 */
import type { Element, Nodes, Properties, Root } from "hast";
import rehypeSanitize, { type Options as SanitizeSchema } from "rehype-sanitize";
import type { Position } from "unist";
import type { VFile } from "vfile";
import { MESSAGE_SOURCE } from "./message-source.js";
import { SKIP_CHILDREN, walkInDocumentOrder } from "./tree-walk.js";

export interface ReportUnsafeHtmlOptions {
  readonly schema: Readonly<SanitizeSchema>;
}

/** Tag names of the ancestors of a node, innermost first. */
interface AncestorChain {
  readonly tagName: string;
  readonly outer: AncestorChain | undefined;
}

interface BranchState {
  readonly ancestors: AncestorChain | undefined;
  /** Where to point messages about nodes that carry no position of their own. */
  readonly nearestPosition: Position | undefined;
}

function hasAncestor(chain: AncestorChain | undefined, tagNames: readonly string[]): boolean {
  for (let link = chain; link; link = link.outer) {
    if (tagNames.includes(link.tagName)) return true;
  }
  return false;
}

/** `onError` → `onerror`, `ariaLabel` → `aria-label`: the name as written in HTML. */
function attributeName(property: string): string {
  if (property === "className") return "class";
  if (property === "htmlFor") return "for";
  if (/^(?:data|aria)[A-Z]/.test(property)) {
    return property.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  }
  return property.toLowerCase();
}

const MAX_QUOTED_LENGTH = 60;

function quoted(value: Properties[string]): string {
  const text = Array.isArray(value) ? value.join(" ") : String(value);
  return text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH)}…` : text;
}

function sameValue(left: Properties[string], right: Properties[string]): boolean {
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => item === right[index]);
  }
  return left === right;
}

export default function rehypeReportUnsafeHtml(options: ReportUnsafeHtmlOptions) {
  const { schema } = options;
  const allowedTags = new Set(schema.tagNames ?? []);
  const droppedWithContent = new Set(schema.strip ?? []);
  const urlProperties = new Set(Object.keys(schema.protocols ?? {}));
  const sanitizeTree = rehypeSanitize(schema);

  function isElementKept(element: Element, ancestors: AncestorChain | undefined): boolean {
    if (!allowedTags.has(element.tagName)) return false;
    const requiredAncestors = schema.ancestors?.[element.tagName];
    return !requiredAncestors || hasAncestor(ancestors, requiredAncestors);
  }

  function propertiesAfterSanitizing(element: Element): Properties {
    const probe: Element = { type: "element", tagName: element.tagName, properties: element.properties, children: [] };
    // Table parts only survive inside a table, so the probe gets one too.
    const requiredAncestor = schema.ancestors?.[element.tagName]?.[0];
    const wrapped: Element = requiredAncestor
      ? { type: "element", tagName: requiredAncestor, properties: {}, children: [probe] }
      : probe;
    const cleaned = sanitizeTree({ type: "root", children: [wrapped] });
    const cleanedWrapper = cleaned.children[0];
    const cleanedProbe =
      requiredAncestor && cleanedWrapper?.type === "element" ? cleanedWrapper.children[0] : cleanedWrapper;
    return cleanedProbe?.type === "element" ? cleanedProbe.properties : {};
  }

  function reportRemovedAttributes(element: Element, file: VFile, place: Position | undefined): void {
    const kept = propertiesAfterSanitizing(element);
    for (const [property, value] of Object.entries(element.properties)) {
      if (value === undefined || value === null) continue;
      const attribute = attributeName(property);
      const tag = `<${element.tagName}>`;
      let reason: string | undefined;
      if (!(property in kept)) {
        reason = urlProperties.has(property)
          ? `Removed ${attribute}="${quoted(value)}" from ${tag}: that kind of URL is not allowed`
          : `Removed attribute ${attribute} from ${tag}: not allowed in articles`;
      } else if (!sameValue(value, kept[property])) {
        reason = `Removed part of attribute ${attribute} on ${tag}: value not allowed`;
      }
      if (reason) file.message(reason, { place, ruleId: "unsafe-html", source: MESSAGE_SOURCE });
    }
  }

  return function reportUnsafeHtml(tree: Root, file: VFile): undefined {
    const rootState: BranchState = { ancestors: undefined, nearestPosition: undefined };

    walkInDocumentOrder<Nodes, BranchState>(tree, rootState, (node, parent) => {
      if (node.type !== "element") return parent;
      const place = node.position ?? parent.nearestPosition;

      if (!isElementKept(node, parent.ancestors)) {
        const dropsContent = droppedWithContent.has(node.tagName);
        const reason = dropsContent
          ? `Removed <${node.tagName}> element and its content: not allowed in articles`
          : `Removed <${node.tagName}> tag (its content is kept): not allowed here`;
        file.message(reason, { place, ruleId: "unsafe-html", source: MESSAGE_SOURCE });
        if (dropsContent) return SKIP_CHILDREN;
      } else if (Object.keys(node.properties).length > 0) {
        reportRemovedAttributes(node, file, place);
      }

      return { ancestors: { tagName: node.tagName, outer: parent.ancestors }, nearestPosition: place };
    });

    return undefined;
  };
}
