import { createConverterSet, type TraditionalVariant } from "../convert/index.js";
import type { Script } from "../convert/index.js";

/**
 * The search page converts a reader's query into the page's script before it asks Pagefind, so 扶贫 typed
 * on the Traditional site finds 扶貧 and 扶貧 typed on the Simplified site finds 扶贫. A whole dictionary
 * would be far too big to ship to a browser, so the build writes a table of only the characters the
 * site's own pages use: for each script, `typed character → candidates in this script`, most frequent
 * first. A character that is a word of its own in both scripts (后 in 皇后, 著 in 显著) lists itself too,
 * so a query typed in the page's own script is never made worse.
 */
export type QueryVariantTable = Record<string, string>;

/** Characters counted per script from the text of that script's pages. */
export type CharacterCounts = ReadonlyMap<Script, ReadonlyMap<string, number>>;

const HAN = /\p{Script=Han}/u;

/** Counts each Han character in a piece of page text. */
export function countHanCharacters(text: string, into: Map<string, number> = new Map()): Map<string, number> {
  for (const char of text) {
    if (HAN.test(char)) into.set(char, (into.get(char) ?? 0) + 1);
  }
  return into;
}

/**
 * For each script, maps a character a reader may type (in either script) to the forms of it that occur on
 * that script's pages. Only characters whose Simplified and Traditional forms differ are listed.
 */
export function buildQueryVariantTables(counts: CharacterCounts, traditional: TraditionalVariant): Record<Script, QueryVariantTable> {
  const converters = createConverterSet({ traditional, glossary: [], quotes: false });
  const toHans = converters.get("zh-Hant", "zh-Hans");
  const hans = counts.get("zh-Hans") ?? new Map<string, number>();
  const hant = counts.get("zh-Hant") ?? new Map<string, number>();

  // typed character → candidate → how often the candidate occurs on the target script's pages
  const candidates: Record<Script, Map<string, Map<string, number>>> = { "zh-Hans": new Map(), "zh-Hant": new Map() };
  const add = (script: Script, typed: string, candidate: string, count: number) => {
    let forTyped = candidates[script].get(typed);
    if (!forTyped) candidates[script].set(typed, (forTyped = new Map()));
    forTyped.set(candidate, count);
  };

  // Pairs come from the Traditional text: every Traditional form on the site and its Simplified form.
  const pairs: [string, string][] = [];
  for (const traditionalChar of [...hant.keys()].sort()) {
    const simplified = toHans.convert(traditionalChar);
    if (simplified === traditionalChar || [...simplified].length !== 1) continue;
    pairs.push([simplified, traditionalChar]);
  }
  for (const [simplified, traditionalChar] of pairs) {
    // On Traditional pages: a Simplified character typed becomes the Traditional forms the site uses.
    add("zh-Hant", simplified, traditionalChar, hant.get(traditionalChar) ?? 0);
    if (hant.has(simplified)) add("zh-Hant", simplified, simplified, hant.get(simplified)!);
    // On Simplified pages: a Traditional character typed becomes its Simplified form, if the site uses it.
    if (hans.has(simplified)) add("zh-Hans", traditionalChar, simplified, hans.get(simplified)!);
    if (hans.has(traditionalChar)) add("zh-Hans", traditionalChar, traditionalChar, hans.get(traditionalChar)!);
  }

  const table = (script: Script): QueryVariantTable => {
    const out: QueryVariantTable = {};
    for (const typed of [...candidates[script].keys()].sort()) {
      const ranked = [...candidates[script].get(typed)!].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([char]) => char);
      // A table entry that only repeats the typed character changes nothing.
      if (ranked.length === 1 && ranked[0] === typed) continue;
      out[typed] = ranked.join("");
    }
    return out;
  };
  return { "zh-Hans": table("zh-Hans"), "zh-Hant": table("zh-Hant") };
}

/**
 * Every way of writing `query` in the page's script, best first (the same logic runs in the browser, in
 * `templates/assets/search.js`; this copy is what the tests exercise). At most `limit` variants.
 */
export function queryVariants(query: string, table: QueryVariantTable, limit = 8): string[] {
  let variants = [""];
  for (const char of query) {
    const options = table[char] ? [...table[char]] : [char];
    const next: string[] = [];
    for (const option of options) for (const prefix of variants) next.push(prefix + option);
    variants = next.slice(0, limit);
  }
  return variants;
}
