import { describe, expect, it } from "vitest";
import { parseYamlDataFully } from "../../src/content/yaml-data.js";
import { readPlainYaml } from "../../src/content/yaml-fast-path.js";
import type { DataPath } from "../../src/content/yaml-spots.js";

/**
 * The hand-written reader of plain front matter must give exactly what the YAML library gives, or decline.
 * Documents are built at random from pieces chosen to sit on both sides of every rule it applies.
 */
const KEYS = ["title", "zh-Hans", "_x", "a1", "tags", "null", "True", "false", "constructor", "__proto__", "标题", "a b", "1", "-a", "k".repeat(120), "on", "y"];
const SEPARATORS = [": ", ":  ", ":", " : ", ":\u00a0"];
const PLAIN = [
  "网络扶贫取得明显成效", "plain words", "a, b", "a [b] c", "a{b}", "a]", "http://x.y/z?q=1", "a:b", "a::b", "a: b", "a:", "a #b", "a#b", "it's",
  "-5", "5", "08355537", "+12", "-0", "0x1F", "0o17", "1.5", "1.", ".5", "1e5", ".inf", "-.Inf", ".NaN", "~", "null", "Null", "true", "True", "TRUE", "False",
  "tRue", "2020-11-13 14:45", "@x", "`x", "%x", "!x", "!!str x", "&a x", "*a", "|", ">", "? x", "-x", "- x", ":x", "x:y:z", "trail  ", "a\u200bb",
  "\u202e反转", "a\tb", "a\u00a0b", "\u3000全角", "a\u2028b", "a\u0085b", "\ufeffa", "99999999999999999999", "a ,b", "a\\b", "'", "a'", "a\"",
];
const QUOTED = ['"quoted"', '"a\\"b"', '"a\\nb"', "'single'", "'it''s'", '"a" # c', '"x"y', '""', "''", '"  spaced  "', '"a: b"', '"#x"', "'\\'", '"unclosed', '"a\u200bb"'];
const FLOW_LISTS = ["[a, b]", "[]", "[ ]", "[ a , b ]", "[a,b]", "[a, [b]]", "[a,]", "[a b, \"c d\"]", "[1, 08, x]", "[a: b]", '["a": b]', "[a, {b: c}]", "[a", "[a] x", "[a] # c", "[true, null]", "[1.5]", "['x', 'y''z']", "[a,,b]", "[ \"q\" , 'r' ]", "[-a]", "[a #b]", "[a#b]"];
const FLOW_MAPS = ["{zh-Hans: 一网通办, zh-Hant: 一網通辦}", "{a: \"x\", b: 'y'}", "{}", "{a:b}", "{a: b,}", "{a: b, a: c}", "{a: [b]}", "{ a: b }", "{a: b} x", "{\"a\": b}", "{a: 1, b: true}", "{a: }", "{null: x}", "{a: b c, d: e}"];
const BLOCK_LISTS = ["\n  - a\n  - b", "\n- a\n- b", "\n  - a\n   - b", "\n  -a", "\n  - {zh-Hans: 鼠标, zh-Hant: 滑鼠}", "\n  - [a]", "\n  -", "\n\n  - a", "\n  - a\n  # c\n  - b", "\n  - a: b", "\n  -  spaced", "\n  - \"q\"", "\n  - 8355540\n  - '0042'", "\n  - - a", "\n    - a\n    - b", "\n  - a\n\n  - b", "\n  - a # c", ""];
const EXTRA_LINES = ["# comment", "", "   ", "  indented: x", "...", "---x", "- a", "%YAML 1.2", "  # indented comment", "#"];

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** One value in every position the fast path reads: after a key, in flow lists and maps, as a list item. */
function placements(scalar: string): string[] {
  return [`x: ${scalar}`, `x: [${scalar}]`, `x: [a, ${scalar}, b]`, `x: {zh-Hans: ${scalar}, zh-Hant: b}`, `x:\n  - ${scalar}`, `x:\n  - {k: ${scalar}}`];
}

