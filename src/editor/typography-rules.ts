/**
 * Chinese typography checks for article text, written for policy press releases.
 *
 * The rules run only on the text a reader sees: Markdown syntax (link URLs, code spans, fenced code, raw HTML,
 * front matter), conversion markup `-{…}-`, escapes and entities are masked out first. They leave alone what
 * is correct in policy text: decimals and percentages (1.7, 99.2%), times and ratios (14:45), thousands
 * separators (1,800), English sentences, document numbers (国办发〔2021〕29号), abbreviations (e.g.), and
 * 「」 in Traditional text.
 *
 * Every finding is a warning with its position; most carry an edit, and `fix()` applies them.
 */
import type { Nodes, Root } from "mdast";
import remarkCjkFriendly from "remark-cjk-friendly/parseOnly";
import remarkCjkFriendlyStrikethrough from "remark-cjk-friendly-gfm-strikethrough/parseOnly";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import type { ContentProblem } from "../content/problems.js";
import remarkCjkAutolinkBoundary from "../markdown/remark-cjk-autolink-boundary.js";
import type { Script } from "../site/scripts.js";
import { hasHan, isAsciiDigit, isChineseAt, isInlineSpaceUnit, isOtherLetterUnit } from "./chinese-text.js";

export type TypographyRule =
  | "half-width-punctuation"
  | "latin-comma"
  | "latin-period"
  | "half-width-ellipsis"
  | "mixed-quotes"
  | "space-between-chinese"
  | "unbalanced-brackets";

export const TYPOGRAPHY_RULES: readonly TypographyRule[] = [
  "half-width-punctuation",
  "latin-comma",
  "latin-period",
  "half-width-ellipsis",
  "mixed-quotes",
  "space-between-chinese",
  "unbalanced-brackets",
];

export type QuoteStyle = "curly" | "corner";

export interface QuoteCounts {
  /** “”‘’ (apostrophes not counted). */
  readonly curly: number;
  /** 「」『』. */
  readonly corner: number;
}

export interface TypographyOptions {
  /** Path shown in problems, relative to the project root. */
  readonly file: string;
  /** File line of the text's first line. */
  readonly firstLine: number;
  /** File column of the text's first character (for a one-line field after `title: `); default 1. */
  readonly firstColumn?: number;
  /** The script the text is written in. */
  readonly script: Script;
  /** Parse the text as Markdown (article bodies, the default) or take it as plain text (one-line fields). */
  readonly markdown?: boolean;
  /**
   * Quotation marks counted over the whole article, when this text is one part of it (a field or the body);
   * mixing is judged on these totals. Default: this text's own counts.
   */
  readonly articleQuotes?: QuoteCounts;
  /** Rules to skip (a byline keeps the space between a reporter's title and name). */
  readonly disable?: readonly TypographyRule[];
}

export interface TypographyResult {
  /** Warnings in file order. */
  readonly problems: ContentProblem[];
  /** The text with every fixable problem corrected (unbalanced brackets are left for the editor). */
  fix(): string;
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

interface Finding {
  readonly offset: number;
  readonly rule: TypographyRule;
  readonly message: string;
  readonly edits: readonly Edit[];
}

interface Segment {
  readonly start: number;
  readonly end: number;
  readonly block: number;
  /** Text of a Markdown heading, where a space between two phrases is the headline convention. */
  readonly heading: boolean;
}

export function lintTypography(text: string, options: TypographyOptions): TypographyResult {
  const findings = analyse(text, options);
  const lines = lineStarts(text);
  const firstColumn = options.firstColumn ?? 1;
  const problems = findings.map((finding): ContentProblem => {
    const { line, column } = position(lines, finding.offset);
    return {
      file: options.file,
      line: options.firstLine + line,
      column: line === 0 ? firstColumn + column : column + 1,
      message: finding.message,
      severity: "warning",
      rule: finding.rule,
    };
  });
  return {
    problems,
    fix: () => fixText(text, options, findings),
  };
}

/** Quotation marks of each style in a text (for `articleQuotes`). */
export function countQuoteStyles(text: string, options: { markdown?: boolean; frontMatter?: boolean } = {}): QuoteCounts {
  const { mask } = lintableMask(text, options.markdown ?? true, options.frontMatter ?? true);
  let curly = 0;
  let corner = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (!mask[i]) continue;
    const style = quoteStyleAt(text, i);
    if (style === "curly") curly += 1;
    else if (style === "corner") corner += 1;
  }
  return { curly, corner };
}

