/**
 * The editors' lint: Chinese typography warnings (see typography-rules.ts) and placeholder errors, for one
 * text or for every article of a site, with positions counted from the top of each file.
 *
 * Why not zhlint: it was evaluated first (0.8.2, configured with halfwidthPunctuation "", fullwidthPunctuation
 * "，。：；？！（）", no spacing rules). Even configured it rewrites fabu's conversion markup
 * (`-{zh-hans:软件;zh-hant:軟體}-` → `-{zh-hans：软件；zh-hant：軟體}-`), turns the punctuation of English
 * quotations inside Chinese sentences full-width (`"We will act, now."` → `"We will act， now。"`), misses
 * commas after numbers (`99.2%,版本`), its default preset unifies 「」 into “” and puts spaces between Chinese
 * and digits (`2014年 1800 亿元`), which policy text never does, it has no rules for mixed quotation styles or
 * unbalanced 《》「」“”, and it reports offsets in its own parse rather than file lines. It also pulls in a
 * second unified/remark major version. These rules are written for policy text on fabu's own Markdown parser.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { isScalar, isSeq, parseDocument, type Scalar } from "yaml";
import { loadContent } from "../content/load-content.js";
import { sortProblems, type ContentProblem } from "../content/problems.js";
import { detectScript } from "../convert/index.js";
import type { Script } from "../site/scripts.js";
import { countQuoteStyles, lintTypography, type QuoteCounts, type TypographyRule } from "./typography-rules.js";

export { countQuoteStyles, lintTypography, TYPOGRAPHY_RULES } from "./typography-rules.js";
export type { QuoteCounts, QuoteStyle, TypographyOptions, TypographyResult, TypographyRule } from "./typography-rules.js";

/** The placeholder text of the article templates (`templates/archetypes/`), and TODO markers. */
export const PLACEHOLDERS: readonly string[] = ["待填写", "待填寫", "TODO"];
const PLACEHOLDER_PATTERN = /待填[写寫]|(?<![A-Za-z0-9_])TODO(?![A-Za-z0-9_])/g;

/** Front matter fields shown to readers, linted as one-line text. */
const LINTED_FIELDS = ["title", "subtitle", "kicker", "summary", "source", "byline", "editor"] as const;
const SPACED_FIELDS: ReadonlySet<string> = new Set(["title", "subtitle", "kicker", "byline"]);

/**
 * Placeholders left in an article — `待填写` (as `fabu new` writes it), `待填寫`, `TODO` — as errors, so
 * `fabu check` rejects the article until they are filled in. YAML comment lines in the front matter are skipped.
 */
export function lintPlaceholders(text: string, options: { file: string; firstLine?: number }): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const lines = text.split("\n");
  const frontMatterEnd = lines[0] === "---" ? lines.indexOf("---", 1) : -1;
  lines.forEach((line, index) => {
    const inFrontMatter = index > 0 && index < frontMatterEnd;
    if (inFrontMatter && /^\s*#/.test(line)) return;
    const key = inFrontMatter ? /^([A-Za-z_][\w-]*)\s*:/.exec(line)?.[1] : undefined;
    PLACEHOLDER_PATTERN.lastIndex = 0;
    for (let match = PLACEHOLDER_PATTERN.exec(line); match; match = PLACEHOLDER_PATTERN.exec(line)) {
      const found = match[0];
      const where = key ? `the field "${key}"` : inFrontMatter ? "the front matter" : "the text";
      const message =
        found === "TODO"
          ? `${where} has a "TODO" marker: finish the text and remove the marker`
          : `${where} still has the placeholder "${found}" from the article template: replace it with the real ${key ? "value" : "text"}`;
      problems.push({ file: options.file, line: (options.firstLine ?? 1) + index, column: match.index + 1, message, severity: "error", rule: "placeholder" });
    }
  });
  return problems;
}

export interface ArticleLintResult {
  readonly problems: ContentProblem[];
  /** The whole file with every fixable typography problem corrected. */
  fix(): string;
}

