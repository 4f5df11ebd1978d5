/**
 * How far one indivisible unit of text reaches. OpenCC never converts inside a
 * surrogate pair, and opencc-js also keeps an ideographic description sequence
 * (⿰氵发: a description of an unencoded character) whole, so its components
 * are not converted as if they were running text.
 */

export function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

export function isIdeographicDescription(unit: number): boolean {
  return unit >= 0x2ff0 && unit <= 0x2fff;
}

function codePointLength(text: string, index: number): number {
  return isHighSurrogate(text.charCodeAt(index)) && index + 1 < text.length ? 2 : 1;
}

function descriptionArity(unit: number): number {
  if (unit === 0x2ff2 || unit === 0x2ff3) return 3;
  return isIdeographicDescription(unit) ? 2 : 0;
}

/** End of the description sequence starting at `index`, or 0 when there is none (or it is cut short). */
function descriptionSequenceEnd(text: string, index: number): number {
  const arity = descriptionArity(text.charCodeAt(index));
  if (arity === 0) return 0;
  let end = index + codePointLength(text, index);
  for (let operand = 0; operand < arity; operand += 1) {
    if (end >= text.length) return 0;
    const nestedEnd = descriptionSequenceEnd(text, end);
    end = nestedEnd || end + codePointLength(text, end);
  }
  return end;
}

/** Length in UTF-16 units of the unit starting at `index` that no dictionary entry matched. */
export function unmatchedUnitLength(text: string, index: number): number {
  const sequenceEnd = descriptionSequenceEnd(text, index);
  return sequenceEnd > index ? sequenceEnd - index : codePointLength(text, index);
}
