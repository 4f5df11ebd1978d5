/**
 * Converting a hast tree: text nodes and attributes meant for readers are
 * converted, code and machine text are not, and conversion markers are
 * resolved. Text is converted in runs — every text node of a block up to the
 * next element that is not an inline wrapper — so a phrase split by inline
 * markup is still matched as one phrase.
 */
import type { Element, Properties, Root, Text } from "hast";
import { readMarker, variantKeyScripts, variantPreference, type ConversionMarker } from "./markers.js";
import { treeTextConversion, type TreeTextConversion } from "./tree-text-conversion.js";
import {
  OPAQUE_TAGS,
  READABLE_PROPERTIES,
  TRANSPARENT_INLINE_TAGS,
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
    const nodes = this.nodes;
    if (nodes.length === 0) return;
    if (nodes.length === 1) {
      // A run of one node (most paragraphs): no cuts to map, so no alignment is needed.
      const node = nodes[0]!;
      nodes.length = 0;
      node.value = this.conversion.convert(node.value);
      return;
    }
    this.nodes = [];
    const converted = this.conversion.convertParts(nodes.map((node) => node.value));
    nodes.forEach((node, index) => {
      node.value = converted[index] ?? "";
    });
  }
}

/**
 * A copy of an element without its children: its own properties object (array values copied
 * too), with `position` and `data` shared. Readable attributes are converted when `conversion`
 * is given.
 */
function shallowElementCopy(element: Element, conversion: TreeTextConversion | undefined): Element {
  const properties: Properties = {};
  for (const name in element.properties) {
    const value = element.properties[name];
    properties[name] = Array.isArray(value) ? value.slice() : value;
  }
  if (conversion) {
    for (const name of READABLE_PROPERTIES) {
      const value = properties[name];
      if (typeof value === "string" && value !== "") properties[name] = conversion.convert(value);
    }
  }
  return { ...element, properties, children: [] };
}

/** A copy of a node that is neither text nor an element (comments and the like). */
function leafCopy<T extends Child>(node: T): T {
  return { ...node };
}

/**
 * Copies the children of an opaque element, replacing marker elements by their text (or
 * nothing) without converting anything: used inside code and other opaque elements.
 */
function copyVerbatim(source: Parent, target: Parent, conversion: TreeTextConversion): void {
  const children = target.children as Child[];
  for (const child of source.children) {
    if (!isElement(child)) {
      children.push(leafCopy(child));
      continue;
    }
    const marker = readMarker(child);
    if (!marker) {
      const copy = shallowElementCopy(child, undefined);
      copyVerbatim(child, copy, conversion);
      children.push(copy);
      continue;
    }
    const text = markerText(marker, conversion);
    if (text !== undefined) children.push({ type: "text", value: text });
  }
}

/**
 * Builds the converted children of `source` into `target` in one pass: text nodes are copied
 * and handed to the run (which fills in their converted value when it ends), elements are
 * copied with their readable attributes converted, markers are replaced by their text.
 */
function convertChildren(source: Parent, target: Parent, conversion: TreeTextConversion, run: TextRun): void {
  const children = target.children as Child[];
  for (const child of source.children) {
    if (isText(child)) {
      const copy: Text = { ...child };
      run.add(copy);
      children.push(copy);
      continue;
    }
    if (!isElement(child)) {
      children.push(leafCopy(child));
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
    const copy = shallowElementCopy(child, conversion);
    children.push(copy);
    if (OPAQUE_TAGS.has(child.tagName)) {
      run.flush();
      copyVerbatim(child, copy, conversion);
      continue;
    }
    const transparent = TRANSPARENT_INLINE_TAGS.has(child.tagName);
    if (!transparent) run.flush();
    convertChildren(child, copy, conversion, run);
    if (!transparent) run.flush();
  }
}

/**
 * Converts a hast tree into a new tree; the input is left untouched. The new tree is built in
 * one pass and shares no node, children array or properties object with the input; `position`
 * and `data` values are shared, as unist data that is only ever read.
 */
export function convertTree(tree: Root, converter: Converter, options: ConvertTreeOptions): Root {
  const conversion = treeTextConversion(converter, options);
  const copy: Root = { ...tree, children: [] };
  const run = new TextRun(conversion);
  convertChildren(tree, copy, conversion, run);
  run.flush();
  return copy;
}
