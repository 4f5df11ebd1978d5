import { pinyin } from "pinyin-pro";
import type { ContentProblem } from "../content/problems.js";

/** A tag as it appears in URLs: ASCII, stable, never empty. */
export interface TagSlug {
  readonly key: string;
  readonly slug: string;
}

/**
 * Tag URLs are ASCII pinyin of the tag's Simplified form (网络扶贫 → wang-luo-fu-pin), so they are readable,
 * stable, and identical for both scripts. Latin letters and digits are kept; anything else becomes `-`.
 */
export function tagSlug(simplifiedTag: string): string {
  const syllables = pinyin(simplifiedTag, { toneType: "none", type: "array", nonZh: "consecutive", v: true });
  const slug = syllables
    .join("-")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug;
}

/** Two different tags that would share a URL (同音: 公式/攻势) are a build error naming both. */
export function checkTagSlugs(tags: ReadonlyMap<string, { file: string; line: number; column: number }>): { slugs: Map<string, string>; problems: ContentProblem[] } {
  const slugs = new Map<string, string>();
  const owners = new Map<string, string>();
  const problems: ContentProblem[] = [];
  for (const [tag, where] of [...tags].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const slug = tagSlug(tag);
    if (slug === "") {
      problems.push({ ...where, severity: "error", rule: "tag-slug", message: `the tag "${tag}" has no letters that can form a URL; reword it` });
      continue;
    }
    const owner = owners.get(slug);
    if (owner !== undefined && owner !== tag) {
      problems.push({ ...where, severity: "error", rule: "tag-slug", message: `the tags "${owner}" and "${tag}" would share the URL tags/${slug}/; rename one of them` });
      continue;
    }
    owners.set(slug, tag);
    slugs.set(tag, slug);
  }
  return { slugs, problems };
}
