import { SpotIndex, type DataPath, type Located } from "./yaml-spots.js";

/**
 * A fast reader for the YAML nearly every front matter block is: `key: value` lines whose values are
 * one-line plain or quoted scalars, one-line flow lists (`[a, b]`) and maps (`{k: v}`), or block lists of
 * those. Building the full YAML syntax tree costs far more than everything else done per article, so
 * this subset is read by hand, giving exactly the values and spots the full parse gives.
 *
 * It declines (returns undefined, and the full parser runs) at anything it does not handle: comments
 * after values, escapes, anchors, tags, multi-line scalars, nulls, numbers other than decimal integers,
 * control or separator characters, duplicate or prototype keys, anything indented but a list item. Every
 * YAML error or refusal happens on the full path, so problems and their positions are the full parser's.
 * tests/content/yaml-fast-path.test.ts compares the two.
 */

/** Keys that would reach Object.prototype if a later merge or lookup treated them naively. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** Tabs, CR, other controls, NEL, line and paragraph separators, BOM and noncharacters: left to the full parser. */
const UNUSUAL_CHARACTER = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;
/** Characters a plain scalar may not start with (YAML's c-indicator). */
const INDICATORS = "-?:,[]{}#&*!|>'\"%@`";
const [SPACE, COLON, HASH, COMMA] = [0x20, 0x3a, 0x23, 0x2c];
/** A key the core schema reads as a plain string: a word that is not null or a boolean. */
const WORD_KEY = /^[A-Za-z_][A-Za-z0-9_-]{0,99}$/;
const NON_STRING_WORD = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
/** The core schema's tests (yaml/dist/schema/core), in its order of precedence. */
const CORE_NULL = /^(?:~|[Nn]ull|NULL)?$/;
const CORE_BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const CORE_INT = /^[-+]?[0-9]+$/;
const CORE_OTHER_NUMBER =
  /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/;

const DECLINE = Symbol("decline");

interface Read {
  readonly value: unknown;
  /** Index in the line just after what was read. */
  readonly end: number;
}

interface Scalar extends Read {
  readonly source: string;
  readonly start: number;
}

export interface PlainYaml {
  readonly value: Record<string, unknown>;
  readonly spots: SpotIndex;
}

export function readPlainYaml(text: string): PlainYaml | undefined {
  if (UNUSUAL_CHARACTER.test(text)) return undefined;
  const lines = text.split("\n");
  const spots = new SpotIndex();
  const value: Record<string, unknown> = {};
  let empty = true;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (line[0] === "#" || skipSpaces(line, 0) === line.length) continue;
    const colon = line.indexOf(":");
    const key = colon === -1 ? "" : line.slice(0, colon);
    if (!isWordKey(key) || Object.hasOwn(value, key)) return undefined;
    const keyAt = { line: n + 1, column: 1 };
    // The document's mapping starts at its first key.
    if (empty) spots.set([], { value: keyAt });
    empty = false;
    const start = skipSpaces(line, colon + 1);
    if (start === line.length) {
      const list = readBlockList(lines, n + 1, [key], keyAt, spots);
      if (!list) return undefined;
      value[key] = list.value;
      n = list.end - 1;
      continue;
    }
    if (start === colon + 1) return undefined;
    const node = readNode(line, n, start, [key], keyAt, spots);
    if (!node || skipSpaces(line, node.end) !== line.length) return undefined;
    value[key] = node.value;
  }
  return empty ? undefined : { value, spots };
}

/** `- item` lines below a key; `end` is the first line after them. */
function readBlockList(lines: readonly string[], first: number, path: DataPath, keyAt: Located, spots: SpotIndex): Read | undefined {
  const items: unknown[] = [];
  let indent = -1;
  let n = first;
  for (; n < lines.length; n++) {
    const line = lines[n]!;
    const dash = skipSpaces(line, 0);
    if (line[dash] !== "-" || line[dash + 1] !== " ") break;
    if (indent === -1) spots.set(path, { key: keyAt, value: at(n, dash) });
    else if (dash !== indent) return undefined;
    indent = dash;
    const start = skipSpaces(line, dash + 1);
    if (start === line.length) return undefined;
    const node = readNode(line, n, start, [...path, items.length], undefined, spots);
    if (!node || skipSpaces(line, node.end) !== line.length) return undefined;
    items.push(node.value);
  }
  // A key with nothing below it is null, which the full parser places.
  return items.length === 0 ? undefined : { value: items, end: n };
}

