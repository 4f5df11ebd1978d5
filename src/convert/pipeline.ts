/**
 * One OpenCC configuration, compiled: normalization passes, our segmenter over
 * the configuration's segmentation phrases, then every conversion stage applied
 * to each segment on its own — OpenCC's own pipeline with a better segmenter.
 */
import { CharacterClass, buildCharacterTable, type CharacterTable, type StageContext } from "./character-table.js";
import { CodeUnitTrie } from "./code-unit-trie.js";
import { convertThroughStages } from "./longest-match.js";
import { ONE_UNIT, formsAfterNumerals, isNumeral, isNumeralPhrase } from "./measure-words.js";
import { pipelineSpec, type Dictionary, type OpenccConfigName, type PipelineSpec } from "./opencc-config.js";
import type { AlignmentBuilder, Utf16Builder } from "./output-buffer.js";
import { SegmentationVocabulary, segmentByFewestPhrases } from "./segmenter.js";
import { isHighSurrogate } from "./text-units.js";

export interface ConversionSink {
  readonly output: Utf16Builder;
  /** Present when the caller needs to map output back to source offsets. */
  readonly alignment: AlignmentBuilder | undefined;
}

/** Maps offsets in the normalized text back to the caller's text. */
type SourceOffsets = (normalizedOffset: number) => number;

export class DictionaryPipeline {
  readonly stages: readonly CodeUnitTrie[];
  private readonly normalization: readonly CodeUnitTrie[];
  private readonly normalizationTriggers = new Uint8Array(0x10000);
  private readonly segmentation: CodeUnitTrie;
  private readonly vocabulary: SegmentationVocabulary | undefined;
  /** The chain for runs of loose characters: the first stage without the segmenter's phrases. */
  private readonly runStages: readonly CodeUnitTrie[];
  private readonly characters: CharacterTable;
  /** Final output of each segmentation phrase, filled on first use; indexed by trie node. */
  private readonly phraseOutputs: (string | undefined)[] = [];
  private readonly measureForms: Int32Array;
  /** The longest key, in UTF-16 units, of any stage applied to runs. */
  private readonly longestRunKey: number;

  constructor(readonly name: OpenccConfigName) {
    const spec = pipelineSpec(name);
    this.normalization = spec.normalization.map((dictionary) => new CodeUnitTrie(dictionary));
    for (const dictionary of spec.normalization) {
      for (const key of dictionary.keys()) this.normalizationTriggers[key.charCodeAt(0)] = 1;
    }
    this.segmentation = new CodeUnitTrie(spec.segmentation);
    this.vocabulary = vocabularyOf(this.segmentation, spec.vocabulary);
    this.stages = spec.stages.map((dictionary) => new CodeUnitTrie(dictionary));
    this.runStages = [new CodeUnitTrie(withoutSegmenterPhrases(spec)), ...this.stages.slice(1)];
    this.characters = buildCharacterTable(this.runStages, stageContexts(spec));
    this.longestRunKey = longestKeyLength(spec.stages);
    this.measureForms = formsAfterNumerals(
      spec.segmentation,
      (phrase) => convertThroughStages(this.stages, phrase),
      (character) => this.convertCharacter(character),
    );
  }

  /** The chain's output for one character standing alone: its default form. */
  convertCharacter(character: string): string {
    const unit = character.charCodeAt(0);
    const { classes, units, strings } = this.characters;
    if (character.length === 1 && classes[unit] === CharacterClass.SingleUnit) return String.fromCharCode(units[unit]!);
    if (character.length === 1 && classes[unit] === CharacterClass.String) return strings[unit]!;
    return convertThroughStages(this.stages, character);
  }

  /** Converts text[start, end) into the sink; source offsets recorded are offsets in `text`. */
  convertRegion(text: string, start: number, end: number, sink: ConversionSink): void {
    if (!this.needsNormalization(text, start, end)) {
      this.convertNormalized(text, start, end, sink, identityOffsets);
      return;
    }
    const original = text.slice(start, end);
    let normalized = original;
    for (const pass of this.normalization) normalized = convertThroughStages([pass], normalized);
    const offsets = sink.alignment ? normalizedToSourceOffsets(original, normalized, start) : identityOffsets;
    this.convertNormalized(normalized, 0, normalized.length, sink, offsets);
  }

  private needsNormalization(text: string, start: number, end: number): boolean {
    const triggers = this.normalizationTriggers;
    for (let index = start; index < end; index += 1) if (triggers[text.charCodeAt(index)] === 1) return true;
    return false;
  }

