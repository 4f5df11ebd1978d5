/** A problem found in content, located so an editor can jump straight to it. */
export interface ContentProblem {
  /** Path relative to the project root, with forward slashes, e.g. `content/fazhi/8355537.md`. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly severity: "error" | "warning";
  /** A stable machine name for the kind of problem, e.g. `unknown-key`. */
  readonly rule: string;
}

export function formatProblem(problem: ContentProblem): string {
  const label = problem.severity === "warning" ? "warning: " : "";
  return `${problem.file}:${problem.line}:${problem.column}: ${label}${problem.message} [${problem.rule}]`;
}

export function sortProblems(problems: readonly ContentProblem[]): ContentProblem[] {
  return [...problems].sort(
    (a, b) =>
      compareStrings(a.file, b.file) || a.line - b.line || a.column - b.column || compareStrings(a.message, b.message),
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Thrown when content has errors; carries every problem of the build, not just the first. */
export class ContentValidationError extends Error {
  readonly problems: readonly ContentProblem[];

  constructor(problems: readonly ContentProblem[]) {
    const errors = problems.filter((p) => p.severity === "error");
    super(`${errors.length} content ${errors.length === 1 ? "error" : "errors"}; nothing was published.`);
    this.name = "ContentValidationError";
    this.problems = sortProblems(problems);
  }
}

/** Collects problems for one file so loaders can keep going after the first one. */
export class ProblemCollector {
  readonly #problems: ContentProblem[] = [];
  // Counted as added: loaders ask for the count around every file, which must not rescan all problems.
  #errorCount = 0;

  add(problem: ContentProblem): void {
    this.#problems.push(problem);
    if (problem.severity === "error") this.#errorCount++;
  }

  error(file: string, line: number, column: number, rule: string, message: string): void {
    this.add({ file, line, column, rule, message, severity: "error" });
  }

  warning(file: string, line: number, column: number, rule: string, message: string): void {
    this.add({ file, line, column, rule, message, severity: "warning" });
  }

  get all(): readonly ContentProblem[] {
    return this.#problems;
  }

  get errorCount(): number {
    return this.#errorCount;
  }

  get hasErrors(): boolean {
    return this.#errorCount > 0;
  }
}
