/**
 * Quotation mark style: mainland Simplified text uses “”‘’, Taiwan and Hong
 * Kong Traditional text uses 「」『』. The mapping is one unit for one unit, so
 * it can be applied to converted output in place.
 */
import type { Utf16Builder } from "./output-buffer.js";
import type { Script } from "./types.js";

const toCornerBrackets = new Map<number, number>([
  [0x201c, 0x300c], // “ → 「
  [0x201d, 0x300d], // ” → 」
  [0x2018, 0x300e], // ‘ → 『
  [0x2019, 0x300f], // ’ → 』
]);
const toCurlyQuotes = new Map<number, number>([...toCornerBrackets].map(([curly, corner]) => [corner, curly]));

const RIGHT_SINGLE_QUOTE = 0x2019;

function isLatinLetterOrDigit(unit: number): boolean {
  return (unit >= 0x30 && unit <= 0x39) || (unit >= 0x41 && unit <= 0x5a) || (unit >= 0x61 && unit <= 0x7a);
}

/** ’ between two Latin letters is an apostrophe (China’s, don’t), not a closing quote. */
function isApostrophe(output: Utf16Builder, index: number, start: number, end: number): boolean {
  return (
    index > start &&
    index + 1 < end &&
    isLatinLetterOrDigit(output.unitAt(index - 1)) &&
    isLatinLetterOrDigit(output.unitAt(index + 1))
  );
}

/** Whether `text` has a quotation mark that the style of `target` writes differently. */
export function hasQuoteToRestyle(text: string, target: Script): boolean {
  // “” ‘’ are U+201C/D and U+2018/9; 「」『』 are U+300C–U+300F.
  const low = target === "zh-Hant" ? 0x2018 : 0x300c;
  const high = low + (target === "zh-Hant" ? 5 : 3);
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit >= low && unit <= high && (target !== "zh-Hant" || toCornerBrackets.has(unit))) return true;
  }
  return false;
}

/** Rewrites quotation marks in output[start, end) to the style of `target`. */
export function applyQuoteStyle(output: Utf16Builder, start: number, end: number, target: Script): void {
  const mapping = target === "zh-Hant" ? toCornerBrackets : toCurlyQuotes;
  for (let index = start; index < end; index += 1) {
    const unit = output.unitAt(index);
    // Every quotation mark is in U+2018–U+201D or U+300C–U+300F; most text is neither.
    if (unit < 0x2018 || (unit > 0x201d && unit < 0x300c) || unit > 0x300f) continue;
    const replacement = mapping.get(unit);
    if (replacement === undefined) continue;
    if (unit === RIGHT_SINGLE_QUOTE && isApostrophe(output, index, start, end)) continue;
    output.setUnit(index, replacement);
  }
}

/** The same rewrite for a plain string. */
export function quoteStyleOf(text: string, target: Script): string {
  const mapping = target === "zh-Hant" ? toCornerBrackets : toCurlyQuotes;
  let result = "";
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    const replacement = mapping.get(unit);
    const apostrophe =
      unit === RIGHT_SINGLE_QUOTE &&
      isLatinLetterOrDigit(text.charCodeAt(index - 1)) &&
      isLatinLetterOrDigit(text.charCodeAt(index + 1));
    result += replacement === undefined || apostrophe ? text[index] : String.fromCharCode(replacement);
  }
  return result;
}
