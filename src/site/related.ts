import type { RelatedConfig } from "../config/site-config.js";
import { indexArticles, type RelatedIndex, type TimeList } from "./related-index.js";
import { TopK } from "./top-k.js";

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
/** A tag on most of the site says little about relatedness; cap how many articles one tag contributes. */
const MAX_PER_TAG = 200;

/**
 * 相关新闻 for every article: the editor's picks first, then the best-scoring others by shared tags, same
 * section and closeness in time. Only the given (published) articles are considered, never the article
 * itself. Candidates come from a tag index (each tag's MAX_PER_TAG articles nearest in time) and from each
 * section's nearest neighbours in time, so the cost stays near linear at archive scale instead of
 * comparing every pair. Ties break by id for stable output.
 */
export function computeRelated(articles: readonly RelatedCandidate[], config: RelatedConfig): Map<string, string[]> {
  const index = indexArticles(articles);
  const ranker = new Ranker(index, config);
  const result = new Map<string, string[]>();
  articles.forEach((article, i) => {
    const picks = article.editorPicks.filter((id) => id !== article.id && index.indexOfId.has(id));
    const related = picks.slice();
    for (const other of ranker.best(i, picks, Math.max(0, config.count - picks.length))) related.push(articles[other]!.id);
    result.set(article.id, related);
  });
  return result;
}

/**
 * Ranks candidates by article index. At archive scale an article has several hundred candidates, so the
 * scan works on typed arrays, keeps only the best few (TopK), and walks each list outwards from the
 * article's time: once no candidate at that distance could make the cut, the rest of the list (all
 * further away) is skipped. Most candidates share a single tag; a tag's window is first walked as if all
 * did, and the few sharing more are then found in the lists of articles with both tags. Every bound is
 * exact — weights are never negative, and floating-point addition and multiplication are monotonic — so
 * the result is the same as scoring every candidate.
 */
class Ranker {
  /** Per-article stamps (article index + 1): "already considered" and "a tag of this article", never cleared. */
  private readonly seen: Int32Array;
  private readonly ownTag: Int32Array;
  private readonly rangeMs: number;
  private readonly top: TopK;

  constructor(
    private readonly index: RelatedIndex,
    private readonly config: RelatedConfig,
  ) {
    this.seen = new Int32Array(index.epochMs.length);
    this.ownTag = new Int32Array(index.tagCount);
    this.rangeMs = config.dateRangeDays * DAY_MS;
    this.top = new TopK(config.count);
  }

  /** The `keep` best articles for article `i` other than itself and `picks` (ids are unique), best first. */
  best(i: number, picks: readonly string[], keep: number): number[] {
    if (keep === 0) return [];
    const { index } = this;
    const stamp = i + 1;
    this.seen[i] = stamp;
    for (const id of picks) this.seen[index.indexOfId.get(id)!] = stamp;
    const ownTags = index.uniqueTagsOf[i]!;
    for (const tag of ownTags) this.ownTag[tag] = stamp;
    const { tags: tagWeight, section: sectionWeight } = this.config.weights;
    // The best tags-and-section score of any candidate, and of one sharing a single tag.
    const ceiling = tagWeight * index.maxShared(ownTags.length) + sectionWeight;
    const singleTagCeiling = tagWeight + sectionWeight;
    const { top } = this;
    top.clear(keep);
    const at = index.epochMs[i]!;

    // Section neighbours first: being near and in the same section, they tend to set a high bar early.
    const sectionList = index.bySection[index.sectionOf[i]!]!;
    const position = index.positionInSection[i]!;
    this.scan(sectionList, i, top, ceiling, position, Math.max(0, position - SECTION_NEIGHBOURS), Math.min(sectionList.time.length, position + SECTION_NEIGHBOURS + 1));
    for (const tag of ownTags) {
      const list = index.byTag[tag]!;
      const centre = firstAtOrAfter(list.time, at, 0, list.time.length);
      const [from, to] = nearestWindow(list.time, at, centre, MAX_PER_TAG);
      if (!index.byTagPair || ownTags.length === 1) {
        this.scan(list, i, top, ceiling, centre, from, to);
        continue;
      }
      if (this.scan(list, i, top, singleTagCeiling, centre, from, to)) continue;
      // Stopped early: the rest of the window can only matter through articles sharing another tag too.
      for (const other of ownTags) {
        if (other === tag) continue;
        const pair = index.byTagPair(tag, other)!;
        const low = firstAtOrAfterEntry(pair, list.time[from]!, list.rank[from]!);
        const high = firstAtOrAfterEntry(pair, list.time[to - 1]!, list.rank[to - 1]! + 1);
        this.scan(pair, i, top, ceiling, firstAtOrAfter(pair.time, at, low, high), low, high);
      }
    }
    return top.items();
  }

