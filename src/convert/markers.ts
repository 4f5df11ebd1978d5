/**
 * Marker elements: how editorial conversion markup travels through the hast
 * tree from `rehypeConversionMarkup` (which creates them) to `convertTree`
 * (which resolves and removes them). Everything is kept in properties so that
 * no other plugin mistakes the marker's text for ordinary page text.
 */
import type { Element, Properties } from "hast";
import type { Position } from "unist";
import type { Script } from "./types.js";

export const MARKER_TAG = "fabu-conv";

/** MediaWiki's variant keys that this site understands, and the script each one writes. */
export const variantKeyScripts = {
  "zh-hans": "zh-Hans",
  "zh-cn": "zh-Hans",
  "zh-hant": "zh-Hant",
  "zh-tw": "zh-Hant",
  "zh-hk": "zh-Hant",
} as const satisfies Record<string, Script>;

export type VariantKey = keyof typeof variantKeyScripts;

export type ConversionMarker =
  /** -{文字}-: output exactly as written. */
  | { readonly mode: "protect"; readonly text: string }
  /** -{zh-hans:…;zh-hant:…}-: the text given for the output script. */
  | { readonly mode: "variants"; readonly variants: Readonly<Partial<Record<VariantKey, string>>> }
  /** -{}-: nothing, but no dictionary phrase may span it. */
  | { readonly mode: "break" };

export function isVariantKey(key: string): key is VariantKey {
  return Object.hasOwn(variantKeyScripts, key);
}

/** hast property names for variant keys (zh-hans → zhHans), as hast names attributes. */
function propertyName(key: VariantKey): string {
  return key.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

export function markerElement(marker: ConversionMarker, position: Position | undefined): Element {
  const properties: Properties = { mode: marker.mode };
  if (marker.mode === "protect") properties["text"] = marker.text;
  if (marker.mode === "variants") {
    for (const [key, value] of Object.entries(marker.variants)) {
      if (isVariantKey(key) && value !== undefined) properties[propertyName(key)] = value;
    }
  }
  const element: Element = { type: "element", tagName: MARKER_TAG, properties, children: [] };
  return position ? { ...element, position } : element;
}

export function isMarkerElement(element: Element): boolean {
  return element.tagName === MARKER_TAG;
}

/** The marker an element carries, or undefined when it is not a well-formed marker. */
export function readMarker(element: Element): ConversionMarker | undefined {
  if (!isMarkerElement(element)) return undefined;
  const { mode } = element.properties;
  if (mode === "break") return { mode };
  if (mode === "protect") {
    const text = element.properties["text"];
    return { mode, text: typeof text === "string" ? text : "" };
  }
  if (mode !== "variants") return undefined;
  const variants: Partial<Record<VariantKey, string>> = {};
  for (const key of Object.keys(variantKeyScripts) as VariantKey[]) {
    const value = element.properties[propertyName(key)];
    if (typeof value === "string") variants[key] = value;
  }
  return { mode, variants };
}

/** Variant keys to try for an output script, most specific to the site's region first. */
export function variantPreference(target: Script, region: "tw" | "hk" | undefined): readonly VariantKey[] {
  if (target === "zh-Hans") return ["zh-cn", "zh-hans"];
  if (region === "hk") return ["zh-hk", "zh-hant", "zh-tw"];
  if (region === "tw") return ["zh-tw", "zh-hant", "zh-hk"];
  return ["zh-hant", "zh-tw", "zh-hk"];
}
