import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { FORBIDDEN_KEYS, readPlainYaml } from "./yaml-fast-path.js";
import { SpotIndex, type DataPath, type Located } from "./yaml-spots.js";

export type { DataPath, Located, Spot } from "./yaml-spots.js";

/** Explicit tags that still mean plain data; anything else (`!!binary`, `!!js/…`, `!include`) is refused. */
const PLAIN_SCALAR_TAGS = new Set(["str", "int", "float", "bool", "null"].map((name) => `tag:yaml.org,2002:${name}`));

export interface YamlProblem extends Located {
  readonly rule: string;
  readonly message: string;
}

export interface YamlData {
  readonly value: unknown;
  /** Where each key and value stands, relative to the YAML text. */
  readonly spots: SpotIndex;
  readonly problems: readonly YamlProblem[];
}

export interface YamlLimits {
  /** How many alias nodes may be expanded in total; bounds "billion laughs" documents. */
  readonly maxAliasExpansions: number;
}

/**
 * Parses YAML as plain data: the core schema only (no timestamps, no `!!binary`, no custom or `js/` tags),
 * unique keys, no prototype keys, bounded alias expansion. Every problem carries a line and column.
 */
export function parseYamlData(text: string, limits: YamlLimits): YamlData {
  // Plain `key: value` front matter is read by hand; everything else, and every problem, takes the full parser.
  const plain = readPlainYaml(text);
  return plain ? { value: plain.value, spots: plain.spots, problems: [] } : parseYamlDataFully(text, limits);
}

/** The same, always through the YAML library (exported so tests can hold the fast path to it). */
export function parseYamlDataFully(text: string, limits: YamlLimits): YamlData {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, {
    lineCounter,
    schema: "core",
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    stringKeys: false,
  });
  const problems: YamlProblem[] = [];
  const at = (offset: number): Located => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  for (const issue of [...doc.errors, ...doc.warnings]) {
    const opening = unclosedOpening(text, issue.message, issue.pos[0]);
    const message = opening ? `this ${opening.char} is never closed; add ${opening.closer}` : yamlMessage(issue.code, issue.message);
    problems.push({ ...at(opening?.offset ?? issue.pos[0]), rule: "yaml-syntax", message });
  }
  if (problems.length > 0) return { value: undefined, spots: new SpotIndex(), problems };

  const spots = new SpotIndex();
  let expansions = 0;
  const refuse = (node: Node | null | undefined, rule: string, message: string): undefined => {
    problems.push({ ...at(node?.range?.[0] ?? 0), rule, message });
    return undefined;
  };

  const toValue = (node: unknown, path: DataPath, keyAt: Located | undefined): unknown => {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      expansions++;
      if (expansions > limits.maxAliasExpansions) {
        return refuse(node, "yaml-aliases", `too many alias expansions (limit ${limits.maxAliasExpansions}); write the data out instead of using aliases`);
      }
      const target = node.resolve(doc);
      return target ? toValue(target, path, keyAt) : refuse(node, "yaml-syntax", `unknown alias *${node.source}`);
    }
    const yamlNode = node as Node;
    if (yamlNode.tag && !isScalar(yamlNode) && yamlNode.tag !== "tag:yaml.org,2002:map" && yamlNode.tag !== "tag:yaml.org,2002:seq") {
      return refuse(yamlNode, "yaml-tag", `the tag ${yamlNode.tag} is not allowed; front matter holds plain data only`);
    }
    const valueAt = at(yamlNode.range?.[0] ?? 0);
    if (isScalar(yamlNode)) {
      if (yamlNode.tag && !PLAIN_SCALAR_TAGS.has(yamlNode.tag)) {
        return refuse(yamlNode, "yaml-tag", `the tag ${yamlNode.tag} is not allowed; front matter holds plain data only`);
      }
      const source = typeof yamlNode.source === "string" ? yamlNode.source : undefined;
      spots.set(path, keyAt ? { key: keyAt, value: valueAt, source } : { value: valueAt, source });
      return yamlNode.value;
    }
    spots.set(path, keyAt ? { key: keyAt, value: valueAt } : { value: valueAt });
    if (isSeq(yamlNode)) {
      return yamlNode.items.map((item, index) => toValue(item, [...path, index], undefined));
    }
    if (isMap(yamlNode)) {
      const out: Record<string, unknown> = {};
      for (const pair of yamlNode.items) {
        const keyNode = pair.key as Node | null;
        if (!isScalar(keyNode) || (typeof keyNode.value !== "string" && typeof keyNode.value !== "number")) {
          refuse(keyNode, "yaml-key", "keys must be plain words");
          continue;
        }
        const key = String(keyNode.value);
        if (FORBIDDEN_KEYS.has(key)) {
          refuse(keyNode, "forbidden-key", `the key "${key}" is not allowed`);
          continue;
        }
        out[key] = toValue(pair.value, [...path, key], at(keyNode.range?.[0] ?? 0));
      }
      return out;
    }
    return refuse(yamlNode, "yaml-syntax", "unsupported YAML node");
  };

  const value = toValue(doc.contents, [], undefined);
  return { value, spots, problems };
}

/**
 * The yaml library reports an unclosed `[`, `{` or quote where it gave up (often the next line); an editor
 * needs the place where it was opened.
 */
function unclosedOpening(text: string, message: string, errorOffset: number): { offset: number; char: string; closer: string } | undefined {
  const kind = /^Flow sequence/.test(message) ? ["[", "]"] : /^Flow map/.test(message) ? ["{", "}"] : /^Missing closing "quote/.test(message) ? ['"', '"'] : /^Missing closing 'quote/.test(message) ? ["'", "'"] : undefined;
  if (!kind) return undefined;
  const [open, close] = kind as [string, string];
  let depth = 0;
  for (let i = Math.min(errorOffset, text.length) - 1; i >= 0; i--) {
    const ch = text[i];
    if (open !== close && ch === close) depth++;
    else if (ch === open) {
      if (depth === 0) return { offset: i, char: open, closer: close };
      depth--;
    }
  }
  return undefined;
}

function yamlMessage(code: string, message: string): string {
  // The yaml library appends " at line N, column M" and a code frame; we print our own location.
  const firstLine = message.split("\n")[0] ?? message;
  const text = firstLine.replace(/ at line \d+, column \d+:?$/, "");
  if (code === "TAG_RESOLVE_FAILED") return `${text}; front matter holds plain data only`;
  if (code === "DUPLICATE_KEY") return "a key appears twice; keep one";
  if (code === "TAB_AS_INDENT") return "tabs are not allowed for indentation in YAML; use spaces";
  return text;
}
