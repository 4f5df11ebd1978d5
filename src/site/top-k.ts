/**
 * The best `size` items seen, highest score first, ties to the lower rank: the same result as sorting every
 * item and taking the first `size`, without keeping or sorting the rest (ranking keeps a handful of several
 * hundred candidates). Items are small integers (indices) so nothing is allocated per offer, and one
 * instance is reused (`clear`) for one ranking after another.
 */
export class TopK {
  private readonly itemsBySlot: Int32Array;
  private readonly scores: Float64Array;
  private readonly ranks: Int32Array;
  private count = 0;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.itemsBySlot = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
    this.ranks = new Int32Array(capacity);
  }

  /** Empties it, to keep at most `size` (up to the capacity) from now on. */
  clear(size: number): void {
    this.count = 0;
    this.size = Math.min(size, this.capacity);
  }

  /** Whether every item scoring at most `maxScore` would be turned away, whatever its rank. */
  rejects(maxScore: number): boolean {
    return this.count === this.size && maxScore < this.scores[this.count - 1]!;
  }

  offer(item: number, score: number, rank: number): void {
    const { scores, ranks, itemsBySlot } = this;
    if (this.count === this.size && !outranks(score, rank, scores[this.count - 1]!, ranks[this.count - 1]!)) return;
    // Shift the worse ones down one slot (dropping the last when full), then insert.
    let slot = this.count < this.size ? this.count++ : this.count - 1;
    while (slot > 0 && outranks(score, rank, scores[slot - 1]!, ranks[slot - 1]!)) {
      scores[slot] = scores[slot - 1]!;
      ranks[slot] = ranks[slot - 1]!;
      itemsBySlot[slot] = itemsBySlot[slot - 1]!;
      slot--;
    }
    scores[slot] = score;
    ranks[slot] = rank;
    itemsBySlot[slot] = item;
  }

  /** The kept items, best first. */
  items(): number[] {
    const items: number[] = [];
    for (let slot = 0; slot < this.count; slot++) items.push(this.itemsBySlot[slot]!);
    return items;
  }
}

const outranks = (score: number, rank: number, otherScore: number, otherRank: number) => score > otherScore || (score === otherScore && rank < otherRank);
