/**
 * Segmentation by the fewest dictionary phrases, instead of OpenCC's greedy
 * forward maximum matching.
 *
 * Greedy matching takes the longest phrase at each position, so in 内生发展 it
 * takes 生发 ("hair growth", 生髮) and strands 展; the same happens after 卫生,
 * 学生, 前头, 粉丝…. Here every way of covering the text with phrases and single
 * characters is weighed, and the best is chosen by, in order:
 *
 * 1. fewest segments;
 * 2. the most even segment lengths (smallest sum of squared lengths, MMSEG's
 *    "smallest variance" rule): 茶几|周围 rather than 茶|几周围;
 * 3. backward maximum matching: reading from the end, the longest phrase
 *    (内|生|发展 rather than 内|生发|展). Backward matching errs less than
 *    forward matching on Chinese; it is not infallible (重|复建|设), which is
 *    what the segmentation vocabulary is for.
 *
 * Where greedy matching never faces such a choice the result is OpenCC's own.
 */
import type { CodeUnitTrie } from "./code-unit-trie.js";
import { isHighSurrogate, isIdeographicDescription, unmatchedUnitLength } from "./text-units.js";

/**
 * Segments of text[start, end). Segment k covers [bounds[k], bounds[k+1]) in
 * offsets of the whole text; phraseNodes[k] is the trie node of its phrase, or
 * 0 for a run of characters that are converted one by one.
 */
export interface Segments {
  readonly count: number;
  readonly bounds: Int32Array;
  readonly phraseNodes: Int32Array;
}

/** A path of segments, in text order: ends relative to where the path starts. */
interface Path {
  readonly count: number;
  readonly ends: Int32Array;
  readonly nodes: Int32Array;
}

const UNREACHED = 0x7fffffff;

function unitLengthAt(text: string, index: number, limit: number): number {
  const unit = text.charCodeAt(index);
  // Nearly every unit is one on its own; only these two ranges can reach further.
  if (unit < 0x2ff0 || (unit > 0x2fff && unit < 0xd800) || unit > 0xdbff) return 1;
  const length = isHighSurrogate(unit) || isIdeographicDescription(unit) ? unmatchedUnitLength(text, index) : 1;
  return Math.min(length, limit - index);
}

/**
 * Best-so-far costs of covering each prefix, compared lexicographically. One instance is
 * reused for every segmentation (JavaScript runs one at a time, and each reads its path out
 * before the next starts), which spares the garbage collector on pages of many short texts.
 */
class PrefixCosts {
  segments = new Int32Array(0);
  squares = new Int32Array(0);
  lastStart = new Int32Array(0);
  lastNode = new Int32Array(0);

  reset(size: number): void {
    if (this.segments.length < size + 1) {
      const capacity = Math.max(size + 1, this.segments.length * 2, 256);
      this.segments = new Int32Array(capacity);
      this.squares = new Int32Array(capacity);
      this.lastStart = new Int32Array(capacity);
      this.lastNode = new Int32Array(capacity);
    }
    this.segments.fill(UNREACHED, 0, size + 1);
    this.segments[0] = 0;
    this.squares[0] = 0;
  }

  /**
   * Offers a segment [from, to). Offers arrive in increasing `from`, and only a strictly
   * better cost replaces the current one, so among equal costs the longest last segment stays.
   */
  offer(from: number, to: number, node: number): void {
    const length = to - from;
    const segments = this.segments[from]! + 1;
    const squares = this.squares[from]! + length * length;
    const current = this.segments[to]!;
    if (segments > current || (segments === current && squares >= this.squares[to]!)) return;
    this.segments[to] = segments;
    this.squares[to] = squares;
    this.lastStart[to] = from;
    this.lastNode[to] = node;
  }

  /** The chosen path, read back from the end; into `scratch`'s arrays when given, else new ones. */
  path(size: number, scratch?: ScratchArrays): Path {
    let count = 0;
    for (let position = size; position > 0; position = this.lastStart[position]!) count += 1;
    const ends = scratch ? scratch.first(count) : new Int32Array(count);
    const nodes = scratch ? scratch.second(count) : new Int32Array(count);
    for (let position = size, k = count - 1; position > 0; position = this.lastStart[position]!, k -= 1) {
      ends[k] = position;
      nodes[k] = this.lastNode[position]!;
    }
    return { count, ends, nodes };
  }
}

/**
 * A pair of growable Int32Arrays reused from one segmentation to the next, for results that are
 * read before the next segmentation starts (longer than asked for; only the prefix is meaningful).
 */
