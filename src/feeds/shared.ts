import type { FeedEntry, Script } from "./types.js";

/** RSS and Google News language codes for each script (zh-cn for Simplified, zh-tw for Traditional). */
export const LEGACY_LANGUAGE: Readonly<Record<Script, "zh-cn" | "zh-tw">> = { "zh-Hans": "zh-cn", "zh-Hant": "zh-tw" };

/** What the feeds call themselves; no version, so an upgrade alone does not change every feed. */
export const GENERATOR = "fabu";

/** The entry's section followed by its tags, blanks and repeats dropped, in their given order. */
export function categoriesOf(entry: FeedEntry): string[] {
  const seen = new Set<string>();
  for (const name of [entry.section.name, ...entry.tags]) {
    const trimmed = name.trim();
    if (trimmed !== "") seen.add(trimmed);
  }
  return [...seen];
}

/** Byline names, blanks dropped. */
export function authorsOf(entry: FeedEntry): string[] {
  return entry.authors.map((name) => name.trim()).filter((name) => name !== "");
}

export function lines(parts: readonly (string | false | undefined)[]): string {
  return `${parts.filter((part): part is string => typeof part === "string").join("\n")}\n`;
}
