/**
 * `fabu import <file|folder>…`: articles from the legacy CMS's plain-text exports.
 *
 * An export is the text of one article page, top to bottom (see the seed's README):
 *
 *   中通速遞                                   page chrome (an advertisement): dropped
 *   法治政府>>                                 breadcrumb → section (matched to a section's title, either script)
 *   網絡扶貧取得明顯成效                        title
 *   中央網信辦:聯合相關部門打贏網絡扶貧收官戰      subtitle (optional)
 *   發佈時間:2020-11-13 14:45 星期五            date, and a weekday that must match it
 *   來源:法治日報——法制網                       source
 *   □ 法治日報全媒體記者 侯建斌                  byline
 *   …                                         body: paragraphs, ——lists, short unpunctuated lines → ## headings
 *   責任編輯:張小軍                             editor
 *   8355537                                   id
 *   相關新聞                                   related news header (the list is titles, not ids): dropped
 *
 * Labels may use half-width colons; the typography of every imported text is fixed (`,` → `，`). Whatever cannot
 * be placed is reported, never guessed; an export with errors is not written, except for a weekday that does
 * not match the date, where the article is written as a draft for an editor to check.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { loadContent, type LoadedContent } from "../content/load-content.js";
import { ProblemCollector, sortProblems, type ContentProblem } from "../content/problems.js";
import { decodeSource } from "../content/read-source.js";
import * as OpenCC from "opencc-js";
import { createConverterSet, detectScript, type Converter } from "../convert/index.js";
import type { Script } from "../site/scripts.js";
import { parseNewsDate, wallClockAt } from "../time/zoned-date.js";
import { idsInUse, listSections, yamlScalar, type SectionInfo } from "./site-files.js";
import { lintArticleText, lintTypography, type TypographyRule } from "./typography-lint.js";

export interface ImportLegacyOptions {
  readonly projectRoot: string;
  /** Export files, or folders whose `.txt` files are all imported (absolute, or relative to the working folder). */
  readonly inputs: readonly string[];
  /** Breadcrumb name → section key, for names that match no section title (`{"政务公开": "fazhi-zhengfu"}`). */
  readonly sectionMap?: Readonly<Record<string, string>>;
  /** Encoding of the exports (default utf-8; gb18030 and big5 are common for old CMSs). */
  readonly encoding?: "utf-8" | "gb18030" | "big5";
  /** Parse and report, write nothing. */
  readonly dryRun?: boolean;
  readonly contentDir?: string;
}

export interface ImportLegacyResult {
  /** Articles written, relative to the project root. */
  readonly written: string[];
  /** Everything that could not be placed or looked wrong, at its line in the export (or in the new article). */
  readonly problems: ContentProblem[];
}

/** One export, parsed. */
export interface LegacyArticle {
  readonly sectionName?: string;
  readonly title?: string;
  readonly subtitle?: string;
  readonly date?: string;
  readonly weekday?: string;
  readonly source?: string;
  readonly byline?: string;
  readonly editor?: string;
  readonly id?: string;
  /** Markdown blocks of the body, each with the export line it came from. */
  readonly body: readonly { readonly markdown: string; readonly text: string; readonly line: number; readonly column: number }[];
}

const BREADCRUMB = /^(.*?)\s*(?:>>|＞＞|»)\s*$/;
const LABEL = "\\s*[:：]\\s*";
const DATE_LINE = new RegExp(
  `^(?:发布时间|發佈時間|發布時間|发布日期|發佈日期|發布日期|时间|時間|日期)${LABEL}(\\d{4})[-/年.](\\d{1,2})[-/月.](\\d{1,2})日?(?:\\s*(\\d{1,2})[:：](\\d{2}))?\\s*((?:星期|周|週|禮拜|礼拜)[一二三四五六日天])?(?:\\s+(?:来源|來源)${LABEL}(.+))?\\s*$`,
);
const SOURCE_LINE = new RegExp(`^(?:来源|來源)${LABEL}(.+)$`);
const AUTHOR_LINE = new RegExp(`^(?:作者|记者|記者)${LABEL}(.+)$`);
const BYLINE_LINE = /^[□■◎○●]\s*(.+)$/;
const EDITOR_LINE = new RegExp(`^[（(]?(?:责任编辑|責任編輯|编辑|編輯)${LABEL}([^）)]+)[）)]?$`);
const ID_LINE = new RegExp(`^(?:(?:稿件编号|稿件編號|文章编号|文章編號)${LABEL})?(\\d{4,})$`);
const RELATED_HEADER = /^(?:相关新闻|相關新聞|相关阅读|相關閱讀|相关链接|相關鏈接)\s*[:：]?$/;
const WEEKDAYS = "日一二三四五六";
/** A paragraph ending in one of these is a sentence, not a subheading. */
const SENTENCE_PUNCTUATION = /[，。；：！？、,.;:!?…」』”’）)》]$|[，。；！？]/;
const SUBHEADING_MAX = 30;

