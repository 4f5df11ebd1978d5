import type { RelatedCandidate } from "./related.js";

/**
 * Articles sorted by time (ties by id), with what the ranking reads about each stored alongside: scanning
 * a stretch of the list then reads memory in order instead of jumping about.
 */
export interface TimeList {
  readonly article: Int32Array;
  readonly time: Float64Array;
  readonly section: Int32Array;
  /** Position of the article's id in id order, the tie-break (no string comparisons while ranking). */
  readonly rank: Int32Array;
  /** Entry k's tags, as written (a repeated key counts twice when shared): tagIds[tagStart[k]] up to tagIds[tagStart[k + 1]]. */
  readonly tagStart: Int32Array;
  readonly tagIds: Int32Array;
}

/** The articles as integers: tags and sections numbered, time lists per tag, per pair of tags and per section. */
export interface RelatedIndex {
  readonly epochMs: Float64Array;
  readonly indexOfId: ReadonlyMap<string, number>;
  readonly tagCount: number;
  /** Each article's distinct tags. */
  readonly uniqueTagsOf: readonly Int32Array[];
  readonly byTag: readonly TimeList[];
  /**
   * The articles with both of two tags, when no article repeats a tag: then an article sharing two or more
   * tags with another is in one of these lists, and one sharing a single tag is not. Undefined when there
   * are none (see indexArticles).
   */
  readonly byTagPair: ((a: number, b: number) => TimeList | undefined) | undefined;
  readonly sectionOf: Int32Array;
  readonly bySection: readonly TimeList[];
  readonly positionInSection: Int32Array;
  /** The most tags another article can share with one that has `distinctTags` distinct tags. */
  readonly maxShared: (distinctTags: number) => number;
}

export function indexArticles(articles: readonly RelatedCandidate[]): RelatedIndex {
  const n = articles.length;
  const epochMs = Float64Array.from(articles, (a) => a.epochMs);
  const idOrder = articles.map((_, i) => i).sort((a, b) => compare(articles[a]!.id, articles[b]!.id));
  const rankOfId = new Int32Array(n);
  idOrder.forEach((article, rank) => (rankOfId[article] = rank));
  // Every list is filled in this order, so each comes out sorted by time.
  const timeOrder = idOrder.slice().sort((a, b) => epochMs[a]! - epochMs[b]! || rankOfId[a]! - rankOfId[b]!);

  const tags = new Numbering();
  const tagsOf = articles.map((a) => a.tagKeys.map((tag) => tags.numberOf(tag)));
  // An article has a few tags: a scan for repeats is cheaper than a Set each.
  const uniqueTagsOf = tagsOf.map((list) => Int32Array.from(list.filter((tag, k) => list.indexOf(tag) === k)));
  const sections = new Numbering();
  const sectionOf = Int32Array.from(articles, (a) => sections.numberOf(a.section));
  // Pair lists need each article's tags to be distinct, and hold one entry per pair of an article's tags:
  // skipped when some article repeats a tag or tags are so many that the pairs would outgrow the rest.
  const pairEntries = uniqueTagsOf.reduce((sum, own) => sum + (own.length * (own.length - 1)) / 2, 0);
  const withPairs = !tagsOf.some((list, i) => list.length > uniqueTagsOf[i]!.length) && pairEntries <= 8 * n;

  const tagMembers: number[][] = Array.from({ length: tags.count }, () => []);
  const sectionMembers: number[][] = Array.from({ length: sections.count }, () => []);
  const pairMembers = new Map<number, number[]>();
  for (const i of timeOrder) {
    const own = uniqueTagsOf[i]!;
    own.forEach((tag, x) => {
      tagMembers[tag]!.push(i);
      if (withPairs) for (let y = x + 1; y < own.length; y++) pushTo(pairMembers, pairKey(tag, own[y]!, tags.count), i);
    });
    sectionMembers[sectionOf[i]!]!.push(i);
  }

  const timeList = (members: readonly number[]): TimeList => {
    const list = {
      article: Int32Array.from(members),
      time: new Float64Array(members.length),
      section: new Int32Array(members.length),
      rank: new Int32Array(members.length),
      tagStart: new Int32Array(members.length + 1),
      tagIds: new Int32Array(members.reduce((sum, a) => sum + tagsOf[a]!.length, 0)),
    };
    members.forEach((a, k) => {
      list.time[k] = epochMs[a]!;
      list.section[k] = sectionOf[a]!;
      list.rank[k] = rankOfId[a]!;
      list.tagIds.set(tagsOf[a]!, list.tagStart[k]!);
      list.tagStart[k + 1] = list.tagStart[k]! + tagsOf[a]!.length;
    });
    return list;
  };
  const bySection = sectionMembers.map(timeList);
  const positionInSection = new Int32Array(n);
  for (const list of bySection) list.article.forEach((a, position) => (positionInSection[a] = position));
  const byTagPair = new Map<number, TimeList>();
  for (const [key, members] of pairMembers) byTagPair.set(key, timeList(members));

  const indexOfId = new Map<string, number>();
  articles.forEach((a, i) => indexOfId.set(a.id, i));
  // Shared tags are counted over the other article's tags as written, so a key written twice counts twice.
  let mostTags = 0;
  let mostRepeats = 1;
  tagsOf.forEach((list, i) => {
    mostTags = Math.max(mostTags, list.length);
    mostRepeats = Math.max(mostRepeats, list.length - uniqueTagsOf[i]!.length + 1);
  });
  return {
    epochMs,
    indexOfId,
    tagCount: tags.count,
    uniqueTagsOf,
    byTag: tagMembers.map(timeList),
    byTagPair: withPairs ? (a, b) => byTagPair.get(pairKey(a, b, tags.count)) : undefined,
    sectionOf,
    bySection,
    positionInSection,
    maxShared: (distinctTags) => Math.min(mostTags, distinctTags * mostRepeats),
  };
}

const pairKey = (a: number, b: number, count: number) => (a < b ? a * count + b : b * count + a);

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

class Numbering {
  private readonly numbers = new Map<string, number>();

  get count(): number {
    return this.numbers.size;
  }

  numberOf(key: string): number {
    let number = this.numbers.get(key);
    if (number === undefined) this.numbers.set(key, (number = this.numbers.size));
    return number;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
