/**
 * Guessing a text's script from characters that exist in only one of them.
 * A character counts as evidence only if the other script's dictionary does
 * not also accept it as input (著 is both a Traditional form and a Simplified
 * character), so shared characters never tip the balance.
 */
import { pipelineSpec, type Dictionary } from "./opencc-config.js";
import type { Script } from "./types.js";

interface ScriptEvidence {
  readonly simplifiedOnly: ReadonlySet<number>;
  readonly traditionalOnly: ReadonlySet<number>;
}

let evidence: ScriptEvidence | undefined;

function singleCharacterKeys(dictionary: Dictionary): Map<number, string> {
  const characters = new Map<number, string>();
  for (const [key, value] of dictionary) {
    const codePoint = key.codePointAt(0)!;
    if (String.fromCodePoint(codePoint) === key) characters.set(codePoint, value);
  }
  return characters;
}

function changedOnlyIn(own: Map<number, string>, other: Map<number, string>): Set<number> {
  const changed = new Set<number>();
  for (const [codePoint, value] of own) {
    if (value !== String.fromCodePoint(codePoint) && !other.has(codePoint)) changed.add(codePoint);
  }
  return changed;
}

function scriptEvidence(): ScriptEvidence {
  if (!evidence) {
    const simplifiedToTraditional = singleCharacterKeys(pipelineSpec("s2t").stages[0]!);
    const traditionalToSimplified = singleCharacterKeys(pipelineSpec("t2s").stages[0]!);
    evidence = {
      simplifiedOnly: changedOnlyIn(simplifiedToTraditional, traditionalToSimplified),
      traditionalOnly: changedOnlyIn(traditionalToSimplified, simplifiedToTraditional),
    };
  }
  return evidence;
}

/** The script most of the text's script-specific characters belong to; undefined without evidence or on a tie. */
export function detectScript(text: string): Script | undefined {
  const { simplifiedOnly, traditionalOnly } = scriptEvidence();
  let simplified = 0;
  let traditional = 0;
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    if (simplifiedOnly.has(codePoint)) simplified += 1;
    else if (traditionalOnly.has(codePoint)) traditional += 1;
  }
  if (simplified === traditional) return undefined;
  return simplified > traditional ? "zh-Hans" : "zh-Hant";
}
