import matter from "gray-matter";
import type { ProblemCollector } from "./problems.js";
import { parseYamlData, type YamlData, type YamlLimits } from "./yaml-data.js";

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
  const lines = text.split("\n");
  const first = lines[0] ?? "";
  if (first !== FENCE) {
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
  const closing = lines.indexOf(FENCE, 1);
  if (closing === -1) {
    problems.error(file, 1, 1, "front-matter-unclosed", `the front matter opened on line 1 is never closed; add a "---" line after the last field`);
    return undefined;
  }

  let yaml: YamlData | undefined;
  const refuse = (name: string) => () => {
    throw new Error(`front matter engine "${name}" is not allowed`);
  };
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
  const data = yaml ?? { value: {}, positions: new Map(), problems: [] };
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
