/**
 * What the editor commands need to know about a project without building it: its sections, the ids in use,
 * and how to write a front matter value safely.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { stringify } from "yaml";
import type { LoadedContent } from "../content/load-content.js";

/** A refusal an editor can act on (unknown section, file exists…); the CLI prints the message and exits 1. */
export class EditorError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "EditorError";
    this.code = code;
  }
}

export interface SectionInfo {
  readonly key: string;
  /** Display names in every form given (title, title_hans, title_hant). */
  readonly titles: readonly string[];
}

/** Section folders (`content/<key>/_index.md`), with their names where the index file is valid. */
export function listSections(contentDir: string, loaded: LoadedContent): SectionInfo[] {
  if (!existsSync(contentDir)) return [];
  const parsed = new Map(loaded.sections.map((s) => [s.key, s]));
  return readdirSync(contentDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith(".") && !entry.name.startsWith("_") && existsSync(join(contentDir, entry.name, "_index.md")))
    .map((entry) => {
      const section = parsed.get(entry.name);
      const titles = section ? [section.title, section.titleHans, section.titleHant].filter((t): t is string => Boolean(t)) : [];
      return { key: entry.name, titles };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function describeSections(sections: readonly SectionInfo[]): string {
  if (sections.length === 0) return "the site has no sections yet (a section is a folder content/<key>/ with an _index.md)";
  return `known sections: ${sections.map((s) => (s.titles[0] ? `${s.key} (${s.titles[0]})` : s.key)).join(", ")}`;
}

const ID_LINE = /^id:\s*(?:"([^"]*)"|'([^']*)'|([^\s#]+))/;

/**
 * Every article id in the content folder, read from each article's `id:` line (and its file name), so that
 * even articles with errors elsewhere count: a new id must not collide with any of them.
 */
export function idsInUse(contentDir: string): Map<string, string> {
  const ids = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith(".md") && !entry.name.startsWith("_")) {
        const display = relative(contentDir, full).split(sep).join("/");
        const fromName = entry.name.slice(0, -3);
        if (!ids.has(fromName)) ids.set(fromName, display);
        const id = frontMatterId(readFileSync(full, "utf8"));
        if (id !== undefined) ids.set(id, display);
      }
    }
  };
  if (existsSync(contentDir) && statSync(contentDir).isDirectory()) walk(contentDir);
  return ids;
}

function frontMatterId(text: string): string | undefined {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines[0] !== "---") return undefined;
  for (let i = 1; i < lines.length && lines[i] !== "---"; i += 1) {
    const match = ID_LINE.exec(lines[i]!);
    if (match) return match[1] ?? match[2] ?? match[3];
  }
  return undefined;
}

/** The next free numeric id: one more than the largest numeric id in use (1 for an empty site). */
export function nextNumericId(ids: Iterable<string>): string {
  let max = 0n;
  for (const id of ids) if (/^\d{1,60}$/.test(id) && BigInt(id) > max) max = BigInt(id);
  return (max + 1n).toString();
}

/** A YAML scalar for one front matter value: plain when that is safe, quoted otherwise, never folded. */
export function yamlScalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}
