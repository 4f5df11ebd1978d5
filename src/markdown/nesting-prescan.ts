/**
 * A cheap, single-pass look at the Markdown text that catches absurd nesting
 * before micromark parses it.
 *
 * micromark does not overflow the stack on deep nesting, but its cost grows
 * with the square of the depth: 2,000 nested `- ` list markers take seconds
 * and 5,000 nested emphasis openers tens of seconds. The exact depth check
 * runs on the syntax tree after parsing (see remark-nesting-limit.ts); this
 * estimate only has to stop the pathological cases early, so the caller
 * compares it against a threshold well above the real limit.
 *
 * The estimate is rough; it only has to be right about absurd depths:
 * - container depth on a line: the number of `>` and list markers that open
 *   the line, plus half its leading whitespace (a nested list item needs at
 *   least two columns of indent per level) — this errs high;
 * - inline depth in a paragraph: a running count of emphasis, strikethrough
 *   and link openers not yet closed, telling openers from closers by
 *   CommonMark's flanking rules. A run that can both open and close is taken
 *   to close when something is open, as it does in the parser.
 */

export interface NestingEstimate {
  /** Estimated nesting depth at the place where it first passed the threshold. */
  readonly depth: number;
  readonly kind: "block" | "inline";
  /** 1-based line and column in the Markdown text. */
  readonly line: number;
  readonly column: number;
}

const TAB_STOP = 4;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const ASTERISK = 0x2a;
const UNDERSCORE = 0x5f;
const TILDE = 0x7e;
const MAX_ORDERED_MARKER_DIGITS = 9;

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= "0" && char <= "9";
}

function isSpaceOrTab(char: string | undefined): boolean {
  return char === " " || char === "\t";
}

function isEndOrSpace(char: string | undefined): boolean {
  return char === undefined || isSpaceOrTab(char);
}

/** Length of the container marker (`>`, `-`, `1.`) at `index`, or 0 if there is none. */
function containerMarkerLength(line: string, index: number): number {
  const char = line[index];
  if (char === ">") return 1;
  if ((char === "-" || char === "*" || char === "+") && isEndOrSpace(line[index + 1])) return 1;
  let end = index;
  while (isDigit(line[end]) && end - index < MAX_ORDERED_MARKER_DIGITS) end += 1;
  const delimiter = line[end];
  if (end > index && (delimiter === "." || delimiter === ")") && isEndOrSpace(line[end + 1])) return end + 1 - index;
  return 0;
}

/** Container depth implied by the `>` / list markers and indent opening `line`. */
function estimateContainerDepth(line: string): number {
  let markers = 0;
  let indentColumns = 0;
  let index = 0;

  for (;;) {
    const char = line[index];
    if (char === " ") {
      indentColumns += 1;
      index += 1;
    } else if (char === "\t") {
      indentColumns += TAB_STOP - (indentColumns % TAB_STOP);
      index += 1;
    } else {
      const markerLength = containerMarkerLength(line, index);
      if (markerLength === 0) break;
      markers += 1;
      index += markerLength;
      // The space after a marker belongs to the marker, not to the indent.
      if (line[index] === " ") index += 1;
    }
  }

  // Indent alone (code, continuation lines) does not open containers.
  return markers === 0 ? 0 : markers + Math.floor(indentColumns / 2);
}

const UNICODE_WHITESPACE = /^\s$/u;
const UNICODE_PUNCTUATION = /^[\p{P}\p{S}]$/u;
/**
 * The pipeline parses with remark-cjk-friendly, which lets emphasis open and
 * close next to CJK punctuation as if it were a letter; full-width forms,
 * CJK symbols and the quotes, dashes and ellipsis Chinese text uses are
 * therefore classed like letters here too.
 */
const CJK_PUNCTUATION = /^[\u3000-\u303f\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef\u2014\u2018\u2019\u201c\u201d\u2026\u00b7]$/u;

type CharacterClass = "whitespace" | "punctuation" | "other";

function classify(char: string | undefined): CharacterClass {
  if (char === undefined || UNICODE_WHITESPACE.test(char)) return "whitespace";
  return UNICODE_PUNCTUATION.test(char) && !CJK_PUNCTUATION.test(char) ? "punctuation" : "other";
}

/** How a delimiter run moves the open-emphasis count, per CommonMark flanking. */
function delimiterRunEffect(marker: string, before: CharacterClass, after: CharacterClass, length: number, depth: number): number {
  const leftFlanking = after !== "whitespace" && (after !== "punctuation" || before !== "other");
  const rightFlanking = before !== "whitespace" && (before !== "punctuation" || after !== "other");

  if (leftFlanking && !rightFlanking) return length;
  if (rightFlanking && !leftFlanking) return -Math.min(length, depth);
  if (!leftFlanking) return 0;
  // Intraword `_` neither opens nor closes.
  if (marker === "_" && before === "other" && after === "other") return 0;
  // A run that can do both closes what is open, else opens.
  return depth >= length ? -length : length;
}

/**
 * Scans `markdown` and returns where the estimated nesting first exceeds
 * `threshold`, or `undefined` when it never does.
 */
export function findExcessiveNesting(markdown: string, threshold: number): NestingEstimate | undefined {
  const lines = markdown.split(/\r\n|\r|\n/);
  let inlineDepth = 0;

  for (let lineIndex = 0; lineIndex < lines.length; lineIndex += 1) {
    const line = lines[lineIndex] as string;
    const lineNumber = lineIndex + 1;

    const containerDepth = estimateContainerDepth(line);
    if (containerDepth > threshold) {
      return { depth: containerDepth, kind: "block", line: lineNumber, column: 1 };
    }

    if (line.trim() === "") {
      // Inline content never spans a blank line.
      inlineDepth = 0;
      continue;
    }

    for (let index = 0; index < line.length; index += 1) {
      const start = index;
      // Compared as code units: most characters are none of these, and a one-character string
      // per CJK character would be garbage.
      const unit = line.charCodeAt(index);
      if (unit === BACKSLASH) {
        index += 1;
      } else if (unit === OPEN_BRACKET) {
        inlineDepth += 1;
      } else if (unit === CLOSE_BRACKET) {
        inlineDepth = Math.max(0, inlineDepth - 1);
      } else if (unit === ASTERISK || unit === UNDERSCORE || unit === TILDE) {
        const char = line[index] as string;
        let end = index;
        while (line[end] === char) end += 1;
        // A line break counts as whitespace for flanking.
        const before = classify(index === 0 ? undefined : line[index - 1]);
        const after = classify(line[end]);
        inlineDepth += delimiterRunEffect(char, before, after, end - index, inlineDepth);
        index = end - 1;
      } else {
        continue;
      }

      if (inlineDepth > threshold) {
        return { depth: inlineDepth, kind: "inline", line: lineNumber, column: start + 1 };
      }
    }
  }

  return undefined;
}
