/**
 * Simplified ⇄ Traditional conversion for fabu: OpenCC's dictionaries and
 * conversion chains (from opencc-js), with a segmenter that does not split
 * 内生|发展 as 内|生发|展, glossary protection, quotation style, conversion on
 * hast trees, and MediaWiki-style editorial markup.
 */
export type {
  ConversionDecision,
  Converter,
  ConverterSet,
  ConverterSetOptions,
  GlossaryEntry,
  Script,
  TraditionalVariant,
} from "./types.js";
export { createConverter, createConverterSet } from "./converter-set.js";
export { detectScript } from "./detect-script.js";
export { convertTree, type ConvertTreeOptions } from "./convert-tree.js";
export { rehypeConversionMarkup, type ConversionMarkupOptions } from "./rehype-conversion-markup.js";
export { MARKER_TAG, type ConversionMarker, type VariantKey } from "./markers.js";
export { parseConversionMarkup, type MarkupProblem, type MarkupToken, type ParsedMarkup } from "./markup-syntax.js";
export { openccConfigName, type OpenccConfigName } from "./opencc-config.js";

import { rehypeConversionMarkup } from "./rehype-conversion-markup.js";
export default rehypeConversionMarkup;
