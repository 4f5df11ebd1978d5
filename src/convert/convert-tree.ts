/**
 * Converting a hast tree: text nodes and attributes meant for readers are
 * converted, code and machine text are not, and conversion markers are
 * resolved. Text is converted in runs — every text node of a block up to the
 * next element that is not an inline wrapper — so a phrase split by inline
 * markup is still matched as one phrase.
 */
import type { Element, Root, Text } from "hast";
import { readMarker, variantKeyScripts, variantPreference, type ConversionMarker } from "./markers.js";
import { treeTextConversion, type TreeTextConversion } from "./tree-text-conversion.js";
import {
  OPAQUE_TAGS,
  READABLE_PROPERTIES,
  TRANSPARENT_INLINE_TAGS,
  copyTree,
  isElement,
  isText,
  type Child,
  type Parent,
} from "./tree-model.js";
import type { Converter, GlossaryEntry } from "./types.js";

export interface ConvertTreeOptions {
  pageRules?: readonly GlossaryEntry[];
  quotes: boolean;
}

/** The text a marker stands for in the output script; undefined for a break. */
function markerText(marker: ConversionMarker, conversion: TreeTextConversion): string | undefined {
  if (marker.mode === "break") return undefined;
  if (marker.mode === "protect") return marker.text;
  for (const key of variantPreference(conversion.to, conversion.region)) {
    const value = marker.variants[key];
    if (value !== undefined) return value;
  }
  // No text for the output script: convert the text written for the source script, if any.
  const sourceEntry = Object.entries(marker.variants).find(
    ([key]) => variantKeyScripts[key as keyof typeof variantKeyScripts] === conversion.from,
  );
  if (sourceEntry) return conversion.convert(sourceEntry[1]);
  return Object.values(marker.variants)[0] ?? "";
}

/** Collects consecutive text nodes, then converts them together. */
class TextRun {
  private nodes: Text[] = [];

  constructor(private readonly conversion: TreeTextConversion) {}

  add(node: Text): void {
    this.nodes.push(node);
  }

  flush(): void {
    if (this.nodes.length === 0) return;
    const nodes = this.nodes;
    this.nodes = [];
    const converted = this.conversion.convertParts(nodes.map((node) => node.value));
    nodes.forEach((node, index) => {
      node.value = converted[index] ?? "";
    });
  }
}

function convertReadableProperties(element: Element, conversion: TreeTextConversion): void {
  for (const name of READABLE_PROPERTIES) {
    const value = element.properties[name];
    if (typeof value === "string" && value !== "") element.properties[name] = conversion.convert(value);
  }
}

/**
 * Replaces marker elements among `parent`'s children by their text (or nothing), without
 * converting anything: used inside code and other opaque elements.
 */
function resolveMarkersVerbatim(parent: Parent, conversion: TreeTextConversion): void {
  parent.children = parent.children.flatMap((child: Child): Child[] => {
    if (!isElement(child)) return [child];
    const marker = readMarker(child);
    if (!marker) {
      resolveMarkersVerbatim(child, conversion);
      return [child];
    }
    const text = markerText(marker, conversion);
    return text === undefined ? [] : [{ type: "text", value: text }];
  }) as Parent["children"];
}

function convertChildren(parent: Parent, conversion: TreeTextConversion, run: TextRun): void {
  const children: Child[] = [];
  for (const child of parent.children) {
    if (isText(child)) {
      run.add(child);
      children.push(child);
      continue;
    }
    if (!isElement(child)) {
      children.push(child);
      continue;
    }
    const marker = readMarker(child);
    if (marker) {
      // Marker text is final; it also ends the run, so no phrase spans a marker.
      run.flush();
      const text = markerText(marker, conversion);
      if (text !== undefined) children.push({ type: "text", value: text, ...(child.position ? { position: child.position } : {}) });
      continue;
    }
    children.push(child);
    convertReadableProperties(child, conversion);
    if (OPAQUE_TAGS.has(child.tagName)) {
      run.flush();
      resolveMarkersVerbatim(child, conversion);
      continue;
    }
    const transparent = TRANSPARENT_INLINE_TAGS.has(child.tagName);
    if (!transparent) run.flush();
    convertChildren(child, conversion, run);
    if (!transparent) run.flush();
  }
  parent.children = children as Parent["children"];
}

/** Converts a hast tree into a new tree; the input is left untouched. */
export function convertTree(tree: Root, converter: Converter, options: ConvertTreeOptions): Root {
  const conversion = treeTextConversion(converter, options);
  const copy = copyTree(tree);
  const run = new TextRun(conversion);
  convertChildren(copy, conversion, run);
  run.flush();
  return copy;
}
