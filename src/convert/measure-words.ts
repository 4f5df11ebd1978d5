/**
 * Measure words whose form depends on a neighbour the dictionary cannot see,
 * because the segmenter has already given that neighbour to another segment
 * or because the neighbour is a digit:
 * - after a numeral, a character takes the form it has in the dictionary's
 *   "三 + character" phrase: 300只 → 300隻, 5里 → 5里 (not 裡), 3周 → 3週;
 * - 一只只, 一台台 ("one by one") repeat the measure word of the 一X phrase
 *   in the form the phrase chose: 一隻隻, not 一隻只.
 * 一 is not counted as a numeral for the first rule: it ends too many words
 * (统一, 唯一), and the dictionary already has 一X phrases.
 */
import type { Dictionary } from "./opencc-config.js";

const NUMERAL_CHARACTERS = "〇零二两兩三四五六七八九十百千万萬亿億几幾";
const THREE = "三";
export const ONE_UNIT = 0x4e00; // 一

const numerals = new Uint8Array(0x10000);
for (let unit = 0x30; unit <= 0x39; unit += 1) numerals[unit] = 1;
for (let unit = 0xff10; unit <= 0xff19; unit += 1) numerals[unit] = 1;
for (const character of NUMERAL_CHARACTERS) numerals[character.charCodeAt(0)] = 1;

export function isNumeral(unit: number): boolean {
  return numerals[unit] === 1;
}

/** True when every unit of text[start, end) is a numeral: 三万 may precede a measure word, 统一 may not. */
export function isNumeralPhrase(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) if (numerals[text.charCodeAt(index)] !== 1) return false;
  return end > start;
}

/**
 * Form each character takes after a numeral, as UTF-16 unit + 1 (0: no special form).
 * `convertPhrase` is the pipeline's chain; `convertCharacter` its single-character default.
 */
export function formsAfterNumerals(
  segmentation: Dictionary,
  convertPhrase: (phrase: string) => string,
  convertCharacter: (character: string) => string,
): Int32Array {
  const forms = new Int32Array(0x10000);
  for (const key of segmentation.keys()) {
    if (key.length !== 2 || !key.startsWith(THREE)) continue;
    const measure = key.charAt(1);
    const converted = convertPhrase(key);
    if (converted.length !== 2 || converted.charAt(1) === convertCharacter(measure)) continue;
    forms[measure.charCodeAt(0)] = converted.charCodeAt(1) + 1;
  }
  return forms;
}
