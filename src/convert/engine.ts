/**
 * The conversion engine behind each Converter: protected spans first, the
 * dictionary pipeline for the text between them, quotation style last. It can
 * also report which source range produced which output range, which tree
 * conversion and explanations need but the public Converter interface does not
 * expose; `engineOf` finds the engine of a converter made here.
 */
import { AlignmentBuilder, Utf16Builder, type Alignment } from "./output-buffer.js";
import type { DictionaryPipeline } from "./pipeline.js";
import { ProtectedFormMatcher, findProtectedSpans, protectedPairs, type ProtectedSpan } from "./protected-spans.js";
import { applyQuoteStyle } from "./quotes.js";
import type { Converter, GlossaryEntry, Script } from "./types.js";

export interface ConversionResult {
  readonly text: string;
  readonly alignment: Alignment;
  readonly protectedSpans: readonly ProtectedSpan[];
}

export interface ConversionOptions {
  readonly quotes: boolean;
}

/** Conversion with one page's rules prepared, for converting many pieces of the same page. */
export interface PreparedConversion {
  convert(text: string, options: ConversionOptions): string;
  convertAligned(text: string, options: ConversionOptions): ConversionResult;
}

export interface ConversionEngine {
  readonly from: Script;
  readonly to: Script;
  /** Absent for same-script conversion. */
  readonly pipeline: DictionaryPipeline | undefined;
  withPageRules(pageRules: readonly GlossaryEntry[] | undefined): PreparedConversion;
}

export function createEngine(
  from: Script,
  to: Script,
  pipeline: DictionaryPipeline | undefined,
  glossary: readonly GlossaryEntry[],
): ConversionEngine {
  const glossaryMatcher = new ProtectedFormMatcher(protectedPairs(glossary, from, to));
  const prepare = (matchers: readonly ProtectedFormMatcher[]): PreparedConversion => {
    const active = matchers.filter((matcher) => !matcher.isEmpty);
    const run = (text: string, options: ConversionOptions, aligned: boolean) =>
      convertWithSpans(text, { to, pipeline, matchers: active, quotes: options.quotes, aligned });
    return {
      convert: (text, options) => run(text, options, false).text,
      convertAligned: (text, options) => run(text, options, true),
    };
  };
  // Most calls have no page rules; they share one prepared conversion.
  const withoutPageRules = prepare([glossaryMatcher]);
  const withPageRules = (pageRules: readonly GlossaryEntry[] | undefined): PreparedConversion =>
    pageRules?.length ? prepare([new ProtectedFormMatcher(protectedPairs(pageRules, from, to)), glossaryMatcher]) : withoutPageRules;
  return { from, to, pipeline, withPageRules };
}

interface RunSettings {
  readonly to: Script;
  readonly pipeline: DictionaryPipeline | undefined;
  readonly matchers: readonly ProtectedFormMatcher[];
  readonly quotes: boolean;
  readonly aligned: boolean;
}

const emptyAlignment = new AlignmentBuilder().build();

function convertWithSpans(text: string, settings: RunSettings): ConversionResult {
  const output = new Utf16Builder(text.length);
  const alignmentBuilder = settings.aligned ? new AlignmentBuilder() : undefined;
  const sink = { output, alignment: alignmentBuilder };
  const protectedSpans = findProtectedSpans(text, settings.matchers);
  const convertOpenText = (start: number, end: number): void => {
    if (start >= end) return;
    const outputStart = output.length;
    if (settings.pipeline) {
      settings.pipeline.convertRegion(text, start, end, sink);
    } else {
      output.pushString(text.slice(start, end));
      sink.alignment?.add(start, end, outputStart, output.length);
    }
    if (settings.quotes) applyQuoteStyle(output, outputStart, output.length, settings.to);
  };
  let cursor = 0;
  for (const span of protectedSpans) {
    convertOpenText(cursor, span.start);
    const outputStart = output.length;
    output.pushString(span.replacement);
    sink.alignment?.add(span.start, span.end, outputStart, output.length);
    cursor = span.end;
  }
  convertOpenText(cursor, text.length);
  return { text: output.toString(), alignment: alignmentBuilder?.build() ?? emptyAlignment, protectedSpans };
}

const engines = new WeakMap<Converter, ConversionEngine>();

export function registerEngine(converter: Converter, engine: ConversionEngine): void {
  engines.set(converter, engine);
}

/** The engine of a converter created by this module, or undefined for a converter made elsewhere. */
export function engineOf(converter: Converter): ConversionEngine | undefined {
  return engines.get(converter);
}
