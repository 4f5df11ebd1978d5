/**
 * Parsing MediaWiki-style conversion markup in a piece of text:
 *   -{文字}-                       output as written
 *   -{zh-hans:计算机;zh-hant:電腦}-  per-script text (zh-cn, zh-tw, zh-hk also accepted)
 *   -{}-                           a word boundary the dictionary cannot match across
 * Markup does not nest; the first }- closes. Malformed markup is reported and
 * left in the text as written.
 */
import { isVariantKey, type ConversionMarker, type VariantKey } from "./markers.js";

export type MarkupToken =
  | { readonly kind: "text"; readonly offset: number; readonly text: string }
  | { readonly kind: "marker"; readonly offset: number; readonly length: number; readonly marker: ConversionMarker };

export interface MarkupProblem {
  /** Offset of the problem in the parsed text. */
  readonly offset: number;
  readonly reason: string;
}

export interface ParsedMarkup {
  readonly tokens: readonly MarkupToken[];
  readonly problems: readonly MarkupProblem[];
}

const OPEN = "-{";
const CLOSE = "}-";
/** Content that starts like "zh-hans:" is a variant list; anything else is protected text. */
const VARIANT_LIST = /^\s*zh(?:-[a-z]+)?\s*:/i;

type ContentResult = { readonly marker: ConversionMarker } | { readonly problems: readonly MarkupProblem[] };

function parseVariants(content: string, contentOffset: number): ContentResult {
  const variants: Partial<Record<VariantKey, string>> = {};
  const problems: MarkupProblem[] = [];
  let partOffset = contentOffset;
  for (const part of content.split(";")) {
    const offset = partOffset + (part.length - part.trimStart().length);
    partOffset += part.length + 1;
    if (part.trim() === "") continue;
    const colon = part.indexOf(":");
    if (colon < 0) {
      problems.push({ offset, reason: `Conversion markup variant “${part.trim()}” has no “key:” (expected e.g. zh-hant:文字)` });
      continue;
    }
    const key = part.slice(0, colon).trim().toLowerCase();
    if (!isVariantKey(key)) {
      problems.push({ offset, reason: `Unknown conversion markup variant key “${key}” (use zh-hans, zh-hant, zh-cn, zh-tw or zh-hk)` });
      continue;
    }
    variants[key] = part.slice(colon + 1).trim();
  }
  return problems.length > 0 ? { problems } : { marker: { mode: "variants", variants } };
}

function parseContent(content: string, contentOffset: number): ContentResult {
  if (content === "") return { marker: { mode: "break" } };
  if (VARIANT_LIST.test(content)) return parseVariants(content, contentOffset);
  return { marker: { mode: "protect", text: content } };
}

export function parseConversionMarkup(text: string): ParsedMarkup {
  const tokens: MarkupToken[] = [];
  const problems: MarkupProblem[] = [];
  let textStart = 0;
  let searchFrom = 0;
  const flushText = (end: number) => {
    if (end > textStart) tokens.push({ kind: "text", offset: textStart, text: text.slice(textStart, end) });
  };
  for (;;) {
    const open = text.indexOf(OPEN, searchFrom);
    if (open < 0) break;
    const close = text.indexOf(CLOSE, open + OPEN.length);
    if (close < 0) {
      problems.push({ offset: open, reason: "Unclosed conversion markup: “-{” without a matching “}-”" });
      break;
    }
    const result = parseContent(text.slice(open + OPEN.length, close), open + OPEN.length);
    if ("problems" in result) {
      problems.push(...result.problems);
      searchFrom = close + CLOSE.length;
      continue;
    }
    flushText(open);
    tokens.push({ kind: "marker", offset: open, length: close + CLOSE.length - open, marker: result.marker });
    textStart = close + CLOSE.length;
    searchFrom = textStart;
  }
  flushText(text.length);
  return { tokens, problems };
}