class ScratchArrays {
  private a = new Int32Array(256);
  private b = new Int32Array(256);

  first(size: number): Int32Array {
    if (this.a.length < size) this.a = new Int32Array(Math.max(size, this.a.length * 2));
    return this.a;
  }

  second(size: number): Int32Array {
    if (this.b.length < size) this.b = new Int32Array(Math.max(size, this.b.length * 2));
    return this.b;
  }
}

/** The fewest-segment path over text[start, end); terminals flagged in `ignored` are not used. */
const scratchCosts = new PrefixCosts();

function fewestSegments(
  phrases: CodeUnitTrie,
  text: string,
  start: number,
  end: number,
  ignored?: Uint8Array,
  scratch?: ScratchArrays,
): Path {
  const size = end - start;
  const costs = scratchCosts;
  costs.reset(size);
  for (let offset = 0; offset < size; offset += 1) {
    if (costs.segments[offset] === UNREACHED) continue;
    let node = 0;
    for (let index = start + offset; index < end; index += 1) {
      node = phrases.child(node, text.charCodeAt(index));
      if (node === 0) break;
      if (phrases.isTerminal(node) && (ignored === undefined || ignored[node] !== 1)) {
        costs.offer(offset, index + 1 - start, node);
      }
    }
    costs.offer(offset, offset + unitLengthAt(text, start + offset, end), 0);
  }
  return costs.path(size, scratch);
}

/**
 * Words that compete like phrases but only decide where words end: inside one, the
 * dictionary phrases are segmented again (新征程 keeps 征程), and its loose characters join
 * the neighbouring runs so later stages still see them together (无线|新闻 is still the run
 * 无线新闻 for Hong Kong's 無綫新聞).
 */
export class SegmentationVocabulary {
  /** Each word's own segmentation, computed once. */
  private readonly interiors = new Map<number, Path>();

  constructor(private readonly flags: Uint8Array) {}

  isWord(node: number): boolean {
    return this.flags[node] === 1;
  }

  interior(phrases: CodeUnitTrie, node: number, text: string, start: number, end: number): Path {
    let path = this.interiors.get(node);
    if (!path) {
      path = fewestSegments(phrases, text, start, end, this.flags);
      this.interiors.set(node, path);
    }
    return path;
  }
}

/**
 * Accumulates segments in order, merging neighbouring loose characters into runs. Its arrays
 * are reused by the next segmentation: the pipeline reads each result before asking for another.
 */
class SegmentList {
  private count = 0;
  private bounds = new Int32Array(257);
  private nodes = new Int32Array(256);

  reset(start: number, capacity: number): void {
    if (this.nodes.length < capacity || this.bounds.length < capacity + 1) {
      const size = Math.max(capacity, this.nodes.length * 2);
      this.bounds = new Int32Array(size + 1);
      this.nodes = new Int32Array(size);
    }
    this.count = 0;
    this.bounds[0] = start;
  }

  push(end: number, node: number): void {
    if (node === 0 && this.count > 0 && this.nodes[this.count - 1] === 0) {
      this.bounds[this.count] = end;
      return;
    }
    this.nodes[this.count] = node;
    this.count += 1;
    this.bounds[this.count] = end;
  }

  build(): Segments {
    return { count: this.count, bounds: this.bounds, phraseNodes: this.nodes };
  }
}

const scratchPath = new ScratchArrays();
const scratchSegments = new SegmentList();

/**
 * The segments of text[start, end). The result's arrays are reused by the next call: read it
 * before segmenting again.
 */
export function segmentByFewestPhrases(
  phrases: CodeUnitTrie,
  text: string,
  start: number,
  end: number,
  vocabulary?: SegmentationVocabulary,
): Segments {
  // The interior of a vocabulary word is segmented while this path is being read, so the path
  // has scratch arrays of its own, apart from the costs and from the list being built.
  const path = fewestSegments(phrases, text, start, end, undefined, scratchPath);
  const list = scratchSegments;
  list.reset(start, end - start);
  for (let k = 0; k < path.count; k += 1) {
    const node = path.nodes[k]!;
    const segmentEnd = start + path.ends[k]!;
    if (node === 0 || !vocabulary?.isWord(node)) {
      list.push(segmentEnd, node);
      continue;
    }
    const segmentStart = k > 0 ? start + path.ends[k - 1]! : start;
    const interior = vocabulary.interior(phrases, node, text, segmentStart, segmentEnd);
    for (let j = 0; j < interior.count; j += 1) list.push(segmentStart + interior.ends[j]!, interior.nodes[j]!);
  }
  return list.build();
}
