/**
 * A read-only trie over UTF-16 code units, laid out in typed arrays because it
 * is walked once or more per character of every page: the first step is a
 * direct array index, later steps probe an open-addressed hash of edges.
 * Node 0 is the root; a node id of 0 anywhere else means "no such node".
 *
 * Indexing typed arrays yields `number | undefined` under noUncheckedIndexedAccess;
 * the `!`s below are on indices kept in range by construction.
 */
const ROOT = 0;
const NONE = 0;

function edgeSlot(parent: number, unit: number, mask: number): number {
  let hash = Math.imul(parent, 0x9e3779b1) ^ Math.imul(unit + 1, 0x85ebca6b);
  hash ^= hash >>> 15;
  return hash & mask;
}

function capacityFor(edges: number): number {
  let capacity = 16;
  while (capacity < edges * 2) capacity *= 2;
  return capacity;
}

export class CodeUnitTrie {
  private readonly rootChildren = new Int32Array(0x10000);
  private readonly edgeParents: Int32Array;
  private readonly edgeUnits: Uint16Array;
  private readonly edgeChildren: Int32Array;
  private readonly edgeMask: number;
  private readonly nodeValues: (string | undefined)[] = [undefined];
  /** UTF-16 length of the key that ends at each node. */
  private readonly nodeDepths: number[] = [0];
  /** 1 where a key ends: the segmenter asks this for every trie step, so it is a typed array. */
  private readonly terminals: Uint8Array;

  constructor(dictionary: ReadonlyMap<string, string>) {
    let units = 0;
    for (const key of dictionary.keys()) units += key.length;
    const capacity = capacityFor(units);
    this.edgeParents = new Int32Array(capacity);
    this.edgeUnits = new Uint16Array(capacity);
    this.edgeChildren = new Int32Array(capacity);
    this.edgeMask = capacity - 1;
    for (const [key, value] of dictionary) this.insert(key, value);
    this.terminals = new Uint8Array(this.nodeValues.length);
    this.nodeValues.forEach((value, node) => {
      if (value !== undefined) this.terminals[node] = 1;
    });
  }

  get nodeCount(): number {
    return this.nodeValues.length;
  }

  /** The child of `node` along `unit`, or 0. */
  child(node: number, unit: number): number {
    if (node === ROOT) return this.rootChildren[unit]!;
    const parents = this.edgeParents;
    const mask = this.edgeMask;
    let slot = edgeSlot(node, unit, mask);
    for (;;) {
      const parent = parents[slot]!;
      if (parent === NONE) return NONE;
      if (parent === node && this.edgeUnits[slot] === unit) return this.edgeChildren[slot]!;
      slot = (slot + 1) & mask;
    }
  }

  isTerminal(node: number): boolean {
    return this.terminals[node] === 1;
  }

  /** The replacement stored at `node` when a key ends there. */
  value(node: number): string | undefined {
    return this.nodeValues[node];
  }

  depth(node: number): number {
    return this.nodeDepths[node]!;
  }

  /** The node where `key` ends, or 0 when no key has that prefix. */
  nodeOf(key: string): number {
    let node: number = ROOT;
    for (let index = 0; index < key.length && (index === 0 || node !== NONE); index += 1) {
      node = this.child(node, key.charCodeAt(index));
    }
    return node;
  }

  /** The node of the longest key that is a prefix of text[start, end), or 0. */
  longestMatch(text: string, start: number, end: number): number {
    let node: number = ROOT;
    let matched = NONE;
    for (let index = start; index < end; index += 1) {
      node = this.child(node, text.charCodeAt(index));
      if (node === NONE) break;
      if (this.terminals[node] === 1) matched = node;
    }
    return matched;
  }

  private insert(key: string, value: string): void {
    let node: number = ROOT;
    for (let index = 0; index < key.length; index += 1) {
      const unit = key.charCodeAt(index);
      const existing = this.child(node, unit);
      node = existing === NONE ? this.addChild(node, unit, index + 1) : existing;
    }
    this.nodeValues[node] = value;
  }

  private addChild(parent: number, unit: number, depth: number): number {
    const child = this.nodeValues.length;
    this.nodeValues.push(undefined);
    this.nodeDepths.push(depth);
    if (parent === ROOT) {
      this.rootChildren[unit] = child;
      return child;
    }
    let slot = edgeSlot(parent, unit, this.edgeMask);
    while (this.edgeParents[slot] !== NONE) slot = (slot + 1) & this.edgeMask;
    this.edgeParents[slot] = parent;
    this.edgeUnits[slot] = unit;
    this.edgeChildren[slot] = child;
    return child;
  }
}
