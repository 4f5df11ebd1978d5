/**
 * The site's converters, one per direction, each built on first use and then
 * reused: building a dictionary pipeline takes a noticeable fraction of a
 * second, converting with it does not.
 */
import { createEngine, registerEngine, type ConversionEngine } from "./engine.js";
import { explainConversion } from "./explain.js";
import { openccConfigName } from "./opencc-config.js";
import { compiledPipeline } from "./pipeline.js";
import type { Converter, ConverterSet, ConverterSetOptions, GlossaryEntry, Script, TraditionalVariant } from "./types.js";

const scripts: readonly Script[] = ["zh-Hans", "zh-Hant"];
const variants: readonly TraditionalVariant[] = ["tw", "hk", "twp", "t"];

function converterFromEngine(engine: ConversionEngine, quotes: boolean): Converter {
  const converter: Converter = {
    from: engine.from,
    to: engine.to,
    convert: (text, pageRules) => engine.withPageRules(pageRules).convert(text, { quotes }),
    explain: (text, pageRules) => {
      const result = engine.withPageRules(pageRules).convertAligned(text, { quotes });
      return explainConversion(text, result, engine.pipeline);
    },
  };
  registerEngine(converter, engine);
  return Object.freeze(converter);
}

/** One converter, outside any set. */
export function createConverter(from: Script, to: Script, options: ConverterSetOptions): Converter {
  const pipeline = from === to ? undefined : compiledPipeline(openccConfigName(from, to, options.traditional));
  return converterFromEngine(createEngine(from, to, pipeline, options.glossary), options.quotes);
}

function copyGlossary(glossary: readonly GlossaryEntry[]): readonly GlossaryEntry[] {
  return Object.freeze(glossary.map((entry) => Object.freeze({ "zh-Hans": entry["zh-Hans"], "zh-Hant": entry["zh-Hant"] })));
}

export function createConverterSet(options: ConverterSetOptions): ConverterSet {
  if (!variants.includes(options.traditional)) throw new Error(`Unknown Traditional variant: ${String(options.traditional)}`);
  // A snapshot, so later changes to the caller's glossary array cannot reach converters built lazily.
  const settings: ConverterSetOptions = { traditional: options.traditional, glossary: copyGlossary(options.glossary), quotes: options.quotes };
  const built = new Map<string, Converter>();
  return {
    get(from, to) {
      if (!scripts.includes(from) || !scripts.includes(to)) throw new Error(`Unknown script: ${from} → ${to}`);
      const key = `${from}>${to}`;
      let converter = built.get(key);
      if (!converter) {
        converter = createConverter(from, to, settings);
        built.set(key, converter);
      }
      return converter;
    },
  };
}
