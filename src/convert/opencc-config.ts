/**
 * Reads OpenCC's conversion configurations out of opencc-js's preset data, so
 * the dictionaries and the order in which they are chained stay exactly
 * upstream's; only the segmentation strategy is ours.
 */
import { configs } from "opencc-js/preset";
import { simplifiedSegmentationWords } from "./segmentation-vocabulary.js";
import type { Script, TraditionalVariant } from "./types.js";

export type OpenccConfigName = "s2t" | "s2tw" | "s2twp" | "s2hk" | "t2s" | "tw2s" | "tw2sp" | "hk2s";

/** A dictionary: source phrase or character → replacement. */
export type Dictionary = ReadonlyMap<string, string>;

export interface PipelineSpec {
  readonly name: OpenccConfigName;
  /** Character-level passes run before anything else (CJK compatibility ideographs). */
  readonly normalization: readonly Dictionary[];
  /** Phrases that delimit segments; every stage then converts each segment on its own. */
  readonly segmentation: Dictionary;
  /** Entries of `segmentation` that are plain words, not OpenCC's: they only mark word boundaries. */
  readonly vocabulary: ReadonlySet<string>;
  /** The conversion chain: each stage is one merged dictionary group. */
  readonly stages: readonly Dictionary[];
}

const traditionalLocale: Record<TraditionalVariant, string> = { tw: "tw", hk: "hk", twp: "twp", t: "t" };

/** The OpenCC configuration for a direction, named the way opencc-js names it for `from`/`to` locales. */
export function openccConfigName(from: Script, to: Script, variant: TraditionalVariant): OpenccConfigName {
  if (from === to) throw new Error(`No OpenCC configuration converts ${from} to itself`);
  const locale = traditionalLocale[variant];
  if (to === "zh-Hant") return `s2${locale}` as OpenccConfigName;
  // Reading Taiwan-phrased text back needs the phrase-reversing configuration (程式→程序).
  return variant === "twp" ? "tw2sp" : (`${locale}2s` as OpenccConfigName);
}

const parsedDictionaries = new Map<string, Dictionary>();

/** Parses one opencc-js dictionary ("src dst|src dst" or pairs); later lines win, as in opencc-js's Trie. */
function parseDictionary(raw: unknown): Dictionary {
  if (typeof raw === "string") {
    const cached = parsedDictionaries.get(raw);
    if (cached) return cached;
    const entries = new Map<string, string>();
    if (raw !== "") {
      for (const line of raw.split("|")) {
        const space = line.indexOf(" ");
        if (space <= 0) throw new TypeError(`Malformed opencc-js dictionary line: ${line}`);
        entries.set(line.slice(0, space), line.slice(space + 1));
      }
    }
    parsedDictionaries.set(raw, entries);
    return entries;
  }
  if (Array.isArray(raw)) {
    const entries = new Map<string, string>();
    for (const pair of raw as readonly unknown[]) {
      if (!Array.isArray(pair) || typeof pair[0] !== "string" || typeof pair[1] !== "string") {
        throw new TypeError("Malformed opencc-js dictionary pair");
      }
      entries.set(pair[0], pair[1]);
    }
    return entries;
  }
  throw new TypeError("Unrecognised opencc-js dictionary");
}

/** Merges a dictionary group; the first dictionary wins a key, as opencc-js loads groups in reverse. */
function mergeGroup(group: unknown): Dictionary {
  const dictionaries = isGroup(group) ? group : [group];
  const merged = new Map<string, string>();
  for (let index = dictionaries.length - 1; index >= 0; index -= 1) {
    for (const [key, value] of parseDictionary(dictionaries[index])) merged.set(key, value);
  }
  return merged;
}

/** A group is a list of dictionaries, as opposed to one dictionary given as a list of pairs. */
function isGroup(value: unknown): value is readonly unknown[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string" || isPairList(item));
}

function isPairList(value: unknown): boolean {
  return Array.isArray(value) && value.every((pair) => Array.isArray(pair) && typeof pair[0] === "string");
}

function readGroups(value: unknown, what: string): Dictionary[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TypeError(`opencc-js ${what} is not a list of dictionary groups`);
  return (value as readonly unknown[]).map(mergeGroup);
}

/** Multi-character keys of a dictionary: the phrases a segmenter can use. */
function phrasesOf(dictionary: Dictionary): Dictionary {
  const phrases = new Map<string, string>();
  for (const [key, value] of dictionary) if (countCodePoints(key) > 1) phrases.set(key, value);
  return phrases;
}

function countCodePoints(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit < 0xdc00 || unit > 0xdfff) count += 1;
  }
  return count;
}

/** The dictionaries and chain of one OpenCC configuration. */
export function pipelineSpec(name: OpenccConfigName): PipelineSpec {
  const config: unknown = configs[name];
  if (typeof config !== "object" || config === null) throw new Error(`opencc-js has no configuration ${name}`);
  // The preset's typings omit normalizationChain, so the record is read as unknown and checked.
  const fields = config as Record<string, unknown>;
  const stages = readGroups(fields["conversionChain"], "conversionChain");
  const firstStage = stages[0];
  if (!firstStage) throw new Error(`opencc-js configuration ${name} has an empty conversion chain`);
  // s2t and t2s are a single stage without a segmentation dictionary; segmenting by that stage's own
  // phrases gives the same result as its forward maximum matching, and lets our segmenter apply.
  const phrases = fields["segmentation"] === undefined ? phrasesOf(firstStage) : mergeGroup(fields["segmentation"]);
  const words = name.startsWith("s2") ? simplifiedSegmentationWords : [];
  const vocabulary = new Set(words.filter((word) => !phrases.has(word)));
  const segmentation = new Map(phrases);
  for (const word of vocabulary) segmentation.set(word, word);
  return {
    name,
    normalization: readGroups(fields["normalizationChain"], "normalizationChain"),
    segmentation,
    vocabulary,
    stages,
  };
}
