import { z } from "zod";

/**
 * The front matter contract, one row per field. The schema validates; the rest documents (the README's
 * table is generated from the same rows by `scripts/front-matter-table.ts`, so the two never drift).
 */
export interface FieldSpec {
  readonly name: string;
  readonly type: string;
  readonly required: boolean | "per folder";
  readonly example: string;
  readonly meaning: string;
  readonly schema: z.ZodType;
}

const text = (what: string) =>
  z.string({ error: `must be text (${what})` }).trim().min(1, { error: `must not be empty (${what})` });
const textList = (what: string) => z.array(text(what), { error: `must be a list of ${what}` });
const idValue = z.union([z.string(), z.number()], { error: "must be a number or text, e.g. 8355537" });
const glossaryRule = z.object(
  {
    "zh-Hans": z.string({ error: "needs zh-Hans: the Simplified form" }).min(1),
    "zh-Hant": z.string({ error: "needs zh-Hant: the Traditional form" }).min(1),
  },
  { error: "each rule is {zh-Hans: 简体, zh-Hant: 繁體}" },
).strict();

export const ARTICLE_FIELDS: readonly FieldSpec[] = [
  { name: "id", type: "number or text", required: true, example: "`8355537`", meaning: "Permanent id, unique across the site, used in the URL. Kept exactly as written (`0835601` keeps its zero). Letters, digits, `-` and `_` only.", schema: idValue },
  { name: "title", type: "text", required: true, example: "`网络扶贫取得明显成效`", meaning: "The headline (`<h1>`, page title).", schema: text("the headline") },
  { name: "subtitle", type: "text", required: false, example: "`中央网信办：联合相关部门打赢网络扶贫收官战`", meaning: "副题, shown under the headline.", schema: text("the subtitle").optional() },
  { name: "kicker", type: "text", required: false, example: "`聚焦数字乡村`", meaning: "引题, shown above the headline.", schema: text("the kicker").optional() },
  { name: "date", type: "date", required: true, example: "`2020-11-13 14:45`", meaning: "Publication time: `2020-11-13 14:45`, `2020-11-13T14:45:00+08:00` or `2020-11-13`. Without an offset it is the site's time zone (Beijing time by default).", schema: text("a date such as 2020-11-13 14:45") },
  { name: "updated", type: "date", required: false, example: "`2020-11-14 09:00`", meaning: "Last substantive update, same forms as `date`.", schema: text("a date such as 2020-11-14 09:00").optional() },
  { name: "section", type: "section key", required: "per folder", example: "`fazhi-zhengfu`", meaning: "The section, a key defined by `content/<key>/_index.md`. Articles inside a section's folder get it from the folder.", schema: text("a section key").optional() },
  { name: "source", type: "text", required: false, example: "`法治日报——法制网`", meaning: "来源. Defaults to the site's `source`.", schema: text("the source").optional() },
  { name: "byline", type: "text or list", required: true, example: "`法治日报全媒体记者 侯建斌`", meaning: "The reporters, one text or a list.", schema: z.union([text("the byline"), z.array(text("a reporter")).min(1)], { error: "must be text or a list of reporters" }) },
  { name: "editor", type: "text", required: true, example: "`张小军`", meaning: "责任编辑, the responsible editor.", schema: text("the responsible editor") },
  { name: "tags", type: "list of text", required: false, example: "`[网络扶贫, 数字乡村]`", meaning: "Topics; each gets a tag page.", schema: textList("tags").optional() },
  { name: "related", type: "list of ids", required: false, example: "`[8355540, 8355601]`", meaning: "相关新闻 chosen by the editor, by article id; an unknown id is an error.", schema: z.array(idValue, { error: "must be a list of article ids" }).optional() },
  { name: "summary", type: "text", required: false, example: "`网络扶贫取得实质性进展`", meaning: "Description for listings, feeds and search engines. Default: the lead paragraph.", schema: text("the summary").optional() },
  { name: "draft", type: "true/false", required: false, example: "`true`", meaning: "A draft is built only with `--drafts` (the preview server shows drafts).", schema: z.boolean({ error: "must be true or false" }).optional() },
  { name: "lang", type: "`zh-Hans` or `zh-Hant`", required: false, example: "`zh-Hant`", meaning: "The script the article is written in; the other is generated. Default: the site's `defaultScript`.", schema: z.enum(["zh-Hans", "zh-Hant"], { error: "must be zh-Hans (简体) or zh-Hant (繁體)" }).optional() },
  { name: "aliases", type: "list of paths", required: false, example: "`[/content/2020-11/13/content_8355537.htm]`", meaning: "Former URLs of the article (site paths starting with `/`); each gets a redirect to the new page.", schema: z.array(text("a former URL path"), { error: "must be a list of former URL paths such as /content/2020-11/13/content_8355537.htm" }).optional() },
  { name: "glossary", type: "list of rules", required: false, example: "`[{zh-Hans: 鼠标, zh-Hant: 滑鼠}]`", meaning: "Conversion rules for this article only; they win over the dictionary.", schema: z.array(glossaryRule, { error: "must be a list of {zh-Hans: …, zh-Hant: …} rules" }).optional() },
];

export const ARTICLE_FIELD_NAMES = ARTICLE_FIELDS.map((f) => f.name);

export const articleSchema = z.object(Object.fromEntries(ARTICLE_FIELDS.map((f) => [f.name, f.schema])));

export const SECTION_FIELDS: readonly FieldSpec[] = [
  { name: "title", type: "text", required: true, example: "`法治政府`", meaning: "The section's display name in the site's default script.", schema: text("the section name") },
  { name: "title_hant", type: "text", required: false, example: "`法治政府`", meaning: "The display name in Traditional Chinese (default: converted).", schema: text("the Traditional section name").optional() },
  { name: "title_hans", type: "text", required: false, example: "`法治政府`", meaning: "The display name in Simplified Chinese (default: converted).", schema: text("the Simplified section name").optional() },
  { name: "weight", type: "number", required: false, example: "`1`", meaning: "Order in menus, lowest first.", schema: z.number({ error: "must be a number" }).int().optional() },
];

export const SECTION_FIELD_NAMES = SECTION_FIELDS.map((f) => f.name);

export const sectionSchema = z.object(Object.fromEntries(SECTION_FIELDS.map((f) => [f.name, f.schema])));
