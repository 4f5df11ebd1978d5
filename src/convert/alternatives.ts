/**
 * Which forms a character can take in one conversion direction, for
 * `explain`. opencc-js keeps only the first candidate of each character
 * (发 → 發), so the others are recovered from the phrase dictionaries: a
 * phrase converted character for character (头发 → 頭髮) shows 发 can become 髮.
 * Candidates are carried through every stage, so Taiwan variants appear as
 * Taiwan variants.
 */
import { pipelineSpec, type Dictionary } from "./opencc-config.js";
import type { DictionaryPipeline } from "./pipeline.js";

type CandidateMap = ReadonlyMap<string, readonly string[]>;

function addCandidate(candidates: Map<string, string[]>, source: string, target: string): void {
  const known = candidates.get(source);
  if (!known) candidates.set(source, [target]);
  else if (!known.includes(target)) known.push(target);
}

/** Per character of a stage: every form it takes in some entry converted character for character. */
function stageCandidates(dictionary: Dictionary): CandidateMap {
  const candidates = new Map<string, string[]>();
  for (const [key, value] of dictionary) {
    const sourceCharacters = Array.from(key);
    const targetCharacters = Array.from(value);
    if (sourceCharacters.length !== targetCharacters.length) continue;
    sourceCharacters.forEach((character, index) => addCandidate(candidates, character, targetCharacters[index]!));
  }
  return candidates;
}

export class AlternativesIndex {
  private readonly stages: readonly { readonly dictionary: Dictionary; readonly candidates: CandidateMap }[];
  private readonly memo = new Map<string, readonly string[]>();

  constructor(private readonly pipeline: DictionaryPipeline) {
    this.stages = pipelineSpec(pipeline.name).stages.map((dictionary) => ({ dictionary, candidates: stageCandidates(dictionary) }));
  }

  /** All forms of `character`, its default first; a single form means there was no choice. */
  alternativesFor(character: string): readonly string[] {
    const cached = this.memo.get(character);
    if (cached) return cached;
    let forms = [character];
    for (const { dictionary, candidates } of this.stages) {
      const next: string[] = [];
      for (const form of forms) {
        for (const candidate of [dictionary.get(form) ?? form, ...(candidates.get(form) ?? [])]) {
          if (!next.includes(candidate)) next.push(candidate);
        }
      }
      forms = next;
    }
    const preferred = this.pipeline.convertCharacter(character);
    const ordered = [preferred, ...forms.filter((form) => form !== preferred)];
    this.memo.set(character, ordered);
    return ordered;
  }
}

const indexes = new WeakMap<DictionaryPipeline, AlternativesIndex>();

/** Built on the first explanation only: it walks every phrase of the pipeline once. */
export function alternativesIndexFor(pipeline: DictionaryPipeline): AlternativesIndex {
  let index = indexes.get(pipeline);
  if (!index) {
    index = new AlternativesIndex(pipeline);
    indexes.set(pipeline, index);
  }
  return index;
}
