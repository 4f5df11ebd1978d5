import type { RelatedConfig } from "../config/site-config.js";

/** What the related-news ranking needs to know about an article. */
export interface RelatedCandidate {
  readonly id: string;
  readonly epochMs: number;
  readonly section: string;
  /** Tag keys (script-independent), so 扶贫 and 扶貧 count as one tag. */
  readonly tagKeys: readonly string[];
  /** The editor's picks, in order; they always come first. */
  readonly editorPicks: readonly string[];
}

const DAY_MS = 86_400_000;
/** Same-section articles nearest in time are considered even without a shared tag. */
const SECTION_NEIGHBOURS = 20;

/**
 * 相关新闻 for every article: the editor's picks first, then the best-scoring others by shared tags, same
 * section and closeness in time. Only the given (published) articles are considered, never the article
 * itself. Candidates come from a tag index and from each section's nearest neighbours in time, so the cost
 * stays near linear at archive scale instead of comparing every pair. Ties break by id for stable output.
 */
export function computeRelated(articles: readonly RelatedCandidate[], config: RelatedConfig): Map<string, string[]> {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const byTag = new Map<string, RelatedCandidate[]>();
  const bySection = new Map<string, RelatedCandidate[]>();
  for (const article of articles) {
    for (const tag of new Set(article.tagKeys)) pushTo(byTag, tag, article);
    pushTo(bySection, article.section, article);
  }
  const byTime = (a: RelatedCandidate, b: RelatedCandidate) => a.epochMs - b.epochMs || compare(a.id, b.id);
  for (const list of bySection.values()) list.sort(byTime);
  for (const list of byTag.values()) list.sort(byTime);
  const sectionIndex = new Map<string, number>();
  for (const list of bySection.values()) list.forEach((a, i) => sectionIndex.set(a.id, i));
  // A tag on most of the site says little about relatedness; cap how many articles one tag contributes.
  const maxPerTag = 200;

  const result = new Map<string, string[]>();
  for (const article of articles) {
    const picks = article.editorPicks.filter((id) => id !== article.id && byId.has(id));
    const chosen = new Set(picks);
    const candidates = new Set<RelatedCandidate>();
    for (const tag of new Set(article.tagKeys)) {
      const list = byTag.get(tag)!;
      for (const other of nearestInTime(list, article.epochMs, maxPerTag)) candidates.add(other);
    }
    const sectionList = bySection.get(article.section)!;
    const at = sectionIndex.get(article.id)!;
    for (let i = Math.max(0, at - SECTION_NEIGHBOURS); i <= Math.min(sectionList.length - 1, at + SECTION_NEIGHBOURS); i++) candidates.add(sectionList[i]!);

    const tagSet = new Set(article.tagKeys);
    const scored: { id: string; score: number }[] = [];
    for (const other of candidates) {
      if (other.id === article.id || chosen.has(other.id)) continue;
      const shared = other.tagKeys.filter((t) => tagSet.has(t)).length;
      const closeness = Math.max(0, 1 - Math.abs(other.epochMs - article.epochMs) / (config.dateRangeDays * DAY_MS));
      const score = config.weights.tags * shared + config.weights.section * (other.section === article.section ? 1 : 0) + config.weights.date * closeness;
      if (score > 0) scored.push({ id: other.id, score });
    }
    scored.sort((a, b) => b.score - a.score || compare(a.id, b.id));
    const computed = scored.slice(0, Math.max(0, config.count - picks.length)).map((s) => s.id);
    result.set(article.id, [...picks, ...computed]);
  }
  return result;
}

/** The `limit` articles of a time-sorted list nearest to `epochMs`: a binary search, then a window around it. */
function nearestInTime(list: readonly RelatedCandidate[], epochMs: number, limit: number): readonly RelatedCandidate[] {
  if (list.length <= limit) return list;
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]!.epochMs < epochMs) low = mid + 1;
    else high = mid;
  }
  let left = low - 1;
  let right = low;
  const out: RelatedCandidate[] = [];
  while (out.length < limit && (left >= 0 || right < list.length)) {
    const takeLeft = right >= list.length || (left >= 0 && epochMs - list[left]!.epochMs <= list[right]!.epochMs - epochMs);
    out.push(takeLeft ? list[left--]! : list[right++]!);
  }
  return out;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