interface TextRange {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Lints one article file's text: the displayed front matter fields as one-line text, the body as Markdown,
 * quotation styles across both, and placeholders anywhere.
 */
export function lintArticleText(text: string, options: { file: string; script: Script }): ArticleLintResult {
  const { file, script } = options;
  const layout = splitArticle(text);
  const starts = lineStarts(text);
  const fieldRanges = layout ? fieldValueRanges(text, layout.yamlStart, layout.yamlEnd) : [];
  const bodyStart = layout ? layout.bodyStart : 0;
  const body = text.slice(bodyStart);

  const counts = [...fieldRanges.map((r) => countQuoteStyles(text.slice(r.start, r.end), { markdown: false })), countQuoteStyles(body, { markdown: true, frontMatter: bodyStart === 0 })].reduce<QuoteCounts>(
    (sum, c) => ({ curly: sum.curly + c.curly, corner: sum.corner + c.corner }),
    { curly: 0, corner: 0 },
  );

  const parts = fieldRanges.map((range) => {
    const at = position(starts, range.start);
    // Headlines separate phrases with a space (台风过境后 台州全力恢复生产); a byline separates title and name.
    const disable: TypographyRule[] = SPACED_FIELDS.has(range.key) ? ["space-between-chinese"] : [];
    return {
      range,
      result: lintTypography(text.slice(range.start, range.end), { file, firstLine: at.line + 1, firstColumn: at.column + 1, script, markdown: false, articleQuotes: counts, disable }),
    };
  });
  const bodyAt = position(starts, bodyStart);
  const bodyResult = lintTypography(body, { file, firstLine: bodyAt.line + 1, script, articleQuotes: counts });

  const problems = sortProblems([...parts.flatMap((p) => p.result.problems), ...bodyResult.problems, ...lintPlaceholders(text, { file })]);
  return {
    problems,
    fix() {
      let out = text.slice(0, bodyStart) + bodyResult.fix();
      // Field values lie before the body; replace them last to first so earlier offsets stay valid.
      for (const { range, result } of [...parts].sort((a, b) => b.range.start - a.range.start)) {
        out = out.slice(0, range.start) + result.fix() + out.slice(range.end);
      }
      return out;
    },
  };
}

export interface SiteLintOptions {
  /** The content folder, relative to the project root (default `content`). */
  readonly contentDir?: string;
}

/** Typography warnings and placeholder errors for every article of the site, sorted by file and position. */
export function lintSite(projectRoot: string, options: SiteLintOptions = {}): ContentProblem[] {
  return sortProblems(siteArticles(projectRoot, options).flatMap((article) => lintArticleText(article.text, article).problems));
}

/** Applies every typography fix to every article; returns the files changed (relative to the project root). */
export function fixSite(projectRoot: string, options: SiteLintOptions = {}): string[] {
  const changed: string[] = [];
  for (const article of siteArticles(projectRoot, options)) {
    const fixed = lintArticleText(article.text, article).fix();
    if (fixed === article.text) continue;
    writeFileSync(join(resolve(projectRoot), article.file), fixed);
    changed.push(article.file);
  }
  return changed;
}

function siteArticles(projectRoot: string, options: SiteLintOptions): { file: string; text: string; script: Script }[] {
  const root = resolve(projectRoot);
  const content = loadContent(root, resolve(root, options.contentDir ?? "content"));
  return content.articles.map((article) => ({
    file: article.file,
    text: readFileSync(join(root, article.file), "utf8"),
    script: article.lang ?? detectScript(`${article.title}\n${article.body}`) ?? content.config.defaultScript,
  }));
}

// ---------------------------------------------------------------------------------------------------------

/** Offsets of the YAML text and of the body, if the file starts with a `---` … `---` block. */
function splitArticle(text: string): { yamlStart: number; yamlEnd: number; bodyStart: number } | undefined {
  if (!text.startsWith("---\n")) return undefined;
  const lines = text.split("\n");
  const closing = lines.indexOf("---", 1);
  if (closing < 0) return undefined;
  let offset = 0;
  for (let i = 0; i < closing; i += 1) offset += lines[i]!.length + 1;
  const bodyStart = Math.min(text.length, offset + 4);
  return { yamlStart: 4, yamlEnd: offset, bodyStart };
}

/** File offsets of the displayed one-line fields' values (inside quotes for quoted values). */
function fieldValueRanges(text: string, yamlStart: number, yamlEnd: number): TextRange[] {
  const yamlText = text.slice(yamlStart, yamlEnd);
  const doc = parseDocument(yamlText);
  if (doc.errors.length > 0) return [];
  const ranges: TextRange[] = [];
  const addScalar = (key: string, node: unknown) => {
    if (!isScalar(node) || typeof node.value !== "string" || !node.range) return;
    const range = scalarTextRange(yamlText, node);
    if (range) ranges.push({ key, start: yamlStart + range.start, end: yamlStart + range.end });
  };
  for (const key of LINTED_FIELDS) {
    const node = doc.get(key, true);
    if (isSeq(node)) for (const item of node.items) addScalar(key, item);
    else addScalar(key, node);
  }
  return ranges.sort((a, b) => a.start - b.start);
}

function scalarTextRange(yamlText: string, node: Scalar): { start: number; end: number } | undefined {
  const [start, end] = node.range!;
  const raw = yamlText.slice(start, end);
  if (raw.includes("\n")) return undefined;
  switch (node.type) {
    case "PLAIN":
      return { start, end };
    case "QUOTE_DOUBLE":
      return raw.includes("\\") ? undefined : { start: start + 1, end: end - 1 };
    case "QUOTE_SINGLE":
      return raw.slice(1, -1).includes("'") ? undefined : { start: start + 1, end: end - 1 };
    default:
      return undefined;
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) === 0x0a) starts.push(i + 1);
  return starts;
}

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