function documentFrom(next: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const lines: string[] = [];
  const count = 1 + Math.floor(next() * 4);
  for (let i = 0; i < count; i++) {
    const kind = next();
    if (kind < 0.08) {
      lines.push(pick(EXTRA_LINES));
      continue;
    }
    const key = next() < 0.9 ? `k${i}` : pick(KEYS);
    const separator = next() < 0.9 ? ": " : pick(SEPARATORS);
    const valueKind = next();
    const value = valueKind < 0.35 ? pick(PLAIN) : valueKind < 0.55 ? pick(QUOTED) : valueKind < 0.75 ? pick(FLOW_LISTS) : valueKind < 0.85 ? pick(FLOW_MAPS) : "";
    lines.push(valueKind >= 0.85 ? `${key}:${pick(BLOCK_LISTS)}` : `${key}${separator}${value}`);
  }
  return `\n${lines.join("\n")}${next() < 0.3 ? "\n" : ""}`;
}

function dataPaths(value: unknown, path: DataPath = []): DataPath[] {
  if (Array.isArray(value)) return [path, ...value.flatMap((item, index) => dataPaths(item, [...path, index]))];
  if (value !== null && typeof value === "object") return [path, ...Object.entries(value).flatMap(([key, item]) => dataPaths(item, [...path, key]))];
  return [path];
}

function expectSameAsFullParse(text: string): boolean {
  const fast = readPlainYaml(text);
  if (!fast) return false;
  const full = parseYamlDataFully(text, { maxAliasExpansions: 100 });
  expect(full.problems, text).toEqual([]);
  expect(fast.value, text).toStrictEqual(full.value);
  for (const path of dataPaths(full.value)) expect(fast.spots.get(path), `${text} at ${JSON.stringify(path)}`).toStrictEqual(full.spots.get(path));
  return true;
}

describe("the plain front matter fast path", () => {
  it("reads typical front matter exactly as the YAML library does", () => {
    const text = [
      "",
      "id: 08355537",
      'title: "6方面发力 加强证明事项告知承诺制"',
      "kicker: 一线直击",
      'date: "2010-12-26 08:48"',
      "byline:",
      "  - 新华社记者 李志强",
      "  - 本报记者 张三",
      "tags: [依法行政, 数字政府]",
      "related: [1000572, 1003028]",
      "draft: true",
      "glossary:",
      '  - {zh-Hans: "12345政务服务便民热线", zh-Hant: 一網通辦}',
      "",
    ].join("\n");
    expect(expectSameAsFullParse(text)).toBe(true);
  });

  it("declines what it does not read", () => {
    for (const text of ["\ntitle: a # c", "\nid: 0x1F", "\nsummary:", "\ntitle: &a x", "\ntitle: \"a\\nb\"", "\ntitle:\ta", "\ntitle: a\n  b", "\na: 1\na: 2", "\n__proto__: x"]) {
      expect(readPlainYaml(text), text).toBeUndefined();
    }
  });

  it("agrees with the YAML library on every piece in every place", () => {
    const lines = [
      ...KEYS.flatMap((key) => SEPARATORS.map((separator) => `${key}${separator}x`)),
      ...[...PLAIN, ...QUOTED].flatMap(placements),
      ...[...FLOW_LISTS, ...FLOW_MAPS].map((value) => `x: ${value}`),
      ...BLOCK_LISTS.map((list) => `x:${list}`),
      ...EXTRA_LINES.map((line) => `${line}\nx: y`),
    ];
    const accepted = lines.filter((line) => expectSameAsFullParse(`\n${line}\n`)).length;
    expect(accepted).toBeGreaterThan(lines.length / 3);
  });

  it("agrees with the YAML library on thousands of documents built from tricky pieces", () => {
    const next = random(20261101);
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) if (expectSameAsFullParse(documentFrom(next))) accepted++;
    // Enough are read by hand for the comparison to mean something.
    expect(accepted).toBeGreaterThan(3_000);
  });
});
