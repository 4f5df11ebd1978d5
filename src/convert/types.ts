/**
 * Public types of the script converter. Kept free of runtime code so every
 * other module (and callers) can depend on them without loading dictionaries.
 */

export type Script = "zh-Hans" | "zh-Hant";

/**
 * Which Traditional Chinese standard the site publishes.
 * - `tw`: Taiwan character forms (the site default).
 * - `hk`: Hong Kong character forms.
 * - `twp`: Taiwan forms *and* Taiwan vocabulary (程序→程式, 信息→資訊). Opt-in
 *   only: it rewrites policy terms whose mainland wording is deliberate.
 * - `t`: OpenCC's base Traditional forms, no regional variants.
 */
export type TraditionalVariant = "tw" | "hk" | "twp" | "t";

/** A protected pair: wherever one form occurs, the other script gets the other form verbatim. */
export interface GlossaryEntry {
  "zh-Hans": string;
  "zh-Hant": string;
}

/** A character whose conversion had more than one candidate, and what was chosen. */
export interface ConversionDecision {
  /** UTF-16 offset of the character in the text given to `explain`. */
  offset: number;
  source: string;
  chosen: string;
  /** Every candidate the dictionaries know for this character, the single-character default first. */
  alternatives: string[];
  /** The source text around the character (up to 10 characters either side). */
  context: string;
}

export interface Converter {
  readonly from: Script;
  readonly to: Script;
  convert(text: string, pageRules?: readonly GlossaryEntry[]): string;
  explain(text: string, pageRules?: readonly GlossaryEntry[]): ConversionDecision[];
}

export interface ConverterSetOptions {
  traditional: TraditionalVariant;
  glossary: readonly GlossaryEntry[];
  /** Use “”‘’ in Simplified output and 「」『』 in Traditional output. */
  quotes: boolean;
}

export interface ConverterSet {
  get(from: Script, to: Script): Converter;
}
