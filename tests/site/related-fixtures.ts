import type { RelatedConfig } from "../../src/config/site-config.js";
import type { RelatedCandidate } from "../../src/site/related.js";

const DAY = 86_400_000;

/** A small deterministic generator (mulberry32), so a failure can be reproduced. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Shape {
  readonly count: number;
  readonly tags: number;
  readonly tagsPerArticle: readonly [number, number];
  readonly repeatTags: boolean;
}

/** Articles with random times (few distinct days, so ties are common), sections, tags and editor's picks. */
export function generateCandidates(seed: number, shape: Shape): RelatedCandidate[] {
  const next = random(seed);
  const pick = (n: number) => Math.floor(next() * n);
  return Array.from({ length: shape.count }, (_, i) => {
    const [fewest, most] = shape.tagsPerArticle;
    const tagKeys: string[] = [];
    const wanted = fewest + pick(most - fewest + 1);
    while (tagKeys.length < wanted) {
      const tag = `标签${pick(shape.tags)}`;
      if (shape.repeatTags || !tagKeys.includes(tag)) tagKeys.push(tag);
    }
    // Few distinct days, so equal times (and the id tie-break) are common.
    return {
      id: `a${(i * 7919) % shape.count}`,
      epochMs: pick(900) * DAY,
      section: `s${pick(6)}`,
      tagKeys,
      editorPicks: next() < 0.1 ? [`a${pick(shape.count)}`, "missing"] : [],
    };
  });
}

export const rankingConfig: RelatedConfig = { count: 5, weights: { tags: 1, section: 0.5, date: 0.5 }, dateRangeDays: 365 };

