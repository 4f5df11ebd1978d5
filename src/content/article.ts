import type { GlossaryEntry } from "../convert/index.js";
import { detectScript } from "../convert/detect-script.js";
import type { Script } from "../site/scripts.js";
import { DATE_FORMAT_HINT, parseNewsDate, type ZonedInstant } from "../time/zoned-date.js";
import { ARTICLE_FIELD_NAMES, articleSchema } from "./article-fields.js";
import { readFrontMatter } from "./front-matter.js";
import type { ProblemCollector } from "./problems.js";
import { reportInvisibleCharacters } from "./suspicious-characters.js";
import { normaliseSitePath, unsafeSitePathReason } from "./site-path.js";
import { locate, reportUnknownKeys, sourceText, validateWithSchema, type FieldContext } from "./validate-fields.js";

/** An article as the editor wrote it, validated; nothing rendered yet. */
export interface ArticleSource {
  readonly file: string;
  readonly id: string;
  readonly title: string;
  readonly subtitle?: string;
  readonly kicker?: string;
  readonly date: ZonedInstant;
  readonly updated?: ZonedInstant;
  readonly section: string;
  readonly source?: string;
  readonly byline: readonly string[];
  readonly editor: string;
  readonly tags: readonly string[];
  readonly related: readonly { readonly id: string; readonly line: number; readonly column: number }[];
  readonly summary?: string;
  readonly draft: boolean;
  readonly lang?: Script;
  readonly glossary: readonly GlossaryEntry[];
  readonly body: string;
  /** The script the body is written in, as detected (undefined: too little Chinese to tell); `lang` overrides it. */
  readonly bodyScript?: Script;
  /** File line of the body's first line, to place Markdown problems. */
  readonly bodyStartLine: number;
  /** Where the id and section are written, for cross-file errors. */
  readonly idAt: { readonly line: number; readonly column: number };
  readonly sectionAt: { readonly line: number; readonly column: number };
  /** Former URL paths, validated to stay inside the site; each becomes a redirect. */
  readonly aliases: readonly Located<string>[];
  /** Where each tag is written, for errors about tags. */
  readonly tagsAt: readonly { readonly line: number; readonly column: number }[];
  /** Where the displayed one-line fields' values start, for the conversion review report. */
  readonly headlineAt: Readonly<Partial<Record<"kicker" | "title" | "subtitle", { readonly line: number; readonly column: number }>>>;
  /**
   * Which text, parsed by which code with which settings, the article is (the parse cache's key), when the
   * parse cache knows: it stands for the whole article in the render cache's key, which would otherwise
   * hash the article's JSON (a second of a 20,000-article rebuild).
   */
  readonly parsedFrom?: string;
  /**
   * A hash of the article's facts (all but its body), when the parse cache knows it: it stands for them in
   * the page index's key (see indexDigest), which would otherwise serialise every article again.
   */
  readonly factsFrom?: string;
}

/** An article without its Markdown body: all the pages need once the body is rendered (bodies are most of the memory). */
export type ArticleFacts = Omit<ArticleSource, "body">;

/**
 * The article's fields but its body (and the `omit`ted ones), in their order, without reading the body: an
 * article from the parse cache reads its body from the file when first used (see ParseCache).
 */
export function withoutBody<K extends keyof ArticleFacts = never>(article: ArticleSource, omit: readonly K[] = []): Omit<ArticleFacts, K> {
  const facts: Record<string, unknown> = {};
  for (const name of Object.keys(article)) if (name !== "body" && !(omit as readonly string[]).includes(name)) facts[name] = article[name as keyof ArticleSource];
  return facts as Omit<ArticleFacts, K>;
}

export type Located<T> = { readonly value: T; readonly line: number; readonly column: number };

