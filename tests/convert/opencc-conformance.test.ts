/**
 * OpenCC's own test cases, for every configuration the site uses, run through
 * our converter and through plain opencc-js. Expected failures are listed one
 * by one with their reason: the suite fails if one of them starts passing (so
 * the list shrinks) or if any other case fails.
 */
import * as OpenCC from "opencc-js";
import { afterAll, describe, expect, it } from "vitest";
import { createConverter } from "../../src/convert/index.js";
import { readOpenccTestCases, siteConfigs } from "./conformance-support.js";

const TSCHARACTERS_EXT =
  "opencc-js 1.4.x leaves out OpenCC's TSCharactersExt tofu-risk mappings on purpose " +
  "(rare extension-B/C characters often missing from fonts), so this Traditional→Simplified case keeps the Traditional character";

/** "config:id" → why the case is expected to fail. */
const expectedFailures: Readonly<Record<string, string>> = {
  // Also failing in plain opencc-js: data left out of opencc-js.
  "t2s:BYVoid_OpenCC_PR_1228_existing_behaviors": `${TSCHARACTERS_EXT} (殢 → 𣨼).`,
  "t2s:BYVoid_OpenCC_PR_1229_existing_behaviors": `${TSCHARACTERS_EXT} (圞 → 𪢮).`,
  "t2s:BYVoid_OpenCC_PR_464_xi_vs_xi": `${TSCHARACTERS_EXT} (樠 → 𣗊 in 樠谿).`,
  // Failing by design: the expected output records a forward-matching artefact.
  "tw2sp:BYVoid_OpenCC_Issue_475_tw2sp":
    "In 畫素藉由 forward matching takes 素藉 and so keeps 畫素 from becoming 像素 (expected: 画素借由); " +
    "our segmenter prefers 藉由, as backward matching does, and gives 像素借由, the reading the case's first 畫素 → 像素 asks for.",
};

const cases = readOpenccTestCases();
const summary: string[] = [];

for (const [config, direction] of Object.entries(siteConfigs)) {
  const applicable = cases.filter((testCase) => testCase.expected[config] !== undefined);
  const ours = createConverter(direction.from, direction.to, { traditional: direction.traditional, glossary: [], quotes: false });
  const upstream = OpenCC.Converter(direction.openccJs);

  describe(`OpenCC test cases: ${config}`, () => {
    it("has cases for this configuration", () => {
      expect(applicable.length).toBeGreaterThan(0);
    });

    for (const testCase of applicable) {
      const expected = testCase.expected[config]!;
      const failureReason = expectedFailures[`${config}:${testCase.id}`];
      it(`${testCase.id}${failureReason ? " (expected failure)" : ""}`, () => {
        const actual = ours.convert(testCase.input);
        if (failureReason) expect(actual, `listed as failing, now passes: remove it from the list`).not.toBe(expected);
        else expect(actual).toBe(expected);
      });
    }

    it("passes every case plain opencc-js passes, apart from listed design differences", () => {
      const failingUpstream = applicable.filter((testCase) => upstream(testCase.input) !== testCase.expected[config]);
      const failingOurs = applicable.filter((testCase) => ours.convert(testCase.input) !== testCase.expected[config]);
      summary.push(
        `${config.padEnd(6)} ${String(applicable.length).padStart(3)} cases · ours ${applicable.length - failingOurs.length} pass · opencc-js ${applicable.length - failingUpstream.length} pass`,
      );
      const upstreamIds = new Set(failingUpstream.map((testCase) => testCase.id));
      const worseThanUpstream = failingOurs.filter(
        (testCase) => !upstreamIds.has(testCase.id) && expectedFailures[`${config}:${testCase.id}`] === undefined,
      );
      expect(worseThanUpstream.map((testCase) => testCase.id)).toEqual([]);
    });
  });
}

describe("expected-failure list", () => {
  it("names only cases that exist", () => {
    for (const key of Object.keys(expectedFailures)) {
      const [config, id] = key.split(":");
      expect(cases.some((testCase) => testCase.id === id && config !== undefined && testCase.expected[config] !== undefined), key).toBe(true);
    }
  });
});

afterAll(() => {
  console.info(`OpenCC conformance (ours vs plain opencc-js):\n${summary.join("\n")}`);
});
