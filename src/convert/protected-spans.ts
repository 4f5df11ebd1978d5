/**
 * Glossary entries and page rules: fixed pairs found before any dictionary
 * runs. Their target form is emitted as given and the dictionaries only see
 * the text around them, so no stage can rewrite or straddle them.
 */
import type { GlossaryEntry, Script } from "./types.js";

export interface ProtectedSpan {
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
}

const FIRST_UNIT_FILTER_SIZE = 0x400;

export class ProtectedFormMatcher {
  private readonly replacements = new Map<string, string>();
  /** Key lengths per first UTF-16 unit, longest first. */
  private readonly lengthsByFirstUnit = new Map<number, number[]>();
  /** 1 where some key's first unit has these low 10 bits: a quick "no key starts here". */
  private readonly firstUnitFilter = new Uint8Array(FIRST_UNIT_FILTER_SIZE);

  constructor(pairs: Iterable<readonly [source: string, target: string]>) {
    for (const [source, target] of pairs) {
      if (source === "") continue;
      this.replacements.set(source, target);
    }
    for (const source of this.replacements.keys()) {
      const first = source.charCodeAt(0);
      this.firstUnitFilter[first & (FIRST_UNIT_FILTER_SIZE - 1)] = 1;
      const lengths = this.lengthsByFirstUnit.get(first) ?? [];
      if (!lengths.includes(source.length)) lengths.push(source.length);
      this.lengthsByFirstUnit.set(first, lengths.sort((a, b) => b - a));
    }
  }

  get isEmpty(): boolean {
    return this.replacements.size === 0;
  }

  /** The longest protected form starting at `index`. */
  longestAt(text: string, index: number): ProtectedSpan | undefined {
    // Kept this small so that it is inlined into the per-character loop; most characters stop here.
    const first = text.charCodeAt(index);
    return this.firstUnitFilter[first & (FIRST_UNIT_FILTER_SIZE - 1)] === 0 ? undefined : this.longestStartingWith(first, text, index);
  }

  private longestStartingWith(first: number, text: string, index: number): ProtectedSpan | undefined {
    const lengths = this.lengthsByFirstUnit.get(first);
    if (!lengths) return undefined;
    for (const length of lengths) {
      const replacement = this.replacements.get(text.slice(index, index + length));
      if (replacement !== undefined) return { start: index, end: index + length, replacement };
    }
    return undefined;
  }
}

/** Source → target pairs of glossary entries for one direction. */
export function protectedPairs(entries: readonly GlossaryEntry[], from: Script, to: Script): [string, string][] {
  return entries.map((entry) => [entry[from], entry[to]]);
}

const noSpans: readonly ProtectedSpan[] = Object.freeze([]);

/**
 * Non-overlapping protected spans, leftmost first, longest at each position.
 * Matchers earlier in the list win ties, so page rules can override the site glossary.
 */
export function findProtectedSpans(text: string, matchers: readonly ProtectedFormMatcher[]): readonly ProtectedSpan[] {
  const active = matchers.every((matcher) => !matcher.isEmpty) ? matchers : matchers.filter((matcher) => !matcher.isEmpty);
  if (active.length === 0) return noSpans;
  const spans: ProtectedSpan[] = [];
  for (let index = 0; index < text.length; ) {
    let best: ProtectedSpan | undefined;
    for (let which = 0; which < active.length; which += 1) {
      const span = active[which]!.longestAt(text, index);
      if (span && (!best || span.end > best.end)) best = span;
    }
    if (best) {
      spans.push(best);
      index = best.end;
    } else {
      index += 1;
    }
  }
  return spans;
}
