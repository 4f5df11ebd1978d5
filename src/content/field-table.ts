import { ARTICLE_FIELDS, SECTION_FIELDS, type FieldSpec } from "./article-fields.js";

/** The front matter contract as a Markdown table, for the README and the editors' guide. */
export function fieldTable(fields: readonly FieldSpec[]): string {
  const rows = fields.map((f) => {
    const required = f.required === "per folder" ? "yes (set by the folder)" : f.required ? "yes" : "no";
    return `| \`${f.name}\` | ${f.type} | ${required} | ${f.example} | ${f.meaning} |`;
  });
  return ["| field | type | required | example | meaning |", "|---|---|---|---|---|", ...rows].join("\n");
}

export const articleFieldTable = (): string => fieldTable(ARTICLE_FIELDS);
export const sectionFieldTable = (): string => fieldTable(SECTION_FIELDS);
