import { describe, expect, it } from "vitest";
import type { RelatedConfig } from "../../src/config/site-config.js";
import { computeRelated, type RelatedCandidate } from "../../src/site/related.js";
import { generateCandidates as generate, rankingConfig as config, type Shape } from "./related-fixtures.js";

// The ranking's indexes, windows and early stops must pick exactly what scoring every candidate would.
// This reference does that the slow, obvious way, from the documented rule: the candidates of an article
// are its section's 20 nearest neighbours in time either side and, for each of its tags, the 200 articles
// with that tag nearest to it in time; each scores tags × shared tags + section × same section + date ×
// closeness; the best positive scores win, ties to the lower id.

const DAY = 86_400_000;
const SECTION_NEIGHBOURS = 20;
const MAX_PER_TAG = 200;

function referenceRelated(articles: readonly RelatedCandidate[], config: RelatedConfig): Map<string, string[]> {
  const byTimeThenId = (a: RelatedCandidate, b: RelatedCandidate) => a.epochMs - b.epochMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const known = new Set(articles.map((a) => a.id));
  const result = new Map<string, string[]>();
  for (const article of articles) {
    const candidates = new Set<RelatedCandidate>();
    const sameSection = articles.filter((a) => a.section === article.section).sort(byTimeThenId);
    const position = sameSection.indexOf(article);
    sameSection.slice(Math.max(0, position - SECTION_NEIGHBOURS), position + SECTION_NEIGHBOURS + 1).forEach((a) => candidates.add(a));
    for (const tag of new Set(article.tagKeys)) {
      const tagged = articles.filter((a) => a.tagKeys.includes(tag)).sort(byTimeThenId);
      // Widen one entry at a time towards the nearer side, the earlier on a tie.
      let right = tagged.findIndex((a) => a.epochMs >= article.epochMs);
      if (right < 0) right = tagged.length;
      let left = right - 1;
      for (let taken = 0; taken < MAX_PER_TAG && (left >= 0 || right < tagged.length); taken++) {
        const takeLeft = right >= tagged.length || (left >= 0 && article.epochMs - tagged[left]!.epochMs <= tagged[right]!.epochMs - article.epochMs);
        candidates.add(takeLeft ? tagged[left--]! : tagged[right++]!);
      }
    }
    const picks = article.editorPicks.filter((id) => id !== article.id && known.has(id));
    const ownTags = new Set(article.tagKeys);
    const { tags, section, date } = config.weights;
    const scored = [...candidates]
      .filter((other) => other !== article && !picks.includes(other.id))
      .map((other) => {
        const closeness = Math.max(0, 1 - Math.abs(other.epochMs - article.epochMs) / (config.dateRangeDays * DAY));
        const shared = other.tagKeys.filter((tag) => ownTags.has(tag)).length;
        return { id: other.id, score: tags * shared + section * (other.section === article.section ? 1 : 0) + date * closeness };
      })
      .filter((c) => c.score > 0)
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    result.set(article.id, [...picks, ...scored.slice(0, Math.max(0, config.count - picks.length)).map((c) => c.id)]);
  }
  return result;
}

describe("related news at scale, against scoring every candidate", () => {
  const shapes: Record<string, Shape> = {
    "few tags on many articles (tag windows cut short, pair lists used)": { count: 1500, tags: 12, tagsPerArticle: [1, 4], repeatTags: false },
    "a tag written twice on an article (no pair lists)": { count: 1200, tags: 10, tagsPerArticle: [1, 4], repeatTags: true },
    "many tags per article (pairs would outgrow the index: none kept)": { count: 1200, tags: 30, tagsPerArticle: [7, 9], repeatTags: false },
  };
  for (const [name, shape] of Object.entries(shapes)) {
    it(name, () => {
      const articles = generate(20261129, shape);
      expect(computeRelated(articles, config)).toEqual(referenceRelated(articles, config));
    });
  }

  it("with other weights and counts", () => {
    const articles = generate(7, shapes["few tags on many articles (tag windows cut short, pair lists used)"]!);
    for (const other of [
      { count: 1, weights: { tags: 1, section: 0, date: 0 }, dateRangeDays: 30 },
      { count: 8, weights: { tags: 0.2, section: 2, date: 1 }, dateRangeDays: 3650 },
    ]) {
      expect(computeRelated(articles, other)).toEqual(referenceRelated(articles, other));
    }
  });
});
