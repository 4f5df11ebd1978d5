/**
 * How `convertTree` converts a stretch of text with a given Converter and
 * maps the result back onto the text nodes it came from.
 *
 * Converters made by this module report which source range produced which
 * output range. A cut between two nodes then goes:
 * - at the same place, when it falls between converted pieces;
 * - unit for unit, inside a piece whose output is as long as its source (a
 *   dictionary phrase nearly always is: 头<strong>发</strong> → 頭<strong>髮</strong>);
 * - to the end of the piece otherwise: a phrase or glossary term whose length
 *   changes goes wholly into the node where it starts, and the following
 *   nodes lose that part of their text.
 * For a converter from elsewhere only the first two rules can be applied when
 * the output is as long as the input; otherwise all output goes to the first node.
 */
import { engineOf, type PreparedConversion } from "./engine.js";
import { quoteStyleOf } from "./quotes.js";
import type { Converter, GlossaryEntry, Script } from "./types.js";

export interface TreeTextConversion {
  readonly from: Script;
  readonly to: Script;
  /** The converter's region, for choosing among zh-tw/zh-hk variants. */
  readonly region: "tw" | "hk" | undefined;
  convert(text: string): string;
  /** Converts the concatenation of `parts` and splits the result into as many parts. */
  convertParts(parts: readonly string[]): string[];
}

function cutOffsets(parts: readonly string[]): number[] {
  const cuts: number[] = [];
  let offset = 0;
  for (const part of parts.slice(0, -1)) {
    offset += part.length;
    cuts.push(offset);
  }
  return cuts;
}

function splitAt(text: string, outputCuts: readonly number[]): string[] {
  const bounds = [0, ...outputCuts, text.length];
  return bounds.slice(1).map((end, index) => text.slice(bounds[index], end));
}

function regionOfPipeline(name: string | undefined): "tw" | "hk" | undefined {
  if (name === undefined) return undefined;
  if (name.includes("hk")) return "hk";
  return name.includes("tw") ? "tw" : undefined;
}

function engineConversion(prepared: PreparedConversion, converter: Converter, region: "tw" | "hk" | undefined, quotes: boolean): TreeTextConversion {
  const options = { quotes };
  return {
    from: converter.from,
    to: converter.to,
    region,
    convert: (text) => prepared.convert(text, options),
    convertParts: (parts) => {
      const text = parts.join("");
      if (prepared.leavesUnchanged(text, options)) return parts.slice();
      const result = prepared.convertAligned(text, options);
      const cuts = cutOffsets(parts).map((cut) => result.alignment.outputOffset(cut));
      return splitAt(result.text, cuts);
    },
  };
}

function foreignConversion(converter: Converter, pageRules: readonly GlossaryEntry[] | undefined, quotes: boolean): TreeTextConversion {
  const convert = (text: string) => {
    const converted = converter.convert(text, pageRules);
    return quotes ? quoteStyleOf(converted, converter.to) : converted;
  };
  return {
    from: converter.from,
    to: converter.to,
    region: undefined,
    convert,
    convertParts: (parts) => {
      const source = parts.join("");
      const converted = convert(source);
      if (converted.length === source.length) return splitAt(converted, cutOffsets(parts));
      return parts.map((_, index) => (index === 0 ? converted : ""));
    },
  };
}

export function treeTextConversion(
  converter: Converter,
  options: { readonly pageRules?: readonly GlossaryEntry[] | undefined; readonly quotes: boolean },
): TreeTextConversion {
  const engine = engineOf(converter);
  if (!engine) return foreignConversion(converter, options.pageRules, options.quotes);
  const region = regionOfPipeline(engine.pipeline?.name);
  return engineConversion(engine.withPageRules(options.pageRules), converter, region, options.quotes);
}