  private convertNormalized(text: string, start: number, end: number, sink: ConversionSink, offsets: SourceOffsets): void {
    const { count, bounds, phraseNodes } = segmentByFewestPhrases(this.segmentation, text, start, end, this.vocabulary);
    const { output, alignment } = sink;
    for (let k = 0; k < count; k += 1) {
      const segmentStart = bounds[k]!;
      const segmentEnd = bounds[k + 1]!;
      const node = phraseNodes[k]!;
      const outputStart = output.length;
      if (node !== 0) {
        output.pushString(this.phraseOutput(node, text, segmentStart, segmentEnd));
        alignment?.add(offsets(segmentStart), offsets(segmentEnd), outputStart, output.length);
        continue;
      }
      const previousStart = k > 0 ? bounds[k - 1]! : segmentStart;
      let runStart = segmentStart;
      if (k > 0 && this.repeatsMeasureWord(text, previousStart, segmentStart, phraseNodes[k - 1]!)) {
        output.pushUnit(output.unitAt(outputStart - 1));
        alignment?.add(offsets(runStart), offsets(runStart + 1), outputStart, outputStart + 1);
        runStart += 1;
      }
      // A run's first character follows a phrase: only a phrase of numerals (三万) counts as a numeral.
      const afterNumeralPhrase = k > 0 && runStart === segmentStart && isNumeralPhrase(text, previousStart, segmentStart);
      if (runStart < segmentEnd) this.convertRun(text, runStart, segmentEnd, afterNumeralPhrase, sink, offsets);
    }
  }

  private repeatsMeasureWord(text: string, previousStart: number, runStart: number, previousNode: number): boolean {
    if (previousNode === 0 || runStart - previousStart !== 2 || text.charCodeAt(previousStart) !== ONE_UNIT) return false;
    if (text.charCodeAt(runStart) !== text.charCodeAt(previousStart + 1)) return false;
    return this.phraseOutput(previousNode, text, previousStart, runStart).length === 2;
  }

  private phraseOutput(node: number, text: string, start: number, end: number): string {
    const cached = this.phraseOutputs[node];
    if (cached !== undefined) return cached;
    const converted = convertThroughStages(this.stages, text.slice(start, end));
    this.phraseOutputs[node] = converted;
    return converted;
  }

  /**
   * A run of characters outside any phrase: by table, except in windows around characters
   * where a multi-character key could apply. A key is at most `longestRunKey` units long, so
   * none that starts outside a window reaches the contextual character inside it, and within a
   * window the stages see exactly what they would see over the whole run.
   */
  private convertRun(
    text: string,
    start: number,
    end: number,
    afterNumeralPhrase: boolean,
    sink: ConversionSink,
    offsets: SourceOffsets,
  ): void {
    const reach = this.longestRunKey;
    let cursor = start;
    let afterNumeral = afterNumeralPhrase;
    let contextual = this.nextContextualIndex(text, start, end);
    while (contextual >= 0) {
      const windowStart = Math.max(cursor, contextual - reach);
      let windowEnd = Math.min(end, contextual + reach + 1);
      contextual = this.nextContextualIndex(text, contextual + 1, end);
      while (contextual >= 0 && contextual - reach <= windowEnd) {
        windowEnd = Math.min(end, contextual + reach + 1);
        contextual = this.nextContextualIndex(text, contextual + 1, end);
      }
      this.convertRunByTable(text, cursor, windowStart, afterNumeral, sink, offsets);
      const outputStart = sink.output.length;
      sink.output.pushString(convertThroughStages(this.runStages, text.slice(windowStart, windowEnd)));
      sink.alignment?.add(offsets(windowStart), offsets(windowEnd), outputStart, sink.output.length);
      cursor = windowEnd;
      afterNumeral = isNumeral(text.charCodeAt(windowEnd - 1));
    }
    this.convertRunByTable(text, cursor, end, afterNumeral, sink, offsets);
  }

  /** The first index from `start` on where a multi-character key could apply, or -1. */
  private nextContextualIndex(text: string, start: number, end: number): number {
    const { classes, beginsFirstStageKey } = this.characters;
    const firstStage = this.runStages[0]!;
    for (let index = start; index < end; index += 1) {
      const unit = text.charCodeAt(index);
      if (classes[unit] === CharacterClass.Contextual) return index;
      if (beginsFirstStageKey[unit] !== 1) continue;
      const match = firstStage.longestMatch(text, index, end);
      if (match !== 0 && firstStage.depth(match) > 1) return index;
    }
    return -1;
  }

