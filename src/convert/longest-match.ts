/**
 * One dictionary stage applied the way OpenCC applies it inside a segment:
 * forward maximum matching, unmatched units copied through. Inside a segment
 * chosen by the segmenter this is exact OpenCC behaviour; it is never run over
 * whole texts, where its greediness is the problem.
 */
import type { CodeUnitTrie } from "./code-unit-trie.js";
import { unmatchedUnitLength } from "./text-units.js";

export function convertByLongestMatch(stage: CodeUnitTrie, text: string): string {
  const pieces: string[] = [];
  let copiedUpTo = 0;
  for (let index = 0; index < text.length; ) {
    const node = stage.longestMatch(text, index, text.length);
    const replacement = node === 0 ? undefined : stage.value(node);
    if (replacement === undefined) {
      index += unmatchedUnitLength(text, index);
      continue;
    }
    if (index > copiedUpTo) pieces.push(text.slice(copiedUpTo, index));
    pieces.push(replacement);
    index += stage.depth(node);
    copiedUpTo = index;
  }
  if (copiedUpTo === 0) return text;
  if (copiedUpTo < text.length) pieces.push(text.slice(copiedUpTo));
  return pieces.join("");
}

export function convertThroughStages(stages: readonly CodeUnitTrie[], text: string): string {
  let converted = text;
  for (const stage of stages) converted = convertByLongestMatch(stage, converted);
  return converted;
}
