/**
 * `fabu new <section> [--title T]`: a new draft article from an archetype.
 *
 * The archetype is `templates/archetypes/<section>.md`, or `default.md`: a plain Markdown file whose
 * placeholders `{{id}}`, `{{date}}`, `{{title}}`, `{{section}}` and `{{section_title}}` are replaced by simple
 * string substitution — no template engine, so nothing in an archetype can run. In the front matter a value is
 * written as a YAML scalar (quoted when it needs to be); in the body as plain text. Required fields the editor
 * must still write hold the placeholder `待填写`, which `fabu check` reports as an error until it is replaced.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { parseArticle } from "../content/article.js";
import { loadContent } from "../content/load-content.js";
import { formatProblem, ProblemCollector } from "../content/problems.js";
import { wallClockAt } from "../time/zoned-date.js";
import { describeSections, EditorError, idsInUse, listSections, nextNumericId, yamlScalar } from "./site-files.js";

export { EditorError } from "./site-files.js";

export interface NewArticleOptions {
  readonly projectRoot: string;
  /** The section key, i.e. the folder `content/<section>/`. */
  readonly section: string;
  /** The headline; default: the placeholder 待填写. The file name is `<id>.md` whatever the title. */
  readonly title?: string;
  /** The creation instant (ms since the epoch); becomes `date` in the site's time zone. */
  readonly now: number;
  /** A specific id instead of the next free number (refused if any article already uses it). */
  readonly id?: string;
  /** Relative to the project root; defaults `content` and `templates`. */
  readonly contentDir?: string;
  readonly templatesDir?: string;
}

export interface NewArticleResult {
  /** The file written, relative to the project root, e.g. `content/fazhi-zhengfu/9311409.md`. */
  readonly file: string;
  readonly id: string;
}

export const PLACEHOLDER = "待填写";
export const ARCHETYPES_DIR = "archetypes";
const ARCHETYPE_FIELD = /\{\{\s*([A-Za-z_]+)\s*\}\}/g;
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function newArticle(options: NewArticleOptions): NewArticleResult {
  const root = resolve(options.projectRoot);
  const contentDir = resolve(root, options.contentDir ?? "content");
  const templatesDir = resolve(root, options.templatesDir ?? "templates");
  const loaded = loadContent(root, contentDir);
  const sections = listSections(contentDir, loaded);
  const section = sections.find((s) => s.key === options.section);
  if (!section) throw new EditorError("unknown-section", `unknown section "${options.section}"; ${describeSections(sections)}`);

  const ids = idsInUse(contentDir);
  let id: string;
  if (options.id !== undefined) {
    if (!ID_PATTERN.test(options.id)) throw new EditorError("invalid-id", `the id "${options.id}" may contain only letters, digits, "-" and "_"`);
    const owner = ids.get(options.id);
    if (owner) throw new EditorError("duplicate-id", `the id ${options.id} is already used by content/${owner}`);
    id = options.id;
  } else {
    id = nextNumericId(ids.keys());
  }

  const title = options.title?.trim() || PLACEHOLDER;
  if (/[\r\n]/.test(title)) throw new EditorError("invalid-title", "the title must be one line");
  const archetypeFile = [join(templatesDir, ARCHETYPES_DIR, `${section.key}.md`), join(templatesDir, ARCHETYPES_DIR, "default.md")].find((f) => existsSync(f));
  if (!archetypeFile) throw new EditorError("no-archetype", `no article template: add ${display(root, join(templatesDir, ARCHETYPES_DIR, "default.md"))}`);

  const values: Record<string, string> = {
    id,
    date: formatWallClock(options.now, loaded.config.timeZone),
    title,
    section: section.key,
    section_title: section.titles[0] ?? section.key,
  };
  const text = fillArchetype(readFileSync(archetypeFile, "utf8").replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"), values, display(root, archetypeFile));

  const target = join(contentDir, section.key, `${id}.md`);
  const file = display(root, target);
  checkArticle(text, file, section.key, loaded.config.timeZone, display(root, archetypeFile));
  if (existsSync(target)) throw new EditorError("file-exists", `${file} already exists; nothing was written`);
  mkdirSync(join(contentDir, section.key), { recursive: true });
  try {
    writeFileSync(target, text, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw new EditorError("file-exists", `${file} already exists; nothing was written`);
    throw error;
  }
  return { file, id };
}

/** `2026-11-29 14:05` in the given zone. */
export function formatWallClock(epochMs: number, timeZone: string): string {
  const w = wallClockAt(epochMs, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}

/**
 * Substitutes `{{name}}` placeholders: as YAML scalars inside the front matter, as text in the body. An
 * unknown placeholder is an error (a typo in the archetype), never left for an editor to find on the site.
 */
export function fillArchetype(archetype: string, values: Readonly<Record<string, string>>, archetypeName = "the archetype"): string {
  const lines = archetype.split("\n");
  const closing = lines[0] === "---" ? lines.indexOf("---", 1) : -1;
  if (closing < 0) throw new EditorError("archetype-invalid", `${archetypeName} must start with front matter between two "---" lines`);
  const unknown = new Set<string>();
  const substitute = (text: string, asYaml: boolean) =>
    text.replace(ARCHETYPE_FIELD, (whole, name: string) => {
      const value = values[name];
      if (value === undefined) {
        unknown.add(whole);
        return whole;
      }
      // An id is letters, digits, - and _ (checked above): written as is, so 0835601 keeps its zero.
      return asYaml && name !== "id" ? yamlScalar(value) : value;
    });
  const frontMatter = lines.slice(0, closing + 1).map((line) => substitute(line, true));
  const body = substitute(lines.slice(closing + 1).join("\n"), false);
  if (unknown.size > 0) {
    throw new EditorError("archetype-invalid", `${archetypeName} uses unknown placeholder${unknown.size > 1 ? "s" : ""} ${[...unknown].join(", ")}; known: ${Object.keys(values).map((k) => `{{${k}}}`).join(", ")}`);
  }
  return `${frontMatter.join("\n")}\n${body}`;
}

function checkArticle(text: string, file: string, section: string, timeZone: string, archetypeName: string): void {
  const problems = new ProblemCollector();
  parseArticle(text, file, problems, { timeZone, maxAliasExpansions: 100, folderSection: section });
  const errors = problems.all.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    throw new EditorError("archetype-invalid", `${archetypeName} does not give a valid article; nothing was written:\n${errors.map(formatProblem).join("\n")}`);
  }
}

function display(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join("/");
}