function fixText(text: string, options: TypographyOptions, firstFindings: readonly Finding[]): string {
  let current = text;
  let findings = firstFindings;
  // Fixes can meet (a comma next to a stray space); a few passes settle them.
  for (let pass = 0; pass < 6; pass += 1) {
    const edits = chooseEdits(findings);
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
    findings = analyse(current, options);
  }
  return current;
}

/** Non-overlapping edits, a finding's edits all or none, in text order. */
function chooseEdits(findings: readonly Finding[]): Edit[] {
  const chosen: Edit[] = [];
  const taken = new Set<number>();
  const cells = (edit: Edit) => Array.from({ length: Math.max(1, edit.end - edit.start) }, (_, i) => edit.start + i);
  for (const finding of findings) {
    if (finding.edits.length === 0 || finding.edits.some((edit) => cells(edit).some((cell) => taken.has(cell)))) continue;
    for (const edit of finding.edits) for (const cell of cells(edit)) taken.add(cell);
    chosen.push(...finding.edits);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = "";
  let at = 0;
  for (const edit of edits) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

// ---------------------------------------------------------------------------------------------------------
// What is lintable

const markdownParser = unified().use(remarkParse).use(remarkGfm).use(remarkCjkFriendly).use(remarkCjkFriendlyStrikethrough).use(remarkCjkAutolinkBoundary).freeze();

const SKIPPED_NODES = new Set(["code", "inlineCode", "html", "yaml", "toml", "definition", "image", "imageReference", "footnoteReference", "math", "inlineMath"]);
const BLOCK_NODES = new Set(["paragraph", "heading", "tableCell"]);

/** Front matter at the very top (`---` … `---`), if the text has any: its length. */
function frontMatterLength(text: string): number {
  if (!/^---\r?\n/.test(text)) return 0;
  const close = /\r?\n---[ \t]*(?:\r?\n|$)/.exec(text.slice(3));
  return close ? 3 + close.index + close[0].length : 0;
}

function markdownSegments(text: string, frontMatter: boolean): Segment[] {
  const base = frontMatter ? frontMatterLength(text) : 0;
  const source = text.slice(base);
  const tree = markdownParser.runSync(markdownParser.parse(source)) as Root;
  const segments: Segment[] = [];
  let blocks = 0;
  const walk = (node: Nodes, block: number, heading: boolean): void => {
    if (SKIPPED_NODES.has(node.type)) return;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    // A bare URL (autolink literal) or <https://…>: the link text is the address itself.
    if (node.type === "link" && start !== undefined && source[start] !== "[") return;
    let own = block;
    if (BLOCK_NODES.has(node.type)) own = ++blocks;
    if (node.type === "text" && start !== undefined && end !== undefined) {
      segments.push({ start: base + start, end: base + end, block: own, heading });
      return;
    }
    const inHeading = heading || node.type === "heading";
    if ("children" in node) for (const child of node.children as Nodes[]) walk(child, own, inHeading);
  };
  walk(tree, 0, false);
  return segments.sort((a, b) => a.start - b.start);
}

const PROTECTED_PATTERNS: readonly RegExp[] = [
  /-\{[\s\S]*?\}-/g, // conversion markup: its syntax, and text protected "exactly as written"
  /\\[!-/:-@[-`{-~]/g, // backslash escapes
  /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g, // character references
  /\b(?:https?|ftp|mailto):[^\s<>"'（）\u3000-\u303f\uff00-\uffef“”‘’]+/g, // URLs written as text
  /\bwww\.[A-Za-z0-9-]+\.[^\s<>"'（）\u3000-\u303f\uff00-\uffef“”‘’]+/g,
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g, // e-mail addresses
];

/** mask: 1 where text is linted, 2 where it is linted and part of a heading. */
function lintableMask(text: string, markdown: boolean, frontMatter: boolean): { mask: Uint8Array; segments: Segment[] } {
  const segments = markdown ? markdownSegments(text, frontMatter) : [{ start: 0, end: text.length, block: 1, heading: false }];
  const mask = new Uint8Array(text.length);
  for (const segment of segments) mask.fill(segment.heading ? 2 : 1, segment.start, segment.end);
  for (const pattern of PROTECTED_PATTERNS) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      mask.fill(0, match.index, match.index + match[0].length);
      if (match[0].length === 0) pattern.lastIndex += 1;
    }
  }
  return { mask, segments };
}

// ---------------------------------------------------------------------------------------------------------
// The rules

const FULL_WIDTH: Readonly<Record<string, string>> = { ",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。" };

type Evidence = "zh" | "latin" | "none";

/**
 * The nearest letter on one side, on the same line: Chinese (a Han character or full-width punctuation), a
 * letter of another alphabet, or none. Digits, spaces and ASCII symbols are looked past; an ASCII double quote
 * stops the search (`act," 他说`: the comma belongs to the English quotation).
 */
function evidence(text: string, from: number, direction: 1 | -1): Evidence {
  for (let j = from + direction, steps = 0; j >= 0 && j < text.length && steps < 48; j += direction, steps += 1) {
    const unit = text.charCodeAt(j);
    if (unit === 0x0a || unit === 0x0d || unit === 0x22) return "none";
    if (isChineseAt(text, j)) return "zh";
    if (isOtherLetterUnit(unit)) return "latin";
  }
  return "none";
}

function isSpaceOrTab(unit: number): boolean {
  return unit === 0x20 || unit === 0x09;
}

/** The edit turning a half-width mark into its full-width form, taking the spaces around it (full-width marks carry their own). */
function fullWidthEdit(text: string, mask: Uint8Array, index: number, replacement: string, takeBefore: boolean, takeAfter: boolean): Edit {
  let start = index;
  if (takeBefore) while (start > 0 && mask[start - 1] && isSpaceOrTab(text.charCodeAt(start - 1))) start -= 1;
  if (start !== index && (start === 0 || text[start - 1] === "\n")) start = index; // keep indentation
  let end = index + 1;
  if (takeAfter) {
    let after = end;
    while (after < text.length && mask[after] && isSpaceOrTab(text.charCodeAt(after))) after += 1;
    if (after < text.length && text[after] !== "\n" && text[after] !== "\r") end = after;
  }
  return { start, end, text: replacement };
}

const OPENERS: Readonly<Record<string, string>> = { "《": "》", "〈": "〉", "「": "」", "『": "』", "“": "”", "‘": "’", "（": "）", "【": "】", "〔": "〕" };
const CLOSERS: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(OPENERS).map(([open, close]) => [close, open]));
const QUOTE_OPENERS = new Set(["“", "‘", "「", "『"]);

const TO_CORNER: Readonly<Record<string, string>> = { "“": "「", "”": "」", "‘": "『", "’": "』" };
const TO_CURLY: Readonly<Record<string, string>> = { "「": "“", "」": "”", "『": "‘", "』": "’" };

function isApostrophe(text: string, index: number): boolean {
  if (text[index] !== "’" && text[index] !== "‘") return false;
  const before = text.charCodeAt(index - 1);
  const after = text.charCodeAt(index + 1);
  const wordy = (unit: number) => isOtherLetterUnit(unit) || isAsciiDigit(unit);
  return text[index] === "’" ? wordy(before) && wordy(after) : false;
}

function quoteStyleAt(text: string, index: number): QuoteStyle | undefined {
  const ch = text[index]!;
  if (ch in TO_CORNER) return isApostrophe(text, index) ? undefined : "curly";
  if (ch in TO_CURLY) return "corner";
  return undefined;
}

function analyse(text: string, options: TypographyOptions): Finding[] {
  // Front matter is skipped only where it can be: a text starting on the file's first line.
  const { mask, segments } = lintableMask(text, options.markdown ?? true, options.firstLine === 1);
  const disabled = new Set(options.disable ?? []);
  const findings: Finding[] = [];
  const add = (finding: Finding) => {
    if (!disabled.has(finding.rule)) findings.push(finding);
  };
  const handled = new Set<number>();

  for (let i = 0; i < text.length; i += 1) {
    if (!mask[i] || handled.has(i)) continue;
    const ch = text[i]!;
    const unit = text.charCodeAt(i);
    const prev = text.charCodeAt(i - 1);
    const next = text.charCodeAt(i + 1);

    if (ch === "," || ch === ";" || ch === "?" || ch === "!" || ch === ":") {
      if ((ch === "," || ch === ":") && isAsciiDigit(prev) && isAsciiDigit(next)) continue; // 1,800 · 14:45 · 1:2
      if (ch === ":" && text.startsWith("//", i + 1)) continue;
      const left = evidence(text, i, -1);
      const right = evidence(text, i, 1);
      if (left !== "zh" && right !== "zh") continue;
      const full = FULL_WIDTH[ch]!;
      add({
        offset: i,
        rule: ch === "," ? "latin-comma" : "half-width-punctuation",
        message: `half-width "${ch}" in Chinese text; use the full-width "${full}"`,
        edits: [fullWidthEdit(text, mask, i, full, true, true)],
      });
      continue;
    }

    if (ch === ".") {
      let end = i;
      while (end < text.length && text[end] === "." && mask[end]) end += 1;
      const run = end - i;
      if (run >= 3) {
        if (isChineseAt(text, i - 1) || isChineseAt(text, end)) {
          add({ offset: i, rule: "half-width-ellipsis", message: `"${".".repeat(run)}" in Chinese text; use the Chinese ellipsis "……"`, edits: [{ start: i, end, text: "……" }] });
        }
      } else if (run === 1 && isSentencePeriod(text, i)) {
        add({
          offset: i,
          rule: "latin-period",
          message: `Latin period "." ends a Chinese sentence; use "。"`,
          edits: [fullWidthEdit(text, mask, i, "。", true, true)],
        });
      }
      i = end - 1;
      continue;
    }

    if (ch === "(" || ch === ")") {
      checkParenthesis(text, mask, i, handled, add);
      continue;
    }

    if (isInlineSpaceUnit(unit) && !isInlineSpaceUnit(prev)) {
      let end = i;
      while (end < text.length && isInlineSpaceUnit(text.charCodeAt(end)) && mask[end]) end += 1;
      if (i > 0 && end < text.length && mask[i - 1] && mask[end] && mask[i] !== 2 && isChineseAt(text, i - 1) && isChineseAt(text, end) && !isLawArticleNumber(text, i)) {
        const shown = text.slice(i, end).replace(/\u3000/g, "全角空格").replace(/\u00a0/g, "不换行空格");
        add({
          offset: i,
          rule: "space-between-chinese",
          message: `stray space${end - i > 1 ? "s" : ""} between Chinese characters ("${text[i - 1]}${shown}${text[end]}"); remove ${end - i > 1 ? "them" : "it"}`,
          edits: [{ start: i, end, text: "" }],
        });
      }
      i = end - 1;
      continue;
    }
  }

  checkQuoteStyles(text, mask, options, add);
  checkBalance(text, mask, segments, add);
  return findings.sort((a, b) => a.offset - b.offset || a.rule.localeCompare(b.rule));
}

/**
 * A single "." ending a Chinese sentence: right after a Chinese character (召开.会议), or after a number at the
 * end of a line in Chinese text (上涨0.2%.). Never inside 1.7, v1.2.3, e.g., 文件.pdf, nor 图1.会上 mid-line.
 */
function isSentencePeriod(text: string, i: number): boolean {
  const next = text.charCodeAt(i + 1);
  if (isAsciiDigit(next) || isOtherLetterUnit(next) || next === 0x2e) return false;
  if (isChineseAt(text, i - 1)) return !isOpeningMark(text[i - 1]!);
  const prev = text.charCodeAt(i - 1);
  const atLineEnd = Number.isNaN(next) || next === 0x0a || next === 0x0d;
  return atLineEnd && (isAsciiDigit(prev) || prev === 0x25 /* % */) && evidence(text, i, -1) === "zh";
}

function isOpeningMark(ch: string): boolean {
  return ch in OPENERS;
}

const LAW_ARTICLE_NUMBER = /第[一二三四五六七八九十百千零〇0-9]+[条條章节節款编編]$/;

/** `第一条　为了…`: law text separates the article number from its text with a space. */
function isLawArticleNumber(text: string, spaceAt: number): boolean {
  return LAW_ARTICLE_NUMBER.test(text.slice(Math.max(0, spaceAt - 12), spaceAt));
}

function checkParenthesis(text: string, mask: Uint8Array, i: number, handled: Set<number>, add: (f: Finding) => void): void {
  const lineEnd = (() => {
    const n = text.indexOf("\n", i);
    return n < 0 ? text.length : n;
  })();
  const nonSpace = (from: number, direction: 1 | -1): number => {
    let j = from;
    while (j >= 0 && j < text.length && isSpaceOrTab(text.charCodeAt(j))) j += direction;
    return j;
  };
  if (text[i] === "(") {
    let depth = 0;
    let match = -1;
    for (let j = i; j < lineEnd; j += 1) {
      if (!mask[j]) continue;
      if (text[j] === "(") depth += 1;
      else if (text[j] === ")" && --depth === 0) {
        match = j;
        break;
      }
    }
    const before = nonSpace(i - 1, -1);
    if (match >= 0) {
      const after = nonSpace(match + 1, 1);
      const chineseBefore = before >= 0 && isChineseAt(text, before);
      const chineseAfter = after < text.length && isChineseAt(text, after);
      if (!hasHan(text.slice(i + 1, match)) && !chineseBefore && !chineseAfter) return;
      handled.add(match);
      add({
        offset: i,
        rule: "half-width-punctuation",
        message: `half-width brackets "( )" in Chinese text; use the full-width "（ ）"`,
        edits: [fullWidthEdit(text, mask, i, "（", chineseBefore, true), fullWidthEdit(text, mask, match, "）", true, chineseAfter)],
      });
      return;
    }
    if (evidence(text, i, -1) === "zh" || evidence(text, i, 1) === "zh") {
      add({ offset: i, rule: "half-width-punctuation", message: `half-width "(" in Chinese text; use the full-width "（"`, edits: [fullWidthEdit(text, mask, i, "（", true, true)] });
    }
    return;
  }
  if (evidence(text, i, -1) === "zh" || evidence(text, i, 1) === "zh") {
    add({ offset: i, rule: "half-width-punctuation", message: `half-width ")" in Chinese text; use the full-width "）"`, edits: [fullWidthEdit(text, mask, i, "）", true, true)] });
  }
}

function checkQuoteStyles(text: string, mask: Uint8Array, options: TypographyOptions, add: (f: Finding) => void): void {
  const marks: { index: number; style: QuoteStyle }[] = [];
  for (let i = 0; i < text.length; i += 1) {
    if (!mask[i]) continue;
    const style = quoteStyleAt(text, i);
    if (style) marks.push({ index: i, style });
  }
  const counts = options.articleQuotes ?? {
    curly: marks.filter((m) => m.style === "curly").length,
    corner: marks.filter((m) => m.style === "corner").length,
  };
  if (counts.curly === 0 || counts.corner === 0) return;
  // Traditional text keeps its 「」; Simplified text uses “”.
  const expected: QuoteStyle = options.script === "zh-Hant" ? "corner" : "curly";
  const wanted = expected === "corner" ? "「」『』" : "“”‘’";
  for (const mark of marks) {
    if (mark.style === expected) continue;
    const ch = text[mark.index]!;
    const replacement = (expected === "corner" ? TO_CORNER : TO_CURLY)[ch]!;
    add({
      offset: mark.index,
      rule: "mixed-quotes",
      message: `mixed quotation marks: this article uses both “” and 「」; ${options.script === "zh-Hant" ? "Traditional" : "Simplified"} text here uses ${wanted} (replace "${ch}" with "${replacement}")`,
      edits: [{ start: mark.index, end: mark.index + 1, text: replacement }],
    });
  }
}

function checkBalance(text: string, mask: Uint8Array, segments: readonly Segment[], add: (f: Finding) => void): void {
  const blocks = new Map<number, number[]>();
  for (const segment of segments) {
    let list = blocks.get(segment.block);
    if (!list) blocks.set(segment.block, (list = []));
    for (let i = segment.start; i < segment.end; i += 1) if (mask[i]) list.push(i);
  }
  const order = [...blocks.keys()].sort((a, b) => a - b);
  const firstChar = (block: number | undefined): string | undefined => {
    if (block === undefined) return undefined;
    const positions = blocks.get(block) ?? [];
    for (const p of positions) if (!isInlineSpaceUnit(text.charCodeAt(p))) return text[p];
    return undefined;
  };
  order.forEach((block, n) => {
    const stack: { ch: string; index: number }[] = [];
    for (const index of blocks.get(block)!) {
      const ch = text[index]!;
      if (ch in OPENERS && !isApostrophe(text, index)) {
        stack.push({ ch, index });
      } else if (ch in CLOSERS && !isApostrophe(text, index)) {
        const opener = CLOSERS[ch]!;
        let k = stack.length - 1;
        while (k >= 0 && stack[k]!.ch !== opener) k -= 1;
        if (k < 0) {
          add({ offset: index, rule: "unbalanced-brackets", message: `"${ch}" has no matching "${opener}" before it in this paragraph`, edits: [] });
          continue;
        }
        for (const open of stack.splice(k)) {
          if (open.ch === opener) continue;
          add({ offset: open.index, rule: "unbalanced-brackets", message: `"${open.ch}" is not closed before "${ch}"; add "${OPENERS[open.ch]}" or remove it`, edits: [] });
        }
      }
    }
    // A quotation running over several paragraphs opens each paragraph and closes only the last.
    const nextStarts = firstChar(order[n + 1] === block + 1 ? order[n + 1] : undefined);
    for (const open of stack) {
      if (QUOTE_OPENERS.has(open.ch) && nextStarts === open.ch) continue;
      add({ offset: open.index, rule: "unbalanced-brackets", message: `"${open.ch}" is never closed in this paragraph; add "${OPENERS[open.ch]}" or remove it`, edits: [] });
    }
  });
}

// ---------------------------------------------------------------------------------------------------------
// Positions

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) === 0x0a) starts.push(i + 1);
  return starts;
}

/** 0-based line and column of an offset. */
function position(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, column: offset - starts[low]! };
}
