import matter from "gray-matter";
import type { ProblemCollector } from "./problems.js";
import { parseYamlData, type YamlData, type YamlLimits } from "./yaml-data.js";
import { SpotIndex } from "./yaml-spots.js";

export interface FrontMatterResult {
  readonly data: Record<string, unknown>;
  readonly yaml: YamlData;
  /**
   * File line of the YAML text's line 1. gray-matter hands over the text from just after the opening `---`
   * (its line 1 is the empty rest of that line), so YAML line N is file line N.
   */
  readonly yamlStartLine: number;
  readonly body: string;
  /** 1-based line in the file where the Markdown body starts. */
  readonly bodyStartLine: number;
}

const FENCE = "---";

/**
 * Splits and parses front matter. The block must open on line 1 with a bare `---` (a `---js` or any other
 * engine name is refused before anything parses it) and close with a `---` line. gray-matter does the split,
 * with every engine but our YAML reader replaced by one that refuses, so nothing can ever execute.
 */
export function readFrontMatter(
  text: string,
  file: string,
  problems: ProblemCollector,
  limits: YamlLimits,
): FrontMatterResult | undefined {
  const firstBreak = text.indexOf("\n");
  const first = firstBreak === -1 ? text : text.slice(0, firstBreak);
  if (first !== FENCE) {
    const lines = text.split("\n");
    const leading = /^---\s*\S/.exec(first);
    if (leading) {
      const engine = first.slice(3).trim();
      problems.error(file, 1, 4, "front-matter-engine", `front matter must be YAML; "---${engine}" asks for ${engine}, which fabu never runs. Start the file with a bare "---" line`);
    } else {
      const fenceLine = lines.findIndex((line) => line === FENCE);
      const where = fenceLine > 0 ? ` (a "---" line was found at line ${fenceLine + 1}; move the front matter to the top of the file)` : "";
      problems.error(file, 1, 1, "front-matter-missing", `the file must start with front matter: a "---" line, the YAML fields, and a closing "---" line${where}`);
    }
    return undefined;
  }
  const closing = closingFenceLine(text);
  if (closing === -1) {
    problems.error(file, 1, 1, "front-matter-unclosed", `the front matter opened on line 1 is never closed; add a "---" line after the last field`);
    return undefined;
  }

  let yaml: YamlData | undefined;
  const refuse = (name: string) => () => {
    throw new Error(`front matter engine "${name}" is not allowed`);
  };
  // With options given, gray-matter keeps no cache of the files it has split (it would hold every article).
  const parsed = matter(text, {
    language: "yaml",
    engines: {
      yaml: (source: string) => {
        yaml = parseYamlData(source, limits);
        return {};
      },
      javascript: refuse("javascript"),
      js: refuse("js"),
      coffee: refuse("coffee"),
      json: refuse("json"),
      toml: refuse("toml"),
    },
  });
  const yamlStartLine = 1;
  // gray-matter skips its parser for an empty block; treat that as an empty mapping.
  const data = yaml ?? { value: {}, spots: new SpotIndex(), problems: [] };
  for (const problem of data.problems) {
    problems.error(file, problem.line + yamlStartLine - 1, problem.column, problem.rule, problem.message);
  }
  if (data.problems.length > 0) return undefined;
  if (data.value === null || typeof data.value !== "object" || Array.isArray(data.value)) {
    problems.error(file, yamlStartLine, 1, "front-matter-shape", "front matter must be a list of `field: value` lines");
    return undefined;
  }
  return {
    data: data.value as Record<string, unknown>,
    yaml: data,
    yamlStartLine,
    body: parsed.content,
    bodyStartLine: closing + 2,
  };
}

/** The 0-based line of the first bare `---` line after line 1, or -1. */
function closingFenceLine(text: string): number {
  for (let at = text.indexOf("\n---"); at !== -1; at = text.indexOf("\n---", at + 1)) {
    if (at + 4 === text.length || text[at + 4] === "\n") return countLineBreaks(text, at + 1);
  }
  return -1;
}

function countLineBreaks(text: string, end: number): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at !== -1 && at < end; at = text.indexOf("\n", at + 1)) count++;
  return count;
}
