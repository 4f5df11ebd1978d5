/**
 * Shared helpers for the conversion tests: reading data shared with other
 * projects, and naming OpenCC configurations in the converter's terms.
 */
import { readFileSync } from "node:fs";
import type { Script, TraditionalVariant } from "../../src/convert/index.js";

export interface OpenccTestCase {
  readonly id: string;
  readonly input: string;
  readonly expected: Readonly<Record<string, string>>;
}

/** Resolved from this file: tests/convert → project root → its sibling shared/. */
const openccTestCasesUrl = new URL("../../../shared/conformance/opencc-testcases.json", import.meta.url);

export function readOpenccTestCases(): readonly OpenccTestCase[] {
  const parsed = JSON.parse(readFileSync(openccTestCasesUrl, "utf8")) as { cases: OpenccTestCase[] };
  return parsed.cases;
}

export interface ConfigDirection {
  readonly from: Script;
  readonly to: Script;
  readonly traditional: TraditionalVariant;
  /** opencc-js locales for the same configuration. */
  readonly openccJs: { readonly from: string; readonly to: string };
}

/** Every configuration the site can use, as a direction of our converter and as opencc-js locales. */
export const siteConfigs: Readonly<Record<string, ConfigDirection>> = {
  s2t: { from: "zh-Hans", to: "zh-Hant", traditional: "t", openccJs: { from: "cn", to: "t" } },
  s2tw: { from: "zh-Hans", to: "zh-Hant", traditional: "tw", openccJs: { from: "cn", to: "tw" } },
  s2twp: { from: "zh-Hans", to: "zh-Hant", traditional: "twp", openccJs: { from: "cn", to: "twp" } },
  s2hk: { from: "zh-Hans", to: "zh-Hant", traditional: "hk", openccJs: { from: "cn", to: "hk" } },
  tw2s: { from: "zh-Hant", to: "zh-Hans", traditional: "tw", openccJs: { from: "tw", to: "cn" } },
  tw2sp: { from: "zh-Hant", to: "zh-Hans", traditional: "twp", openccJs: { from: "twp", to: "cn" } },
  hk2s: { from: "zh-Hant", to: "zh-Hans", traditional: "hk", openccJs: { from: "hk", to: "cn" } },
  t2s: { from: "zh-Hant", to: "zh-Hans", traditional: "t", openccJs: { from: "t", to: "cn" } },
};
