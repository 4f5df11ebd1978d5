import { describe, expect, it } from "vitest";
import { computeRelated } from "../../src/site/related.js";
import { generateCandidates, rankingConfig } from "./related-fixtures.js";

// The worker exists only in the compiled build (`npm test` compiles first): from the TypeScript sources the
// ranking stays in this thread, so this test loads the compiled module to cover the path large sites take.
const compiled = new URL("../../lib/src/site/related-in-background.js", import.meta.url).href;

describe("related news ranked on another core", () => {
  it("gives exactly what ranking in this thread gives, for a site large enough to use the worker", async () => {
    const { computeRelatedInBackground } = (await import(compiled)) as typeof import("../../src/site/related-in-background.js");
    const articles = generateCandidates(11, { count: 6000, tags: 40, tagsPerArticle: [1, 5], repeatTags: false });
    const inWorker = await computeRelatedInBackground(articles, rankingConfig);
    expect(inWorker.size).toBe(6000);
    expect(inWorker).toEqual(computeRelated(articles, rankingConfig));
  });
});