  /**
   * Scores the entries of list[from, to) nearest to article i's time first, starting either side of
   * `centre` (the first entry at or after that time). `ceiling` is the best tags-and-section score any of
   * them can reach. Returns false if it stopped early because none of the rest could make the cut.
   */
  private scan(list: TimeList, i: number, top: TopK, ceiling: number, centre: number, from: number, to: number): boolean {
    const { seen, ownTag, rangeMs } = this;
    const { tags: tagWeight, section: sectionWeight, date: dateWeight } = this.config.weights;
    const { article, time, section, rank, tagStart, tagIds } = list;
    const stamp = i + 1;
    const at = this.index.epochMs[i]!;
    const ownSection = this.index.sectionOf[i]!;
    let left = centre - 1;
    let right = centre;
    while (left >= from || right < to) {
      const k = right >= to || (left >= from && at - time[left]! <= time[right]! - at) ? left-- : right++;
      const other = article[k]!;
      if (seen[other] === stamp) continue;
      const closeness = Math.max(0, 1 - Math.abs(time[k]! - at) / rangeMs);
      if (top.rejects(ceiling + dateWeight * closeness)) return false;
      seen[other] = stamp;
      let shared = 0;
      for (let t = tagStart[k]!, end = tagStart[k + 1]!; t < end; t++) if (ownTag[tagIds[t]!] === stamp) shared++;
      const score = tagWeight * shared + sectionWeight * (section[k] === ownSection ? 1 : 0) + dateWeight * closeness;
      if (score > 0) top.offer(other, score, rank[k]!);
    }
    return true;
  }
}

/**
 * The `limit` entries of a time-sorted list nearest to `at` (`centre` is the first at or after it), as the
 * index range [from, to): what widening one entry at a time towards the nearer side, the earlier on a
 * tie, would choose. It takes the first s entries to the left, for the largest s whose s-th is no further
 * than the right entry it competes with; that test only turns false as s grows, so s is binary-searched.
 */
function nearestWindow(time: Float64Array, at: number, centre: number, limit: number): [number, number] {
  const n = time.length;
  if (n <= limit) return [0, n];
  let low = Math.max(0, limit - (n - centre));
  let high = Math.min(centre, limit);
  while (low < high) {
    const left = (low + high + 1) >>> 1;
    const competitor = centre + limit - left;
    if (competitor >= n || at - time[centre - left]! <= time[competitor]! - at) low = left;
    else high = left - 1;
  }
  return [centre - low, centre - low + limit];
}

/** The first index in [from, to) whose time is at or after `at` (binary search). */
function firstAtOrAfter(time: Float64Array, at: number, from: number, to: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (time[mid]! < at) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The first entry at or after (time, rank) in the list's order. */
function firstAtOrAfterEntry(list: TimeList, time: number, rank: number): number {
  let low = 0;
  let high = list.time.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list.time[mid]! < time || (list.time[mid] === time && list.rank[mid]! < rank)) low = mid + 1;
    else high = mid;
  }
  return low;
}
