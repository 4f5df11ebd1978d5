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
import { applyQuoteStyle, hasQuoteToRestyle } from "./quotes.js";
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
  /**
   * True when `text` is known to come out exactly as it went in, found without converting:
   * same-script conversion (whose protected forms are the forms themselves) of text with no
   * quotation mark the quotation style would change. False means "not known", not "changes".
   */
  leavesUnchanged(text: string, options: ConversionOptions): boolean;
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
  // Without a dictionary pipeline, between one script and itself, open text is copied and every
  // protected form is replaced by itself: only the quotation style can change anything.
  const identityUnlessQuotes = pipeline === undefined && from === to;
  const leavesUnchanged = (text: string, options: ConversionOptions): boolean =>
    identityUnlessQuotes && (!options.quotes || !hasQuoteToRestyle(text, to));
  const prepare = (matchers: readonly ProtectedFormMatcher[]): PreparedConversion => {
    const active = matchers.filter((matcher) => !matcher.isEmpty);
    const run = (text: string, options: ConversionOptions, aligned: boolean) =>
      convertWithSpans(text, { to, pipeline, matchers: active, quotes: options.quotes, aligned });
    return {
      convert: (text, options) => (leavesUnchanged(text, options) ? text : run(text, options, false).text),
      convertAligned: (text, options) => run(text, options, true),
      leavesUnchanged,
    };
  };
  // Most calls have no page rules; they share one prepared conversion.
  const withoutPageRules = prepare([glossaryMatcher]);
  // A page converts its title, byline, tags and body with the same rules array: the conversion
  // prepared for it is kept with a copy of its pairs, and reused while the pairs are unchanged.
  const preparedForRules = new WeakMap<readonly GlossaryEntry[], { pairs: [string, string][]; prepared: PreparedConversion }>();
  const withPageRules = (pageRules: readonly GlossaryEntry[] | undefined): PreparedConversion => {
    if (!pageRules?.length) return withoutPageRules;
    const pairs = protectedPairs(pageRules, from, to);
    const cached = preparedForRules.get(pageRules);
    if (cached && samePairs(cached.pairs, pairs)) return cached.prepared;
    const prepared = prepare([new ProtectedFormMatcher(pairs), glossaryMatcher]);
    preparedForRules.set(pageRules, { pairs, prepared });
    return prepared;
  };
  return { from, to, pipeline, withPageRules };
}

function samePairs(left: readonly (readonly [string, string])[], right: readonly (readonly [string, string])[]): boolean {
  return left.length === right.length && left.every(([source, target], index) => right[index]![0] === source && right[index]![1] === target);
}

interface RunSettings {
  readonly to: Script;
  readonly pipeline: DictionaryPipeline | undefined;
  readonly matchers: readonly ProtectedFormMatcher[];
  readonly quotes: boolean;
  readonly aligned: boolean;
}

const emptyAlignment = new AlignmentBuilder().build();

/**
 * One output buffer for every conversion: a conversion runs to completion (nothing in it
 * converts re-entrantly) and its text is copied out by `toString` before the next starts, so
 * pages of many short texts do not allocate a buffer each.
 */
const scratchOutput = new Utf16Builder(4096);

function convertWithSpans(text: string, settings: RunSettings): ConversionResult {
  const output = scratchOutput;
  output.reset(text.length);
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