function readNode(line: string, n: number, start: number, path: DataPath, keyAt: Located | undefined, spots: SpotIndex): Read | undefined {
  const opening = line[start];
  if (opening === "[" || opening === "{") {
    spots.set(path, withKey(keyAt, at(n, start)));
    return opening === "[" ? readFlowList(line, n, start, path, spots) : readFlowMap(line, n, start, path, spots);
  }
  const scalar = readScalar(line, start, false);
  if (scalar) {
    const valueAt = at(n, start);
    spots.set(path, keyAt ? { key: keyAt, value: valueAt, source: scalar.source } : { value: valueAt, source: scalar.source });
  }
  return scalar;
}

function readFlowList(line: string, n: number, opening: number, path: DataPath, spots: SpotIndex): Read | undefined {
  const items: unknown[] = [];
  let i = skipSpaces(line, opening + 1);
  if (line[i] === "]") return { value: items, end: i + 1 };
  for (;;) {
    const scalar = readScalar(line, i, true);
    if (!scalar) return undefined;
    spots.set([...path, items.length], { value: at(n, i), source: scalar.source });
    items.push(scalar.value);
    i = skipSpaces(line, scalar.end);
    if (line[i] === "]") return { value: items, end: i + 1 };
    if (line[i] !== ",") return undefined;
    i = skipSpaces(line, i + 1);
  }
}

function readFlowMap(line: string, n: number, opening: number, path: DataPath, spots: SpotIndex): Read | undefined {
  const map: Record<string, unknown> = {};
  let i = skipSpaces(line, opening + 1);
  if (line[i] === "}") return { value: map, end: i + 1 };
  for (;;) {
    const colon = line.indexOf(": ", i);
    const key = colon === -1 ? "" : line.slice(i, colon);
    if (!isWordKey(key) || Object.hasOwn(map, key)) return undefined;
    const start = skipSpaces(line, colon + 1);
    const scalar = readScalar(line, start, true);
    if (!scalar) return undefined;
    spots.set([...path, key], { key: at(n, i), value: at(n, start), source: scalar.source });
    map[key] = scalar.value;
    i = skipSpaces(line, scalar.end);
    if (line[i] === "}") return { value: map, end: i + 1 };
    if (line[i] !== ",") return undefined;
    i = skipSpaces(line, i + 1);
  }
}

/**
 * A one-line scalar at `start`: quoted without escapes, or plain. In a flow collection a plain scalar
 * ends at a flow indicator (`,[]{}`); a `:` there, or a `: ` or ` #` anywhere, could start a key or a comment.
 */
function readScalar(line: string, start: number, flow: boolean): Scalar | undefined {
  const first = line[start];
  if (first === undefined) return undefined;
  if (first === '"' || first === "'") {
    const close = line.indexOf(first, start + 1);
    if (close === -1) return undefined;
    const body = line.slice(start + 1, close);
    if (first === '"' && body.includes("\\")) return undefined;
    return { value: body, source: body, start, end: close + 1 };
  }
  if (INDICATORS.includes(first)) return undefined;
  // Scanned by code unit: indexing a string by position makes a new string for every CJK character.
  let end = start;
  for (; end < line.length; end++) {
    const code = line.charCodeAt(end);
    if (code > 0x7e) continue;
    if (code === COLON && (flow || end + 1 === line.length || line.charCodeAt(end + 1) === SPACE)) return undefined;
    if (code === HASH && line.charCodeAt(end - 1) === SPACE) return undefined;
    if (flow && (code === COMMA || code === 0x5b || code === 0x5d || code === 0x7b || code === 0x7d)) break;
  }
  while (line.charCodeAt(end - 1) === SPACE) end--;
  const source = line.slice(start, end);
  const value = plainValue(source);
  return value === DECLINE ? undefined : { value, source, start, end };
}

/** What the core schema makes of a plain scalar, where the answer is a string, a boolean or an integer. */
function plainValue(source: string): unknown {
  if (CORE_NULL.test(source)) return DECLINE;
  if (CORE_BOOL.test(source)) return source[0] === "t" || source[0] === "T";
  if (CORE_INT.test(source)) return parseInt(source, 10);
  if (CORE_OTHER_NUMBER.test(source)) return DECLINE;
  return source;
}

function isWordKey(key: string): boolean {
  return WORD_KEY.test(key) && !NON_STRING_WORD.test(key) && !FORBIDDEN_KEYS.has(key);
}

function skipSpaces(line: string, from: number): number {
  let i = from;
  while (line.charCodeAt(i) === SPACE) i++;
  return i;
}

function at(lineIndex: number, index: number): Located {
  return { line: lineIndex + 1, column: index + 1 };
}

function withKey(keyAt: Located | undefined, valueAt: Located): { key?: Located; value: Located } {
  return keyAt ? { key: keyAt, value: valueAt } : { value: valueAt };
}