export function importLegacy(options: ImportLegacyOptions): ImportLegacyResult {
  const root = resolve(options.projectRoot);
  const contentDir = resolve(root, options.contentDir ?? "content");
  const loaded = loadContent(root, contentDir);
  const sections = listSections(contentDir, loaded);
  const converters = createConverterSet({ traditional: loaded.config.traditional, glossary: loaded.glossary, quotes: false });
  const toHans = converters.get("zh-Hant", "zh-Hans");
  const toHant = converters.get("zh-Hans", "zh-Hant");
  const ids = idsInUse(contentDir);
  const written: string[] = [];
  const problems: ContentProblem[] = [];

  for (const input of expandInputs(options.inputs)) {
    const file = display(root, input);
    const collector = new ProblemCollector();
    const text = readExport(input, file, options.encoding ?? "utf-8", collector);
    if (text === undefined) {
      problems.push(...collector.all);
      continue;
    }
    const parsed = parseLegacyText(text, file, collector);
    const article = placeArticle(parsed, file, text, { root, contentDir, loaded, sections, sectionMap: options.sectionMap ?? {}, toHans, toHant, ids, collector });
    if (article && !options.dryRun) {
      mkdirSync(join(contentDir, article.section), { recursive: true });
      try {
        writeFileSync(article.target, article.text, { flag: "wx" });
        written.push(article.file);
        ids.set(parsed.id!, `${article.section}/${parsed.id}.md`);
        // What the fixer could not settle (unbalanced brackets…), at its line in the new article.
        for (const p of lintArticleText(article.text, { file: article.file, script: article.script }).problems) {
          if (p.rule !== "placeholder") collector.add(p);
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        collector.error(file, 1, 1, "import-exists", `${article.file} already exists; not overwritten (remove it first to import again)`);
      }
    }
    problems.push(...collector.all);
  }
  return { written, problems: sortProblems(problems) };
}

/** Splits an export into fields and body blocks; reports what has no place. */
export function parseLegacyText(text: string, file: string, problems: ProblemCollector): LegacyArticle {
  const lines = text.split("\n").map((raw, index) => ({
    text: raw.replace(/^[\s\u3000\uFEFF]+|[\s\u3000]+$/g, ""),
    line: index + 1,
    column: raw.length - raw.replace(/^[\s\u3000\uFEFF]+/, "").length + 1,
  }));
  const nonEmpty = lines.filter((l) => l.text !== "");
  const fields: { -readonly [K in keyof LegacyArticle]?: LegacyArticle[K] } = {};
  const body: { markdown: string; text: string; line: number; column: number }[] = [];

  const crumbAt = nonEmpty.findIndex((l) => BREADCRUMB.test(l.text));
  if (crumbAt < 0) {
    problems.error(file, 1, 1, "import-no-section", `no breadcrumb line such as "法治政府>>" was found, so the section is unknown`);
    return { body };
  }
  // Everything above the breadcrumb is page chrome (advertisements, navigation).
  const crumb = nonEmpty[crumbAt]!;
  const names = BREADCRUMB.exec(crumb.text)![1]!.split(/>>|＞＞|»/).map((s) => s.trim()).filter(Boolean);
  fields.sectionName = names.at(-1);
  if (!fields.sectionName) problems.error(file, crumb.line, 1, "import-no-section", `the breadcrumb "${crumb.text}" names no section`);

  let i = crumbAt + 1;
  // Headline block: the lines between the breadcrumb and the date line.
  const dateAt = nonEmpty.findIndex((l, n) => n > crumbAt && DATE_LINE.test(l.text));
  if (dateAt < 0) {
    problems.error(file, crumb.line, 1, "import-no-date", `no publication date line such as "发布时间：2020-11-13 14:45 星期五" was found after the breadcrumb`);
    return { ...fields, body };
  }
  const headline = nonEmpty.slice(i, dateAt);
  if (headline.length === 0) problems.error(file, nonEmpty[dateAt]!.line, 1, "import-no-title", "there is no title line between the breadcrumb and the date line");
  else if (headline.length > 2) {
    problems.error(
      file,
      headline[0]!.line,
      1,
      "import-unplaced",
      `${headline.length} lines between the breadcrumb and the date (${headline.map((l) => `"${l.text}"`).join(", ")}); a title and at most a subtitle were expected, so which is which is left to you`,
    );
  } else {
    fields.title = headline[0]!.text;
    if (headline[1]) fields.subtitle = headline[1].text;
  }

  const dateLine = nonEmpty[dateAt]!;
  const date = DATE_LINE.exec(dateLine.text)!;
  const pad = (s: string | undefined) => (s ?? "").padStart(2, "0");
  fields.date = `${date[1]}-${pad(date[2])}-${pad(date[3])}${date[4] !== undefined ? ` ${pad(date[4])}:${date[5]}` : ""}`;
  fields.weekday = date[6];
  if (date[7] !== undefined) fields.source = date[7].trim();
  i = dateAt + 1;

  // Meta lines: source, byline, in any order, until the body starts.
  for (; i < nonEmpty.length; i += 1) {
    const { text: t } = nonEmpty[i]!;
    const source = SOURCE_LINE.exec(t);
    const byline = BYLINE_LINE.exec(t) ?? AUTHOR_LINE.exec(t);
    if (source && fields.source === undefined) fields.source = source[1]!.trim();
    else if (byline && fields.byline === undefined) fields.byline = byline[1]!.trim();
    else break;
  }

  // Body, up to the editor line.
  const editorAt = nonEmpty.findIndex((l, n) => n >= i && EDITOR_LINE.test(l.text));
  const bodyEnd = editorAt < 0 ? nonEmpty.length : editorAt;
  for (; i < bodyEnd; i += 1) {
    const line = nonEmpty[i]!;
    if (ID_LINE.test(line.text) || RELATED_HEADER.test(line.text)) break;
    body.push({ markdown: bodyBlock(line.text, body.length === 0), text: line.text, line: line.line, column: line.column });
  }
  if (body.length === 0) problems.error(file, dateLine.line, 1, "import-no-body", "no body text was found after the date, source and byline");

  if (editorAt >= 0) {
    fields.editor = EDITOR_LINE.exec(nonEmpty[editorAt]!.text)![1]!.trim();
    i = editorAt + 1;
  }
  // After the body: the id, then the related-news block.
  for (; i < nonEmpty.length; i += 1) {
    const line = nonEmpty[i]!;
    const id = ID_LINE.exec(line.text);
    if (id && fields.id === undefined) {
      fields.id = id[1];
      continue;
    }
    if (RELATED_HEADER.test(line.text)) {
      const rest = nonEmpty.slice(i + 1);
      if (rest.length > 0) {
        problems.warning(file, rest[0]!.line, 1, "import-related", `${rest.length} related-news line${rest.length > 1 ? "s were" : " was"} not imported (the export lists titles, not ids); add the ids to "related" by hand`);
      }
      break;
    }
    problems.warning(file, line.line, 1, "import-unplaced", `"${line.text}" after the body could not be placed and was left out`);
  }
  return { ...fields, body };
}

interface Placement {
  readonly root: string;
  readonly contentDir: string;
  readonly loaded: LoadedContent;
  readonly sections: readonly SectionInfo[];
  readonly sectionMap: Readonly<Record<string, string>>;
  readonly toHans: Converter;
  readonly toHant: Converter;
  readonly ids: Map<string, string>;
  readonly collector: ProblemCollector;
}

interface PlacedArticle {
  readonly section: string;
  readonly target: string;
  readonly file: string;
  readonly text: string;
  readonly script: Script;
}

function placeArticle(parsed: LegacyArticle, file: string, source: string, place: Placement): PlacedArticle | undefined {
  const { collector } = place;
  const lineOf = (pattern: RegExp) => {
    const index = source.split("\n").findIndex((l) => pattern.test(l.trim()));
    return index < 0 ? 1 : index + 1;
  };
  const required: [keyof LegacyArticle, string, string][] = [
    ["title", "import-no-title", "no title"],
    ["byline", "import-no-byline", 'no byline (a line starting with "□", e.g. "□ 法治日报全媒体记者 侯建斌")'],
    ["editor", "import-no-editor", 'no responsible editor line ("责任编辑：张小军")'],
    ["id", "import-no-id", "no article id (a line of digits after the editor line)"],
  ];
  for (const [key, rule, what] of required) {
    if (parsed[key] === undefined && !collector.all.some((p) => p.rule === rule)) collector.error(file, 1, 1, rule, `${what} was found; it is required`);
  }

  const section = parsed.sectionName === undefined ? undefined : matchSection(parsed.sectionName, place);
  if (parsed.sectionName !== undefined && section === undefined) {
    const known = place.sections.map((s) => `${s.key} (${s.titles.join(" / ") || "no title"})`).join(", ") || "none";
    collector.error(file, lineOf(BREADCRUMB), 1, "import-unknown-section", `the breadcrumb section "${parsed.sectionName}" matches no section title; known sections: ${known}. Map it with sectionMap (fabu import --section ${parsed.sectionName}=<key>)`);
  }

  let draft = false;
  const timeZone = place.loaded.config.timeZone;
  if (parsed.date !== undefined) {
    const instant = parseNewsDate(parsed.date, timeZone);
    if (!instant) {
      collector.error(file, lineOf(DATE_LINE), 1, "import-invalid-date", `"${parsed.date}" is not a calendar date`);
    } else if (parsed.weekday !== undefined) {
      const actual = wallClockAt(instant.epochMs, timeZone).weekday;
      const written = WEEKDAYS.indexOf(parsed.weekday.slice(-1).replace("天", "日"));
      if (written !== actual) {
        const line = lineOf(DATE_LINE);
        const column = source.split("\n")[line - 1]!.indexOf(parsed.weekday) + 1;
        collector.error(
          file,
          line,
          Math.max(1, column),
          "import-weekday-mismatch",
          `${parsed.date.slice(0, 10)} was a 星期${WEEKDAYS[actual]}, but the export says ${parsed.weekday}: the date or the weekday is wrong. The article is written as a draft; check the date (it decides the URL) and remove "draft: true"`,
        );
        draft = true;
      }
    }
  }

  if (parsed.id !== undefined) {
    const owner = place.ids.get(parsed.id);
    // The same file again is reported below as "already exists"; another file with this id is a collision.
    if (owner !== undefined && owner !== `${section}/${parsed.id}.md`) collector.error(file, lineOf(new RegExp(`^${parsed.id}$`)), 1, "import-duplicate-id", `the id ${parsed.id} is already used by content/${owner}; not imported`);
  }

  const blocking = collector.all.some((p) => p.severity === "error" && p.rule !== "import-weekday-mismatch");
  if (blocking || section === undefined || parsed.id === undefined || parsed.title === undefined) return undefined;

  const allText = [parsed.title, parsed.subtitle, ...parsed.body.map((b) => b.markdown)].filter(Boolean).join("\n");
  const detected = detectScript(allText);
  const script: Script = detected ?? place.loaded.config.defaultScript;
  if (!detected) collector.warning(file, 1, 1, "import-script-unknown", `could not tell whether the text is Simplified or Traditional; assumed the site's ${script} and left "lang" out`);
  reportLegacyConversions(parsed, file, script, place);

  const fixField = (value: string | undefined, disable: TypographyRule[] = []) =>
    value === undefined ? undefined : lintTypography(value, { file, firstLine: 1, script, markdown: false, disable }).fix();
  const spaced: TypographyRule[] = ["space-between-chinese"];
  const fm: [string, string | undefined][] = [
    ["id", parsed.id],
    ["title", fixField(parsed.title, spaced)],
    ["subtitle", fixField(parsed.subtitle, spaced)],
    ["date", parsed.date === undefined ? undefined : JSON.stringify(parsed.date)],
    ["source", fixField(parsed.source)],
    ["byline", fixField(parsed.byline, spaced)],
    ["editor", fixField(parsed.editor)],
    ["lang", detected],
    ["draft", draft ? "true" : undefined],
  ];
  const frontMatter = fm
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}: ${key === "id" || key === "date" || key === "draft" ? value : yamlScalar(value)}`);
  const body = parsed.body.map((block) => lintTypography(block.markdown, { file, firstLine: 2, script, markdown: true }).fix());
  const text = `---\n${frontMatter.join("\n")}\n---\n\n${body.join("\n\n")}\n`;

  const target = join(place.contentDir, section, `${parsed.id}.md`);
  const out = display(place.root, target);
  if (existsSync(target)) {
    collector.error(file, 1, 1, "import-exists", `${out} already exists; not overwritten (remove it first to import again)`);
    return undefined;
  }
  return { section, target, file: out, text, script };
}

/** The section whose title (in either script, or as converted) is the breadcrumb name; sectionMap first. */
function matchSection(name: string, place: Placement): string | undefined {
  const mapped = place.sectionMap[name];
  if (mapped !== undefined) return place.sections.some((s) => s.key === mapped) ? mapped : undefined;
  const normal = (s: string) => place.toHans.convert(s.replace(/\s+/g, ""));
  const wanted = normal(name);
  const matches = place.sections.filter((s) => s.key === name || s.titles.some((t) => t === name || normal(t) === wanted));
  return matches.length === 1 ? matches[0]!.key : undefined;
}

/**
 * The legacy site converted Simplified to Traditional greedily, phrase by longest phrase, which misreads
 * 增强内生发展动力 as 内生|生发 and writes 內生髮展. Where the export has the character a greedy OpenCC
 * conversion gives and fabu's segmenting converter chooses another candidate, a warning points at it so an
 * editor can correct the article. Nothing is changed automatically: the export is the record of what was
 * published, and only a person can confirm the error.
 */
function reportLegacyConversions(parsed: LegacyArticle, file: string, script: Script, place: Placement): void {
  if (script !== "zh-Hant") return;
  const greedy = OpenCC.Converter({ from: "cn", to: place.loaded.config.traditional });
  for (const { text, line, column } of parsed.body) {
    const hans = place.toHans.convert(text);
    if (hans.length !== text.length) continue;
    const legacy = greedy(hans);
    if (legacy.length !== text.length) continue;
    for (const decision of place.toHant.explain(hans)) {
      const written = text[decision.offset];
      if (written === undefined || written === decision.chosen || legacy[decision.offset] !== written || !decision.alternatives.includes(written)) continue;
      const context = text.slice(Math.max(0, decision.offset - 6), decision.offset + 7);
      place.collector.warning(
        file,
        line,
        column + decision.offset,
        "import-legacy-conversion",
        `"${written}" in “${context}” looks like the legacy site's word-by-word conversion error: fabu's converter reads the Simplified text as "${decision.chosen}" (candidates ${decision.alternatives.join("/")}). Check it, and correct the imported article if the legacy site was wrong`,
      );
    }
  }
}

/** One body line as a Markdown block: a heading, or a paragraph with Markdown syntax characters escaped. */
function bodyBlock(text: string, first: boolean): string {
  if (!first && isSubheading(text)) return `## ${escapeInline(text)}`;
  return escapeBlockStart(escapeInline(text));
}

