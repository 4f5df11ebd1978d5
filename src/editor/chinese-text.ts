/**
 * Character classes for Chinese typography, by UTF-16 code unit (every character the rules look at is in
 * the Basic Multilingual Plane; a surrogate pair counts as Han, which is what it almost always is in
 * policy text: rare characters of names and places).
 */

export function isHanUnit(unit: number): boolean {
  return (
    (unit >= 0x4e00 && unit <= 0x9fff) ||
    (unit >= 0x3400 && unit <= 0x4dbf) ||
    (unit >= 0xf900 && unit <= 0xfaff) ||
    (unit >= 0xd840 && unit <= 0xd8bf) || // high surrogates of the CJK extension planes (U+20000…U+3FFFF)
    unit === 0x3007 // 〇
  );
}

const EXTRA_CJK_PUNCTUATION = new Set([0x201c, 0x201d, 0x2018, 0x2019, 0x2026, 0x2014, 0x00b7, 0x2015]);

/** Full-width punctuation used in Chinese text: ，。、；：？！「」『』《》（）【】〔〕“”‘’…—· and the like. */
export function isCjkPunctuationUnit(unit: number): boolean {
  return (
    (unit >= 0x3001 && unit <= 0x303f) ||
    (unit >= 0xff01 && unit <= 0xff0f) ||
    (unit >= 0xff1a && unit <= 0xff20) ||
    (unit >= 0xff3b && unit <= 0xff40) ||
    (unit >= 0xff5b && unit <= 0xff65) ||
    EXTRA_CJK_PUNCTUATION.has(unit)
  );
}

/** A Han character or full-width Chinese punctuation. */
export function isChineseUnit(unit: number): boolean {
  return isHanUnit(unit) || isCjkPunctuationUnit(unit);
}

export function isAsciiDigit(unit: number): boolean {
  return unit >= 0x30 && unit <= 0x39;
}

export function isAsciiLetter(unit: number): boolean {
  return (unit >= 0x41 && unit <= 0x5a) || (unit >= 0x61 && unit <= 0x7a);
}

const LETTER = /\p{L}/u;

/** A letter of a non-Chinese alphabet (Latin, Greek, Cyrillic, kana…). */
export function isOtherLetterUnit(unit: number): boolean {
  if (isAsciiLetter(unit)) return true;
  if (unit < 0x80 || isHanUnit(unit) || isCjkPunctuationUnit(unit)) return false;
  return LETTER.test(String.fromCharCode(unit));
}

/** Spaces that can sit between words: ASCII space, tab, no-break space, ideographic space. */
export function isInlineSpaceUnit(unit: number): boolean {
  return unit === 0x20 || unit === 0x09 || unit === 0xa0 || unit === 0x3000;
}

/** Han at a position, seeing a low surrogate as part of the character its high surrogate starts. */
export function isHanAt(text: string, index: number): boolean {
  const unit = text.charCodeAt(index);
  if (unit >= 0xdc00 && unit <= 0xdfff) return index > 0 && isHanUnit(text.charCodeAt(index - 1));
  return isHanUnit(unit);
}

export function isChineseAt(text: string, index: number): boolean {
  return isHanAt(text, index) || isCjkPunctuationUnit(text.charCodeAt(index));
}

/** Whether a text has any Han character at all. */
export function hasHan(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (isHanUnit(text.charCodeAt(i))) return true;
  return false;
}
