import type { ProblemCollector } from "./problems.js";
import type { DataPath, Located } from "./yaml-spots.js";

/**
 * Invisible characters that can make text display differently from what it is ("Trojan Source"): bidi
 * controls reorder what a reviewer sees, zero-width characters hide inside words and make two tags or
 * titles that look equal differ. In ids and tags they are errors; in other displayed fields, warnings.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/** Bidi controls and the zero-width characters (U+200B–U+200D, U+2060, U+FEFF), found in one scan. */
const INVISIBLE = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff]/;

export function describeInvisible(char: string): string {
  const code = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
  return BIDI_CONTROLS.test(char) ? `a bidirectional control character (U+${code})` : `a zero-width character (U+${code})`;
}

export function findInvisible(text: string): { index: number; char: string; bidi: boolean } | undefined {
  const index = text.search(INVISIBLE);
  if (index === -1) return undefined;
  const char = text[index]!;
  return { index, char, bidi: BIDI_CONTROLS.test(char) };
}

export interface FieldSpot {
  readonly field: string;
  readonly value: string;
  /** Where the value is in the front matter; located only if it has a problem. */
  readonly path: DataPath;
  /** Errors for identifiers (tags), warnings for prose fields. */
  readonly strict: boolean;
}

export function reportInvisibleCharacters(file: string, spots: readonly FieldSpot[], locateValue: (path: DataPath) => Located, problems: ProblemCollector): void {
  for (const spot of spots) {
    const found = findInvisible(spot.value);
    if (!found) continue;
    const message = `"${spot.field}" contains ${describeInvisible(found.char)} at character ${found.index + 1}; delete it (it is invisible but changes how the text reads or compares)`;
    // Values in YAML may be quoted, so the column is where the value starts, not the character itself.
    const { line, column } = locateValue(spot.path);
    if (spot.strict || found.bidi) problems.error(file, line, column, "invisible-character", message);
    else problems.warning(file, line, column, "invisible-character", message);
  }
}