function isSubheading(text: string): boolean {
  return [...text].length <= SUBHEADING_MAX && !text.startsWith("——") && !SENTENCE_PUNCTUATION.test(text) && !/^\d+$/.test(text);
}

function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<~|]/g, (ch) => `\\${ch}`).replace(/&(?=#?[A-Za-z0-9]+;)/g, "\\&");
}

function escapeBlockStart(text: string): string {
  return text
    .replace(/^(#{1,6})(\s|$)/, "\\$1$2")
    .replace(/^([>+-])/, "\\$1")
    .replace(/^(\d{1,9})([.)])(\s|$)/, "$1\\$2$3")
    .replace(/^(=+)$/, "\\$1");
}

function expandInputs(inputs: readonly string[]): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    const full = resolve(input);
    if (!existsSync(full)) {
      files.push(full); // reported when read
      continue;
    }
    if (statSync(full).isDirectory()) files.push(...listTextFiles(full));
    else files.push(full);
  }
  return files;
}

function listTextFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith(".")) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTextFiles(full));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith(".txt")) out.push(full);
  }
  return out;
}

function readExport(path: string, file: string, encoding: "utf-8" | "gb18030" | "big5", problems: ProblemCollector): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    problems.error(file, 1, 1, "import-unreadable", "the file cannot be read (does it exist?)");
    return undefined;
  }
  if (encoding === "utf-8") return decodeSource(bytes, file, problems)?.replace(/^\uFEFF/, "");
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes).replace(/\r\n?/g, "\n");
  } catch {
    problems.error(file, 1, 1, "invalid-encoding", `the file is not valid ${encoding}`);
    return undefined;
  }
}

function display(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join("/");
}