  private convertRunByTable(
    text: string,
    start: number,
    end: number,
    afterNumeralPhrase: boolean,
    sink: ConversionSink,
    offsets: SourceOffsets,
  ): void {
    const { classes, units, strings } = this.characters;
    const { output, alignment } = sink;
    const measureForms = this.measureForms;
    let afterNumeral = afterNumeralPhrase;
    for (let index = start; index < end; index += 1) {
      const unit = text.charCodeAt(index);
      const outputStart = output.length;
      const measureForm = afterNumeral ? measureForms[unit]! : 0;
      if (measureForm !== 0) output.pushUnit(measureForm - 1);
      else if (classes[unit] === CharacterClass.SingleUnit) output.pushUnit(units[unit]!);
      else output.pushString(strings[unit]!);
      alignment?.add(offsets(index), offsets(index + 1), outputStart, output.length);
      afterNumeral = isNumeral(unit);
    }
  }
}

/**
 * The first stage as applied to runs of loose characters. Its keys that are segmentation phrases
 * belong to the segmenter: where it left them out, they were outweighed (usually by a word).
 * Other multi-character keys (tw2s's variant phrases) still apply inside runs, as in OpenCC.
 */
function withoutSegmenterPhrases(spec: PipelineSpec): Map<string, string> {
  const firstStage = new Map<string, string>();
  for (const [key, value] of spec.stages[0] ?? []) {
    if (!spansCharacters(key) || !spec.segmentation.has(key)) firstStage.set(key, value);
  }
  return firstStage;
}

/** For each stage, which units could make a multi-character key match inside a run. */
function stageContexts(spec: PipelineSpec): StageContext[] {
  return spec.stages.map((dictionary, stageIndex) => {
    const starters = new Uint8Array(0x10000);
    const segmenterUnits = new Uint8Array(0x10000);
    for (const key of dictionary.keys()) {
      if (!spansCharacters(key)) continue;
      if (!spec.segmentation.has(key)) {
        starters[key.charCodeAt(0)] = 1;
      } else if (stageIndex > 0) {
        // The first stage reads the source itself, where such keys never match inside a run.
        for (let index = 0; index < key.length; index += 1) segmenterUnits[key.charCodeAt(index)] = 1;
      }
    }
    return { starters, segmenterUnits };
  });
}

function longestKeyLength(dictionaries: readonly Dictionary[]): number {
  let longest = 1;
  for (const dictionary of dictionaries) for (const key of dictionary.keys()) longest = Math.max(longest, key.length);
  return longest;
}

function vocabularyOf(segmentation: CodeUnitTrie, words: ReadonlySet<string>): SegmentationVocabulary | undefined {
  if (words.size === 0) return undefined;
  const flags = new Uint8Array(segmentation.nodeCount);
  for (const word of words) flags[segmentation.nodeOf(word)] = 1;
  return new SegmentationVocabulary(flags);
}

function spansCharacters(key: string): boolean {
  return key.length > 2 || (key.length === 2 && !isHighSurrogate(key.charCodeAt(0)));
}

const identityOffsets: SourceOffsets = (offset) => offset;

/** Normalization swaps code point for code point, so offsets pair up by walking both texts together. */
function normalizedToSourceOffsets(original: string, normalized: string, base: number): SourceOffsets {
  const table = new Int32Array(normalized.length + 1);
  let source = 0;
  let target = 0;
  while (source < original.length && target < normalized.length) {
    const sourceLength = original.codePointAt(source)! > 0xffff ? 2 : 1;
    const targetLength = normalized.codePointAt(target)! > 0xffff ? 2 : 1;
    for (let k = 0; k < targetLength; k += 1) table[target + k] = base + source;
    source += sourceLength;
    target += targetLength;
  }
  for (let k = target; k <= normalized.length; k += 1) table[k] = base + original.length;
  return (offset) => table[offset]!;
}

const compiled = new Map<OpenccConfigName, DictionaryPipeline>();

/** Compiling a pipeline takes a noticeable fraction of a second, so each is built once per process. */
export function compiledPipeline(name: OpenccConfigName): DictionaryPipeline {
  let pipeline = compiled.get(name);
  if (!pipeline) {
    pipeline = new DictionaryPipeline(name);
    compiled.set(name, pipeline);
  }
  return pipeline;
}
