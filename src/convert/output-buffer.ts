/**
 * Where converted text is written: a growable UTF-16 buffer (cheaper than
 * building millions of one-character strings), plus an optional record of
 * which source range produced which output range, for callers that must map
 * the result back onto the source (tree conversion, explanations).
 */

const CHUNK = 0x2000;
/**
 * Longer buffers are turned into a string by TextDecoder, several times faster than
 * String.fromCharCode over a typed array; it reads bytes, so only where Uint16Array is
 * little-endian, and it would replace lone surrogates, so only for text without surrogates.
 * `ignoreBOM` keeps a leading U+FEFF as text.
 */
const DECODER_MIN_LENGTH = 64;
const utf16Decoder = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? new TextDecoder("utf-16le", { ignoreBOM: true }) : undefined;

export class Utf16Builder {
  private units: Uint16Array;
  private used = 0;

  constructor(expectedLength: number) {
    this.units = new Uint16Array(Math.max(16, expectedLength + (expectedLength >> 3)));
  }

  /** Empties the buffer for reuse, making room for about `expectedLength` units. */
  reset(expectedLength: number): void {
    this.used = 0;
    const wanted = expectedLength + (expectedLength >> 3);
    if (this.units.length < wanted) this.units = new Uint16Array(wanted);
  }

  get length(): number {
    return this.used;
  }

  unitAt(index: number): number {
    return this.units[index]!;
  }

  pushUnit(unit: number): void {
    if (this.used === this.units.length) this.grow(1);
    this.units[this.used++] = unit;
  }

  pushString(text: string): void {
    if (this.used + text.length > this.units.length) this.grow(text.length);
    for (let index = 0; index < text.length; index += 1) this.units[this.used++] = text.charCodeAt(index);
  }

  /** Overwrites one unit already written; for length-preserving passes such as quote style. */
  setUnit(index: number, unit: number): void {
    if (index < this.used) this.units[index] = unit;
  }

  toString(): string {
    if (this.used >= DECODER_MIN_LENGTH && utf16Decoder && !this.hasSurrogate()) {
      return utf16Decoder.decode(this.units.subarray(0, this.used));
    }
    let text = "";
    for (let start = 0; start < this.used; start += CHUNK) {
      const chunk = this.units.subarray(start, Math.min(this.used, start + CHUNK));
      // fromCharCode accepts any array-like of numbers; TypeScript's apply signature wants number[].
      // Unlike TextDecoder, it keeps lone surrogates exactly as they were.
      text += String.fromCharCode.apply(null, chunk as unknown as number[]);
    }
    return text;
  }

  /** Whether any unit is a surrogate, paired or not (the decoder would replace a lone one). */
  private hasSurrogate(): boolean {
    const units = this.units;
    for (let index = 0; index < this.used; index += 1) {
      const unit = units[index]!;
      if (unit >= 0xd800 && unit <= 0xdfff) return true;
    }
    return false;
  }

  private grow(atLeast: number): void {
    const grown = new Uint16Array(Math.max(this.units.length * 2, this.used + atLeast));
    grown.set(this.units.subarray(0, this.used));
    this.units = grown;
  }
}

/**
 * Source → output correspondence as a list of pieces. A piece whose source and
 * output have the same UTF-16 length corresponds unit for unit (OpenCC's
 * conversions nearly always are); any other piece is indivisible.
 */
export class AlignmentBuilder {
  private readonly sourceStarts: number[] = [];
  private readonly sourceEnds: number[] = [];
  private readonly outputStarts: number[] = [];
  private readonly outputEnds: number[] = [];

  add(sourceStart: number, sourceEnd: number, outputStart: number, outputEnd: number): void {
    const last = this.sourceStarts.length - 1;
    const unitwise = sourceEnd - sourceStart === outputEnd - outputStart;
    if (
      unitwise &&
      last >= 0 &&
      this.sourceEnds[last] === sourceStart &&
      this.outputEnds[last] === outputStart &&
      this.sourceEnds[last]! - this.sourceStarts[last]! === this.outputEnds[last]! - this.outputStarts[last]!
    ) {
      this.sourceEnds[last] = sourceEnd;
      this.outputEnds[last] = outputEnd;
      return;
    }
    this.sourceStarts.push(sourceStart);
    this.sourceEnds.push(sourceEnd);
    this.outputStarts.push(outputStart);
    this.outputEnds.push(outputEnd);
  }

  /** The alignment so far; the builder hands over its arrays and must not be used afterwards. */
  build(): Alignment {
    return new Alignment(this.sourceStarts, this.sourceEnds, this.outputStarts, this.outputEnds);
  }
}

export interface AlignedPiece {
  readonly sourceStart: number;
  readonly sourceEnd: number;
  readonly outputStart: number;
  readonly outputEnd: number;
}

export class Alignment {
  constructor(
    private readonly sourceStarts: readonly number[],
    private readonly sourceEnds: readonly number[],
    private readonly outputStarts: readonly number[],
    private readonly outputEnds: readonly number[],
  ) {}

  /** The piece covering source offset `offset`, if any. */
  pieceAt(offset: number): AlignedPiece | undefined {
    let low = 0;
    let high = this.sourceStarts.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.sourceEnds[middle]! <= offset) low = middle + 1;
      else if (this.sourceStarts[middle]! > offset) high = middle - 1;
      else {
        return {
          sourceStart: this.sourceStarts[middle]!,
          sourceEnd: this.sourceEnds[middle]!,
          outputStart: this.outputStarts[middle]!,
          outputEnd: this.outputEnds[middle]!,
        };
      }
    }
    return undefined;
  }

  /**
   * The output offset for a cut at source offset `offset`. A cut through an
   * indivisible piece moves to the piece's end, so the whole converted piece
   * stays with the text where it started.
   */
  outputOffset(offset: number): number {
    const piece = this.pieceAt(offset);
    if (!piece) return offset === 0 ? 0 : this.lastOutputEnd();
    if (offset === piece.sourceStart) return piece.outputStart;
    const unitwise = piece.sourceEnd - piece.sourceStart === piece.outputEnd - piece.outputStart;
    return unitwise ? piece.outputStart + (offset - piece.sourceStart) : piece.outputEnd;
  }

  private lastOutputEnd(): number {
    return this.outputEnds[this.outputEnds.length - 1] ?? 0;
  }
}