export interface ArticleLoadOptions {
  readonly timeZone: string;
  readonly maxAliasExpansions: number;
  /** The section given by the folder the file is in, if it is a section folder. */
  readonly folderSection?: string;
  /**
   * Told the article's id as soon as it can be read, even if the article has other errors, so that other
   * articles' `related` lists naming it are not reported as broken too.
   */
  readonly onId?: (id: string) => void;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function parseArticle(text: string, file: string, problems: ProblemCollector, options: ArticleLoadOptions): ArticleSource | undefined {
  const errorsBefore = problems.errorCount;
  const fm = readFrontMatter(text, file, problems, { maxAliasExpansions: options.maxAliasExpansions });
  if (!fm) return undefined;
  const ctx: FieldContext = { file, yaml: fm.yaml, lineOffset: fm.yamlStartLine - 1, problems };
  const rawId = typeof fm.data.id === "number" ? sourceText(ctx, ["id"]) : fm.data.id;
  if (typeof rawId === "string" && ID_PATTERN.test(rawId)) options.onId?.(rawId);
  reportUnknownKeys(ctx, fm.data, ARTICLE_FIELD_NAMES, "front matter");
  const fields = validateWithSchema(ctx, articleSchema, fm.data);
  if (!fields) return undefined;

  const asText = (key: string): string | undefined => (typeof fields[key] === "string" ? (fields[key] as string) : undefined);
  const id = idAsWritten(ctx, ["id"], fields.id);
  const date = parseDateField(ctx, "date", asText("date"), options.timeZone);
  const updatedText = asText("updated");
  const updated = updatedText === undefined ? undefined : parseDateField(ctx, "updated", updatedText, options.timeZone);
  const section = asText("section") ?? options.folderSection;
  if (section === undefined) {
    problems.error(file, 1, 1, "missing-field", `the field "section" is required for an article outside a section folder`);
  }
  const relatedIds = (fields.related as unknown[] | undefined) ?? [];
  const related = relatedIds.map((value, index) => {
    const at = locate(ctx, ["related", index], "value");
    return { id: idAsWritten(ctx, ["related", index], value) ?? "", ...at };
  });
  if (id === undefined || date === undefined || section === undefined || (updatedText !== undefined && updated === undefined)) return undefined;
  const aliases = ((fields.aliases as string[] | undefined) ?? []).map((value, index) => {
    const at = locate(ctx, ["aliases", index], "value");
    const reason = unsafeSitePathReason(value);
    if (reason) problems.error(file, at.line, at.column, "invalid-alias", `the alias "${value}" ${reason}`);
    return { value: normaliseSitePath(value), ...at };
  });
  const displayed = (["title", "subtitle", "kicker", "editor", "source", "summary"] as const).flatMap((key) =>
    typeof fields[key] === "string" ? [{ field: key, value: fields[key] as string, path: [key], strict: false }] : [],
  );
  const tagSpots = ((fields.tags as string[] | undefined) ?? []).map((value, i) => ({ field: `tags[${i + 1}]`, value, path: ["tags", i], strict: true }));
  const bylineSpots = (typeof fields.byline === "string" ? [fields.byline] : (fields.byline as string[])).map((value, i) => ({ field: "byline", value, path: typeof fields.byline === "string" ? ["byline"] : ["byline", i], strict: false }));
  reportInvisibleCharacters(file, [...displayed, ...tagSpots, ...bylineSpots], (path) => locate(ctx, path, "value"), problems);
  if (related.some((r) => r.id === "") || problems.errorCount > errorsBefore) return undefined;

  const byline = fields.byline as string | string[];
  return {
    file,
    id,
    title: fields.title as string,
    subtitle: asText("subtitle"),
    kicker: asText("kicker"),
    date,
    updated,
    section,
    source: asText("source"),
    byline: typeof byline === "string" ? [byline] : byline,
    editor: fields.editor as string,
    tags: (fields.tags as string[] | undefined) ?? [],
    related,
    summary: asText("summary"),
    draft: (fields.draft as boolean | undefined) ?? false,
    lang: fields.lang as Script | undefined,
    glossary: (fields.glossary as GlossaryEntry[] | undefined) ?? [],
    body: fm.body,
    // Detected here, with the parse, so that the parse cache keeps it: it reads the whole body.
    bodyScript: detectScript(fm.body),
    bodyStartLine: fm.bodyStartLine,
    idAt: locate(ctx, ["id"], "value"),
    sectionAt: fields.section === undefined ? { line: 1, column: 1 } : locate(ctx, ["section"], "value"),
    aliases,
    tagsAt: ((fields.tags as string[] | undefined) ?? []).map((_, index) => locate(ctx, ["tags", index], "value")),
    headlineAt: Object.fromEntries((["kicker", "title", "subtitle"] as const).filter((key) => fields[key] !== undefined).map((key) => [key, locate(ctx, [key], "value")])),
  };
}

function idAsWritten(ctx: FieldContext, path: (string | number)[], value: unknown): string | undefined {
  // A plain YAML scalar keeps its source text (the core schema would read 08355537 as the number 8355537).
  const written = typeof value === "number" ? sourceText(ctx, path) ?? String(value) : String(value);
  if (!ID_PATTERN.test(written)) {
    const { line, column } = locate(ctx, path, "value");
    ctx.problems.error(ctx.file, line, column, "invalid-id", `the id "${written}" may contain only letters, digits, "-" and "_" (it becomes part of the URL)`);
    return undefined;
  }
  return written;
}

function parseDateField(ctx: FieldContext, key: string, value: string | undefined, timeZone: string): ZonedInstant | undefined {
  if (value === undefined) return undefined;
  const parsed = parseNewsDate(value, timeZone);
  if (!parsed) {
    const { line, column } = locate(ctx, [key], "value");
    ctx.problems.error(ctx.file, line, column, "invalid-date", `"${key}" is not a date: "${value}"; ${DATE_FORMAT_HINT}`);
  }
  return parsed;
}
