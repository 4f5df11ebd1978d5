import type { ProblemCollector } from "./problems.js";

/**
 * Invisible characters that can make text display differently from what it is ("Trojan Source"): bidi
 * controls reorder what a reviewer sees, zero-width characters hide inside words and make two tags or
 * titles that look equal differ. In ids and tags they are errors; in other displayed fields, warnings.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/u;

export function describeInvisible(char: string): string {
  const code = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
  return BIDI_CONTROLS.test(char) ? `a bidirectional control character (U+${code})` : `a zero-width character (U+${code})`;
}

export function findInvisible(text: string): { index: number; char: string; bidi: boolean } | undefined {
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (BIDI_CONTROLS.test(char)) return { index: i, char, bidi: true };
    if (ZERO_WIDTH.test(char)) return { index: i, char, bidi: false };
  }
  return undefined;
}

export interface FieldSpot {
  readonly field: string;
  readonly value: string;
  readonly line: number;
  readonly column: number;
  /** Errors for identifiers (tags), warnings for prose fields. */
  readonly strict: boolean;
}

export function reportInvisibleCharacters(file: string, spots: readonly FieldSpot[], problems: ProblemCollector): void {
  for (const spot of spots) {
    const found = findInvisible(spot.value);
    if (!found) continue;
    const message = `"${spot.field}" contains ${describeInvisible(found.char)} at character ${found.index + 1}; delete it (it is invisible but changes how the text reads or compares)`;
    // Values in YAML may be quoted, so the column is where the value starts, not the character itself.
    if (spot.strict || found.bidi) problems.error(file, spot.line, spot.column, "invisible-character", message);
    else problems.warning(file, spot.line, spot.column, "invisible-character", message);
  }
}
