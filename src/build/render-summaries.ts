import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ContentProblem } from "../content/problems.js";
import { tryWriteAtomically } from "../fs/write-atomically.js";
import type { RenderedArticle } from "../render/render-article.js";

/**
 * What the kept page index needs of a rendered article (see index-snapshot.ts): the hash of its rendered
 * texts, which the index is keyed by, and its Markdown warnings, which every build reports. Kept by
 * render-cache key in `.cache/index/rendered.json`, so that a rebuild reads the render cache's entries only
 * for articles it has no summary of (the changed ones), unless the index must be made afresh: reading all
 * 20,000 entries was a second of a one-article rebuild.
 */
export interface RenderSummary {
  readonly texts: string;
  readonly problems: readonly ContentProblem[];
}

const FILE = "rendered.json";
const FORMAT = "fabu render summaries 1";

/** Rendered texts and the script they were written in, without the Markdown warnings, which no page shows. */
export const textsJson = (rendered: RenderedArticle) => JSON.stringify([rendered.sourceScript, rendered.text]);

export function summaryOf(rendered: RenderedArticle): RenderSummary {
  return { texts: createHash("sha256").update(textsJson(rendered)).digest("hex"), problems: rendered.problems };
}

/** The summaries kept in `dir`; none when there are none or they cannot be read. */
export function readRenderSummaries(dir: string): ReadonlyMap<string, RenderSummary> {
  try {
    const kept = JSON.parse(readFileSync(join(dir, FILE), "utf8")) as { format?: unknown; entries?: Record<string, [string, ContentProblem[]?]> };
    if (kept.format !== FORMAT || !kept.entries) return new Map();
    return new Map(Object.entries(kept.entries).map(([key, [texts, problems = []]]) => [key, { texts, problems }]));
  } catch {
    return new Map();
  }
}

/** Replaces the kept summaries with these (best effort: without them the next build reads every entry). */
export function keepRenderSummaries(dir: string, summaries: ReadonlyMap<string, RenderSummary>): void {
  const entries: Record<string, [string, ContentProblem[]?]> = {};
  for (const [key, { texts, problems }] of summaries) entries[key] = problems.length > 0 ? [texts, [...problems]] : [texts];
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    return;
  }
  tryWriteAtomically(join(dir, FILE), JSON.stringify({ format: FORMAT, entries }));
}
