import { RESERVED_SECTION_KEYS } from "../site/urls.js";
import { SECTION_FIELD_NAMES, sectionSchema } from "./article-fields.js";
import { readFrontMatter } from "./front-matter.js";
import type { ProblemCollector } from "./problems.js";
import { reportUnknownKeys, validateWithSchema, type FieldContext } from "./validate-fields.js";

/** A section as defined by `content/<key>/_index.md`: its names and the intro shown on its page. */
export interface SectionSource {
  readonly key: string;
  readonly file: string;
  readonly title: string;
  readonly titleHans?: string;
  readonly titleHant?: string;
  readonly weight: number;
  readonly intro: string;
  readonly introStartLine: number;
}

export const SECTION_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function parseSection(text: string, file: string, key: string, problems: ProblemCollector, maxAliasExpansions: number): SectionSource | undefined {
  if (/^\d+$/.test(key) || RESERVED_SECTION_KEYS.includes(key)) {
    problems.error(file, 1, 1, "invalid-section-key", `the section folder "${key}" would collide with ${/^\d+$/.test(key) ? "the year archives" : `the site's own /${key}/ pages`}; rename the folder`);
    return undefined;
  }
  if (!SECTION_KEY_PATTERN.test(key)) {
    problems.error(file, 1, 1, "invalid-section-key", `the section folder "${key}" must be lower-case ASCII letters, digits and "-" (it becomes the section's URL)`);
    return undefined;
  }
  const fm = readFrontMatter(text, file, problems, { maxAliasExpansions });
  if (!fm) return undefined;
  const ctx: FieldContext = { file, yaml: fm.yaml, lineOffset: fm.yamlStartLine - 1, problems };
  reportUnknownKeys(ctx, fm.data, SECTION_FIELD_NAMES, "section");
  const fields = validateWithSchema(ctx, sectionSchema, fm.data);
  if (!fields) return undefined;
  return {
    key,
    file,
    title: fields.title as string,
    titleHans: fields.title_hans as string | undefined,
    titleHant: fields.title_hant as string | undefined,
    weight: (fields.weight as number | undefined) ?? 0,
    intro: fm.body.trim(),
    introStartLine: fm.bodyStartLine,
  };
}
