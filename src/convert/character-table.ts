/**
 * The whole conversion chain precomputed for each BMP character standing on
 * its own, so that text outside dictionary phrases (most of it) converts by
 * one table lookup per character instead of one trie walk per stage.
 *
 * A character may only take the shortcut when no stage could match a longer
 * key involving any of its intermediate forms; otherwise the text around it
 * goes through the stages properly.
 */
import type { CodeUnitTrie } from "./code-unit-trie.js";
import { convertByLongestMatch } from "./longest-match.js";
import { isIdeographicDescription } from "./text-units.js";

/** Plain numbers rather than an enum, so the hot loop compares small integers from a Uint8Array. */
export const CharacterClass = {
  /** Needs the stage-by-stage path. */
  Contextual: 0,
  /** Converts to exactly one UTF-16 unit, found in `units`. */
  SingleUnit: 1,
  /** Converts to the string in `strings`. */
  String: 2,
} as const;

export interface CharacterTable {
  readonly classes: Uint8Array;
  /**
   * 1 for characters that begin some first-stage key: their entry holds only when no such
   * key actually matches where they stand, which the caller checks.
   */
  readonly beginsFirstStageKey: Uint8Array;
  readonly units: Uint16Array;
  readonly strings: readonly (string | undefined)[];
}

function isSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdfff;
}

/**
 * Which units of a stage's input could let a multi-character key match inside a run of
 * loose characters.
 */
export interface StageContext {
  /** First units of keys that may match anywhere in a run. */
  readonly starters: Uint8Array;
  /**
   * Units of keys that are also segmentation phrases. Such a key cannot match text that
   * reaches the stage unchanged (the segmenter would have taken it), only text an earlier
   * stage rewrote, so a character matters here only if its form has changed.
   */
  readonly segmenterUnits: Uint8Array;
}

/**
 * What the chain makes of one character, or undefined when context could change it
 * (beyond a first-stage key starting at the character itself, which the caller checks).
 */
function convertAlone(stages: readonly CodeUnitTrie[], contexts: readonly StageContext[], unit: number): string | undefined {
  const original = String.fromCharCode(unit);
  let image = original;
  for (const [stageIndex, stage] of stages.entries()) {
    const { starters, segmenterUnits } = contexts[stageIndex]!;
    const rewritten = image !== original;
    for (let index = 0; index < image.length; index += 1) {
      const imageUnit = image.charCodeAt(index);
      if (isIdeographicDescription(imageUnit)) return undefined;
      if (starters[imageUnit] === 1 && (stageIndex > 0 || index > 0)) return undefined;
      if (rewritten && segmenterUnits[imageUnit] === 1) return undefined;
    }
    if (image.length === 1) {
      const node = stage.child(0, image.charCodeAt(0));
      image = (node === 0 ? undefined : stage.value(node)) ?? image;
    } else {
      image = convertByLongestMatch(stage, image);
    }
  }
  return image;
}

export function buildCharacterTable(stages: readonly CodeUnitTrie[], contexts: readonly StageContext[]): CharacterTable {
  const classes = new Uint8Array(0x10000);
  const beginsFirstStageKey = contexts[0] ? contexts[0].starters.slice() : new Uint8Array(0x10000);
  const units = new Uint16Array(0x10000);
  const strings: (string | undefined)[] = [];
  for (let unit = 0; unit < 0x10000; unit += 1) {
    if (isSurrogate(unit)) continue;
    const converted = convertAlone(stages, contexts, unit);
    if (converted === undefined) continue;
    if (converted.length === 1) {
      classes[unit] = CharacterClass.SingleUnit;
      units[unit] = converted.charCodeAt(0);
    } else {
      classes[unit] = CharacterClass.String;
      strings[unit] = converted;
    }
  }
  return { classes, beginsFirstStageKey, units, strings };
}
