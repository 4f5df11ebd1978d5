/** A path into parsed data: mapping keys and list indexes, e.g. `["glossary", 0, "zh-Hans"]`. */
export type DataPath = readonly (string | number)[];

export interface Located {
  readonly line: number;
  readonly column: number;
}

/** Where one value of a YAML document stands, relative to the YAML text. */
export interface Spot {
  /** The key it is written under, if it is a mapping value. */
  readonly key?: Located;
  readonly value: Located;
  /** A scalar's text before tag resolution (so `08355537` keeps its zero); absent for collections. */
  readonly source?: string;
}

interface SpotNode {
  spot?: Spot;
  children?: Map<string | number, SpotNode>;
}

/**
 * The spots of a document by data path. A tree keyed by path steps, so neither recording nor looking up a
 * spot builds a string; the key `1` and the index 1 stay different steps, as they are different paths.
 */
export class SpotIndex {
  readonly #root: SpotNode = {};

  set(path: DataPath, spot: Spot): void {
    let node = this.#root;
    for (const step of path) {
      node.children ??= new Map();
      let child = node.children.get(step);
      if (!child) node.children.set(step, (child = {}));
      node = child;
    }
    node.spot = spot;
  }

  get(path: DataPath): Spot | undefined {
    let node: SpotNode | undefined = this.#root;
    for (const step of path) {
      node = node.children?.get(step);
      if (!node) return undefined;
    }
    return node.spot;
  }

  has(path: DataPath): boolean {
    return this.get(path) !== undefined;
  }
}
