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

export class ProtectedFormMatcher {
  private readonly replacements = new Map<string, string>();
  /** Key lengths per first UTF-16 unit, longest first. */
  private readonly lengthsByFirstUnit = new Map<number, number[]>();

  constructor(pairs: Iterable<readonly [source: string, target: string]>) {
    for (const [source, target] of pairs) {
      if (source === "") continue;
      this.replacements.set(source, target);
    }
    for (const source of this.replacements.keys()) {
      const first = source.charCodeAt(0);
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
    const lengths = this.lengthsByFirstUnit.get(text.charCodeAt(index));
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
  const active = matchers.filter((matcher) => !matcher.isEmpty);
  if (active.length === 0) return noSpans;
  const spans: ProtectedSpan[] = [];
  for (let index = 0; index < text.length; ) {
    let best: ProtectedSpan | undefined;
    for (const matcher of active) {
      const span = matcher.longestAt(text, index);
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
